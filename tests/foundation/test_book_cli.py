"""The book commands as a person and a script meet them: help with examples,
confirmations, near-duplicates, JSON on stdout, and book data kept inert."""

from __future__ import annotations

import json

import pytest
import typer.main

from netreach.cli import app

from .conftest import MINIMAL, book_text

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_book_commands_are_registered():
    assert {"init", "add", "link", "edit", "rm", "log", "list", "show", "validate"} <= set(
        COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_an_example(invoke, command):
    res = invoke(command, "--help")
    assert res.code == 0
    assert "Example" in res.stdout and f"netreach {command}" in res.stdout


def test_version_and_root_help(run):
    res = run("--help")
    assert res.code == 0 and all(c in res.stdout for c in COMMANDS)
    assert run("--version").stdout.startswith("netreach 0.")


# --- rm ---------------------------------------------------------------------------

def test_rm_without_yes_off_a_terminal_refuses_and_changes_nothing(run, write_book):
    path = write_book(MINIMAL)
    before = path.read_bytes()
    # NETREACH_NO_INPUT unset: only the pipe on stdin says "not a terminal".
    res = run("rm", "dana-kim", "--book", path, input="y\n", env={"NETREACH_NO_INPUT": ""})
    assert res.code == 2
    assert "--yes" in res.stderr and res.stdout == ""
    assert path.read_bytes() == before


def test_rm_with_yes_reports_the_ties_it_removed(invoke, write_book):
    path = write_book(book_text("""\
        a: {name: A, knows: {b: 3}}
        b: {name: B}
        c: {name: C, knows: {b: 2, a: 1}}
        """))
    res = invoke("rm", "b", "--yes", "--book", path)
    assert res.code == 0 and "removed b and 2 ties" in res.stderr
    assert res.stdout == ""
    text = path.read_text()
    assert "b:" not in text.replace("name: B", "")
    assert "c: {name: C, knows: {a: 1}}" in text


def test_rm_unknown_person(invoke, write_book):
    path = write_book(MINIMAL)
    res = invoke("rm", "ghost", "--yes", "--book", path)
    assert res.code == 1 and "no person 'ghost'" in res.stderr


# --- add --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Dana Kim", "dana kim", "Dana  Kim", "Kim Dana", "Dana Kimm",
                                  "Dána Kim"])
def test_add_refuses_a_near_duplicate_unless_new(invoke, write_book, name):
    path = write_book(MINIMAL)
    before = path.read_bytes()
    res = invoke("add", name, "--book", path)
    assert res.code == 1
    assert "dana-kim (Dana Kim)" in res.stderr and "--new" in res.stderr
    assert path.read_bytes() == before
    res = invoke("add", name, "--new", "--book", path)
    assert res.code == 0, res.stderr
    assert len(path.read_text().split("name: ")) == 4  # me, Dana and the new one


def test_add_refuses_a_known_email(invoke, write_book):
    path = write_book(book_text("d: {name: Dana Kim, email: dana@example.com}\n"))
    res = invoke("add", "D. Kim-Park", "--email", "DANA@example.com", "--book", path)
    assert res.code == 1 and "d (Dana Kim)" in res.stderr


def test_add_makes_a_free_id_and_stores_a_known_company_by_id(invoke, write_book):
    path = write_book(book_text("dana-kim: {name: Someone Else}\n",
                                companies="acme: {name: Acme Robotics, aliases: [Acme]}\n"))
    res = invoke("add", "Dana Kim", "--company", "ACME", "--hiring", "--book", path)
    assert res.code == 0 and "added dana-kim-2" in res.stderr
    assert "  dana-kim-2:\n    name: Dana Kim\n    company: acme\n    hiring: true\n" in (
        path.read_text())


@pytest.mark.parametrize("args, code, message", [
    (["--id", "Not An Id"], 2, "not a valid id"),
    (["--id", "me"], 2, "reserved"),
    (["--closeness", "6"], 2, "--closeness"),
    (["--knows", "ghost=3"], 1, "no person 'ghost'"),
    (["--knows", "dana-kim=9"], 2, "1-5"),
    (["--community", "nope"], 1, "no community 'nope'"),
    (["--last-contact", "yesterday"], 2, "ISO date"),
])
def test_add_bad_options(invoke, write_book, args, code, message):
    path = write_book(MINIMAL)
    before = path.read_bytes()
    res = invoke("add", "Zed Zero", *args, "--book", path)
    assert res.code == code, res.stderr
    assert message in res.stderr and "Traceback" not in res.stderr
    assert path.read_bytes() == before


# --- link, edit, log: refusals ---------------------------------------------------

@pytest.mark.parametrize("args, code, message", [
    (["link", "dana-kim", "dana-kim"], 2, "cannot know themselves"),
    (["link", "dana-kim", "ghost"], 1, "no person 'ghost'"),
    (["edit", "ghost", "--title", "X"], 1, "no person, company or community"),
    (["edit", "dana-kim"], 2, "nothing to change"),
    (["edit", "dana-kim", "--name", ""], 2, "--name must not be empty"),
    (["edit", "dana-kim", "--title", " "], 2, "--unset title"),
    (["edit", "dana-kim", "--unset", "name"], 2, "cannot be unset"),
    (["edit", "dana-kim", "--outlook", "growing"], 2, "does not apply"),
    (["edit", "dana-kim", "--alias", "DK"], 2, "--alias applies to companies"),
    (["log", "dana-kim", "  "], 2, "must not be empty"),
    (["log", "dana-kim", "x", "--date", "14.09.2026"], 2, "ISO date"),
])
def test_refused_edits_change_nothing(invoke, write_book, args, code, message):
    path = write_book(MINIMAL)
    before = path.read_bytes()
    res = invoke(*args, "--book", path)
    assert res.code == code, res.stderr
    assert message in res.stderr and res.stdout == ""
    assert path.read_bytes() == before


def test_edit_value_the_book_would_reject_is_a_usage_error(invoke, write_book):
    path = write_book(book_text("", companies="acme: {name: Acme}\n"))
    res = invoke("edit", "acme", "--outlook", "booming", "--book", path)
    assert res.code == 2 and "growing, stable, unknown, shrinking, frozen" in res.stderr


# --- list and show -----------------------------------------------------------------

HOSTILE = book_text("""\
    mallory:
      name: "[bold red]Mallory[/] [link=https://evil.example]x[/link]"
      title: "\\e[31mred\\e[0m \\e]8;;https://evil.example\\e\\\\link"
      company: "\\u202eevil"
      notes: "\\e[2J\\x9b31m cleared"
      log: [{date: 2026-01-01, note: "\\e[1A up"}]
      knows: {bob: 2}
    bob:
      name: "Bob \\u2066iso\\u2069 \\a\\x85"
      closeness: 2
    """)


@pytest.mark.parametrize("args", [["list"], ["show", "mallory"], ["show", "bob"],
                                  ["list", "--json"], ["show", "mallory", "--json"]])
def test_book_data_is_inert_on_the_terminal(run, write_book, args):
    path = write_book(HOSTILE)
    res = run(*args, "--book", path)
    assert res.code == 0, res.stderr
    for out in (res.stdout, res.stderr):
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
        assert not any(c in out for c in "\u202e\u2066\u2069\x85")
    if "--json" not in args and args[-1] != "bob":
        assert "[bold red]Mallory[/]" in res.stdout  # shown as written, not as markup


def test_json_keeps_the_exact_data(invoke, write_book):
    path = write_book(HOSTILE)
    people = {p["id"]: p for p in json.loads(invoke("list", "--json", "--book", path).stdout)[
        "people"]}
    assert people["bob"]["name"] == "Bob \u2066iso\u2069 \x07\x85"
    assert people["mallory"]["notes"] == "\x1b[2J\x9b31m cleared"


def test_list_json_is_valid_and_filters(invoke, write_book):
    path = write_book(book_text("""\
        dana: {name: Dana, company: Acme Robotics, hiring: true, communities: [pydata]}
        eli: {name: Eli, company: acme, closeness: 3, knows: {dana: {strength: 2, credibility: 4}}}
        farah: {name: Farah, company: Initech}
        """, companies="acme: {name: Acme Robotics, aliases: [ACME]}\n",
        communities="pydata: {name: PyData}\n"))
    res = invoke("list", "--json", "--book", path)
    assert res.code == 0 and res.stderr == ""
    data = json.loads(res.stdout)
    assert [p["id"] for p in data["people"]] == ["dana", "eli", "farah"]
    eli = data["people"][1]
    assert eli["company"] == "acme" and eli["direct"] is True
    assert eli["ties"] == [{"id": "dana", "strength": 2, "credibility": 4}]

    def ids(*args):
        res = invoke("list", "--json", *args, "--book", path)
        assert res.code == 0, res.stderr
        return [p["id"] for p in json.loads(res.stdout)["people"]]

    assert ids("--company", "acme") == ["dana", "eli"]
    assert ids("--company", "ACME") == ["dana", "eli"]
    assert ids("--company", "initech") == ["farah"]
    assert ids("--community", "pydata") == ["dana"]
    assert ids("--hiring") == ["dana"]
    res = invoke("list", "--company", "nowhere", "--book", path)
    assert res.code == 1 and "no company 'nowhere'" in res.stderr


def test_show_json_is_valid(invoke, write_book):
    path = write_book(book_text("""\
        dana:
          name: Dana
          last_contact: 2026-09-14
          log: [{date: 2026-09-14, note: Coffee}]
          knows: {eli: 3}
        eli: {name: Eli}
        """))
    res = invoke("show", "eli", "--json", "--book", path)
    assert res.code == 0 and res.stderr == ""
    data = json.loads(res.stdout)
    assert data["id"] == "eli" and data["ties"] == [{"id": "dana", "strength": 3,
                                                     "credibility": 3}]
    dana = json.loads(invoke("show", "dana", "--json", "--book", path).stdout)
    assert dana["last_contact"] == "2026-09-14"
    assert dana["log"] == [{"date": "2026-09-14", "note": "Coffee"}]
    res = invoke("show", "ghost", "--json", "--book", path)
    assert res.code == 1 and res.stdout == ""


def test_list_table_and_count(invoke, write_book):
    path = write_book(MINIMAL)
    res = invoke("list", "--book", path)
    assert res.code == 0
    assert "dana-kim" in res.stdout and "Dana Kim" in res.stdout
    assert res.stderr == "1 person of 1\n"


# --- on a terminal ------------------------------------------------------------------

def on_a_terminal(args: list[str], answers: list[tuple[str, str]], timeout: float = 30
                  ) -> tuple[str, int]:
    """Run netreach on a pseudo-terminal, answering the prompts in order (each answer is
    given once the output ends with its prompt); returns what it showed and the code."""
    import os
    import pty
    import select
    import sys
    import time

    from .conftest import cli_env

    env = cli_env()
    env.pop("NETREACH_NO_INPUT")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(sys.executable, [sys.executable, "-m", "netreach", *args], env)
    shown = ""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096).decode(errors="replace")
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        while pending and shown.rstrip().endswith(pending[0][0]):
            os.write(fd, pending.pop(0)[1].encode() + b"\n")
            shown += "\n"
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return shown, os.waitstatus_to_exitcode(status)


def test_add_asks_for_what_is_missing_on_a_terminal(write_book):
    path = write_book(MINIMAL)
    shown, code = on_a_terminal(
        ["add", "Zara New", "--book", str(path)],
        [("Company (blank: none):", "Initech"), ("Title (blank: none):", ""),
         ("(blank: not yet):", "9"), ("(blank: not yet):", "4")])
    assert code == 0, shown
    assert "Please answer 1, 2, 3, 4 or 5" in shown  # asked again, not failed at save
    assert "  zara-new:\n    name: Zara New\n    company: Initech\n    closeness: 4\n" in (
        path.read_text())


def test_rm_asks_on_a_terminal(write_book):
    path = write_book(MINIMAL)
    before = path.read_bytes()
    shown, code = on_a_terminal(["rm", "dana-kim", "--book", str(path)], [("[y/N]:", "n")])
    assert code == 0 and "nothing removed" in shown
    assert path.read_bytes() == before
    shown, code = on_a_terminal(["rm", "dana-kim", "--book", str(path)], [("[y/N]:", "y")])
    assert code == 0 and "removed dana-kim" in shown
    assert "dana-kim" not in path.read_text()


def test_shell_completion_of_ids(tmp_path):
    import subprocess
    import sys

    from .conftest import COMMENTED, cli_env

    def complete(words: str) -> list[str]:
        env = cli_env(_NETREACH_COMPLETE="complete_bash", COMP_WORDS=words,
                      COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
        proc = subprocess.run(
            [sys.executable, "-c", "from netreach.cli import app; app(prog_name='netreach')"],
            capture_output=True, text=True, env=env, timeout=60)
        return proc.stdout.split()

    book = str(COMMENTED)
    assert complete(f"netreach show --book {book} e") == ["eli-park"]
    assert complete(f"netreach rm --book {book} ") == ["ben-ortiz", "dana-kim", "eli-park",
                                                        "farah-ali"]
    assert complete(f"netreach list --book {book} --company g") == ["globex"]
    assert complete(f"netreach list --book {book} --community r") == ["runners"]
    assert complete(f"netreach show --book {tmp_path / 'missing.yaml'} e") == []
