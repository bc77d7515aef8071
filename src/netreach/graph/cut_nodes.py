"""Hop-bounded cut nodes: which of some nodes every chain of at most L hops from me
to a target passes through, from one two-ended breadth-first pass.

A node v is such a cut when banning it leaves no chain of at most L hops, which is
exactly ``hop_distance(index, targets, L, {v}) is None``. Plain dominators are not
enough: a node can be avoidable only by a detour longer than L, so the question is
about chains of bounded length, and a shortest-path layering alone cannot answer it
(an avoiding chain need not be a shortest one).

Why one pass is exact. Let a *walk* be a chain that may repeat nodes; a walk of at
most L hops avoiding v contains a simple chain of at most L hops avoiding v (cut out
the loops), so "some chain avoids v" and "some walk avoids v" are the same question,
and walks compose freely. For the candidates K (a bitmask, bit(v) for v in K) let

    F_a(x) = the candidates on *every* walk me -> x of at most a hops,
    B_b(x) = the candidates on every walk x -> a target of at most b hops,

(every candidate when there is no such walk). Both follow from one layer each:
F_0(me) = {} and F_0(x) = K otherwise; F_a(x) = bit(x) | AND over edges w -> x of
F_{a-1}(w) (a walk to x ends with an edge from some w, and avoids v exactly when
x != v and its part up to w avoids v); F_a(me) stays {} (the empty walk).
B is the same backwards, starting from B_0(t) = bit(t) at the targets (a banned
target is no target: its own bit says so). Both only shrink as a, b grow.

For a + b = L a walk of at most L hops avoids v if and only if it splits at some
node m into a walk me -> m of at most a hops and a walk m -> target of at most b
hops, both avoiding v (split after min(a, length) hops). So the cuts among K are

    C = AND over every node m of (F_a(m) | B_b(m)),

for any split a + b = L. The pass grows the smaller frontier, as ``hop_distance``
does, until a + b = L. Three shortcuts keep it exact:

* Any term of any (a, b) with a + b <= L is a superset of its final value, so the
  running AND over the nodes met so far (``alive``) never loses a true cut: the
  search stops as soon as it is empty (every candidate avoided), and masks are
  read only on the bits still alive.
* A node whose mask holds every live candidate behaves exactly like a node not
  reached at all (it is the AND's identity and its term cannot narrow ``alive``),
  so it is not kept: the search spreads only through nodes reached while avoiding
  some live candidate.
* When a side's frontier is empty its masks are final for every larger bound, so
  the answer of the current split is the answer of a split with a + b = L.

Each node is put on a frontier only when its mask shrinks, at most |K| + 1 times,
so the cost grows with the edges touched, never with the number of chains. With a
single candidate the pass is one banned ``hop_distance``, which is what runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from netreach.graph.adjacency import ME_INDEX, Edge, SearchIndex
from netreach.graph.hop_distance import hop_distance


def hop_bounded_cuts(index: SearchIndex, targets: Iterable[int], limit: int,
                     candidates: Iterable[int]) -> set[int]:
    """The ``candidates`` whose ban leaves no chain of at most ``limit`` hops from me
    to any of ``targets`` (a banned target no longer counts as one).

    Equals ``{v for v in candidates if hop_distance(index, targets, limit, {v}) is
    None}`` with one two-ended pass for all of them (the module docstring proves it).
    Me is never a cut: every chain starts at me, and banning me bans nothing.
    """
    bits = {v: 1 << i for i, v in enumerate(dict.fromkeys(candidates)) if v != ME_INDEX}
    if not bits:
        return set()
    if len(bits) == 1:
        # One candidate: the pass would be that one banned search, and hop_distance's
        # plain sets cost about two thirds as much per edge as masks do.
        return set(bits) if hop_distance(index, targets, limit, bits.keys()) is None else set()
    alive = 0
    for bit in bits.values():
        alive |= bit
    forward: dict[int, int] = {ME_INDEX: 0}
    backward = dict.fromkeys(targets, 0)  # a company's hundreds of people: built in C
    backward.pop(ME_INDEX, None)
    for v, bit in bits.items():
        if v in backward:
            backward[v] = bit
    front_f, front_b = {ME_INDEX: 0}, backward.copy()
    hops = 0
    while alive and front_f and front_b and hops < limit:
        if len(front_f) <= len(front_b):
            front_f, alive = _layer(index.out, forward, backward, front_f, bits, alive)
        else:
            front_b, alive = _layer(index.into, backward, forward, front_b, bits, alive)
        hops += 1
    return {v for v, bit in bits.items() if alive & bit}


def _layer(edges: Sequence[Sequence[Edge]], masks: dict[int, int], other: Mapping[int, int],
           front: dict[int, int], bits: Mapping[int, int],
           alive: int) -> tuple[dict[int, int], int]:
    """Grow one side by one hop from ``front`` (nodes with their masks of the last hop):
    the nodes whose mask shrank with their new masks, and ``alive`` narrowed by every
    node met on the other side. Node masks not yet kept count as ``alive``."""
    grown: dict[int, int] = {}  # the nodes whose mask shrank -> their new mask
    for w, reach_w in front.items():
        # The live candidates some walk to w avoids: only those can leave w's successors.
        avoided = alive & ~reach_w
        if not avoided:
            continue
        for x, _cost, _cred in edges[w]:
            old = masks.get(x, alive)
            if old & avoided:
                new = old & (reach_w | bits[x]) if x in bits else old & reach_w
                if (new ^ old) & alive:
                    # Updated in place: pushes read ``front``, the masks of the last hop,
                    # so a walk is never counted as shorter than it is.
                    masks[x] = grown[x] = new
                    if x in other:
                        # x's term as of now is a superset of its final one: a sound bound.
                        alive &= new | other[x]
                        if not alive:
                            return {}, 0
                        avoided &= alive
    return grown, alive
