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
    """Node -> edges of its shortest chain from me, for nodes within ``max_hops``.

    Breadth-first, each ring found from whichever side reads fewer ties: forward
    from the last ring's out-edges, or (late on a dense book, when most nodes are
    already seen) from the unseen nodes' in-edges, stopping at the first in-edge
    from the last ring. On a 50,000-person book whose third ring holds 45,000
    people, the fourth ring is found from the few thousand left, not from the
    1.7 million ties of the third.
    """
    seen = {ME_INDEX: 0}
    front = [ME_INDEX]
    nodes = len(index)
    for hops in range(1, max_hops + 1):
        forward = sum(index.out_degree(u) for u in front)
        unseen = [v for v in range(nodes) if v not in seen] if forward > nodes else None
        nxt = []
        if unseen is not None and sum(index.in_degree(v) for v in unseen) < forward:
            ring = set(front)
            for v in unseen:
                for u, _c, _cred in index.into[v]:
                    if u in ring:
                        seen[v] = hops
                        nxt.append(v)
                        break
        else:
            for u in front:
                for v, _c, _cred in index.out[u]:
                    if v not in seen:
                        seen[v] = hops
                        nxt.append(v)
        if not nxt:
            break
        front = nxt
    return seen
