"""The fast paths give exactly what the plain searches give, on random books.

* ``companies_in_reach`` (one search for every company) names, for each company,
  the chain ``best_chains`` ranks first.
* The diverse answer (a greedy scan of the plain ranking) equals the answer of
  one banned search per pick.
* ``hop_distance`` (two-ended breadth-first) equals networkx's shortest path length.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains, companies_in_reach
from netreach.graph.adjacency import build_index, edge_order
from netreach.graph.chain_search import ranked
from netreach.graph.hop_distance import hop_distance
from netreach.graph.hops import ME, build_graph
from tests.ranking.books import TODAY, network_of, raw_books
from tests.tiers import examples


def _ids(chain):
    return [s.id for s in chain.steps]


@settings(max_examples=examples(300), deadline=None)
@given(raw=raw_books(), max_hops=st.integers(1, 5))
def test_companies_in_reach_names_the_top_chain_of_best_chains(raw, max_hops):
    network = network_of(raw)
    index = build_index(network, TODAY)
    reach = {r.company.id: r for r in companies_in_reach(network, today=TODAY,
                                                         max_hops=max_hops, index=index)}
    for cid, company in network.companies.items():
        top = best_chains(network, company, today=TODAY, max_hops=max_hops, index=index).chains
        if not top:
            assert cid not in reach
            continue
        assert _ids(reach[cid].best) == _ids(top[0])
        assert reach[cid].best.score == top[0].score
        assert reach[cid].people == len(network.employees[cid])


@settings(max_examples=examples(200), deadline=None)
@given(raw=raw_books(max_people=12), limit=st.integers(1, 8))
def test_hop_distance_is_the_shortest_path_length(raw, limit):
    network = network_of(raw)
    index = build_index(network, TODAY)
    graph = build_graph(network, TODAY)
    lengths = nx.single_source_shortest_path_length(graph, ME)
    for cid, pids in index.employees.items():
        nearest = min((lengths[f"person:{p}"] for p in network.employees[cid]
                       if f"person:{p}" in lengths), default=None)
        expected = nearest if nearest is not None and nearest <= limit else None
        assert hop_distance(index, pids, limit) == expected


def test_edges_are_sorted_by_cost_then_node(example_book):
    from netreach.cached.bookfile import open_book

    index = build_index(open_book(example_book).network, TODAY)
    for edges in (*index.out, *index.into):
        assert list(edges) == sorted(edges, key=edge_order)


def test_companies_in_reach_on_a_generated_book():
    from bench.generate import generate

    from netreach.book.loading import load

    network = load(generate(800, seed=11).encode(), "generated.yaml")
    index = build_index(network, TODAY)
    reach = {r.company.id: r for r in companies_in_reach(network, today=TODAY, index=index)}
    assert reach, "the generated book should have companies within reach"
    for cid, company in network.companies.items():
        top = best_chains(network, company, today=TODAY, index=index).chains
        assert (cid in reach) == bool(top)
        if top:
            assert _ids(reach[cid].best) == _ids(top[0])


def _hints_by_scan(network, company, index, max_hops):
    """The reference: the first implementation, scanning every member of every community."""
    from netreach.analysis.ranking import Hint

    employees = set(network.employees.get(company.id, ()))
    if not employees:
        return [Hint(f"nobody in your book works at {company.name}; add someone who does, "
                     "or import a friend's connections with --via")]
    hints = []
    targets = [index.position[f"person:{p}"] for p in sorted(employees)]
    if max_hops < 8 and ranked(index, set(targets), set(targets), 1, 8):
        hints.append(Hint(f"a longer chain exists: try --max-hops {max_hops + 2} or more"))
    mine = set(network.me.communities)
    for cid, members in sorted(network.members.items()):
        community = network.communities[cid]
        inside = [m for m in members if m in employees]
        if cid in mine or not inside:
            continue
        who = ", ".join(inside[:3])
        if community.joinable:
            hints.append(Hint(f"join {cid} ({community.name}): {who} from {company.name} "
                              "are members", cid))
        else:
            hints.append(Hint(f"{cid} ({community.name}) has {who} from {company.name}, "
                              "but it is not open to join", cid))
    for cid, members in sorted(network.members.items()):
        community = network.communities[cid]
        if cid in mine or not community.joinable or any(m in employees for m in members):
            continue
        bridges = [m for m in members if any(o in employees for o in network.ties[m])]
        if bridges:
            hints.append(Hint(f"join {cid} ({community.name}): {', '.join(bridges[:3])} there "
                              f"know people at {company.name}", cid))
    return hints[:5]


@settings(max_examples=examples(300), deadline=None)
@given(raw=raw_books(max_people=12), max_hops=st.integers(1, 5))
def test_hints_equal_a_scan_of_every_member(raw, max_hops):
    from netreach.analysis.ranking import _hints

    network = network_of(raw)
    index = build_index(network, TODAY)
    for company in network.companies.values():
        assert _hints(network, company, index, max_hops) == \
            _hints_by_scan(network, company, index, max_hops)
