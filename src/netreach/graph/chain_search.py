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

* ``tails`` (backward from a target set): for every node and hop budget, the
  cheapest walk to a target. It is the heuristic of ``ranked``, an A* search
  over simple prefixes in ``rank_key`` order: with an exact bound, it goes
  straight down to each answer, and ties between equal chains are settled by
  the order itself instead of by enumerating every equal chain.
* ``best_per_company`` (forward from me, every company at once): the cheapest
  walk to every node, ties broken by the walk's node keys, so it names the same
  chain as ``ranked(..., k=1)``.

Walks are not quite chains: a walk may pass a colleague on the way and come back
to them through a better referrer. Every walk taken from a pass is checked
(``is_simple``) and, when it repeats a node, that one answer is searched exactly
with ``ranked``; so every answer is exact.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from netreach.graph.adjacency import ATTRITION_COST, CREDIBILITY_COST, ME_INDEX, SearchIndex

INF = float("inf")
# Costs are sums of logarithms: two sums of the same factors in another order may
# differ in the last bits, so costs are compared rounded to this many digits.
COST_DIGITS = 9
EPS = 10.0 ** -COST_DIGITS

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


# --- backward: the cheapest way from each node to a target --------------------------------


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


class _CapTooLow(Exception):
    """A search reached a node whose completion lies beyond the bounds' cap."""


# --- A*: the best chains in rank order -----------------------------------------------------


class _Keys:
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
    bounds = bounds or Bounds(index, members, targets, max_hops)
    while True:
        try:
            return _astar(index, members, targets, k, max_hops, banned, first, limit, bounds,
                          stop_at)
        except _CapTooLow:
            bounds.grow()


def _astar(index: SearchIndex, members: Collection[int], targets: Collection[int], k: int,
           max_hops: int, banned: Collection[int], first: int | None, limit: float,
           bounds: Bounds, stop_at: Collection[int]) -> list[Found]:
    if bounds.depth < max_hops:
        raise ValueError("bounds computed for fewer hops than asked")
    bound, cap = bounds.bound, bounds.cap
    out, hiring = index.out, index.hiring_cost
    key = _Keys(index)
    me = key(ME_INDEX)
    # (rounded f, node keys, 0 = a whole chain / 1 = a prefix, cost so far, nodes,
    #  inside?, bound capped?); a capped bound is only a lower bound: popping one
    # means the cap is too low for this search.
    heap: list[tuple[float, tuple[str, ...], int, float, NodePath, bool, bool]] = []
    start, capped = bound(max_hops, ME_INDEX, False)
    if start < limit:
        heap.append((round(start, COST_DIGITS), (me,), 1, 0.0, (ME_INDEX,), False, capped))
    found: list[Found] = []
    while heap and len(found) < k:
        _f, keys, whole, g, path, is_in, capped = heapq.heappop(heap)
        if not whole:
            found.append((g, path))
            continue
        if capped:
            if cap == INF:
                continue  # cannot reach a target in the hops left
            raise _CapTooLow
        u = path[-1]
        if is_in and u in stop_at:
            continue  # the last stretch ends at the first of these (they decide)
        rest = max_hops - len(path)  # edges left after the next one
        from_outside = not is_in and u not in members
        for v, c, cred in out[u]:
            if v in banned or v in path or (first is not None and u == ME_INDEX and v != first):
                continue
            g2 = g + c
            if v in members and (is_in or from_outside):
                if not is_in:
                    g2 += entry_cost(index, u, v, cred)
                vkeys = (*keys, key(v))
                if v in targets and (cost := g2 + hiring[v]) < limit:
                    heapq.heappush(heap, (round(cost, COST_DIGITS), vkeys, 0, cost, (*path, v),
                                          True, False))
                if rest > 0:
                    h, capped = bound(rest, v, True)
                    if (f := g2 + h) < limit:
                        heapq.heappush(heap, (round(f, COST_DIGITS), vkeys, 1, g2, (*path, v),
                                              True, capped))
                if is_in:
                    continue
                g2 = g + c
            if not is_in and rest > 0:
                h, capped = bound(rest, v, False)
                if (f := g2 + h) < limit:
                    heapq.heappush(heap, (round(f, COST_DIGITS), (*keys, key(v)), 1, g2,
                                          (*path, v), False, capped))
    return found


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

    Every pick is one guided search over the same backward bounds (computed once:
    bounds without the bans are lower bounds with them), so each goes straight to
    its chain instead of exploring every chain of nearly the same score.
    """
    if k <= 0 or max_hops <= 0:
        return []
    bounds = Bounds(index, members, targets, max_hops)
    hirers = {t for t in targets if can_hire(t)}
    chosen: list[Found] = []
    taken: set[NodePath] = set()
    banned: set[int] = set()
    while len(chosen) < k:
        # Chains without intermediaries (me -> target) are not blocked by the bans.
        unblocked = sum(1 for _, path in chosen if not people_between(index, path))
        found = [chain for chain in ranked(index, members, targets, unblocked + 1, max_hops,
                                           banned=banned, bounds=bounds, stop_at=hirers)
                 if chain[1] not in taken]
        if not found:
            break
        chosen.append(found[0])
        taken.add(found[0][1])
        banned.update(people_between(index, found[0][1]))
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


def _order(index: SearchIndex, chain: Found) -> tuple[float, tuple[str, ...]]:
    return rank_key(chain[0], [index.nodes[i] for i in chain[1]])


# --- forward: the best chain to every company at once -----------------------------------------

# A forward label: (cost, previous node, previous node inside?, edges used).
Label = tuple[float, int, bool, int]


def best_per_company(index: SearchIndex, groups: Mapping[str, Sequence[int]], max_hops: int,
                     banned: Collection[int] = frozenset()) -> dict[str, Found]:
    """The best chain (cost, nodes) to each group of people (each group one company's
    people), exact and in ``rank_key`` order; groups out of reach are left out."""
    if max_hops <= 0:
        return {}
    names = list(groups)
    company = [-1] * len(index)  # node -> its group's number, -1 for none
    for number, name in enumerate(names):
        for t in groups[name]:
            if t != ME_INDEX:
                company[t] = number
    key = _Keys(index)
    out, hiring = index.out, index.hiring_cost
    referral, direct = index.referral_cost, index.direct_cost
    # layers[j] = (outside labels, inside labels) after at most j edges
    outside0: dict[int, Label] = {ME_INDEX: (0.0, -1, False, 0)}
    layers: list[tuple[dict[int, Label], dict[int, Label]]] = [(outside0, {})]

    def walk(node: int, is_in: bool, label: Label) -> list[int]:
        nodes = [node]
        while label[1] >= 0:
            node, is_in = label[1], label[2]
            label = layers[label[3] - 1][1 if is_in else 0][node]
            nodes.append(node)
        nodes.reverse()
        return nodes

    def tie_won(new: Label, node: int, is_in: bool, old: Label) -> bool:
        """Between two walks of about the same cost: the one ``rank_key`` puts first."""
        a, b = round(new[0], COST_DIGITS), round(old[0], COST_DIGITS)
        if a != b:
            return a < b
        return [key(i) for i in walk(node, is_in, new)] < [key(i) for i in walk(node, is_in, old)]

    frontier = [(ME_INDEX, False)]
    for hops in range(1, max_hops + 1):
        prev_out, prev_in = layers[-1]
        cur_out, cur_in = dict(prev_out), dict(prev_in)
        layers.append((cur_out, cur_in))
        changed: set[tuple[int, bool]] = set()
        for u, is_in in frontier:
            g = (prev_in if is_in else prev_out)[u][0]
            group = company[u]
            if is_in:  # on the last stretch: only colleagues, at the cost of the hop
                for v, c, _cred in out[u]:
                    if company[v] != group or (banned and v in banned):
                        continue
                    cost = g + c
                    held = cur_in.get(v)
                    if held is None or cost < held[0] - EPS or (
                            cost <= held[0] + EPS and tie_won((cost, u, True, hops), v, True,
                                                              held)):
                        cur_in[v] = (cost, u, True, hops)
                        changed.add((v, True))
                continue
            # entry_cost, inlined (the hot loop): from me, or from u's referral
            from_me = u == ME_INDEX
            ref = 0.0 if from_me else referral[u]
            for v, c, cred in out[u]:
                if banned and v in banned:
                    continue
                cost = g + c
                held = cur_out.get(v)
                if held is None or cost < held[0] - EPS or (
                        cost <= held[0] + EPS and tie_won((cost, u, False, hops), v, False,
                                                          held)):
                    cur_out[v] = (cost, u, False, hops)
                    changed.add((v, False))
                vgroup = company[v]
                if vgroup >= 0 and vgroup != group:  # u hands me into v's company
                    cost += direct[v] if from_me else ref + CREDIBILITY_COST[cred]
                    held = cur_in.get(v)
                    if held is None or cost < held[0] - EPS or (
                            cost <= held[0] + EPS and tie_won((cost, u, False, hops), v, True,
                                                              held)):
                        cur_in[v] = (cost, u, False, hops)
                        changed.add((v, True))
        frontier = sorted(changed)
        if not frontier:
            break
    final_in = layers[-1][1]
    def order(cost: float, t: int, label: Label) -> tuple[float, tuple[str, ...]]:
        return rank_key(cost, [key(i) for i in walk(t, True, label)])

    best: dict[int, tuple[float, int, Label]] = {}  # group -> (cost, target, label)
    for t, label in final_in.items():
        number, cost = company[t], label[0] + hiring[t]
        leader = best.get(number)
        if leader is None or cost < leader[0] - EPS or (
                cost <= leader[0] + EPS and order(cost, t, label) < order(*leader)):
            best[number] = (cost, t, label)
    chains = {names[number]: (cost, tuple(walk(t, True, label)))
              for number, (cost, t, label) in best.items()}
    result: dict[str, Found] = {}
    for name in groups:
        if name not in chains:
            continue
        chain = chains[name]
        if is_simple(chain[1]):
            result[name] = chain
            continue
        people = set(groups[name])
        exact = ranked(index, people, people, 1, max_hops, banned=banned)
        if exact:
            result[name] = exact[0]
    return result


# --- hop distances -----------------------------------------------------------------------------


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
