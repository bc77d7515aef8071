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


@pytest.fixture
def write_book(tmp_path: Path):
    """Write a book to a fresh file and return its path."""

    def _write(content: str, name: str = "contacts.yaml") -> Path:
        path = tmp_path / name
        path.write_text(content)
        return path

    return _write
