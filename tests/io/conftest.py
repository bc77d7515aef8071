"""Helpers for the import/export tests: fixture files and in-process imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netreach.book.network import Network
from netreach.cached import bookfile
from netreach.transfer import merge
from netreach.transfer.importers import ImportFormat, parse
from netreach.transfer.merge import MergePlan

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 22)


def fixture(name: str) -> Path:
    """A fixture file's path."""
    return FIXTURES / name


def parse_fixture(fmt: str, name: str):
    """Parse a fixture file with the named importer."""
    path = fixture(name)
    return parse(ImportFormat(fmt), path.read_bytes(), str(path))


def plan_for(book: Path, fmt: str, name: str | Path, via: str | None = None) -> MergePlan:
    """The merge plan for importing a fixture (or any file) into ``book``; nothing written."""
    path = name if isinstance(name, Path) else fixture(name)
    network = bookfile.open_book(book).network
    return merge.plan_import(network, parse(ImportFormat(fmt), path.read_bytes(), str(path)),
                             via=via)


def import_file(book: Path, fmt: str, name: str | Path, via: str | None = None) -> MergePlan:
    """Import through the core (no CLI) and save; returns the plan."""
    from netreach.transfer.importers import run_import

    path = name if isinstance(name, Path) else fixture(name)
    return run_import(book, ImportFormat(fmt), path, via=via).plan


def network_of(book: Path) -> Network:
    """The book's resolved network, read fresh from disk."""
    return bookfile.open_book(book).network


@pytest.fixture
def empty_book(tmp_path: Path) -> Path:
    """A fresh book with nobody in it."""
    from netreach.book.editing import new_book_text

    path = tmp_path / "empty.yaml"
    path.write_text(new_book_text("Alex Rivera"), encoding="utf-8")
    return path
