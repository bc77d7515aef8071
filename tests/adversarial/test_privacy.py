"""Privacy: errors locate a problem without printing what the notes say, and netreach
never touches the network."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from tests.adversarial.conftest import COMMANDS, TODAY, Cmd, cli, need
from tests.adversarial.hostile import EXAMPLE_BYTES, person_book

SECRET = "SECRET-7f3a-she-is-leaving-acme"

# (id, the person's fields) — each puts the secret in a note and breaks something near it.
AROUND_THE_NOTE = [
    ("wrong-type-beside", f"name: A\ncloseness: high\nnotes: {SECRET}"),
    ("out-of-range-beside", f"name: A\nvouch: 9\nnotes: {SECRET}"),
    ("unknown-field-beside", f"name: A\nnotez: x\nnotes: {SECRET}"),
    ("note-is-a-list", f"name: A\nnotes: [{SECRET}]"),
    ("note-is-a-mapping", f"name: A\nnotes: {{x: {SECRET}}}"),
    ("colon-in-note", f"name: A\nnotes: {SECRET}: and: more"),
    ("unclosed-quote", f'name: A\nnotes: "{SECRET}'),
    ("bad-escape", f'name: A\nnotes: "{SECRET} \\q"'),
    ("control-char", f"name: A\nnotes: {SECRET}\x07"),
    ("tag-in-note", f"name: A\nnotes: !{SECRET}"),
    ("global-tag-in-note", f"name: A\nnotes: !!{SECRET} x"),
    ("anchor-in-note", f"name: A\nnotes: &{SECRET} x"),
    ("alias-in-note", f"name: A\nnotes: *{SECRET}"),
    ("starts-with-percent", f"name: A\nnotes: %{SECRET}"),
    ("bad-block-scalar", f"name: A\nnotes: |\n  {SECRET}\n bad"),
    ("too-long-note", f"name: A\nnotes: {SECRET}" + "x" * 1_000_001),
    ("log-note-bad-date", f"name: A\nlog:\n  - {{date: soon, note: {SECRET}}}"),
    ("log-note-unknown-key", f"name: A\nlog:\n  - {{date: 2026-01-01, note: {SECRET}, x: 1}}"),
    ("dangling-tie-beside", f"name: A\nknows: {{ghost: 2}}\nnotes: {SECRET}"),
    ("secret-in-invalid-utf8", None),
]


def _book(folder: Path, fields: str | None) -> Path:
    path = folder / "contacts.yaml"
    if fields is None:
        path.write_bytes(person_book(f"name: A\nnotes: {SECRET}") .replace(
            b"name: A", b"name: A\xff"))
    else:
        path.write_bytes(person_book(fields))
    return path


@pytest.mark.parametrize(("case", "fields"), AROUND_THE_NOTE, ids=[c for c, _ in AROUND_THE_NOTE])
def test_errors_locate_the_problem_without_printing_the_note(case, fields, tmp_path: Path):
    book = _book(tmp_path, fields)
    for args in (("validate",), ("list",), ("add", "Someone New")):
        res = cli(*args, "--book", book)
        assert res.code == 65, (case, res.stderr)
        assert SECRET not in res.stderr and SECRET not in res.stdout
        assert SECRET[:12] not in res.stderr  # not even a prefix of it
        assert res.stderr.startswith(f"{book}:"), res.stderr
        assert book.read_bytes().count(SECRET.encode()) == 1


def test_an_edit_refused_as_invalid_does_not_echo_the_note(tmp_path: Path):
    """`edit --closeness` on a person whose note is secret: the message names fields only."""
    book = tmp_path / "contacts.yaml"
    book.write_bytes(person_book(f"name: A\nnotes: {SECRET}"))
    res = cli("edit", "a", "--last-contact", "not-a-date", "--book", book)
    assert res.code == 2
    assert SECRET not in res.stderr


# --- no network ------------------------------------------------------------------------

NO_NETWORK = textwrap.dedent('''
    """Loaded first by every Python started with this folder on PYTHONPATH: no network."""
    import os
    import socket

    def _refuse(*args, **kwargs):
        with open(os.environ["NETREACH_NET_LOG"], "a") as fh:
            fh.write(repr(args[:2]) + "\\n")
        raise OSError("network access attempted by a test that forbids it")

    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.socket.sendto = _refuse
    socket.getaddrinfo = _refuse
    socket.gethostbyname = _refuse
    socket.create_connection = _refuse
    with open(os.environ["NETREACH_NET_GUARD"], "w") as fh:
        fh.write("on")
''')

OFFLINE: list[tuple[str, tuple[str, ...]]] = [
    ("validate", ("validate",)),
    ("list", ("list", "--json")),
    ("show", ("show", "mira-schulz")),
    ("paths", ("paths", "nordlicht", "--explain", "--today", TODAY)),
    ("companies", ("companies", "--today", TODAY)),
    ("add", ("add", "Offline Person", "--company", "nordlicht", "--closeness", "2")),
    ("edit", ("edit", "mira-schulz", "--title", "Staff SRE")),
    ("link", ("link", "mira-schulz", "kofi-mensah", "--strength", "2")),
    ("log", ("log", "mira-schulz", "coffee", "--date", "2026-11-20")),
    ("rm", ("rm", "kofi-mensah", "--yes")),
    ("plan", ("plan", "nordlicht", "--format", "html", "-o", "{out}", "--today", TODAY)),
    ("next", ("next", "--today", TODAY)),
    ("reach", ("reach", "--today", TODAY)),
    ("suggest", ("suggest", "--today", TODAY)),
    ("export", ("export", "graphml", "{out}")),
    ("export", ("export", "vcard", "{out}")),
]


DRIVER = textwrap.dedent("""
    import json, sys
    from typer.main import get_command
    from netreach.cli import app
    command = get_command(app)
    codes = []
    for args in json.loads(sys.argv[1]):
        try:
            result = command.main(args, prog_name="netreach", standalone_mode=False)
            codes.append(result if isinstance(result, int) else 0)  # Exit(n) returns n
        except SystemExit as exit:
            codes.append(exit.code or 0)
        except Exception as err:  # a typer.Exit, or a failure: both are reported
            codes.append(getattr(err, "exit_code", repr(err)))
    print(json.dumps(codes))
""")


def test_the_main_commands_work_with_the_network_disabled(tmp_path: Path):
    """One Python process, sockets disabled by a sitecustomize.py, runs every command."""
    import json
    import subprocess
    import sys

    from tests.adversarial.conftest import registered
    from tests.conftest import SRC, cli_env

    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    log, on = tmp_path / "net.log", tmp_path / "guard-on"
    book = tmp_path / "contacts.yaml"
    book.write_bytes(EXAMPLE_BYTES)
    runs = [[a.format(out=tmp_path / f"out{i}") for a in args] + ["--book", str(book)]
            for i, (name, args) in enumerate(OFFLINE) if registered(Cmd(name, args).words)]
    runs.append(["init", "--name", "Offline", "--book", str(tmp_path / "new.yaml")])
    runs.append(["validate", "--book", str(tmp_path / "missing.yaml")])  # the driver sees failures
    env = cli_env(PYTHONPATH=f"{guard}{os.pathsep}{SRC}", NETREACH_NET_LOG=str(log),
                  NETREACH_NET_GUARD=str(on))
    proc = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(runs)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    codes = json.loads(proc.stdout.splitlines()[-1])
    assert codes == [0] * (len(runs) - 1) + [1], list(zip(runs, codes, strict=True))
    assert on.read_text() == "on"  # the guard was really loaded
    assert not log.exists(), log.read_text()
    assert len(runs) >= 11


def test_a_command_table_entry_exists_for_every_registered_command():
    """New commands join the adversarial table (or this test says which are missing)."""
    from netreach.cli import app

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    names |= {g.name or "" for g in app.registered_groups}
    covered = {c.words[0] for c in COMMANDS} | {"init"}
    assert names - covered == set(), "add these commands to COMMANDS in conftest.py"


def test_need_fails_when_a_command_is_missing():
    need(Cmd("validate", ("validate",)))  # a command of netreach: passes
    with pytest.raises(pytest.fail.Exception, match="not a command of netreach"):
        need(Cmd("frobnicate", ("frobnicate",)))
