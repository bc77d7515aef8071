"""The bounds of the every-company pass (``every_company``), on its last two layers.

On a big book nearly everyone is three hops from me, so each of the last two
layers would read nearly every tie of the book, while few companies' best chains
end there. Each company keeps ``bound``, the cost of the best walk to it found so
far (its best chain costs at most that). A label is not made when even the
cheapest way it could still end at a company (a lower bound, from ``Bounds``)
costs more than that company's bound. The lower bounds are consistent (no
extension of a label has a lower one), so every label on a best chain, and every
label that could tie with one, is made exactly as without bounds: the answers are
the same (``prune=False`` is the plain pass; tests/perf/test_company_bounds.py
checks that both agree).

How the ties are read:

* The layer before last: hand-offs forward, cheapest nodes first (so the bounds
  come down early), a stranger's ties filtered in C (``Adjacency.within``)
  against what each company still allows; labels on the way only where a
  stranger could still hand me in on the last layer (``_room``: read from the
  other end, from the members of each company), and my contacts' labels from
  their in-ties (their referral is cheaper than a stranger's, which the bound on
  the way assumes).
* The last layer: hand-offs only, from me and my contacts forward, and from
  strangers backward: from the members whose cheapest in-tie and hiring cost
  could still beat their company's bound, through their in-ties that cheap.
* Companies not reached before the layer before last get their hand-offs there
  from their members' in-ties first, so that they have a bound.

Each backward read is used only when it reads fewer ties than forward would.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from netreach.graph.adjacency import (
    COST_DIGITS,
    CREDIBILITY_COST,
    EPS,
    INF,
    ME_INDEX,
    Edge,
    SearchIndex,
)
from netreach.graph.chain_search import NodeKeys

# A forward label: (cost, previous node, previous node inside?, edges used).
Label = tuple[float, int, bool, int]
Layer = tuple[list[Label | None], list[Label | None]]  # (outside, inside) labels by node

# A lower bound and the cost it bounds are sums of the same terms in other orders:
# a label is dropped only when its bound is above by more than this (>> EPS).
SLACK = 1e-6
# Read ties backward (into a node) instead only while that reads fewer than this share
# of what the layer reads forward.
BACKWARD_SHARE = 0.5
# How often (frontier nodes) the widest bound is taken again.
RETAKE = 256


class Bounds:
    """What ending a walk costs at least, from a node, for the lower bounds."""

    def __init__(self, index: SearchIndex, members: list[list[int]]) -> None:
        self._index = index
        self._entry: list[float] | None = None
        hiring, referral = index.hiring_cost, index.referral_cost
        # Each group's cheapest target: a walk into the group may cost at most its
        # bound less that.
        self.hiring = [min((hiring[t] for t in people), default=INF) for people in members]
        self.groups = [g for g, people in enumerate(members) if people]  # the ones to reach
        self.cheapest = index.cheapest_out()  # node -> its cheapest edge
        self.least_edge = min(self.cheapest, default=INF)
        self.hand_off = min(CREDIBILITY_COST)  # a hand-off after its edge, but the referrer
        # A stranger's referral (the most any referrer costs); the few cheaper
        # referrers ("contacts") are labelled from their in-ties on the layer before last.
        self.stranger = max(referral, default=INF)
        self.cheap = [x for x, cost in enumerate(referral) if cost < self.stranger]
        self.contacts: list[int] | None = self.cheap  # None: they go forward
        self.least_referral = min(referral, default=INF)
        # Node -> the least its label on the way costs more before its hand-off on the
        # next layer.
        self.need = [edge + cost + self.hand_off
                     for edge, cost in zip(self.cheapest, referral, strict=True)]

    def entry(self) -> list[float]:
        """Node -> the least a hand-off into it costs past the walk to its referrer and
        the referral: its cheapest in-edge and its hiring cost (made when first asked)."""
        if self._entry is None:
            self._entry = [edge + cost for edge, cost in
                           zip(self._index.cheapest_in(), self._index.hiring_cost, strict=True)]
        return self._entry

    def without_contacts(self) -> None:
        """Bound my contacts' labels as any other's (when reading their in-ties costs
        more than it saves)."""
        self.contacts = None


class Labels:
    """The layers of labels of the pass, and every group's bound."""

    def __init__(self, index: SearchIndex, company: list[int], members: list[list[int]],
                 banned: Collection[int]) -> None:
        self.index, self.company, self.members, self.banned = index, company, members, banned
        self.key = NodeKeys(index)
        size = len(index)
        outside0: list[Label | None] = [None] * size
        outside0[ME_INDEX] = (0.0, -1, False, 0)
        self.layers: list[Layer] = [(outside0, [None] * size)]
        self.bound = [INF] * len(members)  # group -> cost of the best walk there so far

    def walk(self, node: int, is_in: bool, label: Label) -> list[int]:
        """The nodes of the walk a label ends, me first."""
        nodes = [node]
        while label[1] >= 0:
            node, is_in = label[1], label[2]
            held = self.layers[label[3] - 1][1 if is_in else 0][node]
            assert held is not None  # a label's predecessor is in its layer
            label = held
            nodes.append(node)
        nodes.reverse()
        return nodes

    def tie_won(self, new: Label, node: int, is_in: bool, old: Label) -> bool:
        """Between two walks of about the same cost: the one ``rank_key`` puts first."""
        a, b = round(new[0], COST_DIGITS), round(old[0], COST_DIGITS)
        if a != b:
            return a < b
        key = self.key
        return ([key(i) for i in self.walk(node, is_in, new)]
                < [key(i) for i in self.walk(node, is_in, old)])

    def offer(self, labels: list[Label | None], v: int, is_in: bool, label: Label) -> bool:
        """Label v with ``label`` if it comes first; whether it did."""
        held = labels[v]
        cost = label[0]
        if held is None or cost < held[0] - EPS or (
                cost <= held[0] + EPS and held[1:] != label[1:]
                and self.tie_won(label, v, is_in, held)):
            labels[v] = label
            return True
        return False


class BoundedLayers(Labels):
    """The sweeps of a bounded layer (``every_company._Pass.run`` calls them)."""

    def _hand_offs(self, hops: int, last: bool, outside: list[int], bounds: Bounds,
                   went_in: set[int]) -> None:
        """Bounded: from each outside node into the companies of its ties, only where
        the walk could still beat the company's bound (cheapest nodes first, so the
        bounds come down early). A stranger's ties are filtered in C by ``room``:
        group -> the most a walk may cost on reaching it, before a stranger's
        hand-off (last slot: no group)."""
        index, company, banned, bound = self.index, self.company, self.banned, self.bound
        out, hiring, cheapest = index.out, index.hiring_cost, bounds.cheapest
        referral, direct = index.referral_cost, index.direct_cost
        least_hiring, stranger, hand_off = bounds.hiring, bounds.stranger, bounds.hand_off
        prev_out, cur_in = self.layers[-2][0], self.layers[-1][1]
        room = [-INF] * (len(bound) + 1)
        for g in bounds.groups:
            room[g] = bound[g] + SLACK - least_hiring[g] - stranger - hand_off
        widest = max(room)
        for count, u in enumerate(outside):
            if count % RETAKE == 0:
                widest = max(room)
            was = prev_out[u]
            assert was is not None  # the frontier holds labelled nodes only
            so_far, group = was[0], company[u]
            from_me = u == ME_INDEX
            ref = 0.0 if from_me else referral[u]
            if so_far + bounds.least_edge + bounds.least_referral - stranger > widest:
                break  # the rest of the frontier costs more
            row: Sequence[Edge]
            if ref >= stranger:
                if so_far + cheapest[u] > widest:
                    continue
                row = index.out_within(u, so_far, room, widest - so_far, company)
            else:  # me or a contact: a cheaper referral than the room assumes
                if so_far + cheapest[u] + ref - stranger > widest:
                    continue
                row = out[u]
            for v, c, cred in row:
                vgroup = company[v]
                if vgroup < 0 or vgroup == group or (banned and v in banned):
                    continue
                cost = so_far + c + (direct[v] if from_me else ref + CREDIBILITY_COST[cred])
                if cost + (hiring[v] if last else least_hiring[vgroup]) > bound[vgroup] + SLACK:
                    continue  # cannot beat what that company has
                if self.offer(cur_in, v, True, (cost, u, False, hops)):
                    if not last:
                        went_in.add(v)
                    if cost + hiring[v] < bound[vgroup]:
                        bound[vgroup] = cost + hiring[v]
                        if room[vgroup] > -INF:
                            room[vgroup] = bound[vgroup] + SLACK - least_hiring[vgroup] \
                                - stranger - hand_off

    def _room(self, outside: list[int], limit: float, bounds: Bounds) -> list[float]:
        """On the layer before last: node -> the most the walk there may cost and still
        hand me in on the last layer (-INF: of no use). For strangers it is read from
        the other end, as ``_last`` will: the members whose cheapest in-tie and
        hiring cost could beat their company's bound, their in-ties that cheap, and
        from each such tie (w -> t) what w may cost. My contacts are labelled from
        their in-ties (``_contacts``), or else get ``limit`` (every company's bound
        less its cheapest target) less the least they add before a hand-off."""
        size = len(self.index)
        if limit == INF:  # a company not reached yet: no bound
            return [INF] * size
        if not outside:  # nobody on the way at this layer: nothing goes on from it
            return [-INF] * size
        index, company, bound, members = self.index, self.company, self.bound, self.members
        referral, stranger = index.referral_cost, bounds.stranger
        into, hiring = index.into, index.hiring_cost
        prev = self.layers[-2][0][outside[0]]  # the cheapest on the way
        assert prev is not None  # the frontier holds labelled nodes only
        fee = stranger + bounds.hand_off
        least = prev[0] + bounds.least_edge  # a walk there
        entry = bounds.entry()
        room = [-INF] * size
        for g in bounds.groups:
            cap = bound[g] + SLACK - fee
            for t in [t for t in members[g] if entry[t] <= cap - least]:
                top = cap - hiring[t]  # at w, before the tie w -> t
                for w, c, _cred in into[t]:
                    if least + c > top:
                        break  # the rest of t's in-ties cost more
                    if top - c > room[w] and company[w] != g and referral[w] >= stranger \
                            and w != ME_INDEX:
                        room[w] = top - c
        if bounds.contacts is None:
            for x in bounds.cheap:
                room[x] = limit - bounds.need[x]
        return room

    def _onward(self, hops: int, outside: list[int], room: list[float],
                cheapest: Sequence[float], least_edge: float, went_on: set[int]) -> None:
        """On the layer before last: labels on the way, through the ties ``room``
        keeps (filtered in C), cheapest nodes first."""
        index, banned = self.index, self.banned
        prev_out, cur_out = self.layers[-2][0], self.layers[-1][0]
        widest = max(room, default=-INF)
        for u in outside:
            was = prev_out[u]
            assert was is not None  # the frontier holds labelled nodes only
            so_far = was[0]
            if so_far + least_edge > widest:
                break  # the rest of the frontier costs more
            if so_far + cheapest[u] > widest:
                continue
            for v, c, _cred in index.out_within(u, so_far, room, widest - so_far):
                if banned and v in banned:
                    continue
                if self.offer(cur_out, v, False, (so_far + c, u, False, hops)):
                    went_on.add(v)

    def _last(self, hops: int, outside: list[int], on_way: bytearray, bounds: Bounds) -> None:
        """The last layer: hand-offs only. From me and my contacts forward; from the
        strangers on the way backward, from each company's members: only members
        whose cheapest in-tie and hiring cost could still beat the company's bound,
        and only their in-ties that cheap (a few hundred ties, where forward reads
        every tie of tens of thousands of strangers). Forward for all when the
        companies not reached yet have more in-ties than that reads."""
        if not outside:
            return
        index, company, banned, bound = self.index, self.company, self.banned, self.bound
        referral, stranger, members = index.referral_cost, bounds.stranger, self.members
        unreached = sum(index.in_degree(t) for g in bounds.groups if bound[g] == INF
                        for t in members[g])
        if _Reads(index, outside).fewer_than(unreached):
            self._hand_offs(hops, True, outside, bounds, set())
            return
        self._hand_offs(hops, True, [u for u in outside if u == ME_INDEX
                                     or referral[u] < stranger], bounds, set())
        into, hiring = index.into, index.hiring_cost
        prev_out, cur_in = self.layers[-2][0], self.layers[-1][1]
        entry = bounds.entry()
        prev = prev_out[outside[0]]  # the cheapest on the way
        assert prev is not None  # the frontier holds labelled nodes only
        least = prev[0] + stranger + bounds.hand_off
        for g in bounds.groups:
            cap = bound[g] + SLACK - least
            for t in [t for t in members[g] if entry[t] <= cap]:
                if banned and t in banned:
                    continue
                rest = least + hiring[t]
                for w, c, cred in into[t]:
                    if rest + c > bound[g] + SLACK:
                        break  # the rest of t's in-ties cost more
                    if not on_way[w] or company[w] == g or w == ME_INDEX \
                            or referral[w] < stranger:
                        continue  # not a stranger on the way (or a colleague)
                    was = prev_out[w]
                    assert was is not None  # on the way: labelled
                    cost = was[0] + c + (referral[w] + CREDIBILITY_COST[cred])  # as forward adds it
                    if cost + hiring[t] > bound[g] + SLACK:
                        continue
                    if self.offer(cur_in, t, True, (cost, w, False, hops)) \
                            and cost + hiring[t] < bound[g]:
                        bound[g] = cost + hiring[t]

    def _backward(self, hops: int, outside: list[int], on_way: bytearray, bounds: Bounds,
                  went_in: set[int]) -> None:
        """On the layer before last: the hand-offs into groups not reached yet, from
        their members' in-ties (when that reads fewer ties than forward), so that
        they have a bound from the start of the layer; and whether the contacts'
        labels are made from their in-ties too."""
        bound, index = self.bound, self.index
        forward = _Reads(index, outside)
        if bounds.contacts and \
                forward.fewer_than(sum(index.in_degree(x) for x in bounds.contacts)):
            bounds.without_contacts()
        unreached = [g for g in bounds.groups if bound[g] == INF]
        banned, company, members = self.banned, self.company, self.members
        if not unreached or forward.fewer_than(
                sum(index.in_degree(t) for g in unreached for t in members[g])):
            return
        prev_out, cur_in = self.layers[-2][0], self.layers[-1][1]
        into, hiring = index.into, index.hiring_cost
        referral, direct = index.referral_cost, index.direct_cost
        for g in unreached:
            for t in members[g]:
                if banned and t in banned:
                    continue
                for w, c, cred in into[t]:
                    if not on_way[w] or company[w] == g:
                        continue
                    was = prev_out[w]
                    assert was is not None  # on the way: labelled
                    cost = was[0] + c + (direct[t] if w == ME_INDEX
                                         else referral[w] + CREDIBILITY_COST[cred])
                    if self.offer(cur_in, t, True, (cost, w, False, hops)):
                        went_in.add(t)
                        bound[g] = min(bound[g], cost + hiring[t])

    def _contacts(self, hops: int, on_way: bytearray, limit: float, bounds: Bounds,
                  went_on: set[int]) -> None:
        """The layer's labels on the way of the cheap referrers, from their in-ties
        (``_onward`` assumed a stranger's referral after each edge)."""
        index, banned = self.index, self.banned
        prev_out, cur_out = self.layers[-2][0], self.layers[-1][0]
        for x in bounds.contacts or ():
            if banned and x in banned:
                continue
            rest = bounds.need[x]
            for w, c, _cred in index.into[x]:
                if not on_way[w]:
                    continue
                was = prev_out[w]
                assert was is not None  # on the way: labelled
                cost = was[0] + c
                if cost + rest <= limit and self.offer(cur_out, x, False, (cost, w, False, hops)):
                    went_on.add(x)


class _Reads:
    """How many ties a layer reads forward, counted only as far as a comparison needs."""

    def __init__(self, index: SearchIndex, outside: list[int]) -> None:
        self.index, self.outside = index, outside

    def fewer_than(self, backward: int) -> bool:
        """Whether reading ``backward`` ties backward would not save enough."""
        need, total = backward / BACKWARD_SHARE, 0
        degree = self.index.out_degree
        for u in self.outside:
            total += degree(u)
            if total > need:
                return False
        return True
