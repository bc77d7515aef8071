"""The search against brute force: every simple chain within max_hops, scored by the
same function, must give the same top k as the search (plain ranking, --all)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains, can_hire, score_chain
from netreach.graph import chain_search
from netreach.graph.adjacency import build_index
from netreach.graph.hops import ME, build_graph
from tests.ranking.books import TODAY, network_of, raw_books
from tests.tiers import examples


def brute_force(network, company_id, k, max_hops):
    graph = build_graph(network, TODAY)
    employees = {f"person:{p}" for p in network.employees.get(company_id, ())}
    chains = []

    def walk(path):
        node = path[-1]
        if node in employees and len(path) > 1:
            chains.append(score_chain(network, tuple(path), TODAY))
        if len(path) - 1 >= max_hops:
            return
        for nxt in graph.successors(node):
            if nxt not in path:
                walk([*path, nxt])

    walk([ME])
    chains.sort(key=lambda c: (-round(c.score, 12), [s.id for s in c.steps]))
    return chains[:k]


@settings(max_examples=examples(300), deadline=None)
@given(raw=raw_books(), k=st.integers(1, 6), max_hops=st.integers(1, 5))
def test_search_matches_brute_force(raw, k, max_hops):
    network = network_of(raw)
    index = build_index(network, TODAY)
    for cid in network.employees:
        expected = brute_force(network, cid, k, max_hops)
        got = best_chains(network, network.companies[cid], today=TODAY, k=k,
                          max_hops=max_hops, diverse=False, index=index).chains
        assert [[s.id for s in c.steps] for c in got] == \
            [[s.id for s in c.steps] for c in expected]
        for a, b in zip(got, expected, strict=True):
            assert abs(a.score - b.score) < 1e-12


def diverse_by_repeated_searches(index, people, k, max_hops, hirers):
    """The diverse rule spelled out with one fresh banned search per pick (how it was
    computed before the picks were read from one search)."""
    chosen, taken, banned = [], set(), set()
    while len(chosen) < k:
        unblocked = sum(1 for _, p in chosen if not chain_search.people_between(index, p))
        found = [c for c in chain_search.ranked(index, people, people, unblocked + 1, max_hops,
                                                banned=banned, stop_at=hirers)
                 if c[1] not in taken]
        if not found:
            break
        chosen.append(found[0])
        taken.add(found[0][1])
        banned.update(chain_search.people_between(index, found[0][1]))
    return chosen


@settings(max_examples=examples(300), deadline=None)
@given(raw=raw_books(), k=st.integers(1, 6), max_hops=st.integers(1, 5))
def test_diverse_picks_match_one_search_per_pick(raw, k, max_hops):
    """The picks read from one continued search are those of one search per ban."""
    network = network_of(raw)
    index = build_index(network, TODAY)
    for cid in network.employees:
        people = set(index.employees[cid])
        hirers = {t for t in people if can_hire(index, t)}
        expected = diverse_by_repeated_searches(index, people, k, max_hops, hirers)
        bounds = chain_search.Bounds(index, people, people, max_hops)
        got = chain_search.picks(index, people, people, k, max_hops, bounds, hirers)
        assert got == expected
