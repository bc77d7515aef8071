"""The chain search: the one place chains are found and ranked.

A chain is a simple path of at most ``max_hops`` edges from me to a person at the
target company. Its cost is the sum of its edge costs (``adjacency``), plus the
referral cost of the edge that brings me into the company for the last stretch
of the chain (``entry_cost``: from me, a community or someone outside the
company to its first colleague on that stretch), plus the target's hiring cost.
Hops between colleagues after that entry cost only the hop: the referral that
brought me in is what they pass on, so a chain that already reaches someone
who can hire never scores below its own extension inside the company.

Every answer is ranked by one key, ``rank_key``: cost, then the chain's node
keys. The search works on two *phases* of a node: ``OUT`` (on the way, any node)
and ``IN`` (on the last stretch, inside the target's company). Two passes give
exact per-node bounds:

* ``chain_bounds`` (backward from a target set): for every node and hop
  budget, the cheapest walk to a target. It is the heuristic of ``ranked``, an A* search
  over simple prefixes in ``rank_key`` order: with an exact bound, it goes
  straight down to each answer, and ties between equal chains are settled by
  the order itself instead of by enumerating every equal chain.
* ``every_company.best_per_company`` (forward from me, every company at once):
  the cheapest walk to every node, ties broken by the walk's node keys, so it
  names the same chain as ``ranked(..., k=1)``.

Walks are not quite chains: a walk may pass a colleague on the way and come back
to them through a better referrer. Every walk taken from a pass is checked
(``is_simple``) and, when it repeats a node, that one answer is searched exactly
with ``ranked``; so every answer is exact.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterator, Sequence
from itertools import islice

from netreach.graph.adjacency import (
    COST_DIGITS,
    CREDIBILITY_COST,
    EPS,
    INF,
    ME_INDEX,
    SearchIndex,
)
from netreach.graph.chain_bounds import Bounds, bounds_for, rebuild_budget

__all__ = ["COST_DIGITS", "EPS", "INF", "Bounds", "Found", "NodeKeys", "NodePath", "bounds_for",
           "diverse", "entry_cost", "is_simple", "people_between", "picks", "rank_key", "ranked",
           "rebuild_budget"]


NodePath = tuple[int, ...]  # a chain as node indices, me first
Found = tuple[float, NodePath]  # (cost, chain)


def rank_key(cost: float, keys: Sequence[str]) -> tuple[float, tuple[str, ...]]:
    """How chains are ranked everywhere: cheapest first, then by node keys."""
    return round(cost, COST_DIGITS), tuple(keys)


def entry_cost(index: SearchIndex, u: int, v: int, credibility: int) -> float:
    """The referral cost when ``u`` (me, a community or a person outside the company)
    hands me to ``v``, the first colleague of the chain's last stretch."""
    if u == ME_INDEX:
        return index.direct_cost[v]
    return index.referral_cost[u] + CREDIBILITY_COST[credibility]


def is_simple(walk: Sequence[int]) -> bool:
    """True when no node repeats (the walk is a chain)."""
    return len(set(walk)) == len(walk)


# --- A*: the best chains in rank order -----------------------------------------------------


class NodeKeys:
    """Node keys, each read once per search (a cached index makes them on demand)."""

    def __init__(self, index: SearchIndex) -> None:
        self._nodes = index.nodes
        self._seen: dict[int, str] = {}

    def __call__(self, i: int) -> str:
        key = self._seen.get(i)
        if key is None:
            key = self._seen[i] = self._nodes[i]
        return key


def ranked(index: SearchIndex, members: Collection[int], targets: Collection[int], k: int,
           max_hops: int, *, banned: Collection[int] = frozenset(), first: int | None = None,
           limit: float = INF, bounds: Bounds | None = None,
           stop_at: Collection[int] = frozenset()) -> list[Found]:
    """The ``k`` best chains to ``targets`` (people at the company ``members``), in
    ``rank_key`` order, never through ``banned``, the company's last stretch never
    past ``stop_at``; with
    ``first``, only chains whose first step is that node; only chains cheaper than
    ``limit``. ``bounds`` is ``Bounds(index, members, targets, max_hops)`` when the
    caller has it."""
    if k <= 0 or max_hops <= 0:
        return []
    bounds = bounds or bounds_for(index, members, targets, max_hops)
    return list(islice(_stream(index, members, targets, max_hops, banned, first, limit, bounds,
                               stop_at), k))


def _stream(index: SearchIndex, members: Collection[int], targets: Collection[int],
            max_hops: int, banned: Collection[int], first: int | None, limit: float,
            bounds: Bounds, stop_at: Collection[int]) -> Iterator[Found]:
    """The chains in ``rank_key`` order, one at a time (A* over simple prefixes).

    ``banned`` may grow while the chains are read: a prefix through a node banned
    after it was queued is dropped when it comes up (bans only take chains away,
    so the bounds stay lower bounds and the order stays exact). When the bounds,
    made before the bans, have sent the search through ``rebuild_budget`` ties
    for one chain, it starts over with one backward pass that knows the bans,
    skipping the chains it already gave. A prefix whose bound was only the
    bounds' cap raises the cap when it comes up and goes back in with its
    better bound (the cap was a lower bound too, so nothing popped before it was
    out of order).
    """
    if bounds.depth < max_hops:
        raise ValueError("bounds computed for fewer hops than asked")
    out, hiring = index.out, index.hiring_cost
    key = NodeKeys(index)
    me = key(ME_INDEX)
    budget = rebuild_budget(index)
    given: set[NodePath] = set()
    # (rounded f, node keys, 0 = a whole chain / 1 = a prefix, cost so far, nodes,
    #  inside?, bound capped?); a capped bound is only the bounds' cap, a lower bound.
    heap: list[tuple[float, tuple[str, ...], int, float, NodePath, bool, bool]] = []
    while True:  # once, or again with bounds that know the bans
        bound = bounds.bound
        start, capped = bound(max_hops, ME_INDEX, False)
        heap.clear()
        if start < limit:
            heap.append((round(start, COST_DIGITS), (me,), 1, 0.0, (ME_INDEX,), False, capped))
        bans_at_start = len(banned)  # bans only grow
        work = 0  # ties read since the last chain
        while heap:
            _f, keys, whole, so_far, path, is_in, capped = heapq.heappop(heap)
            if work > budget and len(banned) > len(bounds.banned):
                break  # stale bounds: start over with bounds that know the bans
            if len(banned) != bans_at_start and any(n in banned for n in path):
                continue  # queued before one of its nodes was banned
            if not whole:
                if path not in given:  # a chain straight to a target may come again
                    given.add(path)
                    yield so_far, path
                work = 0
                continue
            if capped:  # its bound was the cap when it was queued: ask again
                h, capped = bound(max_hops + 1 - len(path), path[-1], is_in)
                if capped:  # still beyond the cap
                    bounds.grow()
                    h, capped = bound(max_hops + 1 - len(path), path[-1], is_in)
                if (f := so_far + h) < limit:
                    heapq.heappush(heap, (round(f, COST_DIGITS), keys, 1, so_far, path, is_in,
                                          capped))
                continue
            u = path[-1]
            if is_in and u in stop_at:
                continue  # the last stretch ends at the first of these (they decide)
            rest = max_hops - len(path)  # edges left after the next one
            from_outside = not is_in and u not in members
            row = out[u]
            work += len(row)
            for v, c, cred in row:
                if v in banned or v in path or (first is not None and u == ME_INDEX
                                                and v != first):
                    continue
                at_v = so_far + c
                if v in members and (is_in or from_outside):
                    if not is_in:
                        at_v += entry_cost(index, u, v, cred)
                    vkeys = (*keys, key(v))
                    if v in targets and (cost := at_v + hiring[v]) < limit:
                        heapq.heappush(heap, (round(cost, COST_DIGITS), vkeys, 0, cost,
                                              (*path, v), True, False))
                    if rest > 0:
                        h, capped = bound(rest, v, True)
                        if (f := at_v + h) < limit:
                            heapq.heappush(heap, (round(f, COST_DIGITS), vkeys, 1, at_v,
                                                  (*path, v), True, capped))
                    if is_in:
                        continue
                    at_v = so_far + c
                if not is_in and rest > 0:
                    h, capped = bound(rest, v, False)
                    if (f := at_v + h) < limit:
                        heapq.heappush(heap, (round(f, COST_DIGITS), (*keys, key(v)), 1, at_v,
                                              (*path, v), False, capped))
        else:
            return  # every chain read
        bounds = Bounds(index, members, targets, max_hops, banned=banned)


# --- the diverse answer ----------------------------------------------------------------------


def people_between(index: SearchIndex, path: NodePath) -> list[int]:
    """The people strictly between me and the target."""
    nodes = index.nodes
    return [i for i in path[1:-1] if nodes[i].startswith("person:")]


def diverse(index: SearchIndex, members: Collection[int], targets: Collection[int], k: int,
            max_hops: int, *, can_hire: Callable[[int], bool]) -> list[Found]:
    """Up to ``k`` chains that do not lean on the same people, in rank order.

    The best chain, then the best that shares no intermediary with those taken, and
    so on (a chain straight to a target has none, so it never blocks another); an
    intermediary is repeated only when nothing else reaches. The best chain to
    someone who can hire (``can_hire``) is always in the answer when there is one,
    and no chain goes on inside the company past someone there who can hire (that
    person decides; ``chain_search`` shows such a chain always scores lower).

    The picks are read from one guided search (``_stream``) over one backward
    pass: each pick bans its intermediaries and the same search goes on (bounds
    without the bans are lower bounds with them), so it never explores the same
    prefixes twice nor every chain of nearly the same score.
    """
    if k <= 0 or max_hops <= 0:
        return []
    bounds = bounds_for(index, members, targets, max_hops)
    hirers = {t for t in targets if can_hire(t)}
    chosen = picks(index, members, targets, k, max_hops, bounds, hirers)
    taken = {path for _, path in chosen}
    if len(chosen) < k:
        for chain in ranked(index, members, targets, k + len(chosen), max_hops, bounds=bounds,
                            stop_at=hirers):
            if len(chosen) >= k:
                break
            if chain[1] not in taken:
                chosen.append(chain)
                taken.add(chain[1])
    if chosen and hirers:
        # The bounds toward every target are lower bounds toward the hirers too.
        best_hire = ranked(index, members, hirers, 1, max_hops, bounds=bounds, stop_at=hirers)
        if best_hire and best_hire[0][1] not in {path for _, path in chosen}:
            if len(chosen) >= k:  # it takes the place of the worst
                chosen.remove(max(chosen, key=lambda chain: _order(index, chain)))
            chosen.append(best_hire[0])
    chosen.sort(key=lambda chain: _order(index, chain))
    return chosen


def picks(index: SearchIndex, members: Collection[int], targets: Collection[int], k: int,
          max_hops: int, bounds: Bounds, stop_at: Collection[int]) -> list[Found]:
    """The greedy part of ``diverse``: the best chain, then the best that shares no
    intermediary with those taken, and so on, up to ``k``; all read from one search
    that bans each pick's intermediaries as it goes."""
    chosen: list[Found] = []
    banned: set[int] = set()
    for chain in _stream(index, members, targets, max_hops, banned, None, INF, bounds, stop_at):
        chosen.append(chain)
        banned.update(people_between(index, chain[1]))
        if len(chosen) >= k:
            break
    return chosen


def _order(index: SearchIndex, chain: Found) -> tuple[float, tuple[str, ...]]:
    return rank_key(chain[0], [index.nodes[i] for i in chain[1]])
