"""The ranking rules of README "How chains are ranked", checked against every chain:
a chain to someone who can hire beats its own extensions inside the company; the
default answer keeps the best chain to someone who can hire; and every command
names the same best chain for a company (ties broken by id, not by the search)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains, chain_order, companies_in_reach, score_chain
from netreach.analysis.reach import reach
from netreach.graph.adjacency import build_index
from netreach.graph.hops import ME, build_graph
from tests.growth.books import book
from tests.ranking.books import TODAY, network_of, raw_books


def every_chain(network, company_id, max_hops):
    """Every simple chain from me to someone at the company, scored."""
    graph = build_graph(network, TODAY)
    employees = {f"person:{p}" for p in network.employees.get(company_id, ())}
    chains = []

    def walk(path):
        if path[-1] in employees and len(path) > 1:
            chains.append((tuple(path), score_chain(network, tuple(path), TODAY)))
        if len(path) - 1 < max_hops:
            for nxt in graph.successors(path[-1]):
                if nxt not in path:
                    walk([*path, nxt])

    walk([ME])
    return chains


def _ids(chain):
    return [s.id for s in chain.steps]


@settings(max_examples=200, deadline=None)
@given(raw=raw_books(), max_hops=st.integers(2, 5))
def test_a_chain_to_someone_who_can_hire_beats_its_extensions(raw, max_hops):
    network = network_of(raw)
    for cid, employees in network.employees.items():
        inside = {f"person:{p}" for p in employees}
        chains = dict(every_chain(network, cid, max_hops))
        for path, chain in chains.items():
            if not network.people[chain.target].hiring:
                continue
            for longer, extension in chains.items():
                if len(longer) > len(path) and longer[:len(path)] == path and \
                        inside.issuperset(longer[len(path):]):
                    assert extension.score < chain.score, (path, longer)


@settings(max_examples=200, deadline=None)
@given(raw=raw_books(), k=st.integers(1, 6), max_hops=st.integers(1, 5))
def test_the_default_answer_keeps_the_best_chain_to_someone_who_can_hire(raw, k, max_hops):
    network = network_of(raw)
    index = build_index(network, TODAY)
    for cid, company in network.companies.items():
        hiring = [chain for _, chain in every_chain(network, cid, max_hops)
                  if network.people[chain.target].hiring]
        got = best_chains(network, company, today=TODAY, k=k, max_hops=max_hops,
                          index=index).chains
        if hiring:
            best = min(hiring, key=chain_order)
            assert _ids(best) in [_ids(c) for c in got]
        assert len(got) <= k


@settings(max_examples=200, deadline=None)
@given(raw=raw_books(), max_hops=st.integers(1, 5))
def test_reach_companies_and_paths_name_the_same_best_chain(raw, max_hops):
    network = network_of(raw)
    index = build_index(network, TODAY)
    by_reach = {row.company.id: _ids(row.best)
                for row in reach(network, today=TODAY, max_hops=max_hops, index=index).companies}
    by_companies = {row.company.id: _ids(row.best) for row in companies_in_reach(
        network, today=TODAY, max_hops=max_hops, index=index) if row.best}
    assert by_reach == by_companies
    for cid, company in network.companies.items():
        for diverse in (True, False):
            top = best_chains(network, company, today=TODAY, max_hops=max_hops,
                              diverse=diverse, index=index).chains
            assert (_ids(top[0]) if top else None) == by_reach.get(cid)


def test_ties_are_broken_by_id_everywhere():
    # zed is listed before amy; both are equally close and both work at acme.
    twin = {"closeness": 3, "company": "acme", "hiring": True}
    network = book({"zed": {"name": "Zed", **twin}, "amy": {"name": "Amy", **twin}},
                   targets=["acme"])
    (row,) = reach(network, today=TODAY).companies
    assert _ids(row.best) == ["me", "amy"]
    assert _ids(companies_in_reach(network, today=TODAY)[0].best) == ["me", "amy"]
    paths = best_chains(network, network.companies["acme"], today=TODAY).chains
    assert [_ids(c) for c in paths] == [["me", "amy"], ["me", "zed"]]
