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
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable

from netreach.index import ATTRITION_COST, ME_INDEX, SearchIndex, terminal_cost

INF = float("inf")
EPS = 1e-9  # costs within EPS are ties, broken by the chain's node ids

Path = tuple[int, ...]


class _Best:
    """The chains found so far, and the k-th best cost among them (tau)."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.found: dict[Path, float] = {}
        self._worst: list[float] = []  # max-heap (negated) of the k best costs

    def add(self, path: Path, cost: float) -> None:
        if path in self.found:
            return
        self.found[path] = cost
        heapq.heappush(self._worst, -cost)
        if len(self._worst) > self.k:
            heapq.heappop(self._worst)

    @property
    def tau(self) -> float:
        return -self._worst[0] if len(self._worst) >= self.k else INF


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
    target_set = {t for t in targets if t not in banned and t != ME_INDEX}
    if k <= 0 or max_hops <= 0 or not target_set:
        return []
    out, into = index.out, index.into
    best = _Best(k)
    seq = 0
    fheap: list[tuple[float, int, Path]] = [(0.0, 0, (ME_INDEX,))]
    fdone: dict[int, list[tuple[float, Path]]] = {}
    bheap: list[tuple[float, int, Path]] | None = None
    bdone: dict[int, list[tuple[float, Path]]] = {}
    backward_size = sum(len(into[t]) for t in target_set)

    while fheap and (bheap is None or bheap):
        cf = fheap[0][0]
        cb = ATTRITION_COST if bheap is None else bheap[0][0]
        tau = best.tau
        if tau + EPS < cf + cb:
            break
        if bheap is None and backward_size <= len(fheap):
            bheap = []
            for t in target_set:
                for r, c, cred in into[t]:
                    if r in banned:
                        continue
                    s = c + terminal_cost(index, r, t, cred)
                    if r == ME_INDEX:
                        best.add((ME_INDEX, t), s)
                    elif max_hops >= 2 and s + ATTRITION_COST <= tau + EPS:
                        seq += 1
                        bheap.append((s, seq, (r, t)))
            heapq.heapify(bheap)
            continue
        if bheap is not None and len(bheap) < len(fheap):
            s, _, spath = heapq.heappop(bheap)
            v, hb = spath[0], len(spath) - 1
            bdone.setdefault(v, []).append((s, spath))
            for u, c, _cred in into[v]:
                if u in banned or u in spath:
                    continue
                s2 = s + c
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
        for v, c, cred in out[u]:
            if v in banned or v in prefix:
                continue
            g2 = g + c
            if v in target_set:
                best.add((*prefix, v), g2 + terminal_cost(index, u, v, cred))
            for s, spath in bdone.get(v, ()):
                if h + len(spath) <= max_hops and _disjoint(prefix, spath):
                    best.add(prefix + spath, g2 + s)
            if h + 2 <= max_hops and g2 + ATTRITION_COST <= best.tau + EPS:
                seq += 1
                heapq.heappush(fheap, (g2, seq, (*prefix, v)))

    nodes = index.nodes
    ranked = sorted(
        best.found.items(), key=lambda item: (round(item[1], 9), [nodes[i] for i in item[0]])
    )
    return [(cost, path) for path, cost in ranked[:k]]
