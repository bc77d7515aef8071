"""Fixtures for the cache tests: a private cache directory for each test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache directory (``$NETREACH_CACHE_DIR``) for this test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(folder))
    monkeypatch.delenv("NETREACH_NO_CACHE", raising=False)
    return folder
