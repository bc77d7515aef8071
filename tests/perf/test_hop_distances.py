"""``hop_distances`` finds each ring from whichever side reads fewer ties (the last
ring's out-edges, or the unseen nodes' in-edges); either way the hop counts are a
plain breadth-first search's."""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.graph.hop_distance import hop_distances
from tests.perf.test_cut_nodes import graph
from tests.tiers import examples


def plain_bfs(index, max_hops):
    seen = {0: 0}
    queue = deque([0])
    while queue:
        u = queue.popleft()
        if seen[u] == max_hops:
            continue
        for v, _c, _k in index.out[u]:
            if v not in seen:
                seen[v] = seen[u] + 1
                queue.append(v)
    return seen


@st.composite
def dense_graphs(draw):
    # Dense enough that later rings are found from the unseen nodes' side.
    n = draw(st.integers(2, 16))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1])
    return graph(n, draw(st.lists(pairs, max_size=n * n)))


@settings(max_examples=examples(500), deadline=None)
@given(index=dense_graphs(), max_hops=st.integers(0, 6))
def test_hop_distances_are_a_breadth_first_search(index, max_hops):
    assert hop_distances(index, max_hops) == plain_bfs(index, max_hops)


def test_a_dense_ring_is_found_from_the_unseen_side():
    # me -> 1..6, each of 1..6 -> every other of 1..7: ring 2 is node 7 alone; its
    # in-edges (6) are fewer than ring 1's out-edges (36), so it is found from there.
    edges = [(0, i) for i in range(1, 7)] + [(i, j) for i in range(1, 7)
                                              for j in range(1, 8) if i != j]
    index = graph(8, edges)
    assert hop_distances(index, 3) == {0: 0, **dict.fromkeys(range(1, 7), 1), 7: 2}
