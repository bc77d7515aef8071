"""Book text that reaches a terminal or a Markdown renderer stays inert (issue 18):
the ``rm`` prompt, ``export … -`` on a terminal, and URLs or e-mail addresses in a
Markdown plan, which renderers with autolinking (GitHub, linkify) would turn into
live links."""

from __future__ import annotations

import html as html_lib
import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.book import editing
from netreach.book.editing import add_entry
from netreach.book.loading import load
from netreach.book.splice import TextEdit
from tests.adversarial.conftest import TODAY, cli
from tests.adversarial.hostile import EXAMPLE_BYTES, HOSTILE_TEXT
from tests.adversarial.test_hostile_data import assert_inert_terminal, hostile_book
from tests.conftest import cli_env


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_book(tmp_path_factory.mktemp("hostile"))


# --- the rm prompt -------------------------------------------------------------------------

@pytest.mark.parametrize("pid", ["h2", "h3", "h4", "h6"])  # ANSI, OSC 8, C1 CSI, bidi
def test_the_rm_confirmation_prompt_is_inert(pid: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch):
    from netreach.cli import book_cmds

    path = hostile_book(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(book_cmds, "interactive", lambda: True)
    res = cli("rm", pid, "--book", path, input="n\n")
    assert res.code == 0, res.stderr
    assert "Remove" in res.stdout  # the prompt was shown...
    assert_inert_terminal(res.stdout + res.stderr)  # ...with the name made inert
    assert path.read_bytes() == before


# --- export to a terminal ------------------------------------------------------------------

def on_a_terminal(args: list[str], timeout: float = 60) -> bytes:
    """What ``netreach ARGS`` prints when stdout is a terminal (a pseudo-terminal)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "netreach", *args], stdout=slave,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=cli_env())
    os.close(slave)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], timeout)
            assert ready, "no output: the command hangs"
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(timeout=timeout) == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        if proc.stderr:
            proc.stderr.close()
    return b"".join(chunks).replace(b"\r\n", b"\n")


@pytest.mark.parametrize("fmt", ["json", "csv", "vcard", "graphml"])
def test_export_to_a_terminal_is_inert(fmt: str, book: Path):
    shown = on_a_terminal(["export", fmt, "-", "--book", str(book)]).decode("utf-8")
    assert_inert_terminal(shown)
    if fmt == "json":  # escaped as JSON: the same data, exactly
        names = {p["name"] for p in json.loads(shown)["people"]}
        assert set(HOSTILE_TEXT) <= names


def test_export_into_a_pipe_is_the_exact_file(book: Path, tmp_path: Path):
    """Only a terminal gets the inert form: a pipe gets the bytes a file gets."""
    out = tmp_path / "out.json"
    assert cli("export", "json", out, "--book", book).code == 0
    piped = subprocess.run([sys.executable, "-m", "netreach", "export", "json", "-", "--book",
                            str(book)], capture_output=True, env=cli_env(), timeout=60)
    assert piped.returncode == 0
    assert piped.stdout == out.read_bytes()
    assert "\u202e".encode() in piped.stdout


# --- Markdown autolinks --------------------------------------------------------------------

LINKY = (
    "Click https://evil.example/phish now",
    "www.evil-example.com",
    "mail me: x@evil-example.com",
    "mailto:boss@evil.example",
    "evil-example.com/login",
    "http://localhost:8080/admin",
    "HTTPS://EVIL.EXAMPLE",
    "ftp://files.evil.example",
    "<https://evil.example/angle>",
    "пример.рф and ｅｖｉｌ.com",
)


def linky_book(folder: Path) -> Path:
    """The example book plus a company and people whose every field is a URL or an
    address, on chains a plan shows."""
    root = TextEdit.read(EXAMPLE_BYTES.decode("utf-8"))
    add_entry(root, "companies", "phish", {"name": LINKY[0], "outlook": "growing",
                                           "industry": LINKY[5]})
    for i, text in enumerate(LINKY):
        other = LINKY[(i + 3) % len(LINKY)]
        add_entry(root, "people", f"l{i}", {
            "name": text, "company": "phish", "title": other, "hiring": i < 3,
            "email": other, "url": text, "notes": text,
            "knows": {"mira-schulz": 4},
        })
    editing.set_fields(root, "me", None, {"headline": LINKY[1]})
    path = folder / "contacts.yaml"
    path.write_text(root.dump(), encoding="utf-8")
    load(path.read_bytes(), str(path))
    return path


def test_a_markdown_plan_has_no_link_from_data_even_with_autolinking(tmp_path: Path):
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("gfm-like", {"linkify": True})  # GitHub-style bare-URL autolinks
    assert "<a " in renderer.render("see https://evil.example/phish and x@evil-example.com")
    book = linky_book(tmp_path)
    out = tmp_path / "plan.md"
    res = cli("plan", "phish", "-k", "5", "--format", "markdown", "-o", out,
              "--today", TODAY, "--book", book)
    assert res.code == 0, res.stderr
    html = renderer.render(out.read_text(encoding="utf-8"))
    assert "<a " not in html and "<a>" not in html
    # The text is still there to read, only not a link.
    for text in ("Click https://evil.example/phish now", "x@evil-example.com",
                 "www.evil-example.com", "http://localhost:8080/admin"):
        assert text in html


_URLISH = ("http", "https", "HTTP", "ftp", "mailto", "xmpp", "www", ":", "//", "/", ".", "@",
           "com", "example", "io", "рф", "x", "1", "-", "_", " ", "(", ")", "[", "]", "<", ">",
           "*", "~", "\\", "&amp;", "?", "=", "#", "%", "'", '"', "\u200b", "。")


@given(st.lists(st.sampled_from(_URLISH), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_no_text_becomes_a_link_and_every_text_reads_as_written(text: str):
    """Any text made of URL pieces: no link, and the rendered words are the text."""
    from markdown_it import MarkdownIt

    from netreach.render.safe import clean, md

    renderer = MarkdownIt("gfm-like", {"linkify": True})
    html = renderer.render(f"Name: {md(text)}\n")
    assert "<a" not in html
    shown = html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip()
    assert shown == f"Name: {clean(text)}".strip()
