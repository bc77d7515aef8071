"""Hostile books and hostile text, shared by the adversarial tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import EXAMPLE

EXAMPLE_BYTES = EXAMPLE.read_bytes()
MINI = b"netreach: 1\nme: {name: Alex}\n"


def person_book(fields: str, extra_people: str = "") -> bytes:
    """A small valid book around one person ``a`` whose entry holds ``fields`` (YAML lines)."""
    body = "".join(f"    {line}\n" for line in fields.splitlines())
    return (
        "netreach: 1\nme:\n  name: Alex\n  communities: [club]\n"
        "communities:\n  club: {name: Club, kind: club}\n"
        "people:\n  a:\n" + body + extra_people
    ).encode()


def _truncated() -> bytes:
    # Cut in the middle of a line, well inside the people section.
    cut = EXAMPLE_BYTES.index(b"seen_my_work", len(EXAMPLE_BYTES) // 2) + 6
    return EXAMPLE_BYTES[:cut]


def _block_deep(levels: int) -> bytes:
    return b"netreach: 1\nme:\n" + b"".join(b" " * (i + 2) + b"x:\n" for i in range(levels))


def _alias_bomb() -> bytes:
    # The "billion laughs": 9 levels of 9 aliases, 9**9 strings if expanded.
    lines = [b"netreach: 1", b"me: {name: Alex}", b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, "
             b"lol, lol]"]
    for i in range(1, 10):
        refs = b", ".join([b"*a%d" % (i - 1)] * 9)
        lines.append(b"a%d: &a%d [%s]" % (i, i, refs))
    return b"\n".join(lines) + b"\n"


@dataclass(frozen=True)
class BadBook:
    """A book that must be refused: how to make it, and what the error must hold."""

    id: str
    make: Callable[[Path, Path], Path]  # (folder, sentinel) -> the path to give as --book
    located: bool = True  # every line carries FILE:LINE:COL
    says: str = ""  # a word the message must contain (case-insensitive)


def _bytes(data: bytes | Callable[[Path], bytes]) -> Callable[[Path, Path], Path]:
    def make(folder: Path, sentinel: Path) -> Path:
        path = folder / "contacts.yaml"
        path.write_bytes(data(sentinel) if callable(data) else data)
        return path

    return make


def _directory(folder: Path, sentinel: Path) -> Path:
    path = folder / "contacts.yaml"
    path.mkdir()
    return path


def _dev_null(folder: Path, sentinel: Path) -> Path:
    return Path("/dev/null")


def _tag(sentinel: Path) -> bytes:
    return (f'netreach: 1\nme: !!python/object/apply:os.system ["touch {sentinel}"]\n').encode()


def _tag_top(sentinel: Path) -> bytes:
    return f'!!python/object/apply:os.system ["touch {sentinel}"]\n'.encode()


def _tag_new(sentinel: Path) -> bytes:
    return (f"netreach: 1\nme: !!python/object/new:os.system [touch {sentinel}]\n").encode()


BAD_BOOKS: tuple[BadBook, ...] = (
    BadBook("empty", _bytes(b""), says="empty"),
    BadBook("blank-lines", _bytes(b"\n   \n\t\n"), says="empty"),
    BadBook("only-comment", _bytes(b"# nothing here\n"), says="empty"),
    BadBook("not-utf8", _bytes(MINI.replace(b"Alex", b"Al\xe9x")), says="utf-8"),
    BadBook("utf16", _bytes(MINI.decode().encode("utf-16")), says="utf-8"),
    BadBook("bom", _bytes(b"\xef\xbb\xbf" + EXAMPLE_BYTES), says="byte-order mark"),
    BadBook("nul-byte", _bytes(MINI.replace(b"Alex", b"Al\x00ex"))),
    BadBook("control-char", _bytes(MINI.replace(b"Alex", b"Al\x1b[31mex"))),
    BadBook("duplicate-key", _bytes(b"netreach: 1\nme: {name: Alex}\nnetreach: 1\n"),
            says="duplicate"),
    BadBook("duplicate-id", _bytes(EXAMPLE_BYTES + b"  mira-schulz: {name: Mira Again}\n"),
            says="duplicate"),
    BadBook("unknown-field", _bytes(person_book("name: A\nclosenes: 3")), says="unknown field"),
    BadBook("wrong-type", _bytes(person_book("name: A\ncloseness: [3]")), says="integer"),
    BadBook("wrong-type-name", _bytes(person_book("name: {first: A}")), says="string"),
    BadBook("out-of-range", _bytes(person_book("name: A\ncloseness: 9")), says="less than"),
    BadBook("negative", _bytes(person_book("name: A\nvouch: -1")), says="greater than"),
    BadBook("huge-number", _bytes(person_book("name: A\ncloseness: " + "9" * 5000))),
    BadBook("bad-date", _bytes(person_book("name: A\nlast_contact: 2026-02-30"))),
    BadBook("bad-enum", _bytes(MINI + b"companies:\n  acme: {name: Acme, outlook: booming}\n"),
            says="outlook"),
    BadBook("dangling-tie", _bytes(person_book("name: A\nknows: {ghost: 3}")), says="ghost"),
    BadBook("dangling-community", _bytes(person_book("name: A\ncommunities: [nowhere]")),
            says="nowhere"),
    BadBook("conflicting-tie", _bytes(person_book(
        "name: A\nknows: {b: 3}", "  b: {name: B, knows: {a: 5}}\n")), says="conflicts"),
    BadBook("missing-me", _bytes(b"netreach: 1\npeople: {}\n"), says="missing"),
    BadBook("version-2", _bytes(b"netreach: 2\nme: {name: Alex}\n"), says="version"),
    BadBook("top-list", _bytes(b"- netreach: 1\n- me: {name: Alex}\n"), says="mapping"),
    BadBook("top-scalar", _bytes(b"just some text\n"), says="mapping"),
    BadBook("yaml-syntax", _bytes(MINI + b'people:\n  a: {name: "unclosed\n'),
            says="invalid yaml"),
    BadBook("tab-indent", _bytes(b"netreach: 1\nme:\n\tname: Alex\n"), says="invalid yaml"),
    BadBook("tag-python", _bytes(_tag), says="tag"),
    BadBook("tag-python-top", _bytes(_tag_top), says="tag"),
    BadBook("tag-python-new", _bytes(_tag_new), says="tag"),
    BadBook("tag-local", _bytes(b"netreach: 1\nme: {name: !secret Alex}\n"), says="tag"),
    BadBook("anchor-alias", _bytes(b"netreach: 1\nme: &m {name: Alex}\nx: *m\n"),
            says="alias"),
    BadBook("merge-key", _bytes(b"netreach: 1\nbase: &b {name: A}\nme: {<<: *b}\n"),
            says="alias"),
    BadBook("alias-bomb", _bytes(_alias_bomb()), says="alias"),
    BadBook("deep-flow", _bytes(b"netreach: 1\nme: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
            says="nested"),
    BadBook("deep-flow-unclosed", _bytes(b"netreach: 1\nme: " + b"{a: " * 5000 + b"\n"),
            says="nested"),
    BadBook("deep-block", _bytes(_block_deep(5000)), says="nested"),
    BadBook("deep-block-seq", _bytes(b"netreach: 1\nme:\n" + b"- " * 5000 + b"x\n"),
            says="nested"),
    BadBook("several-documents", _bytes(MINI + b"---\n" + MINI), says="document"),
    BadBook("truncated", _bytes(_truncated())),
    BadBook("directory", _directory, located=False, says="directory"),
    BadBook("dev-null", _dev_null, says="empty"),
)

# Hostile text for names and notes: each must come out inert.
HOSTILE_TEXT: tuple[str, ...] = (
    "[bold red]Mallory[/]",
    "[link=https://evil.example/]click me[/link]",
    "\x1b[31mRed Eve\x1b[0m",
    "\x1b]8;;https://evil.example/\x1b\\Osc Eve\x1b]8;;\x1b\\",
    "\x9b31mCsi Eve",
    "Bell\x07Eve\x08\x7f",
    "Bidi \u202eevE\u202c Trudy",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "@HYPERLINK(\"https://evil.example\")",
    "-2+3",
    "Line\nBreak: Eve",
    "Tab\tEve\rCR",
    "Emoji 😀 Zalgo Z̷̢a̸l̵g̶o",
    "a & b \"quoted\" 'single' ]]> <!-- --> &amp;",
)
ESCAPES = ("\x1b", "\x9b", "\x07", "\x08", "\u202e")

# A small hand-written book with comments, flow and block styles: quick to edit.
SMALL_BOOK = b"""\
# A small book for edit fuzzing.
netreach: 1
me:
  name: Alex
  communities: [club]   # member
communities:
  club: {name: Club, kind: club}
companies:
  acme: {name: Acme, outlook: growing}
people:
  a:
    name: A
    company: acme
    closeness: 3
    knows: {b: {strength: 2, credibility: 4}}
    notes: |
      two
      lines
    log:
      - {date: 2026-01-02, note: hi}

  b: {name: B, company: Acme, hiring: true, communities: [club]}
  c:
    name: C   # no company
    knows:
      a: 3
"""
