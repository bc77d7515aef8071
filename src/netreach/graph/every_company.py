"""The best chain to every company at once: one forward pass from me.

Layer ``h`` holds, for every node, the cheapest walk from me of at most ``h``
edges, on the way (outside) and on a company's last stretch (inside), ties
broken by the walk's node keys, so each company's chain is the one
``chain_search.ranked(..., k=1)`` names. A walk that repeats a node (see
``chain_search``) is replaced by that exact search.

The last two layers are bounded (``company_bounds``): they read only the ties
that could still beat some company's best walk so far, and the answers are the
same as without bounds (``prune=False``, for the tests).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from netreach.graph.adjacency import CREDIBILITY_COST, EPS, INF, ME_INDEX, SearchIndex
from netreach.graph.chain_search import Found, is_simple, rank_key, ranked
from netreach.graph.company_bounds import SLACK, BoundedLayers, Bounds, Label


def best_per_company(index: SearchIndex, groups: Mapping[str, Sequence[int]], max_hops: int,
                     banned: Collection[int] = frozenset(), *,
                     prune: bool = True) -> dict[str, Found]:
    """The best chain (cost, nodes) to each group of people (each group one company's
    people), exact and in ``rank_key`` order; groups out of reach are left out.
    ``prune=False`` reads every tie of every layer (the same answers, slower)."""
    if max_hops <= 0:
        return {}
    names = list(groups)
    company = [-1] * len(index)  # node -> its group's number, -1 for none
    members: list[list[int]] = []
    for number, name in enumerate(names):
        people = [t for t in groups[name] if t != ME_INDEX]
        members.append(people)
        for t in people:
            company[t] = number
    search = _Pass(index, company, members, banned)
    final_in = search.run(max_hops, prune)
    key = search.key

    def order(cost: float, t: int, label: Label) -> tuple[float, tuple[str, ...]]:
        return rank_key(cost, [key(i) for i in search.walk(t, True, label)])

    hiring = index.hiring_cost
    best: dict[int, tuple[float, int, Label]] = {}  # group -> (cost, target, label)
    for t, label in enumerate(final_in):
        if label is None:
            continue
        number, cost = company[t], label[0] + hiring[t]
        leader = best.get(number)
        if leader is None or cost < leader[0] - EPS or (
                cost <= leader[0] + EPS and order(cost, t, label) < order(*leader)):
            best[number] = (cost, t, label)
    chains = {names[number]: (cost, tuple(search.walk(t, True, label)))
              for number, (cost, t, label) in best.items()}
    result: dict[str, Found] = {}
    for name in groups:
        if name not in chains:
            continue
        chain = chains[name]
        if is_simple(chain[1]):
            result[name] = chain
            continue
        group = set(groups[name])
        exact = ranked(index, group, group, 1, max_hops, banned=banned)
        if exact:
            result[name] = exact[0]
    return result


class _Pass(BoundedLayers):
    """The forward pass: layers of labels, and every group's bound."""

    def run(self, max_hops: int, prune: bool) -> list[Label | None]:
        """Every layer; the last layer's inside labels."""
        inside: list[int] = []
        outside = [ME_INDEX]
        bounds = Bounds(self.index, self.members) if prune and max_hops >= 2 else None
        for hops in range(1, max_hops + 1):
            last = hops == max_hops
            prev_out, prev_in = self.layers[-1]
            # The last layer's outside labels lead nowhere: only hand-offs count there.
            self.layers.append((prev_out if last else prev_out[:], prev_in[:]))
            went_in: set[int] = set()
            went_on: set[int] = set()
            # Bounds on the last two layers (the first, from me, is a handful of ties).
            if bounds is not None and hops >= 2 and hops >= max_hops - 1:
                self._inside(hops, last, inside, went_in, bounds)
                on_way = bytearray(len(self.index))
                for u in outside:
                    on_way[u] = 1
                if last:
                    self._last(hops, outside, on_way, bounds)
                else:
                    self._backward(hops, outside, on_way, bounds, went_in)
                    self._hand_offs(hops, False, outside, bounds, went_in)
                    limit = max((self.bound[g] - bounds.hiring[g] for g in bounds.groups),
                                default=-INF) + SLACK
                    self._onward(hops, outside, self._room(outside, limit, bounds),
                                 bounds.cheapest, bounds.least_edge, went_on)
                    self._contacts(hops, on_way, limit, bounds, went_on)
            else:
                self._inside(hops, last, inside, went_in, None)
                self._plain(hops, last, outside, went_in, went_on)
            if last or not (went_in or went_on):
                break
            # A bounded layer reads the nodes on the way cheapest first (its bounds
            # come down early, and it stops at the first node over them).
            inside = sorted(went_in)
            outside = (_by_cost(self.layers[-1][0], went_on) if bounds is not None
                       and hops + 1 >= max_hops - 1 else sorted(went_on))
        return self.layers[-1][1]

    def _inside(self, hops: int, last: bool, inside: list[int], went_in: set[int],
                bounds: Bounds | None) -> None:
        """The last stretch: from each inside node to its colleagues, at the cost of
        the hop; a walk is dropped when even its cheapest target would cost more than
        its company's bound."""
        index, company, banned, bound = self.index, self.company, self.banned, self.bound
        out, hiring, tie_won = index.out, index.hiring_cost, self.tie_won
        prev_in, cur_in = self.layers[-2][1], self.layers[-1][1]
        for u in inside:
            was = prev_in[u]
            assert was is not None  # the frontier holds labelled nodes only
            so_far, group = was[0], company[u]
            limit, rest = INF, 0.0
            if bounds is not None:
                limit, rest = bound[group] + SLACK, bounds.hiring[group]
                if so_far + bounds.cheapest[u] + rest > limit:
                    continue
            for v, c, _cred in out[u]:
                cost = so_far + c
                if cost + rest > limit:
                    break  # the rest of the edges cost more
                if company[v] != group or (banned and v in banned):
                    continue
                if last and cost + hiring[v] > limit:
                    continue
                held = cur_in[v]
                if held is None or cost < held[0] - EPS or (
                        cost <= held[0] + EPS and tie_won((cost, u, True, hops), v, True, held)):
                    cur_in[v] = (cost, u, True, hops)
                    went_in.add(v)
                    if cost + hiring[v] < bound[group]:
                        bound[group] = cost + hiring[v]

    def _plain(self, hops: int, last: bool, outside: list[int], went_in: set[int],
               went_on: set[int]) -> None:
        """From each outside node, every edge: on the way, and into another company."""
        index, company, banned, bound = self.index, self.company, self.banned, self.bound
        out, hiring = index.out, index.hiring_cost
        referral, direct = index.referral_cost, index.direct_cost
        tie_won = self.tie_won
        prev_out = self.layers[-2][0]
        cur_out, cur_in = self.layers[-1]
        for u in outside:
            was = prev_out[u]
            assert was is not None  # the frontier holds labelled nodes only
            so_far, group = was[0], company[u]
            # entry_cost, inlined (the hot loop): from me, or from u's referral
            from_me = u == ME_INDEX
            ref = 0.0 if from_me else referral[u]
            for v, c, cred in out[u]:
                cost = so_far + c
                if banned and v in banned:
                    continue
                if not last:
                    held = cur_out[v]
                    if held is None or cost < held[0] - EPS or (
                            cost <= held[0] + EPS and tie_won((cost, u, False, hops), v, False,
                                                              held)):
                        cur_out[v] = (cost, u, False, hops)
                        went_on.add(v)
                vgroup = company[v]
                if vgroup >= 0 and vgroup != group:  # u hands me into v's company
                    cost += direct[v] if from_me else ref + CREDIBILITY_COST[cred]
                    held = cur_in[v]
                    if held is None or cost < held[0] - EPS or (
                            cost <= held[0] + EPS and tie_won((cost, u, False, hops), v, True,
                                                              held)):
                        cur_in[v] = (cost, u, False, hops)
                        went_in.add(v)
                        if cost + hiring[v] < bound[vgroup]:
                            bound[vgroup] = cost + hiring[v]

def _by_cost(labels: list[Label | None], nodes: set[int]) -> list[int]:
    """The nodes, cheapest label first (then by node)."""
    keyed = []
    for v in nodes:
        label = labels[v]
        assert label is not None  # changed nodes are labelled
        keyed.append((label[0], v))
    keyed.sort()
    return [v for _cost, v in keyed]
