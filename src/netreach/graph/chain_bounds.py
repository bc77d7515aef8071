"""Lower bounds of every node's cheapest way on to a target set: the heuristic of
``chain_search.ranked``.

A backward pass from the targets (``tails``) gives, for every node and hop
budget, the cheapest walk to a target, on the company's last stretch (inside)
or on the way (outside), with the referral into the company and the target's
hiring cost included (see ``chain_search`` for the model). ``Bounds`` keeps the
pass up to a cost cap that grows only when a search needs more.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import islice

from netreach.graph.adjacency import (
    CREDIBILITY_COST,
    INF,
    ME_INDEX,
    Adjacency,
    SearchIndex,
)


def near_me(index: SearchIndex, hops: int) -> list[set[int]]:
    """``[B0, B1, ..., B_hops]``: the nodes within j hops of me (breadth-first)."""
    balls = [{ME_INDEX}]
    front = [ME_INDEX]
    for _ in range(hops):
        ball = set(balls[-1])
        nxt = []
        for u in front:
            for v, _c, _cred in index.out[u]:
                if v not in ball:
                    ball.add(v)
                    nxt.append(v)
        balls.append(ball)
        front = nxt
    return balls


# The backward pass keeps layer j only for the nodes within depth - j hops of me
# (the only ones a search from me asks about with j edges left) for the last
# NEAR_LAYERS layers; the balls cost a breadth-first pass over that many hops.
NEAR_LAYERS = 2


class Tails:
    """Cheapest completions toward a target set, kept up to a cost cap that can rise.

    ``inside[j][v]``: from v on the company's last stretch (v at the company),
    ``outside[j][u]``: from u on the way, each with at most j more edges, hiring
    cost included; a missing node costs more than ``cap``, or cannot reach a
    target in j edges. Layer j keeps only the nodes within ``depth - j`` hops of
    me where ``near`` (``near_me``) gives that ball: a search from me reaches a
    node after at least its hop distance d, so it asks for that node's completion
    with at most ``depth - d`` edges left; every bound it asks for is kept, exactly
    (layer j's values come from layer j - 1's at the node's neighbours, which are
    within one more hop of me: the restriction is closed).

    Layer by layer (Bellman-Ford by hop count, backward), each layer pushed only
    from the nodes whose value fell in the layer before. ``raise_cap`` goes on
    from where the last cap stopped: every node's edge list is read once,
    whatever the sequence of caps (each scan remembers where the cap cut it,
    and each referral into the company that the cap refused waits, with its
    cost, for a higher one).
    """

    def __init__(self, index: SearchIndex, members: Collection[int], targets: Collection[int],
                 depth: int, near: list[set[int]] | None = None,
                 banned: Collection[int] = frozenset()) -> None:
        self._index, self._members = index, members
        hiring = index.hiring_cost
        # The nodes layer j keeps (None: all): those near me (``near``), never a banned one.
        everyone = set(range(len(index))) - set(banned) if banned else None
        self._keep: list[set[int] | None] = [None]
        for j in range(1, depth + 1):
            ball = near[depth - j] if near is not None and depth - j < len(near) else None
            self._keep.append(everyone if ball is None else ball - set(banned))
        self.inside: list[dict[int, float]] = [{t: hiring[t] for t in targets
                                               if t != ME_INDEX and t not in banned}]
        self.outside: list[dict[int, float]] = [{}]
        self._fell_in: list[set[int]] = [set(self.inside[0])]  # value fell at this layer
        self._fell_out: list[set[int]] = [set()]
        self._stops_in: list[dict[int, int]] = [{}]  # node -> where the cap cut its scan
        self._stops_out: list[dict[int, int]] = [{}]
        # node -> its cheapest hand-off into the company that was over the cap
        self._waiting: list[dict[int, float]] = [{}]
        for _ in range(depth):
            for layers in (self.inside, self.outside, self._stops_in, self._stops_out):
                layers.append({})
            self._fell_in.append(set())
            self._fell_out.append(set())
            self._waiting.append({})
        self.depth = depth
        self.cap = -INF
        self._keeping = False  # whether refused hand-offs are kept (after a first raise)

    def raise_cap(self, cap: float) -> None:
        """Keep every completion up to ``cap`` (at least the current cap)."""
        if cap <= self.cap:
            return
        added_in: list[int] = list(self.inside[0])  # entries new at the layer before
        added_out: list[int] = []
        # The first pass does not keep the hand-offs its cap refuses (most searches
        # never raise it, and keeping them cost a fifth of the pass): the first raise
        # reads them again, and from then on they wait.
        first_raise = self.cap > -INF and not self._keeping
        self._keeping = self.cap > -INF
        for layer in range(1, self.depth + 1):
            if first_raise:
                self._refused_again(layer)
            added_in, added_out = self._layer(layer, cap, added_in, added_out)
        self.cap = cap

    def _refused_again(self, j: int) -> None:
        """Keep waiting the hand-offs into the company that the first pass refused at
        layer ``j`` (before the layer before it changes)."""
        index, members = self._index, self._members
        into, referral, direct = index.into, index.referral_cost, index.direct_cost
        keep = self._keep[j]
        prev_in, cur_out, cap = self.inside[j - 1], self.outside[j], self.cap
        waiting = self._waiting[j]
        for v, stop in self._stops_in[j].items():
            base = prev_in[v]
            for u, c, cred in islice(into[v], stop):
                if (keep is not None and u not in keep) or u in members:
                    continue
                cost = base + c
                cost += direct[v] if u == ME_INDEX else referral[u] + CREDIBILITY_COST[cred]
                if cost > cap and cost < waiting.get(u, INF) and u not in cur_out:
                    waiting[u] = cost

    def _layer(self, j: int, cap: float, added_in: list[int], added_out: list[int]
               ) -> tuple[list[int], list[int]]:
        index, members = self._index, self._members
        into, referral, direct = index.into, index.referral_cost, index.direct_cost
        keep = self._keep[j]
        prev_in, prev_out = self.inside[j - 1], self.outside[j - 1]
        cur_in, cur_out = self.inside[j], self.outside[j]
        fell_in, fell_out = self._fell_in[j], self._fell_out[j]
        new_in: list[int] = []
        new_out: list[int] = []
        # With at most j edges is also with at most j - 1: the values new there.
        for added, prev, cur, new in ((added_in, prev_in, cur_in, new_in),
                                      (added_out, prev_out, cur_out, new_out)):
            for u in added:
                if (keep is None or u in keep) and u not in cur:
                    cur[u] = prev[u]
                    new.append(u)
        # Referrals into the company the last cap refused.
        waiting = self._waiting[j]
        if waiting:
            still: dict[int, float] = {}
            for u, cost in waiting.items():
                if cost > cap:
                    still[u] = cost
                elif cost < cur_out.get(u, INF):
                    if u not in cur_out:
                        new_out.append(u)
                    cur_out[u] = cost
                    fell_out.add(u)
            waiting = self._waiting[j] = still
        keeping = self._keeping
        for inside, prev, stops in ((True, prev_in, self._stops_in[j]),
                                    (False, prev_out, self._stops_out[j])):
            for v in (self._fell_in if inside else self._fell_out)[j - 1]:
                base = prev[v]
                row = into[v]
                start = stops.get(v, 0)
                if base > cap or start >= len(row):
                    continue
                stop = len(row)
                for pos, (u, c, cred) in enumerate(islice(row, start, None) if start else row,
                                                   start):
                    cost = base + c
                    if cost > cap:
                        stop = pos  # edges are sorted by cost: no later one stays under it
                        break
                    if keep is not None and u not in keep:
                        continue
                    if inside:  # v is on the company's last stretch
                        if u in members:  # a colleague passes me on
                            if (old := cur_in.get(u)) is None:
                                new_in.append(u)
                            elif cost >= old:
                                continue
                            cur_in[u] = cost
                            fell_in.add(u)
                            continue
                        # u hands me into the company (entry_cost, inlined: the hot loop)
                        cost += (direct[v] if u == ME_INDEX
                                 else referral[u] + CREDIBILITY_COST[cred])
                        if cost > cap:
                            if keeping and cost < waiting.get(u, INF):
                                waiting[u] = cost
                            continue
                    if (old := cur_out.get(u)) is None:
                        new_out.append(u)
                    elif cost >= old:
                        continue
                    cur_out[u] = cost
                    fell_out.add(u)
                stops[v] = stop
        return new_in, new_out


# The backward pass first keeps completions up to FIRST_CAP (a score of a few
# percent); a search that needs more grows it by CAP_GROWTH, and past LAST_CAP keeps
# everything. Most answers lie under the first cap, and the pass then touches only
# the part of the graph that can lead to them.
FIRST_CAP = 2.0
CAP_GROWTH = 1.3
LAST_CAP = 12.0


class Bounds:
    """Lower bounds of the completion from every node toward a target set, exact
    (``Tails``) for every hop budget up to ``depth``, kept up to a cost cap that
    rises on demand (``grow``)."""

    def __init__(self, index: SearchIndex, members: Collection[int], targets: Collection[int],
                 depth: int, cap: float = FIRST_CAP, banned: Collection[int] = frozenset()
                 ) -> None:
        self.depth = depth
        self.banned = frozenset(banned)  # chains through these are not counted
        layers = max(1, depth)  # a pass of at least one layer
        near = near_me(index, min(NEAR_LAYERS, layers))
        self.tails = Tails(index, members, targets, layers, near, self.banned)
        self.tails.raise_cap(cap)

    @property
    def cap(self) -> float:
        """Completions up to this cost are kept (INF: all)."""
        return self.tails.cap

    def bound(self, hops: int, node: int, inside: bool) -> tuple[float, bool]:
        """(a lower bound of the completion from ``node`` within ``hops`` edges, on the
        company's last stretch or on the way; whether it is only the cap). INF: none.
        ``hops`` is at most ``depth``, and ``node`` within ``depth - hops`` hops of me."""
        layers = self.tails.inside if inside else self.tails.outside
        found = layers[min(hops, self.tails.depth)].get(node)
        if found is not None:
            return found, False
        return self.cap, self.cap < INF

    def outside(self, hops: int, node: int) -> float:
        """A lower bound of the completion from ``node`` on the way, within ``hops``."""
        return self.bound(hops, node, False)[0]

    def grow(self) -> None:
        """Keep more: the next cap (or everything)."""
        cap = self.cap * CAP_GROWTH
        self.tails.raise_cap(cap if cap <= LAST_CAP else INF)


def bounds_for(index: SearchIndex, members: Collection[int], targets: Collection[int],
               depth: int) -> Bounds:
    """``Bounds`` toward ``targets``, made once per index: a command that asks about
    the same company twice (``suggest``: the baseline, then the re-warm list) runs
    one backward pass. Bounds hold for any bans and only grow, so sharing is safe."""
    key = ("bounds", frozenset(members), frozenset(targets), depth)
    found = index.memo.get(key)
    if not isinstance(found, Bounds):
        found = index.memo[key] = Bounds(index, members, targets, depth)
    return found


def rebuild_budget(index: SearchIndex) -> int:
    """How many ties a search may read for one chain, with bounds made before its bans,
    before it makes a backward pass that knows the bans: the pass reads at most
    every tie once, at about a sixth of the cost of a tie the search reads (it
    builds and queues a prefix for each), so a search that gives up after half
    that cost spends at most about 1.5 times what the better choice would
    (measured on the ego-network books: a twelfth of the ties, 225 -> 84 ms on
    the worst seed, no rebuild on the others)."""
    found = index.memo.get("rebuild budget")
    if not isinstance(found, int):
        out = index.out
        ties = (out.edge_count() if isinstance(out, Adjacency)
                else sum(len(row) for row in out))
        found = index.memo["rebuild budget"] = max(1_000, ties // 12)
    return found
