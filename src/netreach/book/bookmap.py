"""Where a book's keys are: the top-level keys and every section's entries, as
character offsets in the file (``BookMap``). The strict reader fills it while it
reads; an edit reads one entry from its key to the next one's (``splice``), and
the cache keeps it so that a warm edit never parses the whole book."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence

from netreach.book import bulk


class EntryStarts(Mapping[str, int]):
    """A section's entries in file order: their ids and where their keys start.

    Behaves as the ``{id: start}`` dict the reader builds, and answers the
    questions an edit asks (an entry's place, the one after it, the last one)
    without building a dict of 50,000 entries. ``find`` looks an id's place up
    (a cached book's hash table); without it, a dict is made on first use.
    """

    def __init__(self, ids: Sequence[str], starts: Sequence[int],
                 find: Callable[[str], int | None] | None = None) -> None:
        self.ids = ids
        self.starts = starts
        self._find = find
        self._places: dict[str, int] | None = None

    @classmethod
    def of(cls, entries: Mapping[str, int]) -> EntryStarts:
        if isinstance(entries, EntryStarts):
            return entries
        return cls(list(entries), list(entries.values()))

    def place(self, key: str) -> int | None:
        """The entry's index in file order, or None."""
        if self._find is not None:
            return self._find(key)
        if self._places is None:
            self._places = {k: i for i, k in enumerate(self.ids)}
        return self._places.get(key)

    def __getitem__(self, key: str) -> int:
        i = self.place(key) if isinstance(key, str) else None
        if i is None:
            raise KeyError(key)
        return self.starts[i]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.place(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


class BookMap:
    """Where the book's top-level keys and the entries of its sections start.

    Character offsets of each key (the first character of the key itself, so
    its line starts ``column`` characters earlier), in file order. An edit
    reads one entry from its start to the next one's (``splice.py``) instead
    of the whole book. Sections written as ``{...}`` are in ``flow``.
    """

    __slots__ = ("entries", "flow", "top")

    def __init__(self) -> None:
        self.top: dict[str, int] = {}
        self.entries: dict[str, Mapping[str, int]] = {}
        self.flow: set[str] = set()


def shifted(starts: Sequence[int], splices: list[tuple[int, int, str]]) -> array[int]:
    """Where each key starts once ``splices`` ((start, end, text), in order) are made.

    ``starts`` ascend (keys in file order). A splice moves the keys at or after its
    end; a key inside a replaced span keeps its place in it (an edit never changes
    the text before an entry's key on its line). The keys between two splices move
    together, all at once (``bulk.add``: 50,000 people in a millisecond).
    """
    values = starts if isinstance(starts, array | memoryview) else array("q", starts)
    out = array("q")
    position, shift = 0, 0
    for begin, end, text in splices:
        stop = bisect_left(values, end, lo=position)
        out.extend(bulk.add(values[position:stop], shift, "q"))
        # Keys inside the replaced span: unchanged relative to its start.
        position = stop
        shift += len(text) - (end - begin)
    out.extend(bulk.add(values[position:], shift, "q"))
    return out
