"""Packing a validated network into named, aligned sections (the cache's payload).

What is packed, all of it plain data (``marshal`` and number arrays, no pickle):

* each validated entry (person, community, me, company) as its field values
  and the fields the book set (``entries.encode``);
* the resolved references (companies, who works where, ties, members) as
  integer arrays;
* the search index as sorted edge arrays (CSR) with their costs. Only the hop
  me -> a direct contact depends on the date; its cost is computed for the day
  asked (``adjacency.contact_cost``), so the cache does not depend on "today".
"""

from __future__ import annotations

import datetime as dt
import marshal
from array import array
from collections.abc import Iterable, Sequence, Sized
from itertools import accumulate, chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any
from zlib import crc32

from netreach.book.names import company_key
from netreach.book.network import Network
from netreach.cached.entries import encode
from netreach.graph.adjacency import node_costs, sorted_edges

if TYPE_CHECKING:
    from netreach.book.bookmap import BookMap

FORMAT = 5  # the layout below; part of the cache key (3: names column, outcomes, imports;
# 4: profile URLs column; 5: folded names and emails apart, each appended to in place)
Buffer = bytes | bytearray | memoryview | array  # type: ignore[type-arg]
_ALIGN = 8
_REFERENCE_DAY = dt.date(2000, 1, 1)  # any day: the dated hops are recomputed on reading


class _Writer:
    """Named sections, each aligned to 8 bytes, after a table of their places."""

    def __init__(self) -> None:
        self.parts: list[Buffer] = []
        self.table: dict[str, tuple[int, int, str]] = {}
        self.size = 0

    def add(self, name: str, data: Buffer | list[Buffer], typecode: str = "") -> None:
        """A section: bytes, or a list of buffers written one after another."""
        pad = -self.size % _ALIGN
        if pad:
            self.parts.append(b"\0" * pad)
            self.size += pad
        pieces = data if isinstance(data, list) else [data]
        size = sum(memoryview(piece).nbytes for piece in pieces)
        self.table[name] = (self.size, size, typecode)
        self.parts.extend(pieces)
        self.size += size

    def array(self, name: str, typecode: str, values: Sequence[Any]) -> None:
        self.add(name, array(typecode, values).tobytes(), typecode)

    def obj(self, name: str, value: Any) -> None:
        self.add(name, marshal.dumps(value))

    def offsets(self, name: str, rows: Iterable[Sized]) -> None:
        """Where each row of ``name`` starts (``name.off``), and where the last ends."""
        self.array(f"{name}.off", "q", [0, *accumulate(len(row) for row in rows)])

    def csr(self, name: str, typecode: str, rows: Sequence[Sequence[Any]]) -> None:
        """Rows of numbers: ``name.off`` (where each row starts) and ``name``."""
        self.offsets(name, rows)
        self.array(name, typecode, list(chain.from_iterable(rows)))

    def columns(self, names: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]],
                offsets: str) -> None:
        """Rows of tuples as one array per field (``names``: (name, typecode)), with
        the shared row offsets under ``offsets``."""
        self.offsets(offsets, rows)
        flat = list(chain.from_iterable(rows))
        for field, (name, typecode) in enumerate(names):
            self.add(name, array(typecode, map(itemgetter(field), flat)).tobytes(), typecode)

    def blobs(self, name: str, blobs: Sequence[bytes]) -> None:
        """Byte strings read one at a time: ``name.off`` and ``name``."""
        self.array(f"{name}.off", "q", [0, *accumulate(map(len, blobs))])
        self.add(name, b"".join(blobs))

    def entries(self, name: str, values: Sequence[Any]) -> None:
        """Validated models (``encode``), one marshal blob each, so each is read alone."""
        self.blobs(name, [marshal.dumps(encode(v)) for v in values])

    def keys(self, name: str, keys: Sequence[str]) -> None:
        """Ids as one text (``name.ids``, read one at a time or split in C) and a hash
        table to find one (``name.table``): no list or dict of every id is built
        unless something iterates them all."""
        data = [f"{key}\n".encode("utf-8", "surrogatepass") for key in keys]
        self.add(f"{name}.ids", b"".join(data))
        self.array(f"{name}.ids.off", "q", [0, *accumulate(map(len, data))])
        self.array(f"{name}.table", "i", hash_table(keys))

    def dump(self) -> bytes:
        return b"".join(self.dump_parts())

    def dump_parts(self) -> list[Buffer]:
        """The payload as buffers to write one after another (no copy of the sections)."""
        table = marshal.dumps(self.table)
        return [len(table).to_bytes(8, "little") + table, *self.parts]


def key_hash(key: str) -> int:
    """A hash that is the same in every process (``hash()`` of a str is not)."""
    return crc32(key.encode("utf-8", "surrogatepass"))


def hash_table(keys: Sequence[str]) -> array[int]:
    """Open addressing, linear probing: slot -> row + 1 (0 is empty), at most half full."""
    size = 1 << max(3, (2 * len(keys)).bit_length())
    mask = size - 1
    table = array("i", bytes(4 * size))
    for row, key in enumerate(keys):
        slot = key_hash(key) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = row + 1
    return table


def pack(network: Network, book_map: BookMap | None = None) -> bytes:
    """The packed form of a freshly loaded (fully validated) network, with the places
    of the book's keys when given (``write_map``)."""
    w = _Writer()
    book = network.book
    people = list(network.people)
    communities = list(network.communities)
    person = {pid: i for i, pid in enumerate(people)}
    company = {cid: i for i, cid in enumerate(network.companies)}

    w.keys("people", people)
    _ids, folded, emails = network.match_keys()
    w.obj("people.folded", folded)
    w.obj("people.emails", emails)
    w.obj("communities", communities)
    w.entries("people.data", list(network.people.values()))
    w.obj("people.names", [person.name for person in network.people.values()])
    w.obj("people.urls", network.profile_urls())
    w.entries("communities.data", list(network.communities.values()))
    w.obj("me", encode(book.me))
    # The book's own fields besides its entries, to rebuild ``network.book``.
    w.obj("book", (book.netreach, sorted(book.__pydantic_fields_set__),
                   encode(book.companies)))
    w.keys("companies", list(network.companies))
    w.blobs("companies.data", [marshal.dumps((c.name, c.outlook.value, c.aliases, c.industry,
                                              c.implicit)) for c in network.companies.values()])
    keys: dict[str, list[tuple[str, str]]] = {}
    for cid, view in network.companies.items():
        for key in (cid, view.name, *view.aliases):
            keys.setdefault(company_key(key), []).append((cid, key))
    w.obj("companies.keys", keys)
    w.obj("targets", tuple(network.targets))
    w.array("person_company", "i", [company[network.person_company[p]]
                                    if p in network.person_company else -1 for p in people])
    w.obj("person_company.size", len(network.person_company))
    w.array("employees.keys", "i", [company[c] for c in network.employees])
    where = dict.fromkeys(range(len(company)), -1) | {
        company[c]: row for row, c in enumerate(network.employees)}
    w.array("employees.row", "i", [where[i] for i in range(len(company))])
    # Node indices (1 + person index), as the search index holds them.
    w.csr("employees", "i", [[person[p] + 1 for p in pids]
                             for pids in network.employees.values()])
    w.csr("members", "i", [[person[p] for p in network.members.get(c, ())]
                           for c in communities])
    ties = [[(person[o], t.strength, t.credibility) for o, t in network.ties.get(p, {}).items()]
            for p in people]
    w.columns([("ties", "i"), ("ties.strength", "b"), ("ties.credibility", "b")], ties,
              "ties")

    _nodes, _position, out, into = sorted_edges(network, _REFERENCE_DAY)
    for name, lists in (("out", out), ("into", into)):
        w.columns([(f"{name}.cost", "d"), (name, "i"), (f"{name}.credibility", "b")], lists,
                  name)
    referral, direct, hiring = node_costs(network)
    w.array("referral_cost", "d", referral)
    w.array("direct_cost", "d", direct)
    w.array("hiring_cost", "d", hiring)
    w.obj("contacts", [(person[pid] + 1, p.closeness,
                        p.last_contact.toordinal() if p.last_contact else 0)
                       for pid, p in network.people.items() if p.is_direct])
    if book_map is not None:
        write_map(w, book_map, people)
    return w.dump()


def write_map(w: _Writer, where: BookMap, people: Sequence[str]) -> None:
    """Add the places of the book's keys (``yamlread.BookMap``) to a packed book whose
    people are ``people``: an edit reads one entry from its key to the next one's, so a
    warm edit never parses the whole book. The people's starts are one number array in
    the order of the packed people (the book's order); the few other keys plain data."""
    from netreach.book.bookmap import EntryStarts

    starts = where.entries.get("people", {})
    if isinstance(starts, EntryStarts) and len(starts.ids) == len(people) and list(
            starts.ids) == list(people):
        values = starts.starts
        if isinstance(values, array) and values.typecode == "q":
            w.add("map.people", values, "q")  # (an edit's, already an array)
        else:
            w.array("map.people", "q", values)
    else:
        w.array("map.people", "q", [starts[p] for p in people])
    w.obj("map", (where.top, sorted(where.flow),
                  {s: dict(zip(EntryStarts.of(e).ids, EntryStarts.of(e).starts, strict=True))
                   for s, e in where.entries.items() if s != "people"},
                  "people" in where.entries))
