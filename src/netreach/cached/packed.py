"""A validated book packed into flat arrays, read back lazily (the cache's payload).

The cache (``cache.py``) keeps a book in this form so that a warm command reads
one file and decodes only what it touches: a search decodes the edge lists of
the nodes it visits, a chain's few people, and nothing else. ``packing`` writes
the sections, ``sections`` reads them, ``packed_network`` shows them as a
``Network``; ``Packed`` here joins them: the network and the search index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from netreach.cached.packed_network import LazyMapping, NodeKeys, NodePositions, PackedNetwork
from netreach.cached.packing import FORMAT, Buffer, pack
from netreach.cached.sections import Sections
from netreach.graph.adjacency import Adjacency, SearchIndex, contact_cost

if TYPE_CHECKING:
    from netreach.book.bookmap import BookMap

__all__ = ["FORMAT", "Buffer", "Packed", "pack"]


class Packed(Sections):
    """A packed book, read lazily: ``network`` and ``index(today)``."""

    def __init__(self, payload: bytes | memoryview) -> None:
        super().__init__(payload)
        self._network: PackedNetwork | None = None

    def has(self, name: str) -> bool:
        """Whether the payload holds section ``name``."""
        return name in self._table

    def book_map(self) -> BookMap | None:
        """Where the book's keys are (``yamlread.BookMap``), or None when it was packed
        without them (``packing.write_map``)."""
        from netreach.book.bookmap import BookMap, EntryStarts

        if not self.has("map"):
            return None
        top, flow, entries, has_people = self.obj("map")
        where = BookMap()
        where.top = dict(top)
        where.flow = set(flow)
        where.entries = dict(entries)
        if has_people:
            where.entries["people"] = EntryStarts(self.people, self.section("map.people"),
                                                  self.person_row)
        return where

    @property
    def network(self) -> PackedNetwork:
        """The network, each part decoded on first use."""
        if self._network is None:
            self._network = PackedNetwork(self)
        return self._network

    def index(self, today: dt.date) -> SearchIndex:
        """The search index for ``today``: edge lists read per node when first used."""
        patch_out: dict[int, float] = {}
        patch_into: dict[int, dict[int, float]] = {}
        for node, closeness, ordinal in self.obj("contacts"):
            last = dt.date.fromordinal(ordinal) if ordinal else None
            patch_out[node] = patch_into.setdefault(node, {})[0] = contact_cost(
                closeness, last, today)
        s = self.section
        out = Adjacency(s("out.off"), s("out"), s("out.cost"), s("out.credibility"),
                        {0: patch_out})
        into = Adjacency(s("into.off"), s("into"), s("into.cost"), s("into.credibility"),
                         patch_into)
        employees: Mapping[str, Sequence[int]] = LazyMapping(
            self.employer_ids, self.employee_row, lambda i: self.row("employees", i),
            len(self.section("employees.keys")))
        return SearchIndex(NodeKeys(self), out, into, s("referral_cost"), s("direct_cost"),
                           s("hiring_cost"), employees, NodePositions(self))
