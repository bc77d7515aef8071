"""Open a book for a command: read and validate it, or apply an edit and save it.

This is the one place commands go through to reach the book: it joins storage
(the disk), loading (bytes to a ``Network``) and the round-trip document.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from netreach import loading, storage
from netreach.errors import BookInvalid, Refused
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


@contextlib.contextmanager
def open_for_edit(path: Path | None = None) -> Iterator[OpenBook]:
    """Open the book for a command that will change it: the writer lock is held from
    this read to the end of the block, so concurrent commands take turns, and each
    sees what the one before it wrote (a near-duplicate ``add`` sees the first)."""
    found = storage.find_book(path)
    if not found.exists():
        storage.read(found)  # says "no such book" without leaving a lock file behind
    with storage.locked(found):
        yield open_book(found)


def _document(data: bytes, name: str) -> Document:
    """The round-trip document of a book that loaded, or a clean refusal: ruamel is
    stricter than libyaml in places (a tab before a comment, for one)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return Document(data.decode("utf-8"))
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
        raise Refused(
            f"{where}: netreach can read this book but not rewrite it here "
            f"({err.problem or err.context}); nothing was written. Change that spot by "
            "hand (a tab there? use spaces), then run the command again."
        ) from None
    except YAMLError as err:
        raise Refused(
            f"{name}: netreach can read this book but not rewrite it ({err}); nothing was "
            "written."
        ) from None


def edit_book(book: OpenBook, change: Callable[[Document, Network], bool]) -> bool:
    """Apply ``change`` to the book and save it atomically under the writer lock.

    ``change`` edits the round-trip document and returns whether it changed
    anything. The result is validated before it is written, so an edit can never
    leave an invalid book; a book changed on disk since it was read is refused.
    Returns whether the book was written.
    """

    def apply(current: bytes) -> bytes | None:
        doc = _document(current, book.snapshot.name)
        if not change(doc, book.network):
            return None
        new = doc.dump().encode("utf-8")
        try:
            loading.load(new, book.snapshot.name)  # never write a book we could not read back
        except BookInvalid as err:
            # Lines and columns would point into text that was never written: name
            # the fields instead, and say the book on disk is fine.
            problems = "\n".join(
                f"  {'.'.join(map(str, p.path)) or 'book'}: {p.message}" for p in err.problems
            )
            raise Refused(
                f"{book.snapshot.name}: not saved, the book is unchanged: the change would "
                f"make it invalid:\n{problems}"
            ) from None
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
