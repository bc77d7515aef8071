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
from dataclasses import dataclass

from netreach.graph.adjacency import (
    ATTRITION_COST,
    CREDIBILITY_COST,
    INF,
    ME_INDEX,
    SearchIndex,
)


@dataclass(frozen=True)
class Tails:
    """Cheapest completions: ``inside[j][v]`` from v on the last stretch (v at the
    company), ``outside[j][u]`` from u on the way, each with at most j more edges,
    hiring cost included; a missing node cannot reach a target in j edges."""

    inside: list[dict[int, float]]
    outside: list[dict[int, float]]


def tails(index: SearchIndex, members: Collection[int], targets: Collection[int],
          depth: int, cap: float = INF) -> Tails:
    """Layers 0..depth of ``Tails`` toward ``targets`` (all at the company ``members``),
    keeping only completions up to ``cap``: a node left out costs more, or cannot reach."""
    into, hiring = index.into, index.hiring_cost
    referral, direct = index.referral_cost, index.direct_cost
    inside: list[dict[int, float]] = [{t: hiring[t] for t in targets if t != ME_INDEX}]
    outside: list[dict[int, float]] = [{}]
    changed_in: list[int] = list(inside[0])
    changed_out: list[int] = []
    for _ in range(depth):
        prev_in, prev_out = inside[-1], outside[-1]
        cur_in, cur_out = dict(prev_in), dict(prev_out)
        new_in: set[int] = set()
        new_out: set[int] = set()
        for v in changed_in:
            base = prev_in[v]
            for u, c, cred in into[v]:
                cost = base + c
                if cost > cap:
                    break  # edges are sorted by cost: no later one stays under the cap
                if u in members:  # a colleague passes me on
                    if cost < cur_in.get(u, INF):
                        cur_in[u] = cost
                        new_in.add(u)
                    continue
                # u hands me into the company (entry_cost, inlined: the hot loop)
                cost += direct[v] if u == ME_INDEX else referral[u] + CREDIBILITY_COST[cred]
                if cost <= cap and cost < cur_out.get(u, INF):
                    cur_out[u] = cost
                    new_out.add(u)
        for v in changed_out:
            base = prev_out[v]
            for u, c, _cred in into[v]:
                cost = base + c
                if cost > cap:
                    break
                if cost < cur_out.get(u, INF):
                    cur_out[u] = cost
                    new_out.add(u)
        inside.append(cur_in)
        outside.append(cur_out)
        changed_in, changed_out = sorted(new_in), sorted(new_out)
    return Tails(inside, outside)


# The backward pass first keeps completions up to FIRST_CAP (a score of a few
# percent); a search that needs more grows it by CAP_GROWTH, and past LAST_CAP keeps
# everything. Most answers lie under the first cap, and the pass then touches only
# the part of the graph that can lead to them.
FIRST_CAP = 2.0
CAP_GROWTH = 1.3
LAST_CAP = 12.0


class Bounds:
    """Lower bounds of the completion from every node toward a target set.

    Exact (``tails``) for hop budgets up to ``exact_depth``, kept up to a cost
    cap that grows on demand; for larger budgets (a pass cut short), the exact
    bound or the cheapest exact completion anywhere plus one cheapest hop per
    extra edge, whichever is lower. Measured on real-shaped books
    (bench/realgraph.py), a pass to the full depth made the searches cheapest,
    so ``exact_depth`` is the full depth today.
    """

    def __init__(self, index: SearchIndex, members: Collection[int], targets: Collection[int],
                 depth: int, cap: float = FIRST_CAP) -> None:
        self.depth = depth
        self.exact_depth = max(1, depth)
        self._args = (index, members, targets, self.exact_depth)
        self.cap = cap
        self._compute()

    def _compute(self) -> None:
        self.tails = tails(*self._args, self.cap)
        last = self.exact_depth
        values = [*self.tails.inside[last].values(), *self.tails.outside[last].values()]
        self._cheapest = min(values) if values else self.cap
        self._cheapest_capped = not values

    def bound(self, hops: int, node: int, inside: bool) -> tuple[float, bool]:
        """(a lower bound of the completion from ``node`` within ``hops`` edges, on the
        company's last stretch or on the way; whether it is only the cap). INF: none."""
        layers = self.tails.inside if inside else self.tails.outside
        depth = min(hops, self.exact_depth)
        found = layers[depth].get(node)
        value, capped = (found, False) if found is not None else (self.cap, self.cap < INF)
        if hops > depth:  # more edges than the exact pass: the far bound may be lower
            far = self._cheapest + ATTRITION_COST * (hops - depth)
            if far < value:
                value, capped = far, self._cheapest_capped and self.cap < INF
        return value, capped

    def outside(self, hops: int, node: int) -> float:
        """A lower bound of the completion from ``node`` on the way, within ``hops``."""
        return self.bound(hops, node, False)[0]

    def inside(self, hops: int, node: int) -> float:
        """The same from ``node`` on the company's last stretch."""
        return self.bound(hops, node, True)[0]

    def grow(self) -> None:
        """Keep more: the next cap (or everything)."""
        self.cap = self.cap * CAP_GROWTH if self.cap * CAP_GROWTH <= LAST_CAP else INF
        self._compute()


class CapTooLow(Exception):
    """A search reached a node whose completion lies beyond the bounds' cap."""
