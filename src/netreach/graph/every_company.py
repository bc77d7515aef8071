"""The best chain to every company at once: one forward pass from me.

Layer ``h`` holds, for every node, the cheapest walk from me of at most ``h``
edges, on the way (outside) and on a company's last stretch (inside), ties
broken by the walk's node keys, so each company's chain is the one
``chain_search.ranked(..., k=1)`` names. A walk that repeats a node (see
``chain_search``) is replaced by that exact search.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from netreach.graph.adjacency import COST_DIGITS, CREDIBILITY_COST, EPS, ME_INDEX, SearchIndex
from netreach.graph.chain_search import Found, NodeKeys, is_simple, rank_key, ranked

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
    key = NodeKeys(index)
    out, hiring = index.out, index.hiring_cost
    referral, direct = index.referral_cost, index.direct_cost
    # layers[j] = (outside labels, inside labels) after at most j edges, by node (lists,
    # not dicts: the hot loop reads a label per edge)
    size = len(index)
    outside0: list[Label | None] = [None] * size
    outside0[ME_INDEX] = (0.0, -1, False, 0)
    layers: list[tuple[list[Label | None], list[Label | None]]] = [(outside0, [None] * size)]

    def walk(node: int, is_in: bool, label: Label) -> list[int]:
        nodes = [node]
        while label[1] >= 0:
            node, is_in = label[1], label[2]
            held = layers[label[3] - 1][1 if is_in else 0][node]
            assert held is not None  # a label's predecessor is in its layer
            label = held
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
        last = hops == max_hops
        cur_out, cur_in = (prev_out if last else prev_out[:]), prev_in[:]
        layers.append((cur_out, cur_in))
        changed: set[tuple[int, bool]] = set()
        for u, is_in in frontier:
            was = (prev_in if is_in else prev_out)[u]
            assert was is not None  # the frontier holds labelled nodes only
            so_far = was[0]
            group = company[u]
            if is_in:  # on the last stretch: only colleagues, at the cost of the hop
                for v, c, _cred in out[u]:
                    if company[v] != group or (banned and v in banned):
                        continue
                    cost = so_far + c
                    held = cur_in[v]
                    if held is None or cost < held[0] - EPS or (
                            cost <= held[0] + EPS and tie_won((cost, u, True, hops), v, True,
                                                              held)):
                        cur_in[v] = (cost, u, True, hops)
                        changed.add((v, True))
                continue
            # entry_cost, inlined (the hot loop): from me, or from u's referral
            from_me = u == ME_INDEX
            ref = 0.0 if from_me else referral[u]
            if last:
                # The last layer's outside labels lead nowhere: only hand-offs count.
                for v, c, cred in out[u]:
                    vgroup = company[v]
                    if vgroup < 0 or vgroup == group or (banned and v in banned):
                        continue
                    cost = so_far + c + (direct[v] if from_me else ref + CREDIBILITY_COST[cred])
                    held = cur_in[v]
                    if held is None or cost < held[0] - EPS or (
                            cost <= held[0] + EPS and tie_won((cost, u, False, hops), v, True,
                                                              held)):
                        cur_in[v] = (cost, u, False, hops)
                continue
            for v, c, cred in out[u]:
                if banned and v in banned:
                    continue
                cost = so_far + c
                held = cur_out[v]
                if held is None or cost < held[0] - EPS or (
                        cost <= held[0] + EPS and tie_won((cost, u, False, hops), v, False,
                                                          held)):
                    cur_out[v] = (cost, u, False, hops)
                    changed.add((v, False))
                vgroup = company[v]
                if vgroup >= 0 and vgroup != group:  # u hands me into v's company
                    cost += direct[v] if from_me else ref + CREDIBILITY_COST[cred]
                    held = cur_in[v]
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
    for t, label in enumerate(final_in):
        if label is None:
            continue
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
