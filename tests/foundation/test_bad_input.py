"""Every bad input of SPEC §6 through the real CLI: exit 65, one located line per
problem on stderr, nothing on stdout, no traceback, and the file untouched.

The bad books themselves are one table, tests/badbooks.py, shared with the
adversarial suite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.badbooks import BadBook, bad_book_params
from tests.badbooks import check_refused as check_bad
from tests.tiers import deep

from .conftest import MINIMAL, book_text

LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): \S")
COMMANDS = [("validate",), ("list",), ("add", "Zed Zero", "--closeness", "3")]


def check_refused(res, path: Path, before: bytes | None, expected: str) -> None:
    assert res.code == 65, res.stderr
    assert res.stdout == ""
    assert "Traceback" not in res.stderr
    lines = res.stderr.splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), res.stderr
    assert all(LOCATED.match(line)["file"] == str(path) for line in lines)  # type: ignore[index]
    assert expected in res.stderr
    if before is not None:
        assert path.read_bytes() == before


# Books that stress the parser's C code, the decoder or the file system: there a real
# process shows what in-process runs cannot (a crash of the interpreter, the real exit
# code). The deep tier (tests/tiers.py) runs every bad book in a real process.
REAL_PROCESS = {"empty", "not-utf8", "utf16", "nul-byte", "control-char", "huge-number",
                "tag-python", "tag-python-top", "alias-bomb", "deep-flow", "deep-flow-unclosed",
                "deep-flow-quoted-closers", "deep-block", "deep-block-seq", "directory",
                "dev-null"}


@pytest.mark.slow
@pytest.mark.parametrize("bad", bad_book_params())
def test_bad_book_in_a_real_process(run, invoke, tmp_path, bad: BadBook):
    """Bad books through ``python -m netreach add``: the real exit code, no crash (deep
    nesting once overflowed libyaml's C stack), the folder byte for byte as it was.

    tests/adversarial/test_bad_books.py runs each through every command in-process."""
    folder = tmp_path / "books"
    folder.mkdir()
    sentinel = tmp_path / "pwned"
    path = bad.make(folder, sentinel)
    before = snapshot(folder)
    real = deep() or bad.id in REAL_PROCESS
    res = run("add", "Zed Zero", "--book", path, cwd=tmp_path) if real else invoke(
        "add", "Zed Zero", "--book", path)
    check_bad(res, path, bad)
    assert not sentinel.exists()
    # Unchanged, and no temporary file left; a writer (add) takes the lock before it reads.
    assert snapshot(folder) == before


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry of ``folder`` with its bytes, but for the writer's empty lock file."""
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(folder.iterdir())
            if not (p.name.endswith(".lock") and p.stat().st_size == 0)}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_directory_as_book(invoke, tmp_path, command):
    res = invoke(*command, "--book", tmp_path)
    check_refused(res, tmp_path, None, "is a directory")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_dev_null_as_book(invoke, command):
    res = invoke(*command, "--book", "/dev/null")
    check_refused(res, Path("/dev/null"), None, "the book is empty")
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_huge_file(invoke, monkeypatch, tmp_path, command):
    from netreach.book import yamlread

    monkeypatch.setattr(yamlread, "MAX_BOOK_BYTES", 100)
    path = tmp_path / "contacts.yaml"
    path.write_text(MINIMAL + "# padding\n" * 20)
    before = path.read_bytes()
    check_refused(invoke(*command, "--book", path), path, before,
                  "larger than a book may be (100 bytes)")


def test_huge_file_in_a_real_process(run_patched, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(MINIMAL + "# padding\n" * 20)
    before = path.read_bytes()
    res = run_patched({"netreach.book.yamlread.MAX_BOOK_BYTES": 100}, "add", "Zed", "--book", path)
    check_refused(res, path, before, "larger than a book may be (100 bytes)")


def test_endless_file_is_not_read_to_the_end(invoke, monkeypatch):
    from netreach.book import yamlread

    monkeypatch.setattr(yamlread, "MAX_BOOK_BYTES", 1000)
    res = invoke("validate", "--book", "/dev/zero")
    check_refused(res, Path("/dev/zero"), None, "larger than a book may be")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_long_scalar(invoke, monkeypatch, tmp_path, command):
    # The 80 MB note of a hostile file, scaled down with the limit.
    from netreach.book import yamlread

    monkeypatch.setattr(yamlread, "MAX_SCALAR_CHARS", 1_000)
    path = tmp_path / "contacts.yaml"
    path.write_text(MINIMAL + "    notes: " + "x" * 2_000 + "\n")
    before = path.read_bytes()
    res = invoke(*command, "--book", path)
    check_refused(res, path, before, "longer than 1,000 characters")
    assert LOCATED.match(res.stderr)["line"] == "7"  # type: ignore[index]


def test_long_scalar_in_a_real_process(run_patched, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(MINIMAL + "    notes: " + "x" * 2_000 + "\n")
    before = path.read_bytes()
    res = run_patched({"netreach.book.yamlread.MAX_SCALAR_CHARS": 1_000}, "list", "--book", path)
    check_refused(res, path, before, "longer than 1,000 characters")


def test_every_problem_on_its_own_line(invoke, write_book):
    path = write_book(book_text("""\
        a: {name: A, closeness: 9, knows: {ghost: 2}}
        b: {name: B, typo: 1}
        """))
    res = invoke("validate", "--book", path)
    assert res.code == 65 and res.stdout == ""
    assert [line.split(": ", 1)[0] for line in res.stderr.splitlines()] == [
        f"{path}:5:27", f"{path}:6:16"]
    # The dangling id waits until the schema errors are fixed: it needs a valid book.
    fixed = path.read_text().replace("closeness: 9", "closeness: 4").replace(", typo: 1", "")
    path.write_text(fixed)
    res = invoke("validate", "--book", path)
    assert res.code == 65
    assert res.stderr == f"{path}:5:38: people.a.knows.ghost: unknown person 'ghost'\n"


def test_missing_book_is_not_an_invalid_one(invoke, tmp_path):
    res = invoke("list", "--book", tmp_path / "nope.yaml")
    assert res.code == 1 and res.stdout == ""
    assert "no such book" in res.stderr and "netreach init" in res.stderr
