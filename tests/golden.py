"""Golden files: compare output with a reviewed file beside the test.

Run the tests with NETREACH_UPDATE_GOLDEN=1 to rewrite the files, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path


def check_golden(path: Path, text: str) -> None:
    """Assert ``text`` equals the golden file at ``path`` (rewrite it when asked to)."""
    if os.environ.get("NETREACH_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
