"""The best k chains from me to anyone in a target set: a search from both ends.

Chains are simple paths of at most ``max_hops`` edges, scored by the sum of edge
costs plus the referral cost of the last edge. The search grows two frontiers in
cost order — prefixes forward from me and suffixes backward from the target's
people — always from the side with the smaller frontier, and joins them across
an edge. It stops once the k-th best chain found is cheaper than the cheapest
chain that could still be completed (the sum of both frontiers' minimums), so
the answer is exact, and the work grows with the part of the graph within that
cost, never with the number of simple paths. An unreachable target set empties
one frontier at once and ends the search.

Backward labels from a large company are many, so the backward side starts only
once its initial size is below the forward frontier's; until then a lower bound
(the cheapest possible edge) stands in for it, which keeps the stop rule exact.

Each node's edges are sorted by cost (``index.build_index``), so a label stops
scanning them at the first edge that cannot beat the k-th best chain: a
community of 5,000 members costs nothing once its meeting hop is too weak.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping

from netreach.graph.adjacency import (
    ATTRITION_COST,
    CREDIBILITY_COST,
    ME_INDEX,
    SearchIndex,
    terminal_cost,
)

INF = float("inf")
EPS = 1e-9  # costs within EPS are ties, broken by the chain's node ids

Path = tuple[int, ...]


class _Best:
    """The chains found so far, and the k-th best cost among them (``tau``)."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.found: dict[Path, float] = {}
        self._worst: list[float] = []  # max-heap (negated) of the k best costs
        self.tau = INF  # the k-th best cost found, INF until k chains are found

    def add(self, path: Path, cost: float) -> None:
        if path in self.found:
            return
        self.found[path] = cost
        heapq.heappush(self._worst, -cost)
        if len(self._worst) > self.k:
            heapq.heappop(self._worst)
        if len(self._worst) >= self.k:
            self.tau = -self._worst[0]


class _Count:
    """The backward side's initial size, counted only as far as a decision needs."""

    def __init__(self, index: SearchIndex, targets: Collection[int]) -> None:
        self._degrees = (index.in_degree(t) for t in targets)
        self.counted = 0
        self.done = False

    def at_most(self, limit: int) -> bool:
        """Whether the total is at most ``limit`` (counts on while it might be)."""
        while not self.done and self.counted <= limit:
            try:
                self.counted += next(self._degrees)
            except StopIteration:
                self.done = True
        return self.done and self.counted <= limit


def _disjoint(prefix: Path, suffix: Path) -> bool:
    return all(node not in prefix for node in suffix)


def best_paths(
    index: SearchIndex,
    targets: Iterable[int],
    k: int,
    max_hops: int,
    banned: Collection[int] = frozenset(),
) -> list[tuple[float, Path]]:
    """The ``k`` cheapest chains (cost, node indices from me to a target), best first.

    ``banned`` nodes are never used (the diversity rule bans intermediaries).
    Ties are broken by the chains' node keys, so the order never depends on hashing.
    """
    if banned:
        target_set = {t for t in targets if t not in banned and t != ME_INDEX}
    else:
        target_set = set(targets)  # in C: the largest company has 27,000 people at 200k
        target_set.discard(ME_INDEX)
    if k <= 0 or max_hops <= 0 or not target_set:
        return []
    out, into = index.out, index.into
    # Lower bound of the rest of a chain after the edge u -> v: the referral factors
    # when v is the target (never below 0 from me, nor below u's referral cost from
    # anyone else), or at least one more hand-off.
    referral = index.referral_cost
    best = _Best(k)
    seq = 0
    fheap: list[tuple[float, int, Path]] = [(0.0, 0, (ME_INDEX,))]
    fdone: dict[int, list[tuple[float, Path]]] = {}
    bheap: list[tuple[float, int, Path]] | None = None
    bdone: dict[int, list[tuple[float, Path]]] = {}
    backward_size = _Count(index, target_set)

    while fheap and (bheap is None or bheap):
        cf = fheap[0][0]
        cb = ATTRITION_COST if bheap is None else bheap[0][0]
        if best.tau + EPS < cf + cb:
            break
        if bheap is None and backward_size.at_most(len(fheap)):
            bheap = []
            for t in target_set:
                for r, c, cred in into[t]:
                    if r in banned:
                        continue
                    s = c + terminal_cost(index, r, t, cred)
                    if r == ME_INDEX:
                        best.add((ME_INDEX, t), s)
                    elif max_hops >= 2 and s + ATTRITION_COST <= best.tau + EPS:
                        seq += 1
                        bheap.append((s, seq, (r, t)))
            heapq.heapify(bheap)
            continue
        if bheap is not None and len(bheap) < len(fheap):
            s, _, spath = heapq.heappop(bheap)
            v, hb = spath[0], len(spath) - 1
            bdone.setdefault(v, []).append((s, spath))
            for u, c, _cred in into[v]:
                s2 = s + c
                if s2 > best.tau + EPS:
                    break  # edges are sorted by cost: no later one can do better
                if u in banned or u in spath:
                    continue
                for g, prefix in fdone.get(u, ()):
                    if len(prefix) + hb <= max_hops and _disjoint(prefix, spath):
                        best.add(prefix + spath, g + s2)
                if u == ME_INDEX:
                    continue
                if hb + 2 <= max_hops and s2 + ATTRITION_COST <= best.tau + EPS:
                    seq += 1
                    heapq.heappush(bheap, (s2, seq, (u, *spath)))
            continue
        g, _, prefix = heapq.heappop(fheap)
        u, h = prefix[-1], len(prefix) - 1
        fdone.setdefault(u, []).append((g, prefix))
        if h >= max_hops:
            continue
        rest = 0.0 if u == ME_INDEX else min(referral[u], ATTRITION_COST)
        for v, c, cred in out[u]:
            g2 = g + c
            if g2 + rest > best.tau + EPS:
                break  # edges are sorted by cost: no later one can do better
            if v in banned or v in prefix:
                continue
            if v in target_set:
                best.add((*prefix, v), g2 + terminal_cost(index, u, v, cred))
            for s, spath in bdone.get(v, ()):
                if h + len(spath) <= max_hops and _disjoint(prefix, spath):
                    best.add(prefix + spath, g2 + s)
            if h + 2 <= max_hops and g2 + ATTRITION_COST <= best.tau + EPS:
                seq += 1
                heapq.heappush(fheap, (g2, seq, (*prefix, v)))

    nodes = index.nodes
    # Only chains within the k-th best cost can rank; the rest are never keyed.
    limit = best.tau + 2 * EPS
    ranked = sorted(
        ((path, cost) for path, cost in best.found.items() if cost <= limit),
        key=lambda item: (round(item[1], 9), [nodes[i] for i in item[0]]),
    )
    return [(cost, path) for path, cost in ranked[:k]]


def best_by_group(
    index: SearchIndex,
    groups: Mapping[str, Iterable[int]],
    max_hops: int,
) -> dict[str, tuple[float, Path]]:
    """The best chain to each group of targets (a company's people), in one pass.

    One search from me, in cost order, over labels (path, cost) that are kept at a
    node only when no cheaper label with as few hops reached it first (a cheaper
    prefix with fewer hops beats it in every chain). Every kept label that ends
    next to a group's member gives that group a candidate chain. Pruning is exact
    except where the cheaper prefix already runs through the target itself; a
    group where such a chain could have won is answered by ``best_paths``. Ties
    are broken as ``best_paths`` breaks them, so the answer for each group is
    exactly ``best_paths(index, group, 1, max_hops)[0]``.
    """
    member_of: dict[int, list[str]] = {}
    for key, members in groups.items():
        for t in members:
            if t != ME_INDEX:
                member_of.setdefault(t, []).append(key)
    best: dict[str, tuple[float, Path]] = {}
    doubtful: dict[str, float] = {}  # group -> cheapest chain lost to the pruning
    if max_hops <= 0 or not member_of:
        return best
    nodes, out = index.nodes, index.out

    def better(cost: float, path: Path, than: tuple[float, Path]) -> bool:
        if abs(cost - than[0]) > 1e-8:
            return cost < than[0]
        return (round(cost, 9), [nodes[i] for i in path]) < (
            round(than[0], 9), [nodes[i] for i in than[1]])

    referral, direct, hiring = index.referral_cost, index.direct_cost, index.hiring_cost
    # node -> (hops, cost) of the labels kept there, in the order they were kept
    kept: dict[int, list[tuple[int, float]]] = {}
    fewest: dict[int, int] = {}  # node -> fewest hops of a label kept there
    heap: list[tuple[float, int, Path]] = [(0.0, 0, (ME_INDEX,))]
    seq = 0
    while heap:
        g, _, prefix = heapq.heappop(heap)
        u, h = prefix[-1], len(prefix) - 1
        here = kept.setdefault(u, [])
        if any(h2 <= h and g2 < g - EPS for h2, g2 in here):
            continue  # a cheaper label with as few hops got here first
        here.append((h, g))
        fewest[u] = min(h, fewest.get(u, h))
        from_me = u == ME_INDEX
        ref_u = 0.0 if from_me else referral[u]
        push = h + 2 <= max_hops
        for v, c, cred in out[u]:
            g2 = g + c
            keys = member_of.get(v)
            if keys is not None:  # terminal_cost, inlined
                cost = g2 + (direct[v] + hiring[v] if from_me
                             else ref_u + CREDIBILITY_COST[cred] + hiring[v])
                if v in prefix:
                    for key in keys:
                        doubtful[key] = min(cost, doubtful.get(key, INF))
                else:
                    for key in keys:
                        held = best.get(key)
                        if held is None or cost < held[0] - 1e-8 or (
                                cost <= held[0] + 1e-8 and better(cost, (*prefix, v), held)):
                            best[key] = (cost, (*prefix, v))
            # Anything kept at v already is cheaper (costs grow by at least the
            # attrition per hop), so it beats this label unless it has more hops.
            if push and fewest.get(v, max_hops) > h + 1 and v not in prefix:
                seq += 1
                heapq.heappush(heap, (g2, seq, (*prefix, v)))
    for key, lost in doubtful.items():
        held = best.get(key)
        if held is None or lost <= held[0] + EPS:
            found = best_paths(index, groups[key], 1, max_hops)
            if found:
                best[key] = found[0]
            else:
                best.pop(key, None)
    return best


def hop_distance(index: SearchIndex, targets: Iterable[int], limit: int) -> int | None:
    """Fewest hops from me to any target (a shortest chain is simple), if at most ``limit``.

    Breadth-first from both ends, always growing the smaller frontier, so a far or
    unreachable target costs only the few nodes around it.
    """
    back = {t for t in targets if t != ME_INDEX}
    if not back:
        return None
    seen_f, seen_b = {ME_INDEX}, set(back)
    front = [ME_INDEX]
    if ME_INDEX in seen_b:
        return 0
    df = db = 0
    while front and back and df + db < limit:
        if len(front) <= len(back):
            nxt = []
            for u in front:
                for v, _c, _cred in index.out[u]:
                    if v in seen_b:
                        return df + db + 1
                    if v not in seen_f:
                        seen_f.add(v)
                        nxt.append(v)
            front, df = nxt, df + 1
        else:
            prev: set[int] = set()
            for v in back:
                for u, _c, _cred in index.into[v]:
                    if u in seen_f:
                        return df + db + 1
                    if u not in seen_b:
                        seen_b.add(u)
                        prev.add(u)
            back, db = prev, db + 1
    return None
