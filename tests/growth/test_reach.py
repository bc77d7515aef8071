"""``reach`` against plain oracles: breadth-first distances (networkx), the best chain
of every company (the exact search), and the example book."""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import companies_in_reach
from netreach.analysis.reach import reach, target_sets
from netreach.book.loading import load
from netreach.graph import chain_search
from netreach.graph.adjacency import build_index
from netreach.graph.every_company import best_per_company
from netreach.graph.hops import ME, build_graph
from tests.growth.books import TODAY, book, growth_books, network_of
from tests.tiers import examples


def bfs_counts(network, max_hops):
    """People per shortest-chain length, by networkx's breadth-first search."""
    graph = build_graph(network, TODAY)
    lengths = nx.single_source_shortest_path_length(graph, ME, cutoff=max_hops)
    counts = [0] * max_hops
    for node, hops in lengths.items():
        if node.startswith("person:") and hops > 0:
            counts[hops - 1] += 1
    return tuple(counts), lengths


@settings(max_examples=examples(120), deadline=None)
@given(raw=growth_books(), max_hops=st.integers(1, 5))
def test_by_hops_matches_breadth_first_search(raw, max_hops):
    network = network_of(raw)
    result = reach(network, today=TODAY, max_hops=max_hops)
    expected, lengths = bfs_counts(network, max_hops)
    assert result.by_hops == expected
    assert result.reachable == sum(expected)
    hiring = {n.split(":", 1)[1] for n in lengths
              if n.startswith("person:") and network.people[n.split(":", 1)[1]].hiring}
    assert set(result.hiring) == hiring
    for row in result.companies:
        nearest = min(lengths[f"person:{p}"] for p in network.employees[row.company.id]
                      if f"person:{p}" in lengths)
        assert row.hops == nearest


@settings(max_examples=examples(120), deadline=None)
@given(raw=growth_books(), max_hops=st.integers(1, 5))
def test_best_chain_per_company_matches_the_search(raw, max_hops):
    network = network_of(raw)
    index = build_index(network, TODAY)
    expected = {r.company.id: r.best.score
                for r in companies_in_reach(network, today=TODAY, max_hops=max_hops,
                                            index=index) if r.best}
    result = reach(network, today=TODAY, max_hops=max_hops, index=index)
    got = {row.company.id: row.best.score for row in result.companies}
    assert got.keys() == expected.keys()
    for cid, score in expected.items():
        assert math.isclose(got[cid], score, rel_tol=1e-9)
    assert set(result.out_of_reach) == {c for c in network.targets if c not in expected}


def walk_trap():
    """A book where the cheapest *walk* to acme is not a chain: I meet Tia (acme) at the
    club, she introduces me to her trusted friend Xavi, and Xavi refers me back to her.
    Xavi's full credibility with Tia outweighs the two extra hops, so the walk
    me -> club -> tia -> xavi -> tia undercuts the chain me -> club -> tia."""
    return book(
        {"tia": {"name": "Tia", "company": "acme", "hiring": True, "communities": ["club"]},
         "xavi": {"name": "Xavi", "knows": {"tia": {"strength": 5, "credibility": 5}}}},
        communities={"club": {"name": "Club", "kind": "volunteer"}}, mine=["club"],
        targets=["acme"])


def test_a_walk_that_is_not_a_chain_falls_back_to_the_exact_search():
    network = walk_trap()
    index = build_index(network, TODAY)
    sets = target_sets(network, index)
    best = best_per_company(index, sets, 4)
    assert [index.nodes[i] for i in best["acme"][1]] == ["me", "community:club", "person:tia"]
    # The walk through Xavi and back would have been cheaper than the chain.
    tia, xavi = index.position["person:tia"], index.position["person:xavi"]
    club = index.position["community:club"]
    edge = {(u, v): (c, cred) for u in range(len(index)) for v, c, cred in index.out[u]}
    walk = (edge[(0, club)][0] + edge[(club, tia)][0] + edge[(tia, xavi)][0]
            + edge[(xavi, tia)][0] + chain_search.entry_cost(index, xavi, tia, 5)
            + index.hiring_cost[tia])
    assert walk < best["acme"][0]
    chain = reach(network, today=TODAY).companies[0].best
    assert math.isclose(chain.score, companies_in_reach(network, today=TODAY)[0].best.score)


def test_example_book(example_book):
    network = load(example_book.read_bytes(), str(example_book))
    result = reach(network, today=TODAY)
    assert result.by_hops == (15, 25, 6, 4)
    assert result.people == 50 and result.reachable == 50
    assert len(result.hiring) == 14
    assert math.isclose(result.share_hiring, 14 / 50)
    by_id = {row.company.id: row for row in result.companies}
    assert by_id["nordlicht"].hops == 2
    assert by_id["kiezbank"].hops == 3
    # Helio Maps is 2 hops away (a Code Club member), but its best chain is 3 hops long.
    assert by_id["helio-maps"].hops == 2 and by_id["helio-maps"].best.hops == 3
    assert result.out_of_reach == ()
    hops = [row.hops for row in result.companies]
    assert hops == sorted(hops)


def test_targets_out_of_reach_and_fewer_hops():
    network = book(
        {"ann": {"name": "Ann", "closeness": 3, "knows": {"bob": 3}},
         "bob": {"name": "Bob", "knows": {"cat": 3}},
         "cat": {"name": "Cat", "company": "acme", "hiring": True},
         "dan": {"name": "Dan", "company": "zeta"}},
        targets=["acme", "zeta", "nowhere"])
    result = reach(network, today=TODAY, max_hops=2)
    assert result.by_hops == (1, 1)
    assert result.out_of_reach == ("acme", "zeta", "nowhere")
    assert reach(network, today=TODAY, max_hops=3).out_of_reach == ("zeta", "nowhere")
