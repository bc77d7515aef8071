"""Golden files: compare output with a reviewed file beside the test.

Run the tests with NETREACH_UPDATE_GOLDEN=1 to rewrite the files that differ, then
review the diff. A rewrite fails its test (so an update run can never pass
silently); run again without the variable to see them pass.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest


def check_golden(path: Path, text: str) -> None:
    """Assert ``text`` equals the golden file at ``path`` (rewrite it when asked to)."""
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if os.environ.get("NETREACH_UPDATE_GOLDEN") and text != old:
        path.write_text(text, encoding="utf-8")
        pytest.fail(f"rewrote {path} (NETREACH_UPDATE_GOLDEN is set): review the diff, "
                    "then run the tests again without it")
    assert old is not None, f"no golden file {path}: run with NETREACH_UPDATE_GOLDEN=1"
    assert text == old


def edit_diff(before: str, after: str) -> list[str]:
    """The changed lines with their hunk headers (no context, no file headers)."""
    import difflib

    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if not line.startswith(("---", "+++"))]


def check_edit(invoke: Any, book: Path, args: Sequence[str], expected: list[str],
               second_code: int) -> None:
    """Run an editing command on ``book``: it succeeds silently, changes exactly the
    ``expected`` lines, leaves a valid book, and running it again changes nothing."""
    from netreach.book import loading

    before = book.read_text()
    res = invoke(*args, "--book", book)
    assert res.code == 0, res.stderr
    assert res.stdout == ""
    after = book.read_text()
    assert edit_diff(before, after) == expected
    loading.load(after.encode(), str(book))  # still a valid book
    again = invoke(*args, "--book", book)
    assert again.code == second_code, again.stderr
    assert book.read_text() == after
