"""The one resolver for what a person types where an id is expected.

People, companies (declared or implicit) and communities are all found the same
way, in this order:

1. the exact id;
2. a name (or a company's alias) that is the same once folded — for companies,
   the same ``company_key``, so "Nordwind Robotics GmbH" finds Nordwind Robotics;
3. a fuzzy match (rapidfuzz WRatio >= ``names.NEAR``) clearly ahead of the next.

Nothing found: ``NotFound`` with "did you mean ...?" and up to three candidates.
Several equally good: ``Ambiguous`` listing them. Both exit 1 (README, "Exit codes").

Public API: ``resolve_person``, ``resolve_company``, ``resolve_community`` (each
raises), and ``find`` (returns a ``Resolution`` to inspect, for callers that treat
"not found" as a normal case, such as creating a community on the way).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from netreach.book.names import NEAR, company_key, fold
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.errors import Ambiguous, NotFound

EXACT = 100.0
SURE = NEAR  # a fuzzy match this good, and clearly ahead of the next, is taken
CANDIDATE = 60.0  # below this an entry is not worth suggesting
MARGIN = 6.0  # how far ahead of the runner-up a fuzzy match must be to be taken
SUGGESTED = 3  # "did you mean" names at most this many
LISTED = 6  # an ambiguous name lists at most this many

KINDS = ("person", "company", "community")


@dataclass(frozen=True)
class Resolution:
    """What ``find`` made of a query: the id found (or None), and the candidates."""

    kind: str  # person, company or community
    query: str
    found: str | None
    score: float = 0.0
    matched: str = ""  # the id, name or alias that matched
    candidates: tuple[str, ...] = ()  # ids, best first (several: ambiguous or near misses)
    ambiguous: bool = False


@dataclass(frozen=True)
class CompanyMatch:
    company: CompanyView
    score: float
    matched: str  # the id, name or alias that matched

    @property
    def exact(self) -> bool:
        return self.score >= EXACT


def _id_words(entry_id: str) -> str:
    """An id as words, for fuzzy scoring ("priya-raman" -> "priya raman")."""
    return entry_id.replace("-", " ").replace("_", " ").replace(".", " ")


def _entries(network: Network, kind: str) -> Iterable[tuple[str, tuple[str, ...]]]:
    """(id, spellings) of every entry of one kind; the id comes first."""
    if kind == "person":
        return ((pid, (pid, name)) for pid, name in network.person_names().items())
    if kind == "company":
        return ((cid, (cid, c.name, *c.aliases)) for cid, c in network.companies.items())
    return ((cid, (cid, c.name)) for cid, c in network.communities.items())


def _ids(network: Network, kind: str) -> Iterable[str]:
    if kind == "person":
        return network.people
    return network.companies if kind == "company" else network.communities


def _normaliser(kind: str) -> Callable[[str], str]:
    return company_key if kind == "company" else fold


def find(network: Network, kind: str, query: str) -> Resolution:
    """Resolve ``query`` to an entry of ``kind`` without raising (see the module doc)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    text = query.strip()
    if text in _ids(network, kind):
        return Resolution(kind, query, text, EXACT, text)
    normal = _normaliser(kind)
    wanted = normal(text)
    if not wanted:
        return Resolution(kind, query, None)
    if kind == "company":
        # The index packed with the book answers without folding every spelling.
        same = [cid for cid, _ in network.company_keys(wanted)]
    else:
        same = [eid for eid, keys in _entries(network, kind)
                if any(normal(k) == wanted for k in keys[1:])]
    same = list(dict.fromkeys(same))
    if len(same) == 1:
        return Resolution(kind, query, same[0], EXACT, text)
    if same:
        return Resolution(kind, query, None, EXACT, candidates=tuple(same), ambiguous=True)
    return _fuzzy(network, kind, query, wanted, normal)


def _fuzzy(network: Network, kind: str, query: str, wanted: str,
           normal: Callable[[str], str]) -> Resolution:
    from rapidfuzz import fuzz, process

    owners: list[str] = []
    spellings: list[str] = []
    for eid, keys in _entries(network, kind):
        for i, key in enumerate(keys):
            owners.append(eid)
            spellings.append(normal(_id_words(key) if i == 0 else key))
    best: dict[str, tuple[float, str]] = {}
    for _, score, i in process.extract(wanted, spellings, scorer=fuzz.WRatio, processor=None,
                                       score_cutoff=CANDIDATE, limit=None):
        if score > best.get(owners[i], (-1.0, ""))[0]:
            best[owners[i]] = (float(score), spellings[i])
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    if not ranked:
        return Resolution(kind, query, None)
    top_id, (top, matched) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    if top >= SURE and top - runner_up >= MARGIN:
        return Resolution(kind, query, top_id, top, matched)
    if top >= SURE:
        close = tuple(eid for eid, (s, _) in ranked if s >= SURE and top - s < MARGIN)
        return Resolution(kind, query, None, top, candidates=close[:LISTED], ambiguous=True)
    return Resolution(kind, query, None, top,
                      candidates=tuple(eid for eid, _ in ranked[:SUGGESTED]))


def describe(network: Network, kind: str, entry_id: str) -> str:
    """``id (Name)``, with a person's company, to tell namesakes apart."""
    if kind == "person":
        person = network.people[entry_id]
        company = network.company_of(entry_id)
        return f"{entry_id} ({person.name}{', ' + company.name if company else ''})"
    entry = network.companies[entry_id] if kind == "company" else network.communities[entry_id]
    return f"{entry_id} ({entry.name})"


_LISTS = {"person": "see 'netreach list'", "company": "see 'netreach companies'",
          "community": "add one with 'netreach community add'"}


def require(network: Network, resolution: Resolution, label: str = "") -> str:
    """The id found, or ``NotFound`` (with suggestions) / ``Ambiguous`` (with the list)."""
    if resolution.found is not None:
        return resolution.found
    kind, query = resolution.kind, resolution.query
    prefix = f"{label}: " if label else ""
    listed = ", ".join(describe(network, kind, c) for c in resolution.candidates)
    if resolution.ambiguous:
        raise Ambiguous(f"{prefix}{query!r} could be: {listed}; give the id")
    if not query.strip():
        raise NotFound(f"{prefix}give a {kind} id or name")
    other = next((k for k in KINDS if k != kind and query.strip() in _ids(network, k)), None)
    if other is not None:  # "rm kestrel" where kestrel is a company
        raise NotFound(f"{prefix}no {kind} {query!r}; {query.strip()!r} is a {other}")
    if listed:
        raise NotFound(f"{prefix}no {kind} {query!r}; did you mean {listed}?")
    raise NotFound(f"{prefix}no {kind} {query!r} in the book ({_LISTS[kind]})")


def resolve_person(network: Network, query: str, label: str = "") -> str:
    """The id of the person ``query`` names (id, name, or a clear fuzzy match)."""
    return require(network, find(network, "person", query), label)


def resolve_community(network: Network, query: str, label: str = "") -> str:
    """The id of the community ``query`` names."""
    return require(network, find(network, "community", query), label)


def resolve_company(network: Network, query: str, label: str = "") -> CompanyMatch:
    """The company ``query`` names, declared or implicit: its view, score and the
    spelling that matched."""
    found = find(network, "company", query)
    cid = require(network, found, label)
    return CompanyMatch(network.companies[cid], found.score, found.matched)


def find_company(network: Network, query: str) -> CompanyMatch:
    """The company ``query`` names (the name ``paths``, ``plan`` and ``suggest`` use)."""
    return resolve_company(network, query)


def company_of_text(network: Network, text: str) -> str | None:
    """The company a free-text ``company:`` or target names, exactly as the book
    resolves it (same ``company_key``); None when it names none."""
    if text in network.companies:
        return text
    keys = network.company_keys(company_key(text))
    return keys[0][0] if keys else None


def _strict(network: Network, kind: str, query: str, label: str = "") -> str:
    """Like ``require(find(...))``, but a fuzzy match is offered ("did you mean …?"),
    never taken: for commands whose answer is written into the book (``ask``,
    ``outcome``)."""
    found = find(network, kind, query)
    if found.found is not None and found.score >= EXACT:
        return found.found
    near = (found.found,) if found.found is not None else ()
    offered = tuple(dict.fromkeys((*near, *found.candidates)))[:SUGGESTED]
    return require(network, Resolution(kind, query, None, candidates=offered,
                                       ambiguous=found.ambiguous), label)


def find_person(network: Network, query: str) -> str:
    """The id of the person ``query`` names exactly (id, or a name only they have)."""
    return _strict(network, "person", query)


def find_company_id(network: Network, query: str) -> str:
    """The id of the company ``query`` names exactly (id, name, alias or company key)."""
    return _strict(network, "company", query)
