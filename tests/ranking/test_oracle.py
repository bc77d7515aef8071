"""The search against brute force: every simple chain within max_hops, scored by the
same function, must give the same top k as the search (plain ranking, --all)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains, can_hire, score_chain
from netreach.book.loading import load
from netreach.graph import chain_search
from netreach.graph.adjacency import build_index
from netreach.graph.hops import ME, NodeKind, build_graph
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


def brute_force_picks(network, index, cid, k, max_hops):
    """The diverse picks by brute force: every simple chain, ranked; a chain whose
    last stretch inside the company passes someone who can hire is left out (they
    decide); then greedily the best chain sharing no intermediary with those taken."""
    position = {key: i for i, key in enumerate(index.nodes)}
    members = set(index.employees[cid])
    hirers = {t for t in members if can_hire(index, t)}

    def nodes(chain):
        return [0 if s.kind is NodeKind.ME else position[f"{s.kind.value}:{s.id}"]
                for s in chain.steps]

    def allowed(path):
        start = len(path) - 1
        while start > 1 and path[start - 1] in members:
            start -= 1  # the last stretch: the members after the last outsider (or me)
        return not any(n in hirers for n in path[start:-1])

    ranked_all = [p for p in map(nodes, brute_force(network, cid, 10**9, max_hops))
                  if allowed(p)]
    chosen, banned = [], set()
    for path in ranked_all:
        if len(chosen) >= k:
            break
        if not banned.intersection(path):
            chosen.append(tuple(path))
            banned.update(n for n in path[1:-1] if index.nodes[n].startswith("person:"))
    return chosen


@settings(max_examples=examples(300), deadline=None)
@given(raw=raw_books(), k=st.integers(1, 6), max_hops=st.integers(1, 5))
def test_diverse_picks_match_brute_force(raw, k, max_hops):
    """The greedy picks of the diverse answer, read from one search that bans as it
    goes, are the picks brute force makes from every chain."""
    network = network_of(raw)
    index = build_index(network, TODAY)
    for cid in network.employees:
        people = set(index.employees[cid])
        hirers = {t for t in people if can_hire(index, t)}
        expected = brute_force_picks(network, index, cid, k, max_hops)
        for budget in (None, 0):  # as it runs, and remaking the bounds at every ban
            index.memo.pop("rebuild budget", None)
            if budget is not None:
                index.memo["rebuild budget"] = budget
            bounds = chain_search.Bounds(index, people, people, max_hops)
            got = chain_search.picks(index, people, people, k, max_hops, bounds, hirers)
            assert [p for _, p in got] == expected


def test_diverse_picks_on_the_example_book(example_book):
    """The example book's picks for Nordlicht (a capped bound queued early must
    still be asked again once another prefix has raised the cap to everything)."""
    example_network = load(example_book.read_bytes(), str(example_book))
    index = build_index(example_network, TODAY)
    cid = "nordlicht"
    people = set(index.employees[cid])
    hirers = {t for t in people if can_hire(index, t)}
    bounds = chain_search.Bounds(index, people, people, 4)
    got = chain_search.picks(index, people, people, 5, 4, bounds, hirers)
    assert [p for _, p in got] == brute_force_picks(example_network, index, cid, 5, 4)
    assert len(got) == 5


@settings(max_examples=examples(300), deadline=None)
@given(raw=raw_books(), k=st.integers(1, 6), max_hops=st.integers(1, 5), data=st.data())
def test_banned_searches_give_the_same_chains_when_the_bounds_are_remade(raw, k, max_hops,
                                                                         data):
    """A search with bans reads its chains with the bounds made without them, or with
    bounds remade to know them (as soon as it reads a tie): the same chains."""
    network = network_of(raw)
    index = build_index(network, TODAY)
    for cid in network.employees:
        people = set(index.employees[cid])
        banned = set(data.draw(st.lists(st.sampled_from(range(1, len(index))), max_size=3)))
        answers = []
        for budget in (10**9, 0):
            index.memo.clear()
            index.memo["rebuild budget"] = budget
            answers.append(chain_search.ranked(index, people, people, k, max_hops,
                                               banned=banned))
        assert answers[0] == answers[1]
