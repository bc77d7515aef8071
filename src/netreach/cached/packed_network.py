"""A ``Network`` read from a packed book: every part is decoded when first used.

``PackedNetwork`` is what a warm command gets from the cache. It behaves as the
``Network`` a fresh load gives (same keys in the same order, equal values: tests
in tests/cache check it part by part), but a query that reads five people
decodes five people. The lazy mappings here are read-only views; the index's
node names and positions are made on demand instead of as 200,000-entry tables.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from netreach.book.model import Book, Community, Me, Outlook, Person
from netreach.book.resolved import CompanyView, ResolvedNetwork, TieView, tie_view
from netreach.cached.entries import decode, decode_model
from netreach.cached.sections import Sections
from netreach.graph.hops import ME

V = TypeVar("V")


class LazyMapping(Mapping[str, V]):
    """A mapping whose values are decoded one key at a time, and remembered."""

    def __init__(self, keys: Callable[[], Sequence[str]], where: Callable[[str], int | None],
                 decode_row: Callable[[int], V], size: int | None = None) -> None:
        self._keys = keys
        self._where = where
        self._decode = decode_row
        self._size = size
        self._seen: dict[str, V] = {}

    def __getitem__(self, key: str) -> V:
        if key in self._seen:
            return self._seen[key]
        row = self._where(key) if isinstance(key, str) else None
        if row is None:
            raise KeyError(key)
        value = self._seen[key] = self._decode(row)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._where(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys()) if self._size is None else self._size


class TieRow(Mapping[str, TieView]):
    """One person's ties by the other's id. A chain asks for one or two ties of a
    person who may have thousands: a look-up finds the other's row and its place
    in the row, and decodes nothing else; the whole row is decoded only when
    iterated."""

    def __init__(self, packed: Sections, i: int) -> None:
        self._packed, self._i = packed, i
        self._others: list[int] | None = None
        self._all: dict[str, TieView] | None = None

    def _place(self, key: object) -> int | None:
        if not isinstance(key, str) or (row := self._packed.person_row(key)) is None:
            return None
        if self._others is None:
            self._others = self._packed.row("ties", self._i).tolist()
        try:
            return self._others.index(row)
        except ValueError:
            return None

    def __getitem__(self, key: str) -> TieView:
        if self._all is not None:
            return self._all[key]
        j = self._place(key)
        if j is None:
            raise KeyError(key)
        p, i = self._packed, self._i
        return tie_view(p.row("ties.strength", i, "ties")[j],
                        p.row("ties.credibility", i, "ties")[j])

    def __contains__(self, key: object) -> bool:
        return (key in self._all) if self._all is not None else self._place(key) is not None

    def _decoded(self) -> dict[str, TieView]:
        if self._all is None:
            p, i = self._packed, self._i
            self._all = {p.person_id(o): tie_view(s, c) for o, s, c in zip(
                p.row("ties", i), p.row("ties.strength", i, "ties"),
                p.row("ties.credibility", i, "ties"), strict=True)}
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._packed.row("ties", self._i))


class NodeKeys(Sequence[str]):
    """Node keys by index ("me", "person:<id>", "community:<id>"), made on demand."""

    def __init__(self, packed: Sections) -> None:
        self._packed = packed

    def __len__(self) -> int:
        return 1 + self._packed.person_count + len(self._packed.communities)

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        people = self._packed.person_count
        if i < 0:
            i += len(self)
        if i == 0:
            return ME
        if 0 < i <= people:
            return "person:" + self._packed.person_id(i - 1)
        if people < i < len(self):
            return "community:" + self._packed.communities[i - 1 - people]
        raise IndexError(i)


class NodePositions(Mapping[str, int]):
    """Node key -> index, without a dictionary of every node."""

    def __init__(self, packed: Sections) -> None:
        self._packed = packed

    def __getitem__(self, key: str) -> int:
        if key == ME:
            return 0
        kind, _, ident = key.partition(":")
        packed = self._packed
        if kind == "person" and (i := packed.person_row(ident)) is not None:
            return i + 1
        if kind == "community" and (j := packed.community_row(ident)) is not None:
            return 1 + packed.person_count + j
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(NodeKeys(self._packed))

    def __len__(self) -> int:
        return len(NodeKeys(self._packed))


def decode_person(data: Any) -> Person:
    """``entries.decode`` of a person entry, each distinct tie built once: a hub's
    thousands of ties are a handful of distinct values, which ``marshal`` keeps as
    shared objects, and ties are frozen models, so the people it knows share them
    (``reach`` and ``companies`` decode every hub on a best chain)."""
    knows = data[2].get("knows")
    if not knows:
        plain: Person = decode(data)
        return plain
    built: dict[int, Any] = {}  # id of an encoded tie (alive in ``knows``) -> its Tie
    ties = {}
    for other, tie in knows.items():
        found = built.get(id(tie))
        if found is None:
            found = built[id(tie)] = decode(tie)
        ties[other] = found
    person: Person = decode_model(data, knows=ties)
    return person


class PackedNetwork:
    """A ``Network`` read from a packed book; each part is decoded on first use.

    ``people`` and ``communities`` decode an entry when it is first read; ``book``
    decodes every entry (slow on big books: commands that need all people read
    ``people`` instead). It is read-only: copies are the same object, and
    ``resolved()`` (or pickling) gives a plain ``ResolvedNetwork``.
    """

    def __init__(self, packed: Sections, /) -> None:
        p = self._packed = packed
        self._book: Book | None = None
        self._me: Me | None = None
        ids = p.person_id

        def company_view(i: int) -> CompanyView:
            name, outlook, aliases, industry, implicit = marshal.loads(
                p.row("companies.data", i))
            return CompanyView(p.companies.at(i), name, Outlook(outlook), tuple(aliases),
                               industry, implicit)

        works = p.section("person_company")

        def person_company_row(pid: str) -> int | None:
            i = p.person_row(pid)
            return i if i is not None and works[i] >= 0 else None

        def ties(i: int) -> TieRow:
            return TieRow(p, i)

        self.companies: Mapping[str, CompanyView] = LazyMapping(
            lambda: p.companies.all, p.companies.row, company_view, len(p.companies))
        self.person_company: Mapping[str, str] = LazyMapping(
            lambda: [p.people[i] for i, c in enumerate(works) if c >= 0], person_company_row,
            lambda i: p.companies.at(works[i]), p.obj("person_company.size"))
        self.ties: Mapping[str, Mapping[str, TieView]] = LazyMapping(
            lambda: p.people, p.person_row, ties, p.person_count)
        self.members: Mapping[str, tuple[str, ...]] = LazyMapping(
            lambda: p.communities, p.community_row,
            lambda j: tuple(ids(i) for i in p.row("members", j)))
        self.employees: Mapping[str, tuple[str, ...]] = LazyMapping(
            p.employer_ids, p.employee_row,
            lambda j: tuple(ids(n - 1) for n in p.row("employees", j)),
            len(p.section("employees.keys")))
        self.targets: tuple[str, ...] = tuple(p.obj("targets"))
        self.people: Mapping[str, Person] = LazyMapping(
            lambda: p.people, p.person_row,
            lambda i: decode_person(marshal.loads(p.row("people.data", i))), p.person_count)
        self.communities: Mapping[str, Community] = LazyMapping(
            lambda: p.communities, p.community_row, lambda j: p.entry("communities.data", j))

    @property
    def book(self) -> Book:
        """The whole book (every entry decoded on first use)."""
        if self._book is None:
            netreach, fields_set, companies = self._packed.obj("book")
            self._book = Book.model_construct(
                _fields_set=set(fields_set), netreach=netreach, me=self.me,
                companies=decode(companies),
                communities={cid: self.communities[cid] for cid in self._packed.communities},
                people={pid: self.people[pid] for pid in self._packed.people})
        return self._book

    @property
    def me(self) -> Me:
        """Me (decoded on first use)."""
        if self._me is None:
            self._me = decode(self._packed.obj("me"))
        return self._me

    def match_keys(self) -> tuple[list[str], list[str], list[str]]:
        """Read from the table packed with the book, without decoding anyone."""
        packed = self._packed
        return packed.people, packed.obj("people.folded"), packed.obj("people.emails")

    def profile_urls(self) -> list[str]:
        """Read from the column packed with the book, without decoding anyone."""
        urls: list[str] = self._packed.obj("people.urls")
        return urls

    def member_count(self, community_id: str) -> int:
        """How many people belong to a community, without reading their ids."""
        j = self._packed.community_row(community_id)
        if j is None:
            return 0
        offsets = self._packed.section("members.off")
        return int(offsets[j + 1] - offsets[j])

    def person_names(self) -> Mapping[str, str]:
        """Read from the column packed with the book, not from every decoded person."""
        return dict(zip(self._packed.people, self._packed.obj("people.names"), strict=True))

    def company_keys(self, folded: str) -> list[tuple[str, str]]:
        """Read from the table packed with the book, instead of folding every name."""
        return [(cid, key) for cid, key in self._packed.obj("companies.keys").get(folded, ())]

    def company_of(self, person_id: str) -> CompanyView | None:
        """The company a person works at, if any."""
        cid = self.person_company.get(person_id)
        return self.companies[cid] if cid is not None else None

    def resolved(self) -> ResolvedNetwork:
        """A plain, fully decoded ``ResolvedNetwork`` with the same content."""
        return ResolvedNetwork(self.book, dict(self.companies), dict(self.person_company),
                               {k: dict(v) for k, v in self.ties.items()}, dict(self.members),
                               self.targets, dict(self.employees))

    def __copy__(self) -> PackedNetwork:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> PackedNetwork:
        return self  # read-only: every part is a view of the packed bytes

    def __reduce__(self) -> tuple[Any, ...]:
        plain = self.resolved()
        return (ResolvedNetwork, (plain.book, plain.companies, plain.person_company, plain.ties,
                                  plain.members, plain.targets, plain.employees))
