"""Golden files: compare output with a reviewed file beside the test.

Run the tests with NETREACH_UPDATE_GOLDEN=1 to rewrite the files that differ, then
review the diff. A rewrite fails its test (so an update run can never pass
silently); run again without the variable to see them pass.
"""

from __future__ import annotations

import os
from pathlib import Path

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
