"""Names and notes that try to do harm: markup, escapes, controls, bidi overrides,
HTML and spreadsheet formulas. Inert in every output, and kept exactly as data."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from netreach.book.editing import add_entry, set_fields
from netreach.book.loading import load
from netreach.book.splice import TextEdit
from tests.adversarial.conftest import TODAY, Cmd, cli, need
from tests.adversarial.hostile import ESCAPES, EXAMPLE_BYTES, HOSTILE_TEXT

COMPANY = "evil-co"
HIRER = "h0"


def hostile_book(folder: Path) -> Path:
    """The example book plus a company, a community and people made of hostile text.

    Each hostile person works at ``evil-co`` and knows Mira, so chains reach them.
    """
    doc = TextEdit.read(EXAMPLE_BYTES.decode("utf-8"))
    root = doc.root
    add_entry(root, "companies", COMPANY, {"name": HOSTILE_TEXT[0], "outlook": "growing",
                                           "aliases": ["Evil Co"]})
    add_entry(root, "communities", "evil-club", {"name": HOSTILE_TEXT[7], "kind": "club"})
    for i, text in enumerate(HOSTILE_TEXT):
        other = HOSTILE_TEXT[(i + 3) % len(HOSTILE_TEXT)]
        add_entry(root, "people", f"h{i}", {
            "name": text, "company": COMPANY, "title": other, "hiring": i == 0,
            "email": other, "url": text, "communities": ["evil-club"],
            "knows": {"mira-schulz": 4}, "notes": text,
            "log": [{"date": "2026-11-01", "note": other}],
        })
    root.append("me", None, ("seeking", "companies"), COMPANY)
    set_fields(root, "me", None, {"headline": HOSTILE_TEXT[2]})
    path = folder / "contacts.yaml"
    path.write_text(doc.dump(), encoding="utf-8")
    load(path.read_bytes(), str(path))  # the hostile book itself is valid
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_book(tmp_path_factory.mktemp("hostile"))


def test_the_hostile_book_keeps_every_string_exactly(book: Path):
    network = load(book.read_bytes(), str(book))
    for i, text in enumerate(HOSTILE_TEXT):
        person = network.people[f"h{i}"]
        assert person.name == text and person.notes == text and person.url == text
    assert network.companies[COMPANY].name == HOSTILE_TEXT[0]


def assert_inert_terminal(text: str) -> None:
    """No byte a terminal acts on: escapes, C0/C1 controls, bidi overrides."""
    for ch in (*ESCAPES, "\x00", "\x7f", "\x85", "\u2066", "\u200f"):
        assert ch not in text, f"{ch!r} reached the terminal"
    assert "\x1b]8;" not in text  # no OSC 8 hyperlink


TERMINAL = [
    ("list", ("list",)),
    ("list-company", ("list", "--company", COMPANY)),
    ("show", ("show", HIRER)),
    ("show-markup", ("show", "h1")),
    ("paths", ("paths", COMPANY, "--today", TODAY)),
    ("paths-explain", ("paths", COMPANY, "--explain", "--all", "-k", "20", "--today", TODAY)),
    ("paths-fuzzy", ("paths", "Evil", "--today", TODAY)),
    ("companies", ("companies", "--today", TODAY)),
    ("validate", ("validate",)),
    ("plan", ("plan", COMPANY, "--today", TODAY)),
    ("next", ("next", "--today", TODAY)),
    ("reach", ("reach", "--today", TODAY)),
    ("suggest", ("suggest", COMPANY, "--today", TODAY)),
]


@pytest.mark.parametrize(("name", "args"), TERMINAL, ids=[t[0] for t in TERMINAL])
def test_terminal_output_is_inert(name: str, args: tuple[str, ...], book: Path,
                                  monkeypatch):
    need(Cmd(name, args))
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping: markup must show whole
    res = cli(*args, "--book", book)
    assert res.code == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert_inert_terminal(res.stdout)
    assert_inert_terminal(res.stderr)


@pytest.mark.parametrize("pid", [f"h{i}" for i in range(len(HOSTILE_TEXT))])
def test_show_prints_markup_literally_and_controls_as_escapes(pid: str, book: Path,
                                                              monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    res = cli("show", pid, "--book", book)
    assert res.code == 0, res.stderr
    assert_inert_terminal(res.stdout)
    text = HOSTILE_TEXT[int(pid[1:])]
    shown = "".join(c if c.isprintable() and c not in "\u202e\u202c" else
                    f"\\u{ord(c):04x}" for c in text)
    # The name is printed as written (markup literal), controls as visible escapes.
    assert shown in res.stdout


def test_markup_is_not_interpreted(book: Path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    listing = cli("list", "--book", book).stdout
    assert "[bold red]Mallory[/]" in listing
    assert "[link=https://evil.example/]click me[/link]" in listing


def test_messages_on_stderr_are_inert(book: Path):
    """Hostile text from the command line comes back in messages: inert too."""
    for args in (("show", "\x1b[31mx"), ("list", "--company", "\x1b]8;;x\x1b\\[bold]y"),
                 ("paths", "\u202eqqzx\x9b", "--today", TODAY), ("log", "\x07", "note")):
        res = cli(*args, "--book", book)
        assert res.code != 0
        assert "Traceback" not in res.stderr
        assert_inert_terminal(res.stdout + res.stderr)


# --- JSON ---------------------------------------------------------------------------------

JSON_CMDS = [
    ("list-json", ("list", "--json")),
    ("show-json", ("show", HIRER, "--json")),
    ("paths-json", ("paths", COMPANY, "--json", "--all", "-k", "20", "--today", TODAY)),
    ("companies-json", ("companies", "--json", "--today", TODAY)),
    ("next-json", ("next", "--json", "--today", TODAY)),
    ("reach-json", ("reach", "--json", "--today", TODAY)),
    ("suggest-json", ("suggest", COMPANY, "--json", "--today", TODAY)),
]


def strings_in(data: Any) -> set[str]:
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set().union(*(strings_in(v) for v in data.values()), set(data))
    if isinstance(data, list):
        return set().union(set(), *(strings_in(v) for v in data))
    return set()


@pytest.mark.parametrize(("name", "args"), JSON_CMDS, ids=[t[0] for t in JSON_CMDS])
def test_json_is_inert_on_a_terminal_and_exact_as_data(name: str, args: tuple[str, ...],
                                                       book: Path):
    need(Cmd(name, args))
    res = cli(*args, "--book", book)
    assert res.code == 0, res.stderr
    assert_inert_terminal(res.stdout)  # printed raw, JSON must escape them itself
    data = json.loads(res.stdout)
    if name in ("list-json", "show-json"):
        found = strings_in(data)
        wanted = set(HOSTILE_TEXT) if name == "list-json" else {HOSTILE_TEXT[0]}
        assert wanted <= found  # escaped, not altered: the data survives exactly


# --- files: HTML, Markdown, CSV, GraphML, JSON, vCard ---------------------------------------

def _output(cmd: Cmd, book: Path, tmp_path: Path) -> str:
    need(cmd)
    out = tmp_path / "out.file"
    res = cli(*cmd.argv(book, out))
    assert res.code == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert_inert_terminal(res.stdout + res.stderr)
    return out.read_text(encoding="utf-8") if out.exists() else res.stdout


def test_html_plan_escapes_everything(book: Path, tmp_path: Path):
    html = _output(Cmd("plan-html", ("plan", COMPANY, "--format", "html", "-o", "{out}",
                                     "--today", TODAY)), book, tmp_path)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "\x9b" not in html
    assert 'href="https://evil' not in html


def test_markdown_plan_escapes_html_and_links(book: Path, tmp_path: Path):
    md = _output(Cmd("plan-md", ("plan", COMPANY, "--format", "markdown", "-o", "{out}",
                                 "--today", TODAY)), book, tmp_path)
    assert "<script>" not in md
    assert "\x1b" not in md and "\x9b" not in md and "\u202e" not in md


CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def test_csv_export_neutralises_formulas(book: Path, tmp_path: Path):
    text = _output(Cmd("export-csv", ("export", "csv", "{out}"), probe=("export",)),
                   book, tmp_path)
    rows = list(csv.reader(io.StringIO(text)))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(CSV_TRIGGERS)]
    assert any("cmd|' /C calc'!A0" in c for c in cells)  # kept, but as text


def test_graphml_export_is_valid_xml_with_every_name(book: Path, tmp_path: Path):
    import networkx as nx

    _output(Cmd("export-graphml", ("export", "graphml", "{out}"), probe=("export",)),
            book, tmp_path)
    out = tmp_path / "out.file"
    ET.parse(out)  # well-formed whatever the names hold
    graph = nx.read_graphml(out)
    names = {str(v) for _, attrs in graph.nodes(data=True) for v in attrs.values()}
    assert "<script>alert(1)</script>" in names


def test_json_export_keeps_every_string(book: Path, tmp_path: Path):
    text = _output(Cmd("export-json", ("export", "json", "{out}"), probe=("export",)),
                   book, tmp_path)
    assert set(HOSTILE_TEXT) <= strings_in(json.loads(text))


def test_vcard_export_cannot_be_split_by_a_name(book: Path, tmp_path: Path):
    import vobject

    text = _output(Cmd("export-vcard", ("export", "vcard", "{out}"), probe=("export",)),
                   book, tmp_path)
    cards = list(vobject.readComponents(text))
    people = load(book.read_bytes(), str(book)).people
    assert len(cards) == len(people)  # "Line\nBreak" did not start a card of its own
    names = [c.fn.value for c in cards]
    assert not [n for n in names if re.search("[\x00-\x1f\x7f-\x9f]", n)]
    for text in HOSTILE_TEXT:  # each name is still there (controls may become spaces)
        core = max(re.split("[\x00-\x1f\x7f-\x9f]", text), key=len)
        assert any(core in n for n in names), text


@pytest.mark.parametrize("args", [
    ("add", "Bad\udcffName", "--new"),
    ("add", "Fine Name", "--new", "--notes", "bad \udcff"),
    ("edit", "mira-schulz", "--title", "\udcff"),
    ("log", "mira-schulz", "met \udcff", "--date", "2026-11-01"),
], ids=["add-name", "add-notes", "edit-title", "log-note"])
def test_undecodable_command_line_bytes_are_refused_not_written(args, tmp_path: Path):
    """Bytes that are not UTF-8 on the command line (``$'\\xff'``) reach Python as lone
    surrogates: a usage error, and the book untouched."""
    book = tmp_path / "contacts.yaml"
    book.write_bytes(EXAMPLE_BYTES)
    res = cli(*args, "--book", book)
    assert res.code == 2, res.stderr
    assert "not UTF-8" in res.stderr
    assert book.read_bytes() == EXAMPLE_BYTES


def test_a_poisoned_cache_is_never_trusted(tmp_path: Path, monkeypatch):
    """Whatever netreach caches, garbage in the cache directory changes nothing:
    the same answer, and no code from it runs (a pickle that would touch a sentinel)."""
    import pickle

    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(cache / "netreach"))
    monkeypatch.delenv("NETREACH_NO_CACHE", raising=False)
    book = tmp_path / "contacts.yaml"
    book.write_bytes(EXAMPLE_BYTES)
    args = ("paths", "nordlicht", "--json", "--today", TODAY, "--book", book)
    first = cli(*args)
    assert first.code == 0
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files, "the first run wrote no cache file: there is nothing to poison"
    sentinel = tmp_path / "SENTINEL"

    class Payload:
        def __reduce__(self):
            return (open, (str(sentinel), "w"))

    poisons = [b"", b"\x00" * 64, pickle.dumps(Payload()), b"garbage" * 1000]
    for poison in poisons:
        for p in files:
            if p.exists():
                p.write_bytes(poison if poison else p.read_bytes()[: len(p.read_bytes()) // 2])
        again = cli(*args)
        assert again.code == 0, again.stderr
        assert json.loads(again.stdout) == json.loads(first.stdout)
        assert not sentinel.exists()


@pytest.mark.parametrize("content", [b"netreach: 1\nme: {name: A, x: 1}\n", None],
                         ids=["invalid-book", "no-such-book"])
def test_a_hostile_file_name_is_inert_in_messages(content: bytes | None, tmp_path: Path):
    """The book's own path is printed in every message: escapes and line breaks in it
    must not reach the terminal, nor split a problem over two lines."""
    book = tmp_path / "evil\x1b[31m\u202e\nname.yaml"
    if content is not None:
        book.write_bytes(content)
    res = cli("validate", "--book", book)
    assert res.code == (65 if content else 1)
    assert_inert_terminal(res.stderr)
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
