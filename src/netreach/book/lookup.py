"""Find a company from what a person typed: id, name or alias, fuzzily."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from netreach.book.resolved import CompanyView, Network, fold
from netreach.errors import Ambiguous, NotFound

EXACT = 100.0
SURE = 88.0  # a fuzzy match this good, and clearly ahead of the next, is taken
CANDIDATE = 70.0  # below this a company is not worth suggesting
MARGIN = 6.0


@dataclass(frozen=True)
class CompanyMatch:
    company: CompanyView
    score: float
    matched: str  # the id, name or alias that matched

    @property
    def exact(self) -> bool:
        return self.score >= EXACT


def find_company(network: Network, query: str) -> CompanyMatch:
    """The company ``query`` names. Raises ``NotFound`` or ``Ambiguous`` (listing candidates)."""
    wanted = fold(query)
    if not wanted:
        raise NotFound("give a company id, name or alias")
    # Only identical text scores 100 (WRatio's partial and token scores are scaled below
    # it), so one company matching exactly is the answer without any fuzzy scoring.
    exact = network.company_keys(wanted)
    if exact and all(cid == exact[0][0] for cid, _ in exact):
        cid, key = exact[0]
        return CompanyMatch(network.companies[cid], EXACT, key)

    from rapidfuzz import fuzz

    best: dict[str, tuple[float, str]] = {}
    for cid, company in network.companies.items():
        for key in (cid, company.name, *company.aliases):
            folded = fold(key)
            score = EXACT if folded == wanted else float(fuzz.WRatio(wanted, folded))
            if score > best.get(cid, (-1.0, ""))[0]:
                best[cid] = (score, key)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    if not ranked or ranked[0][1][0] < CANDIDATE:
        raise NotFound(f"no company matches {query!r}; see 'netreach companies' or "
                       "'netreach list --json' for the companies in your book")
    top_id, (top_score, top_key) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    if top_score >= EXACT and runner_up < EXACT:
        return CompanyMatch(network.companies[top_id], top_score, top_key)
    if top_score >= SURE and top_score - runner_up >= MARGIN:
        return CompanyMatch(network.companies[top_id], top_score, top_key)
    candidates = [f"{cid} ({network.companies[cid].name})" for cid, (s, _) in ranked[:5]
                  if s >= CANDIDATE]
    raise Ambiguous(f"{query!r} could be: {', '.join(candidates)}; give the id")


def find_person(network: Network, query: str) -> str:
    """The id of the person ``query`` names: their id, or their name (ignoring case and
    accents) when one person has it. Anything else raises ``NotFound`` with "did you
    mean …?" (the closest ids and names), or ``Ambiguous`` for a shared name: a command
    that writes to the book never guesses."""
    if query in network.people:
        return query
    wanted = fold(query)
    named = sorted(pid for pid, p in network.people.items()
                   if fold(pid) == wanted or fold(p.name) == wanted)
    if len(named) == 1:
        return named[0]
    if named:
        raise Ambiguous(f"{query!r} could be: "
                        f"{', '.join(f'{p} ({network.people[p].name})' for p in named)}; "
                        "give the id")
    raise NotFound(f"no person {query!r}" + _did_you_mean(
        wanted, {pid: (pid, p.name) for pid, p in network.people.items()},
        lambda pid: f"{pid} ({network.people[pid].name})"))


def find_company_id(network: Network, query: str) -> str:
    """The id of the company ``query`` names exactly (id, name or alias, ignoring case and
    accents); a near miss raises ``NotFound`` with "did you mean …?" rather than being
    taken, because the answer is written into the book."""
    try:
        match = find_company(network, query)
    except NotFound:
        match = None
    if match is not None and match.exact:
        return match.company.id
    wanted = fold(query)
    raise NotFound(f"no company {query!r}" + _did_you_mean(
        wanted, {cid: (cid, c.name, *c.aliases) for cid, c in network.companies.items()},
        lambda cid: f"{cid} ({network.companies[cid].name})"))


def _did_you_mean(wanted: str, keys: dict[str, tuple[str, ...]],
                  label: Callable[[str], str]) -> str:
    """``; did you mean mira-schulz (Mira Schulz)?`` for the closest entries, or ``""``."""
    from rapidfuzz import fuzz

    scored = sorted(((max(fuzz.WRatio(wanted, fold(k)) for k in ks), eid)
                     for eid, ks in keys.items()), key=lambda x: (-x[0], x[1]))
    near = [label(eid) for score, eid in scored[:3] if score >= CANDIDATE]
    return f"; did you mean {' or '.join(near)}?" if near else ""
