"""``find_company`` answers an exact match without fuzzy scoring; the answer (or the
error) is the one the full fuzzy ranking gives."""

from __future__ import annotations

import pytest

from netreach.book.lookup import CANDIDATE, EXACT, MARGIN, SURE, CompanyMatch, find_company
from netreach.book.names import company_key
from netreach.book.network import Network
from netreach.book.resolved import CompanyView, ResolvedNetwork
from netreach.cached.bookfile import open_book
from netreach.errors import Ambiguous, NotFound


def _full_ranking(network: Network, query: str) -> CompanyMatch | tuple[type, tuple[str, ...]]:
    """The reference: exact id, then every spelling compared by key, then every spelling
    scored fuzzily, without the index packed with the book."""
    from rapidfuzz import fuzz

    text = query.strip()
    if text in network.companies:
        return CompanyMatch(network.companies[text], EXACT, text)
    wanted = company_key(text)
    if not wanted:
        return NotFound, ()
    same = list(dict.fromkeys(cid for cid, c in network.companies.items()
                              for key in (cid, c.name, *c.aliases) if company_key(key) == wanted))
    if len(same) == 1:
        return CompanyMatch(network.companies[same[0]], EXACT, text)
    if same:
        return Ambiguous, tuple(same)
    best: dict[str, float] = {}
    for cid, company in network.companies.items():
        for i, key in enumerate((cid, company.name, *company.aliases)):
            spelling = company_key(key.replace("-", " ") if i == 0 else key)
            best[cid] = max(best.get(cid, 0.0), float(fuzz.WRatio(wanted, spelling)))
    ranked = sorted(((s, cid) for cid, s in best.items() if s >= CANDIDATE),
                    key=lambda item: (-item[0], item[1]))
    if not ranked:
        return NotFound, ()
    top = ranked[0][0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    if top >= SURE and top - runner_up >= MARGIN:
        return network.companies[ranked[0][1]].id, top  # type: ignore[return-value]
    if top >= SURE:
        return Ambiguous, tuple(c for s, c in ranked if s >= SURE and top - s < MARGIN)
    return NotFound, tuple(c for _, c in ranked[:3])


def _outcome(fn, network, query):
    """What the lookup decided: the company id found, or the error and the ids it names."""
    try:
        found = fn(network, query)
    except (NotFound, Ambiguous) as err:
        named = tuple(c for c in network.companies if f"{c} (" in str(err))
        return type(err), tuple(sorted(named))
    if isinstance(found, CompanyMatch):
        return found.company.id
    if isinstance(found, tuple) and isinstance(found[0], str):
        return found[0]
    return found[0], tuple(sorted(found[1]))


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
    assert _outcome(find_company, twinned, "Kiezbank") == \
        _outcome(_full_ranking, twinned, "Kiezbank")
    # An exact id comes first: "kiezbank" is the id of one of the two.
    assert find_company(twinned, "kiezbank").company.id == "kiezbank"
