"""The bad books: one table of books netreach must refuse, shared by every suite.

``tests/foundation/test_bad_input.py`` runs each through the real process and
``tests/adversarial/test_bad_books.py`` through every command that reads a book;
both check the same contract with ``check_refused``.

What a refusal must say is netreach's own wording, never a parser's: where
netreach relays a refusal of the YAML parser it is under netreach's prefix
``invalid YAML:``, and the sentence after it belongs to the parser (PyYAML 6.0.4
refuses flow nesting about 1,000 deep itself, before netreach's 64-level limit
sees it; 6.0.3 did not).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLE

EXAMPLE_BYTES = EXAMPLE.read_bytes()
MINI = b"netreach: 1\nme: {name: Alex}\n"
# A valid book with one person, the shape the foundation suite grew up with.
MINIMAL = b"netreach: 1\nme:\n  name: Alex Rivera\npeople:\n  dana-kim:\n    name: Dana Kim\n"

# netreach's words for nesting too deep: its own limit, or the parser's refusal relayed.
TOO_DEEP = ("nested deeper than 64 levels", "invalid YAML: ")


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
    # netreach's own words, one of which the message must contain (case-insensitive).
    says: tuple[str, ...] = ()


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


def _tag_in_flow(sentinel: Path) -> bytes:
    return f"netreach: 1\nme: {{name: !!python/object/apply:os.system ['touch {sentinel}']}}\n" \
        .encode()


def _book(says: str | tuple[str, ...], data: bytes | Callable[[Path], bytes]) -> dict[str, Any]:
    return {"make": _bytes(data), "says": (says,) if isinstance(says, str) else says}


BAD_BOOKS: tuple[BadBook, ...] = (
    BadBook("empty", **_book("the book is empty", b"")),
    BadBook("blank-lines", **_book("the book is empty", b"\n   \n\t\n")),
    BadBook("only-comment", **_book("the book is empty", b"# nothing here\n")),
    BadBook("not-utf8", **_book("not UTF-8", MINI.replace(b"Alex", b"Al\xe9x"))),
    BadBook("utf16", **_book("not UTF-8", MINI.decode().encode("utf-16"))),
    BadBook("bom", **_book("byte-order mark", b"\xef\xbb\xbf" + EXAMPLE_BYTES)),
    BadBook("nul-byte", **_book("U+0000", MINI.replace(b"Alex", b"Al\x00ex"))),
    BadBook("control-char", **_book("U+001B", MINI.replace(b"Alex", b"Al\x1b[31mex"))),
    BadBook("duplicate-key", **_book("duplicate key 'netreach'",
                                     b"netreach: 1\nme: {name: Alex}\nnetreach: 1\n")),
    BadBook("duplicate-id", **_book("duplicate key 'mira-schulz'",
                                    EXAMPLE_BYTES + b"  mira-schulz: {name: Mira Again}\n")),
    BadBook("unknown-field", **_book("unknown field", person_book("name: A\nclosenes: 3"))),
    BadBook("wrong-type", **_book("integer", person_book("name: A\ncloseness: [3]"))),
    BadBook("wrong-type-name", **_book("string", person_book("name: {first: A}"))),
    BadBook("out-of-range", **_book("less than", person_book("name: A\ncloseness: 9"))),
    BadBook("negative", **_book("greater than", person_book("name: A\nvouch: -1"))),
    BadBook("huge-number", **_book("closeness", person_book("name: A\ncloseness: " + "9" * 5000))),
    BadBook("bad-date", **_book("last_contact", person_book("name: A\nlast_contact: 2026-02-30"))),
    BadBook("bad-enum", **_book("outlook", MINI + b"companies:\n  acme: {name: Acme, "
                                b"outlook: booming}\n")),
    BadBook("dangling-tie", **_book("unknown person 'ghost'",
                                    person_book("name: A\nknows: {ghost: 3}"))),
    BadBook("dangling-community", **_book("unknown community 'nowhere'",
                                          person_book("name: A\ncommunities: [nowhere]"))),
    BadBook("conflicting-tie", **_book("conflicts", person_book(
        "name: A\nknows: {b: 3}", "  b: {name: B, knows: {a: 5}}\n"))),
    BadBook("me-reserved", **_book("'me' is reserved", MINIMAL + b"  me:\n    name: Me Too\n")),
    BadBook("missing-me", **_book("missing", b"netreach: 1\npeople: {}\n")),
    BadBook("version-2", **_book("version", b"netreach: 2\nme: {name: Alex}\n")),
    BadBook("top-list", **_book("must be a mapping", b"- netreach: 1\n- me: {name: Alex}\n")),
    BadBook("top-scalar", **_book("must be a mapping", b"just some text\n")),
    BadBook("yaml-syntax", **_book("invalid YAML: ",
                                   MINI + b'people:\n  a: {name: "unclosed\n')),
    BadBook("unclosed-flow", **_book("invalid YAML: ", b"netreach: 1\nme: {name: A\n")),
    BadBook("tab-indent", **_book("invalid YAML: ", b"netreach: 1\nme:\n\tname: Alex\n")),
    BadBook("tag-python", **_book("YAML tags", _tag)),
    BadBook("tag-python-top", **_book("YAML tags", _tag_top)),
    BadBook("tag-python-new", **_book("YAML tags", _tag_new)),
    BadBook("tag-python-in-flow", **_book("YAML tags", _tag_in_flow)),
    BadBook("tag-local", **_book("YAML tags", b"netreach: 1\nme: {name: !secret Alex}\n")),
    BadBook("anchor-alias", **_book("anchors and aliases",
                                    b"netreach: 1\nme: &m {name: Alex}\nx: *m\n")),
    BadBook("merge-key", **_book("anchors and aliases",
                                 b"netreach: 1\nbase: &b {name: A}\nme: {<<: *b}\n")),
    BadBook("alias-bomb", **_book("anchors and aliases", _alias_bomb())),
    BadBook("deep-flow", **_book(TOO_DEEP, b"netreach: 1\nme: " + b"[" * 5000 + b"]" * 5000
                                 + b"\n")),
    BadBook("deep-flow-unclosed", **_book(TOO_DEEP, b"netreach: 1\nme: " + b"{a: " * 5000
                                          + b"\n")),
    # Quoted closers used to fool the bracket estimate into a C stack overflow.
    BadBook("deep-flow-quoted-closers", **_book(TOO_DEEP, b"netreach: 1\nme: "
                                                + b'[ "]", ' * 100_000 + b"]" * 100_000 + b"\n")),
    BadBook("deep-block", **_book(TOO_DEEP, _block_deep(5000))),
    BadBook("deep-block-seq", **_book(TOO_DEEP, b"netreach: 1\nme:\n" + b"- " * 5000 + b"x\n")),
    BadBook("several-documents", **_book("several YAML documents", MINI + b"---\n" + MINI)),
    BadBook("truncated", **_book((), _truncated())),  # where it breaks depends on the cut
    BadBook("directory", _directory, located=False, says=("is a directory",)),
    BadBook("dev-null", _dev_null, says=("the book is empty",)),
)


def bad_book_params() -> list[Any]:
    """``pytest.param`` per bad book, with its id."""
    import pytest

    return [pytest.param(b, id=b.id) for b in BAD_BOOKS]


def check_refused(res: Any, book: Path, bad: BadBook) -> None:
    """The contract of a refused book: exit 65, nothing on stdout, no traceback, one
    ``FILE:LINE:COL: message`` line per problem naming ``book``, in netreach's words."""
    assert res.code == 65, f"exit {res.code}\nstdout: {res.stdout}\nstderr: {res.stderr}"
    assert res.stdout == ""
    assert "Traceback" not in res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert lines, "no message"
    where = re.escape(str(book)) + (r":\d+:\d+: \S" if bad.located else r"(:\d+:\d+)?: \S")
    for line in lines:
        assert re.match(where, line), f"not located: {line!r}"
    if bad.says:
        said = res.stderr.lower()
        assert any(words.lower() in said for words in bad.says), (bad.says, res.stderr)
