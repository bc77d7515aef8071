"""Every bad book through every command that reads one: exit 65, one located line per
problem on stderr, nothing on stdout, no traceback, and the disk untouched.

The table of bad books is tests/badbooks.py; tests/foundation/test_bad_input.py runs
each of them through the real process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.conftest import Cmd, cmd_params, need, snapshot_dir
from tests.badbooks import BadBook, bad_book_params, check_refused


def _make(bad: BadBook, book_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    sentinel = tmp_path / "SENTINEL"
    return bad.make(book_dir, sentinel), sentinel


@pytest.mark.parametrize("cmd", cmd_params())
@pytest.mark.parametrize("bad", bad_book_params())
def test_bad_book_is_refused_by_every_command(cmd: Cmd, bad: BadBook, invoke_env, book_dir,
                                              tmp_path, linkedin):
    need(cmd)
    book, sentinel = _make(bad, book_dir, tmp_path)
    before = snapshot_dir(book_dir)
    out = tmp_path / "out" / "result.bin"
    out.parent.mkdir()
    res = invoke_env(*cmd.argv(book, out, linkedin))
    check_refused(res, book, bad)
    assert snapshot_dir(book_dir) == before, "the book or its directory changed"
    assert not out.exists(), "an output file was written from a bad book"
    assert not sentinel.exists(), "a YAML tag ran code"


@pytest.mark.parametrize("bad", bad_book_params())
def test_init_never_overwrites_whatever_is_there(bad: BadBook, invoke_env, book_dir, tmp_path):
    book, _ = _make(bad, book_dir, tmp_path)
    before = snapshot_dir(book_dir)
    res = invoke_env("init", "--name", "Alex", "--book", book)
    assert res.code == 1, res.stderr
    assert "already exists" in res.stderr
    assert "Traceback" not in res.stderr
    assert res.stdout == ""
    assert snapshot_dir(book_dir) == before


def test_init_refuses_a_dangling_symlink(invoke, book_dir):
    """A link to a book that is not there (yet) is not ours to fill."""
    link = book_dir / "contacts.yaml"
    link.symlink_to(book_dir / "elsewhere.yaml")
    res = invoke("init", "--name", "Alex", "--book", link)
    assert res.code == 1
    assert link.is_symlink()
    assert not (book_dir / "elsewhere.yaml").exists()


def test_every_problem_is_reported_at_once(invoke, book_dir):
    """Independent problems: one located line each, in file order.

    Schema problems (types, ranges, unknown fields) are all reported together;
    reference problems (unknown ids) once the schema holds, again all together.
    """
    book = book_dir / "contacts.yaml"
    book.write_text(
        "netreach: 1\nme: {name: Alex}\npeople:\n"
        "  a: {name: A, closenes: 3}\n"
        "  b: {name: B, vouch: 7}\n"
        "  c: {name: C, hiring: perhaps}\n", encoding="utf-8")
    res = invoke("validate", "--book", book)
    assert res.code == 65
    assert [line.split(":")[1] for line in res.stderr.splitlines()] == ["4", "5", "6"]
    book.write_text(
        "netreach: 1\nme: {name: Alex, communities: [nowhere]}\npeople:\n"
        "  a: {name: A, knows: {ghost: 3}}\n"
        "  b: {name: B, communities: [void]}\n", encoding="utf-8")
    res = invoke("validate", "--book", book)
    assert res.code == 65
    assert [line.split(":")[1] for line in res.stderr.splitlines()] == ["2", "4", "5"]
