"""The resolved network: a validated book with its references checked and its
companies and ties made explicit (symmetric ties, directional credibility)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from netreach.book.model import (
    FORMAT_VERSION,
    Book,
    Community,
    Company,
    Me,
    Outlook,
    Person,
    Tie,
    is_id,
)
from netreach.book.names import NEAR, company_key
from netreach.book.names import fold as fold  # re-exported: callers have long found it here

# Where a value sits in the book: ("people", "ana", "knows", 0).
BookLocation = tuple[str | int, ...]


@dataclass(frozen=True)
class PathProblem:
    """A problem found after schema validation, located by its path in the book."""

    path: BookLocation
    message: str
    key: bool = False  # point at the key rather than the value


@dataclass(frozen=True)
class TieView:
    """One direction of a tie: ``a -> b``.

    ``credibility`` is how much ``b`` trusts ``a``'s word: what matters when ``a``
    refers me to ``b``.
    """

    strength: int
    credibility: int


@dataclass(frozen=True)
class CompanyView:
    """A company, declared under ``companies:`` or implied by a person's free text."""

    id: str
    name: str
    outlook: Outlook
    aliases: tuple[str, ...] = ()
    industry: str | None = None
    implicit: bool = False


class InvalidNetwork(Exception):
    """Raised by ``resolve`` with every reference problem found."""

    def __init__(self, problems: list[PathProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class ResolvedNetwork:
    """A freshly loaded network (implements ``book.network.Network``): everything the
    queries need, with every id checked."""

    book: Book
    companies: Mapping[str, CompanyView]
    person_company: Mapping[str, str]  # person id -> company id (people with a company)
    ties: Mapping[str, Mapping[str, TieView]]  # a -> b -> tie (both directions present)
    members: Mapping[str, tuple[str, ...]]  # community id -> person ids, sorted
    targets: tuple[str, ...] = ()  # company ids from me.seeking.companies
    employees: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def me(self) -> Me:
        return self.book.me

    @property
    def people(self) -> Mapping[str, Person]:
        return self.book.people

    @property
    def communities(self) -> Mapping[str, Community]:
        return self.book.communities

    def member_count(self, community_id: str) -> int:
        """How many people belong to a community (a cached network counts without
        reading their ids)."""
        return len(self.members.get(community_id, ()))

    def company_keys(self, wanted: str) -> list[tuple[str, str]]:
        """(company id, spelling) for every id, name and alias whose ``company_key`` is
        ``wanted``, in the order of ``companies`` (then id, name, aliases)."""
        return [(cid, key) for cid, company in self.companies.items()
                for key in (cid, company.name, *company.aliases) if company_key(key) == wanted]

    def person_names(self) -> Mapping[str, str]:
        """Person id -> name (a cached network reads them without decoding every person,
        so finding someone by name stays fast in a big book)."""
        return {pid: person.name for pid, person in self.people.items()}

    def match_keys(self) -> tuple[list[str], list[str], list[str]]:
        """Every person's id, folded name and folded email ("" when none), in book order:
        what a near-duplicate check compares (a cached network reads them in one go)."""
        people = self.people
        return (list(people), [fold(p.name) for p in people.values()],
                [fold(p.email) if p.email else "" for p in people.values()])

    def profile_urls(self) -> list[str]:
        """Every person's profile URL ("" when none), in book order (an import matches
        people by it; a cached network reads them in one go)."""
        return [p.url or "" for p in self.people.values()]

    def company_of(self, person_id: str) -> CompanyView | None:
        cid = self.person_company.get(person_id)
        return self.companies[cid] if cid is not None else None


def slugify(text: str, fallback: str = "entry") -> str:
    """A readable id from a name: ``Dana Kim`` -> ``dana-kim``."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:48].strip("-")
    return slug or fallback


def unique_id(base: str, taken: Mapping[str, object] | set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


class CompanyIndex:
    """Matches free-text company names to known companies by id, name or alias, compared
    by ``company_key`` (so "Acme Robotics GmbH" finds Acme Robotics; never by substring)."""

    def __init__(self, companies: Mapping[str, Company]) -> None:
        self._by_key: dict[str, str] = {}
        for cid, company in companies.items():
            for key in (cid, company.name, *company.aliases):
                self._by_key.setdefault(company_key(key), cid)

    def match(self, text: str) -> str | None:
        """The id of the company ``text`` names, if any."""
        return self._by_key.get(company_key(text))

    def add(self, cid: str, name: str) -> None:
        """Index a company created on the way (an implicit one, or one an import adds)."""
        self._by_key.setdefault(company_key(cid), cid)
        self._by_key.setdefault(company_key(name), cid)


def _check_version(book: Book, problems: list[PathProblem]) -> None:
    if book.netreach != FORMAT_VERSION:
        problems.append(
            PathProblem(
                ("netreach",),
                f"format version {book.netreach} is not supported (this netreach reads "
                f"version {FORMAT_VERSION})",
            )
        )


def _resolve_companies(
    book: Book, problems: list[PathProblem]
) -> tuple[dict[str, CompanyView], dict[str, str], tuple[str, ...]]:
    companies = {
        cid: CompanyView(cid, c.name, c.outlook, tuple(c.aliases), c.industry)
        for cid, c in book.companies.items()
    }
    index = CompanyIndex(book.companies)

    def resolve(text: str, where: BookLocation) -> str | None:
        cid = index.match(text)
        if cid is not None:
            return cid
        if is_id(text) and "-" in text and book.companies:
            from rapidfuzz import process

            near = process.extractOne(text, list(book.companies), score_cutoff=NEAR)
            if near is not None:
                problems.append(
                    PathProblem(where, f"unknown company id {text!r}; did you mean {near[0]!r}?")
                )
                return None
        # The id comes from the key, so "Orbital Labs GmbH" is orbital-labs however spelt.
        cid = unique_id(slugify(company_key(text), "company"), companies)
        companies[cid] = CompanyView(cid, text.strip(), Outlook.UNKNOWN, implicit=True)
        index.add(cid, text)
        return cid

    person_company: dict[str, str] = {}
    for pid, person in book.people.items():
        if person.company is not None and person.company.strip():
            cid = resolve(person.company, ("people", pid, "company"))
            if cid is not None:
                person_company[pid] = cid
    targets: list[str] = []
    seeking = book.me.seeking
    for i, text in enumerate(seeking.companies if seeking else []):
        cid = resolve(text, ("me", "seeking", "companies", i))
        if cid is not None and cid not in targets:
            targets.append(cid)
    return companies, person_company, tuple(targets)


def tie_view(strength: int, credibility: int) -> TieView:
    """The (shared, immutable) view of a tie: a big book has only 25 distinct ones."""
    view = _TIE_VIEWS.get((strength, credibility))
    if view is None:
        view = _TIE_VIEWS[(strength, credibility)] = TieView(strength, credibility)
    return view


_TIE_VIEWS: dict[tuple[int, int], TieView] = {}


def _resolve_ties(book: Book, problems: list[PathProblem]) -> dict[str, dict[str, TieView]]:
    # (a, b) -> the tie as listed under a; the pair's strength is shared.
    declared: dict[tuple[str, str], Tie] = {}
    people = book.people
    for pid, person in people.items():
        for other, tie in person.knows.items():
            if other in people and other != pid:
                mirror = declared.get((other, pid))
                if mirror is None or mirror.strength == tie.strength:
                    declared[(pid, other)] = tie
                    continue
            where: BookLocation = ("people", pid, "knows", other)
            if other not in people:
                problems.append(PathProblem(where, f"unknown person {other!r}", key=True))
            elif other == pid:
                problems.append(PathProblem(where, "a person cannot know themselves", key=True))
            else:
                problems.append(
                    PathProblem(
                        where,
                        f"strength {tie.strength} here conflicts with strength "
                        f"{mirror.strength} at people.{other}.knows.{pid}",  # type: ignore[union-attr]
                        key=True,
                    )
                )
    ties: dict[str, dict[str, TieView]] = {pid: {} for pid in people}
    for (a, b), tie in declared.items():
        # Listed under a: b trusts a's word `credibility` much (default: the strength).
        ties[a][b] = tie_view(tie.strength, tie.credibility or tie.strength)
        if (b, a) not in declared:
            ties[b][a] = tie_view(tie.strength, tie.strength)
    return ties


def _resolve_members(book: Book, problems: list[PathProblem]) -> dict[str, tuple[str, ...]]:
    members: dict[str, list[str]] = {cid: [] for cid in book.communities}
    for i, cid in enumerate(book.me.communities):
        if cid not in book.communities:
            problems.append(PathProblem(("me", "communities", i), f"unknown community {cid!r}"))
    for pid, person in book.people.items():
        for i, cid in enumerate(person.communities):
            if cid not in members:
                problems.append(
                    PathProblem(("people", pid, "communities", i), f"unknown community {cid!r}")
                )
            elif not members[cid] or members[cid][-1] != pid:
                members[cid].append(pid)
    return {cid: tuple(sorted(set(pids))) for cid, pids in members.items()}


def _check_log(book: Book, companies: Mapping[str, CompanyView],
               problems: list[PathProblem]) -> None:
    """``for`` and ``to`` of every log entry name a company and a person in the book."""
    for pid, person in book.people.items():
        for i, entry in enumerate(person.log):
            if entry.for_ is not None and entry.for_ not in companies:
                problems.append(PathProblem(("people", pid, "log", i, "for"),
                                            f"unknown company {entry.for_!r}"))
            if entry.to is not None and entry.to not in book.people:
                problems.append(PathProblem(("people", pid, "log", i, "to"),
                                            f"unknown person {entry.to!r}"))


def resolve(book: Book) -> ResolvedNetwork:
    """Check every reference in ``book`` and build the resolved network.

    Raises ``InvalidNetwork`` listing every problem at once.
    """
    problems: list[PathProblem] = []
    _check_version(book, problems)
    if "me" in book.people:
        problems.append(PathProblem(("people", "me"), "'me' is reserved for you", key=True))
    companies, person_company, targets = _resolve_companies(book, problems)
    ties = _resolve_ties(book, problems)
    members = _resolve_members(book, problems)
    _check_log(book, companies, problems)
    if problems:
        raise InvalidNetwork(problems)
    employees: dict[str, list[str]] = {}
    for pid in sorted(person_company):
        employees.setdefault(person_company[pid], []).append(pid)
    return ResolvedNetwork(
        book=book,
        companies=companies,
        person_company=person_company,
        ties=ties,
        members=members,
        targets=targets,
        employees={cid: tuple(pids) for cid, pids in employees.items()},
    )
