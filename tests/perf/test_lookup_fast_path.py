"""``find_company`` answers an exact match without fuzzy scoring; the answer (or the
error) is the one the full fuzzy ranking gives."""

from __future__ import annotations

import pytest

from netreach.book.lookup import CANDIDATE, EXACT, MARGIN, SURE, CompanyMatch, find_company
from netreach.book.network import Network
from netreach.book.resolved import CompanyView, ResolvedNetwork, fold
from netreach.cached.bookfile import open_book
from netreach.errors import Ambiguous, NotFound


def _full_ranking(network: Network, query: str) -> CompanyMatch:
    """The reference: every key of every company scored fuzzily (the first version)."""
    from rapidfuzz import fuzz

    wanted = fold(query)
    if not wanted:
        raise NotFound("give a company id, name or alias")
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


def _outcome(fn, network, query):
    try:
        return fn(network, query)
    except (NotFound, Ambiguous) as err:
        return type(err), str(err)


def _queries(network: Network) -> list[str]:
    out = ["", "   ", "zzzz", "Energy", "Berlin", "GmbH", "cloud", "Ünïcödé Labs"]
    for cid, company in network.companies.items():
        for key in (cid, company.name, *company.aliases):
            out += [key, key.upper(), f"  {key.lower()} ", key[:4], key[1:]]
    return out


def test_same_answer_as_the_full_ranking(example_book):
    network = open_book(example_book).network
    for query in _queries(network):
        assert _outcome(find_company, network, query) == \
            _outcome(_full_ranking, network, query), query


def test_a_name_shared_by_two_companies_is_still_ambiguous(example_book):
    network = open_book(example_book).network
    twin = CompanyView("kiezbank-2", "Kiezbank", network.companies["kiezbank"].outlook)
    companies = {**network.companies, "kiezbank-2": twin}
    twinned = ResolvedNetwork(network.book, companies, network.person_company, network.ties,
                      network.members, network.targets, network.employees)
    with pytest.raises(Ambiguous):
        find_company(twinned, "Kiezbank")
    assert _outcome(find_company, twinned, "kiezbank") == \
        _outcome(_full_ranking, twinned, "kiezbank")
