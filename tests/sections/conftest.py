"""Fixtures of the sections suite: the commented golden book of the foundation suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

COMMENTED = Path(__file__).resolve().parents[1] / "foundation" / "fixtures" / "commented.yaml"


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    """A writable copy of the hand-written, commented golden book."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(COMMENTED, path)
    return path
