"""``hop_bounded_cuts`` (one two-ended pass) gives exactly what one banned
``hop_distance`` per candidate gives: on random directed graphs, and on the cases
where a shortest-path layering would go wrong."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.graph.adjacency import Edge, SearchIndex
from netreach.graph.cut_nodes import hop_bounded_cuts
from netreach.graph.hop_distance import hop_distance
from tests.tiers import examples


def graph(n: int, edges: list[tuple[int, int]]) -> SearchIndex:
    """A search index of nodes 0 (me) .. n-1 with the given edges, every cost 1."""
    out: list[list[Edge]] = [[] for _ in range(n)]
    into: list[list[Edge]] = [[] for _ in range(n)]
    for u, v in dict.fromkeys(edges):
        out[u].append((v, 1.0, 0))
        into[v].append((u, 1.0, 0))
    nodes = ["me", *(f"person:p{i}" for i in range(1, n))]
    return SearchIndex(nodes=nodes, out=out, into=into, referral_cost=[0.0] * n,
                       direct_cost=[0.0] * n, hiring_cost=[0.0] * n, employees={},
                       position={name: i for i, name in enumerate(nodes)})


def cuts_by_ban(index: SearchIndex, targets: list[int], limit: int,
                candidates: list[int]) -> set[int]:
    """The oracle: one banned breadth-first search per candidate."""
    return {v for v in candidates if v != 0
            and hop_distance(index, targets, limit, {v}) is None}


@st.composite
def graphs(draw: st.DrawFn) -> tuple[SearchIndex, list[int], int]:
    n = draw(st.integers(2, 14))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1])
    edges = draw(st.lists(pairs, max_size=4 * n))
    targets = draw(st.lists(st.integers(0, n - 1), max_size=4))
    return graph(n, edges), targets, draw(st.integers(0, 7))


@settings(max_examples=examples(1000), deadline=None)
@given(case=graphs())
def test_every_candidate_at_once_equals_one_ban_each(case):
    index, targets, limit = case
    everyone = list(range(len(index)))
    assert hop_bounded_cuts(index, targets, limit, everyone) == \
        cuts_by_ban(index, targets, limit, everyone)


@settings(max_examples=examples(300), deadline=None)
@given(case=graphs(), data=st.data())
def test_a_few_candidates_equal_one_ban_each(case, data):
    # Fewer candidates means more pruning (a node avoiding none of them is not kept).
    index, targets, limit = case
    some = data.draw(st.lists(st.integers(0, len(index) - 1), max_size=3))
    assert hop_bounded_cuts(index, targets, limit, some) == \
        cuts_by_ban(index, targets, limit, some)


def test_a_detour_exactly_one_hop_too_long():
    # me -> a -> t, and the detour me -> b -> c -> d -> t of 4 hops.
    index = graph(6, [(0, 1), (1, 5), (0, 2), (2, 3), (3, 4), (4, 5)])
    for candidates in ([1], [1, 2]):  # one candidate, and the masks of two
        assert hop_bounded_cuts(index, [5], 3, candidates) == {1}
        assert hop_bounded_cuts(index, [5], 4, candidates) == set()


def test_a_longer_way_to_a_later_node_is_counted_with_its_length():
    # v -> x -> t is the shortest way; x is also reached avoiding v, one hop later.
    # Only the hop count of that walk decides; x's shortest distance does not.
    index = graph(6, [(0, 1), (1, 2), (2, 5), (0, 3), (3, 4), (4, 2)])
    assert hop_bounded_cuts(index, [5], 3, [1, 2]) == {1, 2}
    assert hop_bounded_cuts(index, [5], 4, [1, 2]) == {2}


def test_a_node_reached_twice_in_one_hop_passes_on_its_earlier_count():
    # Within one hop of the search p1 lowers p2's mask (0 -> p3 -> p1 -> p2 avoids v = p5,
    # 3 hops) while p2 is itself on the frontier (0 -> p5 -> p2, 2 hops): what p2 passes
    # on to the target p4 must be its 2-hop mask, or 4 hops would pass for 3. A second
    # candidate (the lone p8) keeps p2's first mask partial, so p2 is kept; the
    # unreachable targets p6 and p7 make the search grow forward; the edges are listed
    # so that p1 is reached, and so grown, before p2.
    index = graph(9, [(0, 3), (0, 5), (3, 1), (5, 2), (1, 2), (2, 4)])
    assert hop_bounded_cuts(index, [4, 6, 7], 3, [5, 8]) == {5}
    assert hop_bounded_cuts(index, [4, 6, 7], 4, [5, 8]) == set()


def test_a_cut_met_at_different_hop_counts():
    # Every chain passes v, once after 1 hop and once after 2: no single layer of the
    # hop-expanded graph holds it, yet it is a cut.
    index = graph(4, [(0, 1), (0, 2), (2, 1), (1, 3)])
    assert hop_bounded_cuts(index, [3], 3, [1, 2]) == {1}


def test_a_banned_target_is_no_target():
    # me -> t1 -> t2: banning t1 leaves t2, reached only through t1.
    index = graph(3, [(0, 1), (1, 2)])
    assert hop_bounded_cuts(index, [1, 2], 2, [1]) == {1}
    assert hop_bounded_cuts(index, [1, 2], 2, [1, 2]) == {1}
    assert hop_bounded_cuts(graph(3, [(0, 1), (1, 2), (0, 2)]), [1, 2], 2, [1, 2]) == set()


def test_no_candidates_no_targets_no_hops():
    index = graph(3, [(0, 1), (1, 2)])
    assert hop_bounded_cuts(index, [2], 2, []) == set()
    assert hop_bounded_cuts(index, [2], 2, [0]) == set()  # me: banning me bans nothing
    for candidates in ([1], [1, 2]):
        assert hop_bounded_cuts(index, [], 2, candidates) == set(candidates)  # no chain at all
        assert hop_bounded_cuts(index, [2], 1, candidates) == set(candidates)  # too far
        assert hop_bounded_cuts(index, [2], 0, candidates) == set(candidates)
