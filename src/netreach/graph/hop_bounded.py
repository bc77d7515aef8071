"""Hop-bounded cheapest chains for many ends at once: Bellman-Ford in layers.

``search.best_paths`` answers one target set; ``reach`` needs the best chain to
every company, and ``suggest`` the best continuation from every member of every
community. Both come from one layered pass here instead of one search each:
layer ``h`` holds, for every node within ``h`` hops, the cost of the cheapest
walk of at most ``h`` edges and the neighbour it came through. A layer relaxes
only the edges of the nodes the previous layer improved, so a pass costs
O(max_hops x edges touched).

Walks are not quite chains. Edge costs are positive, so a cheapest walk never
repeats a node, with one exception: the last referrer's quality is part of the
cost, so a walk that passes the target ``t`` and comes back to it through a
better referrer can undercut the chain that stops at ``t``. A layered value is
therefore a lower bound on the best chain; callers check that the walk they
found is simple (``is_simple``) and fall back to the exact ``best_paths`` when
it is not, which keeps every answer exact.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from netreach.graph.adjacency import ME_INDEX, SearchIndex, terminal_cost
from netreach.graph.search import best_paths

INF = float("inf")
EPS = 1e-9  # the search's tie tolerance

Path = tuple[int, ...]
# forward layers: node -> (cost from me, previous node)
Forward = list[dict[int, tuple[float, int]]]
# backward layers: node -> (cost to a target, next node, whether the next node is the target)
Backward = list[dict[int, tuple[float, int, bool]]]


def people_end(index: SearchIndex) -> int:
    """One past the last person: the index lists me, then people, then communities."""
    nodes = index.nodes
    lo, hi = 1, len(nodes)
    while lo < hi:
        mid = (lo + hi) // 2
        if nodes[mid].startswith("community:"):
            hi = mid
        else:
            lo = mid + 1
    return lo


def forward(index: SearchIndex, max_hops: int, banned: Collection[int] = frozenset()) -> Forward:
    """Layers 0..max_hops of the cheapest walks from me, never entering ``banned``."""
    out = index.out
    layers: Forward = [{ME_INDEX: (0.0, -1)}]
    frontier = [ME_INDEX]
    for _ in range(max_hops):
        prev = layers[-1]
        cur = dict(prev)
        changed: set[int] = set()
        for u in frontier:
            base = prev[u][0]
            for v, c, _cred in out[u]:
                cost = base + c
                old = cur.get(v)
                if (old is None or cost < old[0]) and v not in banned:
                    cur[v] = (cost, u)
                    changed.add(v)
        layers.append(cur)
        frontier = sorted(changed)  # sorted: the same book always gives the same walks
        if not frontier:
            layers.extend([cur] * (max_hops + 1 - len(layers)))  # nothing changes any more
            break
    return layers


def forward_walk(layers: Forward, node: int, hops: int) -> Path:
    """The cheapest walk from me to ``node`` of at most ``hops`` edges."""
    walk = [node]
    while node != ME_INDEX:
        node = layers[hops][node][1]
        hops -= 1
        walk.append(node)
    return tuple(reversed(walk))


def backward(index: SearchIndex, targets: Iterable[int], depth: int, people: int,
             banned: Collection[int] = frozenset()) -> Backward:
    """Layers 0..depth of the cheapest walks *among people* ending at a target.

    Layer ``j`` maps a person ``u`` to the cost of the best chain tail
    ``u -> ... -> t`` of at most ``j`` edges, the referral cost of its last edge
    included. ``people`` is ``people_end(index)``. Layer 0 is empty: a tail of no
    edges has no referrer, and its cost depends on who hands the target over.
    """
    into = index.into
    layers: Backward = [{}]
    if depth <= 0:
        return layers
    first: dict[int, tuple[float, int, bool]] = {}
    for t in sorted(set(targets)):
        if t in banned:
            continue
        for u, c, cred in into[t]:
            if 0 < u < people and u not in banned:
                cost = c + terminal_cost(index, u, t, cred)
                old = first.get(u)
                if old is None or cost < old[0]:
                    first[u] = (cost, t, True)
    layers.append(first)
    frontier = sorted(first)
    for _ in range(depth - 1):
        prev = layers[-1]
        cur = dict(prev)
        changed: set[int] = set()
        for v in frontier:
            base = prev[v][0]
            for u, c, _cred in into[v]:
                if 0 < u < people:
                    cost = base + c
                    old = cur.get(u)
                    if (old is None or cost < old[0]) and u not in banned:
                        cur[u] = (cost, v, False)
                        changed.add(u)
        layers.append(cur)
        frontier = sorted(changed)
    while len(layers) <= depth:
        layers.append(layers[-1])
    return layers


def backward_walk(layers: Backward, node: int, depth: int) -> Path:
    """The cheapest tail from ``node`` to a target of at most ``depth`` edges."""
    walk = [node]
    while True:
        _, nxt, end = layers[depth][node]
        walk.append(nxt)
        if end:
            return tuple(walk)
        node, depth = nxt, depth - 1


def is_simple(walk: Sequence[int]) -> bool:
    """True when no node repeats (the walk is a chain)."""
    return len(set(walk)) == len(walk)


def _ending(index: SearchIndex, layers: Forward, targets: Sequence[int], max_hops: int,
            banned: Collection[int]) -> tuple[float, int, int] | None:
    """The cheapest (cost, referrer, target) over the last edges into ``targets``."""
    reach = layers[max_hops - 1]
    best: tuple[float, int, int] | None = None
    for t in targets:
        if t in banned or t == ME_INDEX:
            continue
        for r, c, cred in index.into[t]:
            entry = reach.get(r)
            if entry is None:
                continue
            cost = entry[0] + c + terminal_cost(index, r, t, cred)
            if best is None or cost < best[0] - EPS or (
                cost <= best[0] + EPS and (t, r) < (best[2], best[1])
            ):
                best = (cost, r, t)
    return best


def best_per_set(
    index: SearchIndex,
    layers: Forward,
    target_sets: Mapping[str, Sequence[int]],
    max_hops: int,
    banned: Collection[int] = frozenset(),
) -> dict[str, tuple[float, Path]]:
    """The best chain (cost, nodes) to each target set, exact; sets out of reach are left out.

    ``layers`` is ``forward(index, max_hops, banned)``. Each answer is the cheapest
    walk into the set; when that walk is not a chain (see the module note), the
    set is searched exactly with ``best_paths`` instead.
    """
    result: dict[str, tuple[float, Path]] = {}
    if max_hops <= 0:
        return result
    for key, targets in target_sets.items():
        found = _ending(index, layers, targets, max_hops, banned)
        if found is None:
            continue
        cost, r, t = found
        walk = (*forward_walk(layers, r, max_hops - 1), t)
        if is_simple(walk):
            result[key] = (cost, walk)
            continue
        exact = best_paths(index, targets, 1, max_hops, banned)
        if exact:
            result[key] = exact[0]
    return result
