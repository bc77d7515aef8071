"""The places of a book's keys (``yamlread.BookMap``), packed with the book.

An edit reads one entry of the book from its key to the next one's; the cache
keeps where every key starts, so a warm edit never parses the whole book. The
people's starts are one number array in the order of the packed people (the
book's order); the few other keys are plain data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from netreach.book.yamlread import BookMap, EntryStarts

if TYPE_CHECKING:
    from netreach.cached.packed import Packed, _Writer


def write_map(w: _Writer, where: BookMap, people: Sequence[str]) -> None:
    """Add the sections of ``where`` to a packed book whose people are ``people``."""
    starts = where.entries.get("people", {})
    if isinstance(starts, EntryStarts) and len(starts.ids) == len(people) and list(
            starts.ids) == list(people):
        w.array("map.people", "q", starts.starts)
    else:
        w.array("map.people", "q", [starts[p] for p in people])
    w.obj("map", (where.top, sorted(where.flow),
                  {s: dict(zip(EntryStarts.of(e).ids, EntryStarts.of(e).starts, strict=True))
                   for s, e in where.entries.items() if s != "people"},
                  "people" in where.entries))


def read_map(packed: Packed) -> BookMap | None:
    """The ``BookMap`` packed with the book, or None when it was packed without one."""
    if not packed.has("map"):
        return None
    top, flow, entries, has_people = packed.obj("map")
    where = BookMap()
    where.top = dict(top)
    where.flow = set(flow)
    where.entries = dict(entries)
    if has_people:
        where.entries["people"] = EntryStarts(packed.people, packed.section("map.people"),
                                              packed.person_row)
    return where
