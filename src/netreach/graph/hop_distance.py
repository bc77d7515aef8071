"""Hop distances from me, breadth-first (a shortest chain is simple, so these are
exact for chains too)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from netreach.graph.adjacency import ME_INDEX, SearchIndex


def hop_distance(index: SearchIndex, targets: Iterable[int], limit: int,
                 banned: Collection[int] = frozenset()) -> int | None:
    """Fewest hops from me to any target avoiding ``banned`` (a shortest chain is
    simple), if at most ``limit``.

    Breadth-first from both ends, always growing the smaller frontier, so a far or
    unreachable target costs only the few nodes around it.
    """
    back = {t for t in targets if t != ME_INDEX and t not in banned}
    if not back:
        return None
    seen_f, seen_b = {ME_INDEX}, set(back)
    front = [ME_INDEX]
    df = db = 0
    while front and back and df + db < limit:
        if len(front) <= len(back):
            nxt = []
            for u in front:
                for v, _c, _cred in index.out[u]:
                    if v in seen_b:
                        return df + db + 1
                    if v not in seen_f and v not in banned:
                        seen_f.add(v)
                        nxt.append(v)
            front, df = nxt, df + 1
        else:
            prev: set[int] = set()
            for v in back:
                for u, _c, _cred in index.into[v]:
                    if u in seen_f:
                        return df + db + 1
                    if u not in seen_b and u not in banned:
                        seen_b.add(u)
                        prev.add(u)
            back, db = prev, db + 1
    return None


def hop_distances(index: SearchIndex, max_hops: int) -> dict[int, int]:
    """Node -> edges of its shortest chain from me, for nodes within ``max_hops``."""
    seen = {ME_INDEX: 0}
    front = [ME_INDEX]
    for hops in range(1, max_hops + 1):
        nxt = []
        for u in front:
            for v, _c, _cred in index.out[u]:
                if v not in seen:
                    seen[v] = hops
                    nxt.append(v)
        if not nxt:
            break
        front = nxt
    return seen
