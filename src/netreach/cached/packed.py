"""A validated book packed into flat arrays, read back lazily (the cache's payload).

The cache (``cache.py``) keeps a book in this form so that a warm command reads
one file and decodes only what it touches: a search on 200,000 people decodes
the edge lists of the nodes it visits, a chain's few people, and nothing else.
Measured at 50,000 people: unpickling the networkx graph took 0.58 s and the
pydantic network 1.1 s; opening the packed form takes a few milliseconds.

What is packed, all of it plain data (``marshal`` and number arrays, no pickle):

* each validated entry (person, community, me, company) as its field values
  and the fields the book set; read back with pydantic's ``model_construct``,
  which skips validation (the values were validated when the cache was
  written) and needs no pydantic schema, so a warm command never builds one.
  A cached person equals the person a fresh load gives, field for field;
* the resolved references (companies, who works where, ties, members) as
  integer arrays;
* the search index as sorted edge arrays (CSR) with their costs. Only the hop
  me -> a direct contact depends on the date; its cost is computed for the day
  asked (``index.contact_cost``), so the cache does not depend on "today".

The payload is trusted only after ``cache.py`` has checked its keyed digest.
"""

from __future__ import annotations

import datetime as dt
import marshal
from array import array
from collections.abc import Iterable, Mapping, Sequence, Sized
from itertools import accumulate, chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any
from zlib import crc32

from pydantic import BaseModel

from netreach.book import model
from netreach.book.resolved import Network, fold
from netreach.graph.adjacency import Adjacency, SearchIndex, contact_cost, node_costs, sorted_edges

if TYPE_CHECKING:
    from netreach.book.yamlread import BookMap
    from netreach.cached.packed_network import PackedNetwork

FORMAT = 3  # the layout below; part of the cache key
Buffer = bytes | bytearray | memoryview | array  # type: ignore[type-arg]
# Reading ids one at a time beats splitting 200,000 of them, until a command reads
# most of them anyway (reach, export): then one split in C is cheaper.
_READS_BEFORE_SPLIT = 2_000
_ALIGN = 8
_REFERENCE_DAY = dt.date(2000, 1, 1)  # any day: the dated hops are recomputed on reading


# --- entries: validated models as plain data ----------------------------------------------

_MODELS: dict[str, type[BaseModel]] = {
    cls.__name__: cls for cls in (model.Book, model.Me, model.Seeking, model.Company,
                                  model.Community, model.Tie, model.LogEntry, model.Person)}
_ENUMS = {cls.__name__: cls for cls in (model.Outlook, model.CommunityKind)}


_PLAIN = frozenset({str, int, bool, float, type(None)})
_TIES: dict[tuple[int, int | None, int], tuple[str, str, dict[str, int]]] = {}


def encode(value: Any) -> Any:
    """A validated model (or a value in one) as marshal-able data. Tuples mark what
    marshal lacks (models, enums, dates): book data itself never holds a tuple.

    A model keeps only the fields the book set: ``model_construct`` fills the
    others with the same defaults validation would, and marks as set exactly the
    fields it is given, so the rebuilt model equals the original, set fields included.
    """
    if type(value) in _PLAIN:
        return value
    if type(value) is model.Tie:  # most entries: one encoding per distinct tie, shared
        key = (value.strength, value.credibility, len(value.__pydantic_fields_set__))
        found = _TIES.get(key)
        if found is None:
            found = _TIES[key] = ("model", "Tie", {
                k: value.__dict__[k] for k in value.__pydantic_fields_set__})
        return found
    if isinstance(value, BaseModel):
        fields = value.__dict__
        return ("model", type(value).__name__, {
            k: v if type(v := fields[k]) in _PLAIN else encode(v)
            for k in value.__pydantic_fields_set__})
    if isinstance(value, dict):
        return {k: v if type(v) in _PLAIN else encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _PLAIN else encode(v) for v in value]
    if isinstance(value, model.Outlook | model.CommunityKind):
        return ("enum", type(value).__name__, value.value)
    if isinstance(value, dt.date):
        return ("date", value.toordinal())
    return value


class _Construct:
    """``model_construct`` for one model class, without its per-call bookkeeping.

    The book's models have no aliases, private attributes, post-init hooks or extra
    fields, so building one is: every field's value (or a fresh default), and the
    set fields. Measured: 4 us a person instead of 45 us, which is what ``reach``
    on a cached 50,000-person book spends decoding every person it reaches. A
    model with any of those features goes through ``model_construct`` itself.
    """

    def __init__(self, cls: type[BaseModel]) -> None:
        self.cls = cls
        fields = cls.__pydantic_fields__
        self.simple = (
            not cls.__pydantic_post_init__ and not cls.__private_attributes__
            and cls.model_config.get("extra") != "allow" and not cls.__pydantic_root_model__
            and all(f.alias is None and f.validation_alias is None for f in fields.values()))
        self.defaults: list[tuple[str, Any, bool]] = []  # (name, default, fresh copy?)
        for name, f in fields.items():
            default = None if f.is_required() else f.get_default(call_default_factory=True)
            self.defaults.append((name, default, isinstance(default, list | dict | set)))

    def __call__(self, values: dict[str, Any]) -> BaseModel:
        if not self.simple:
            return self.cls.model_construct(**values)
        state = {}
        for name, default, fresh in self.defaults:
            if name in values:
                state[name] = values[name]
            else:
                state[name] = default.copy() if fresh else default
        model = self.cls.__new__(self.cls)
        object.__setattr__(model, "__dict__", state)
        object.__setattr__(model, "__pydantic_fields_set__", set(values))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


_CONSTRUCT = {name: _Construct(cls) for name, cls in _MODELS.items()}


def decode(data: Any) -> Any:
    """The inverse of ``encode``; models are rebuilt as ``model_construct`` would."""
    if type(data) in _PLAIN:
        return data
    if isinstance(data, tuple):
        if data[0] == "model":
            return _CONSTRUCT[data[1]]({
                k: v if type(v) in _PLAIN else decode(v) for k, v in data[2].items()})
        if data[0] == "enum":
            return _ENUMS[data[1]](data[2])
        return dt.date.fromordinal(data[1])
    if isinstance(data, dict):
        return {k: v if type(v) in _PLAIN else decode(v) for k, v in data.items()}
    if isinstance(data, list):
        return [v if type(v) in _PLAIN else decode(v) for v in data]
    return data


# --- packing ---------------------------------------------------------------------------


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


def _hash(key: str) -> int:
    """A hash that is the same in every process (``hash()`` of a str is not)."""
    return crc32(key.encode("utf-8", "surrogatepass"))


def hash_table(keys: Sequence[str]) -> array[int]:
    """Open addressing, linear probing: slot -> row + 1 (0 is empty), at most half full."""
    size = 1 << max(3, (2 * len(keys)).bit_length())
    mask = size - 1
    table = array("i", bytes(4 * size))
    for row, key in enumerate(keys):
        slot = _hash(key) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = row + 1
    return table


def pack(network: Network, book_map: BookMap | None = None) -> bytes:
    """The packed form of a freshly loaded (fully validated) network, with the places
    of the book's keys when given (``packed_map``)."""
    w = _Writer()
    book = network.book
    people = list(network.people)
    communities = list(network.communities)
    person = {pid: i for i, pid in enumerate(people)}
    company = {cid: i for i, cid in enumerate(network.companies)}

    w.keys("people", people)
    w.obj("people.match", network.match_keys()[1:])
    w.obj("communities", communities)
    w.entries("people.data", list(network.people.values()))
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
            keys.setdefault(fold(key), []).append((cid, key))
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
                       for pid, p in network.people.items() if p.closeness is not None])
    if book_map is not None:
        from netreach.cached.packed_map import write_map

        write_map(w, book_map, people)
    return w.dump()


# --- reading ----------------------------------------------------------------------------


class _Keys:
    """Ids packed by ``_Writer.keys``: read one at a time, found through the hash table,
    split all at once (in C) once a command has read more than a few thousand."""

    def __init__(self, packed: Packed, name: str) -> None:
        self._offsets = packed.section(f"{name}.ids.off")
        self._text = packed.section(f"{name}.ids")
        self._table = packed.section(f"{name}.table")
        self._all: list[str] | None = None
        self._reads = 0

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @property
    def all(self) -> list[str]:
        if self._all is None:
            self._all = str(self._text, "utf-8", "surrogatepass").split("\n")[:-1]
        return self._all

    def at(self, i: int) -> str:
        if self._all is not None:
            return self._all[i]
        self._reads += 1
        if self._reads > _READS_BEFORE_SPLIT:
            return self.all[i]
        return str(self._text[self._offsets[i]:self._offsets[i + 1] - 1], "utf-8",
                   "surrogatepass")

    def row(self, key: str) -> int | None:
        table = self._table
        mask = len(table) - 1
        slot = _hash(key) & mask
        while row := table[slot]:
            if self.at(row - 1) == key:
                return row - 1
            slot = (slot + 1) & mask
        return None


class Packed:
    """A packed book, read lazily: ``network`` and ``index(today)``."""

    def __init__(self, payload: bytes | memoryview) -> None:
        self._buffer = memoryview(payload)
        size = int.from_bytes(self._buffer[:8], "little")
        self._table: dict[str, tuple[int, int, str]] = marshal.loads(self._buffer[8:8 + size])
        self._base = 8 + size
        self._objects: dict[str, Any] = {}
        self._sections: dict[str, memoryview] = {}
        self._people = _Keys(self, "people")
        self.companies = _Keys(self, "companies")
        self._community_row: dict[str, int] | None = None
        self._network: PackedNetwork | None = None

    def section(self, name: str) -> memoryview:
        """One section: bytes, or typed numbers when packed as an array."""
        view = self._sections.get(name)
        if view is None:
            start, length, typecode = self._table[name]
            view = self._buffer[self._base + start:self._base + start + length]
            if typecode:
                view = view.cast(typecode)  # type: ignore[call-overload]
            self._sections[name] = view
        return view

    def obj(self, name: str) -> Any:
        """A section of marshal data, decoded once."""
        if name not in self._objects:
            self._objects[name] = marshal.loads(self.section(name))
        return self._objects[name]

    def row(self, name: str, i: int, rows: str | None = None) -> memoryview:
        """Row i of a CSR section (or entry i of an entries section, as bytes);
        ``rows`` names the section whose offsets it shares, if not its own."""
        offsets = self.section(f"{rows or name}.off")
        return self.section(name)[offsets[i]:offsets[i + 1]]

    def entry(self, name: str, i: int) -> Any:
        """Entry i of an entries section, decoded."""
        return decode(marshal.loads(self.row(name, i)))

    @property
    def people(self) -> list[str]:
        """Every person id, in book order."""
        return self._people.all

    @property
    def person_count(self) -> int:
        return len(self._people)

    def person_id(self, i: int) -> str:
        """The id of person i (0-based)."""
        return self._people.at(i)

    @property
    def communities(self) -> list[str]:
        return self.obj("communities")  # type: ignore[no-any-return]

    def person_row(self, pid: str) -> int | None:
        """Which row holds person ``pid``."""
        return self._people.row(pid)

    def community_row(self, cid: str) -> int | None:
        if self._community_row is None:
            self._community_row = {c: i for i, c in enumerate(self.communities)}
        return self._community_row.get(cid)

    def employee_row(self, cid: str) -> int | None:
        """Which row of ``employees`` holds company ``cid``."""
        i = self.companies.row(cid)
        row = -1 if i is None else self.section("employees.row")[i]
        return row if row >= 0 else None

    def employer_ids(self) -> list[str]:
        """Company ids with employees, in the order of ``Network.employees``."""
        return [self.companies.at(c) for c in self.section("employees.keys")]

    def has(self, name: str) -> bool:
        return name in self._table

    def book_map(self) -> BookMap | None:
        """Where the book's keys are (``yamlread.BookMap``), when packed with it."""
        from netreach.cached.packed_map import read_map

        return read_map(self)

    @property
    def network(self) -> PackedNetwork:
        """The network, each part decoded on first use."""
        if self._network is None:
            from netreach.cached.packed_network import PackedNetwork

            self._network = PackedNetwork(self)
        return self._network

    def index(self, today: dt.date) -> SearchIndex:
        """The search index for ``today``: edge lists read per node when first used."""
        from netreach.cached.packed_network import Nodes, Position, Rows

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
        employees: Mapping[str, Sequence[int]] = Rows(
            self.employer_ids, self.employee_row, lambda i: self.row("employees", i),
            len(self.section("employees.keys")))
        return SearchIndex(Nodes(self), out, into, s("referral_cost"), s("direct_cost"),
                           s("hiring_cost"), employees, Position(self))
