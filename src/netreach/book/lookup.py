"""Find a company from what a person typed: id, name or alias, fuzzily."""

from __future__ import annotations

from dataclasses import dataclass

from netreach.book.network import Network
from netreach.book.resolved import CompanyView, fold
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
