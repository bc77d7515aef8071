"""Open a book for a command: read and validate it, or apply an edit and save it.

This is the one place commands go through to reach the book: it joins storage
(the disk), loading (bytes to a ``Network``) and the round-trip document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netreach import loading, storage
from netreach.network import Network
from netreach.yamlwrite import Document


@dataclass(frozen=True)
class OpenBook:
    """A book as read by this command."""

    snapshot: storage.Snapshot
    network: Network

    @property
    def path(self) -> Path:
        return self.snapshot.path


def open_book(path: Path | None = None) -> OpenBook:
    """Find, read and validate the book (``BookInvalid`` lists every problem)."""
    found = storage.find_book(path)
    snapshot = storage.read(found)
    return OpenBook(snapshot, loading.load(snapshot.data, snapshot.name))


def edit_book(book: OpenBook, change: Callable[[Document, Network], bool]) -> bool:
    """Apply ``change`` to the book and save it atomically under the writer lock.

    ``change`` edits the round-trip document and returns whether it changed
    anything. The result is validated before it is written, so an edit can never
    leave an invalid book; a book changed on disk since it was read is refused.
    Returns whether the book was written.
    """

    def apply(current: bytes) -> bytes | None:
        doc = Document(current.decode("utf-8"))
        if not change(doc, book.network):
            return None
        new = doc.dump().encode("utf-8")
        loading.load(new, book.snapshot.name)  # never write a book we could not read back
        return new

    return storage.save(book.snapshot, apply) is not None


def preview_edit(book: OpenBook, change: Callable[[Document, Network], bool]) -> bytes | None:
    """What ``edit_book`` would write, validated, without taking the lock or writing.

    Returns the new bytes, or ``None`` when ``change`` changes nothing.
    """
    doc = Document(book.snapshot.data.decode("utf-8"))
    if not change(doc, book.network):
        return None
    new = doc.dump().encode("utf-8")
    if new == book.snapshot.data:
        return None
    loading.load(new, book.snapshot.name)
    return new


def create_book(path: Path, text: str) -> Path:
    """Create a new book file (0600), refusing to overwrite; returns its path."""
    loading.load(text.encode("utf-8"), str(path))
    storage.create(path, text.encode("utf-8"))
    return path
