"""Books built to exhaust memory or time: refused quickly, with bounded memory.

Each runs in a subprocess whose address space is capped (RLIMIT_AS), so a
regression fails the test instead of the machine; the child's own peak memory
(from wait4) and wall time are then bounded with room for a busy CI machine.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from netreach.book import yamlread
from netreach.book.loading import load
from netreach.errors import MAX_SHOWN_PROBLEMS, BookInvalid
from tests.adversarial.conftest import run_bounded
from tests.adversarial.hostile import MINI, person_book
from tests.tiers import sized

CAP_MB = 2048  # hard cap on the child's address space
SMALL_MB = 150  # peak resident memory of a refused hostile book (measured: 38-73 MB)
# CPU seconds, loose: the refusals below take well under one. CPU time, not wall time,
# so that a busy machine does not fail the test.
SECONDS = 10


def _billion_laughs(levels: int = 12, fan: int = 16) -> bytes:
    lines = [b"netreach: 1", b"me: {name: Alex}", b"l0: &l0 [" + b", ".join([b"lol"] * fan) + b"]"]
    for i in range(1, levels):
        lines.append(b"l%d: &l%d [%s]" % (i, i, b", ".join([b"*l%d" % (i - 1)] * fan)))
    return b"\n".join(lines) + b"\n"


def _quadratic_blowup() -> bytes:
    # One big anchored value referred to many times: no nesting, just repetition.
    big = b"x" * 100_000
    return b"netreach: 1\nme: {name: Alex}\nbig: &b " + big + b"\nrefs: [" + b", ".join(
        [b"*b"] * 100_000) + b"]\n"


HOSTILE = {
    "billion-laughs": _billion_laughs(),
    "quadratic-blowup": _quadratic_blowup(),
    "flow-100k-deep": b"netreach: 1\nme: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "flow-100k-unclosed": b"netreach: 1\nme: " + b"{a: [" * 50_000 + b"\n",
    "compact-100k-deep": b"netreach: 1\nme:\n" + b"- " * 100_000 + b"x\n",
    "block-5000-deep": b"netreach: 1\nme:\n" + b"".join(
        b" " * (i + 2) + b"k:\n" for i in range(5000)),
    "keys-20k-wide-dupes": b"netreach: 1\nme: {name: Alex}\n" + b"d: 1\n" * 20_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_book_is_refused_with_bounded_time_and_memory(name, tmp_path: Path):
    book = tmp_path / "contacts.yaml"
    book.write_bytes(HOSTILE[name])
    res = run_bounded(["validate", "--book", str(book)], mem_mb=CAP_MB)
    assert res.code == 65, res.stderr[-2000:]
    assert "Traceback" not in res.stderr
    assert res.stdout == ""
    assert res.cpu_seconds < SECONDS
    assert res.peak_mb < SMALL_MB, f"{res.peak_mb:.0f} MB"
    # One line per problem, but a file repeating one mistake 100,000 times gets
    # the first screenful and a count, not 100,000 lines.
    lines = res.stderr.splitlines()
    assert all(line.startswith(f"{book}:") for line in lines)
    assert len(lines) <= MAX_SHOWN_PROBLEMS + 1


SCALAR_MB = sized(20, 80)  # deep tier (tests/tiers.py): the 80 MB of the README


@pytest.mark.slow
def test_80_mb_scalar_is_refused_with_bounded_memory(tmp_path: Path):
    """An 80 MB note (20 MB by default): refused by the per-value limit, at a few times
    the file's size."""
    book = tmp_path / "contacts.yaml"
    with open(book, "wb") as fh:
        fh.write(person_book("name: A\nnotes: ")[:-1])
        fh.write(b"x" * (SCALAR_MB * 1024 * 1024))
        fh.write(b"\n")
    res = run_bounded(["validate", "--book", str(book)], mem_mb=CAP_MB, timeout=60)
    assert res.code == 65, res.stderr[-2000:]
    assert f"longer than {yamlread.MAX_SCALAR_CHARS:,}" in res.stderr
    assert res.stderr.startswith(f"{book}:10:12: ")
    assert res.stdout == ""
    assert res.cpu_seconds < 60  # ~3 s; memory is the real bound here
    assert res.peak_mb < 1024, f"{res.peak_mb:.0f} MB"


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path):
    """A sparse 300 MB file is refused from its size: nothing is read."""
    book = tmp_path / "contacts.yaml"
    with open(book, "wb") as fh:
        fh.truncate(yamlread.MAX_BOOK_BYTES + 1)
    res = run_bounded(["validate", "--book", str(book)], mem_mb=CAP_MB)
    assert res.code == 65
    assert "larger than a book may be" in res.stderr
    assert res.peak_mb < SMALL_MB


@pytest.mark.parametrize("device", ["/dev/zero"])
def test_an_endless_device_is_not_read_to_the_end(device: str):
    """Before the fix, ``--book /dev/zero`` read until memory ran out."""
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    res = run_bounded(["validate", "--book", device], mem_mb=CAP_MB, timeout=60)
    assert res.code == 65
    assert res.stderr.startswith(f"{device}:1:1: the file is larger than a book may be")
    assert res.peak_mb < yamlread.MAX_BOOK_BYTES / 2**20 + SMALL_MB


def test_limits_are_exact_at_the_edge():
    """Nesting of exactly MAX_DEPTH levels loads; one more is refused."""
    depth = yamlread.MAX_DEPTH

    def nested(levels: int) -> bytes:
        # `extra:` takes anything. Levels: the top mapping, `me`, `extra`, then lists.
        inner = levels - 3
        return MINI.replace(b"}", b", extra: {k: " + b"[" * inner + b"]" * inner + b"}}")

    load(nested(depth), "b.yaml")
    with pytest.raises(BookInvalid, match="nested deeper"):
        load(nested(depth + 1), "b.yaml")


@pytest.mark.parametrize("levels", [65, 100, 119])
def test_moderate_block_nesting_is_refused_too(levels: int):
    """Nesting past the limit is refused whether it is written in flow or block style."""
    data = b"netreach: 1\nme:\n name: Alex\n extra:\n" + b"".join(
        b" " * (i + 2) + b"k:\n" for i in range(levels))
    with pytest.raises(BookInvalid, match="nested deeper"):
        load(data, "b.yaml")


def test_scalar_limit_is_exact():
    limit = yamlread.MAX_SCALAR_CHARS
    load(person_book("name: A\nnotes: " + "n" * limit), "b.yaml")
    with pytest.raises(BookInvalid, match="longer than"):
        load(person_book("name: A\nnotes: " + "n" * (limit + 1)), "b.yaml")


def test_refusals_are_fast_in_process():
    """The in-process cost of each hostile book, for the record (and a loose bound)."""
    for name, data in HOSTILE.items():
        start = time.process_time()
        with pytest.raises(BookInvalid):
            load(data, "b.yaml")
        assert time.process_time() - start < SECONDS, name
