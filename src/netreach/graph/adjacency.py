"""The search index: the network's edges as flat integer adjacency lists with costs.

Built from the same ``graph.hops`` as the networkx graph, so the two never
disagree. Costs are ``-log`` probabilities plus the attrition of one hand-off,
so the cheapest path is the most likely chain (the first hop's attrition is
given back when the score is computed). Each node's edges are sorted by cost
(then by node), which lets the search stop scanning them early.

An index is built here from a ``Network``, or read from the cache
(``packed.Packed.index``), where its edge lists stay in flat arrays
(``Adjacency``) and are decoded only for the nodes a search touches.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right, insort
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, pairwise
from operator import itemgetter
from typing import overload

from netreach.book.model import Person
from netreach.book.network import Network
from netreach.graph import factors, scoring
from netreach.graph.hops import hops
from netreach.graph.nodes import ME, community_node, person_node

Edge = tuple[int, float, int]  # (other node, cost, credibility)

ATTRITION_COST = scoring.cost(scoring.ATTRITION)
INF = float("inf")  # the cost of no chain
# Costs are sums of logarithms: two sums of the same factors in another order may
# differ in the last bits, so costs are compared rounded to this many digits.
COST_DIGITS = 9
EPS = 10.0 ** -COST_DIGITS
ME_INDEX = 0


def edge_order(edge: Edge) -> tuple[float, int]:
    """How each node's edges are sorted: cheapest first, then by node index."""
    return edge[1], edge[0]


class EdgeRow(Sequence[Edge]):
    """One node's edges, read from the flat arrays as they are iterated: a search that
    stops after the first few edges of a 5,000-member community decodes only those."""

    __slots__ = ("_a", "_b", "_costs", "_credibility", "_others")

    def __init__(self, others: Sequence[int], costs: Sequence[float],
                 credibility: Sequence[int], a: int, b: int) -> None:
        self._others, self._costs, self._credibility = others, costs, credibility
        self._a, self._b = a, b

    def __len__(self) -> int:
        return self._b - self._a

    def __iter__(self) -> Iterator[Edge]:
        a, b = self._a, self._b
        return zip(self._others[a:b], self._costs[a:b], self._credibility[a:b], strict=True)

    @overload
    def __getitem__(self, i: int) -> Edge: ...

    @overload
    def __getitem__(self, i: slice) -> list[Edge]: ...

    def __getitem__(self, i: int | slice) -> Edge | list[Edge]:
        if isinstance(i, slice):
            return list(self)[i]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        j = self._a + i
        return self._others[j], self._costs[j], self._credibility[j]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Adjacency(Sequence[Sequence[Edge]]):
    """Edge lists kept in flat arrays (CSR), read per node when a search gets there.

    ``offsets[u]:offsets[u + 1]`` are node u's edges in ``others``, ``costs`` and
    ``credibility``, sorted by ``edge_order``. ``patches`` replace the cost of
    some edges (``{u: {v: cost}}``: the date-dependent hops from me); a patched
    list is decoded and sorted again.
    """

    def __init__(self, offsets: Sequence[int], others: Sequence[int], costs: Sequence[float],
                 credibility: Sequence[int],
                 patches: Mapping[int, Mapping[int, float]] | None = None) -> None:
        self._offsets = offsets
        self._others = others
        self._costs = costs
        self._credibility = credibility
        self._patches = patches or {}
        self._patched: dict[int, list[Edge]] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def degree(self, u: int) -> int:
        """How many edges node u has, without reading them."""
        return self._offsets[u + 1] - self._offsets[u]

    def edge_count(self) -> int:
        """How many edges there are, without reading them."""
        return self._offsets[-1] - self._offsets[0] if len(self._offsets) else 0

    def cheapest(self) -> list[float]:
        """Each node's cheapest edge cost (``INF`` for none), without decoding a list."""
        offsets, costs = self._offsets, self._costs
        first = [costs[a] if a < b else INF
                 for a, b in pairwise(offsets)]
        for u in self._patches:  # sorted again once patched: read the decoded list
            row = self[u]
            first[u] = row[0][1] if row else INF
        return first

    def within(self, u: int, base: float, room: Sequence[float], most: float,
               key: Sequence[int] | None = None) -> list[Edge]:
        """Node u's edges (v, cost, credibility) with ``base + cost <= room[v]`` (or
        ``room[key[v]]``) and cost at most ``most``, cheapest first: run by run of equal
        cost, each run filtered in C, so the edges left out cost no tuple each (a
        hub's thousands of edges take microseconds when few of them are of use)."""
        if u in self._patches:
            return edges_within(self[u], base, room, most, key)
        others, costs, credibility = self._others, self._costs, self._credibility
        a, end = self._offsets[u], self._offsets[u + 1]
        kept: list[Edge] = []
        while a < end:
            cost = costs[a]
            if cost > most:
                break
            b = bisect_right(costs, cost, a, end)
            reach = base + cost
            targets = others[a:b] if key is None else map(key.__getitem__, others[a:b])
            for j in compress(range(a, b), map(reach.__le__, map(room.__getitem__, targets))):
                kept.append((others[j], cost, credibility[j]))
            a = b
        return kept

    @overload
    def __getitem__(self, u: int) -> Sequence[Edge]: ...

    @overload
    def __getitem__(self, u: slice) -> list[Sequence[Edge]]: ...

    def __getitem__(self, u: int | slice) -> Sequence[Edge] | list[Sequence[Edge]]:
        if isinstance(u, slice):
            return [self[i] for i in range(*u.indices(len(self)))]
        if u < 0:
            u += len(self)
        if not 0 <= u < len(self):
            raise IndexError(u)
        patch = self._patches.get(u)
        row = EdgeRow(self._others, self._costs, self._credibility, self._offsets[u],
                      self._offsets[u + 1])
        if not patch:
            return row
        edges = self._patched.get(u)
        if edges is None:
            edges = self._patched[u] = _patched(row, patch)
        return edges


def _patched(row: Sequence[Edge], patch: Mapping[int, float]) -> list[Edge]:
    """``row`` (sorted by ``edge_order``) with the costs of ``patch``, sorted again.

    Most patched rows differ in one edge (the hop from me into a contact's list of
    who reaches them): that edge moves to its new place, the rest is copied as it is.
    """
    edges = list(row)
    if len(patch) == 1:
        [(v, cost)] = patch.items()
        others = list(map(itemgetter(0), edges))
        if v in others:
            _v, _c, cred = edges.pop(others.index(v))
            insort(edges, (v, cost, cred), key=edge_order)
        return edges
    return sorted(((v, patch.get(v, c), cred) for v, c, cred in edges), key=edge_order)


def edges_within(row: Sequence[Edge], base: float, room: Sequence[float], most: float,
                 key: Sequence[int] | None = None) -> list[Edge]:
    """The edges of ``row`` (sorted by cost) with ``base + cost <= room[v]`` (or
    ``room[key[v]]``) and cost at most ``most``."""
    kept: list[Edge] = []
    for edge in row:
        if edge[1] > most:
            break
        if base + edge[1] <= room[edge[0] if key is None else key[edge[0]]]:
            kept.append(edge)
    return kept


@dataclass
class SearchIndex:
    """Flat adjacency of the network; node 0 is me, nodes 1 to n the book's n people in
    book order, then its communities (in book order), in an index built here and in
    one read from the cache alike."""

    nodes: Sequence[str]  # index -> node key ("me", "person:x", "community:y")
    out: Sequence[Sequence[Edge]]  # each node's edges, sorted by edge_order
    into: Sequence[Sequence[Edge]]
    # Referral quality of each node as the last intermediary, as a cost:
    # -log(seen x closeness x vouch) (the floors for non-contacts and communities).
    referral_cost: Sequence[float]
    # When the target is my own contact (chain me -> T): -log(seen x closeness) of T.
    direct_cost: Sequence[float]
    hiring_cost: Sequence[float]
    employees: Mapping[str, Sequence[int]]  # company id -> person indices (by person id)
    position: Mapping[str, int]
    # What searches over this index computed once and share (chain_bounds.bounds_for).
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.nodes)

    def in_degree(self, v: int) -> int:
        """How many edges lead into v (without decoding a cached edge list)."""
        into = self.into
        return into.degree(v) if isinstance(into, Adjacency) else len(into[v])

    def out_degree(self, u: int) -> int:
        """How many edges leave u (without decoding a cached edge list)."""
        out = self.out
        return out.degree(u) if isinstance(out, Adjacency) else len(out[u])

    def out_within(self, u: int, base: float, room: Sequence[float], most: float,
                   key: Sequence[int] | None = None) -> list[Edge]:
        """Node u's out-edges (v, cost, credibility) with ``base + cost <= room[v]`` (or
        ``room[key[v]]``) and cost at most ``most``, cheapest first
        (``Adjacency.within``)."""
        out = self.out
        if isinstance(out, Adjacency):
            return out.within(u, base, room, most, key)
        return edges_within(out[u], base, room, most, key)

    def cheapest_out(self) -> list[float]:
        """Each node's cheapest out-edge cost (``INF`` for none): edges are sorted by
        cost, so it is the first one."""
        return _cheapest(self.out)

    def cheapest_in(self) -> list[float]:
        """Each node's cheapest in-edge cost (``INF`` for none)."""
        return _cheapest(self.into)


def _cheapest(rows: Sequence[Sequence[Edge]]) -> list[float]:
    if isinstance(rows, Adjacency):
        return rows.cheapest()
    return [row[0][1] if row else INF for row in rows]


# The hiring cost of someone who can hire (the best value of the hiring factor).
CAN_HIRE_COST = scoring.cost(scoring.hiring_factor(True))


def can_hire(index: SearchIndex, node: int) -> bool:
    """Whether the person at ``node`` can hire, read from the index (no person decoded)."""
    return index.hiring_cost[node] <= CAN_HIRE_COST


# The hiring cost of someone whose authority is guessed from a title (``hiring: likely``).
MAY_HIRE_COST = scoring.cost(scoring.hiring_factor("likely"))


def can_or_may_hire(index: SearchIndex, node: int) -> bool:
    """Whether the person at ``node`` can hire or may (guessed from a title), read from
    the index (no person decoded)."""
    return index.hiring_cost[node] <= MAY_HIRE_COST


CREDIBILITY_COST = [scoring.cost(scoring.credibility_factor(c)) for c in range(6)]


def hop_cost(probability: float) -> float:
    """The search cost of a hop: ``-log p`` plus one hand-off's attrition."""
    return scoring.cost(probability) + ATTRITION_COST


def contact_cost(closeness: int | None, last_contact: dt.date | None, today: dt.date) -> float:
    """Cost of the hop me -> a direct contact on ``today`` (the one date-dependent hop).

    The same expression as ``graph.hops`` and ``hop_cost``, so a cached index and a
    fresh one agree bit for bit.
    """
    return hop_cost(factors.contact_hop(closeness, last_contact, today))


def person_costs(person: Person) -> tuple[float, float, float]:
    """Referral, direct and hiring cost of one person's node (``factors`` decides each)."""
    referral = direct = scoring.cost(factors.referral_quality(*factors.referrer_fields(None)))
    if person.is_direct:
        referral = scoring.cost(factors.referral_quality(*factors.referrer_fields(person)))
        direct = scoring.cost(factors.asked_quality(person))
    return referral, direct, scoring.cost(scoring.hiring_factor(person.hiring))


def node_costs(network: Network) -> tuple[list[float], list[float], list[float]]:
    """Referral, direct and hiring cost of every node (in index order; none depends on
    the date): ``factors.referral_quality`` of each as a referrer, ``asked_quality``
    when I ask them myself, and ``hiring_factor``."""
    size = 1 + len(network.people) + len(network.communities)
    floor = scoring.cost(factors.referral_quality(*factors.referrer_fields(None)))
    referral_cost = [floor] * size
    direct_cost = [floor] * size
    hiring_cost = [scoring.cost(scoring.hiring_factor(False))] * size
    for i, person in enumerate(network.people.values(), start=1):
        referral_cost[i], direct_cost[i], hiring_cost[i] = person_costs(person)
    return referral_cost, direct_cost, hiring_cost


def sorted_edges(network: Network, today: dt.date) -> tuple[
        list[str], dict[str, int], list[list[tuple[float, int, int]]],
        list[list[tuple[float, int, int]]]]:
    """Nodes, their positions, and each node's out- and in-edges as (cost, other,
    credibility), sorted (so by ``edge_order``): what the index and the cache build on."""
    nodes = [ME, *map(person_node, network.people), *map(community_node, network.communities)]
    position = {node: i for i, node in enumerate(nodes)}
    out: list[list[tuple[float, int, int]]] = [[] for _ in nodes]
    into: list[list[tuple[float, int, int]]] = [[] for _ in nodes]
    costs: dict[float, float] = {}  # few distinct probabilities: -log each once
    for source, target, probability, _kind, credibility in hops(network, today):
        u, v = position[source], position[target]
        c = costs.get(probability)
        if c is None:
            c = costs[probability] = hop_cost(probability)
        out[u].append((c, v, credibility))
        into[v].append((c, u, credibility))
    for edges in out:
        edges.sort()  # tuples compare in C: (cost, node) first, and no two edges tie on both
    for edges in into:
        edges.sort()
    return nodes, position, out, into


def build_index(network: Network, today: dt.date) -> SearchIndex:
    """Compile the network into a ``SearchIndex``."""
    nodes, position, by_cost_out, by_cost_into = sorted_edges(network, today)
    out = [[(v, c, k) for c, v, k in edges] for edges in by_cost_out]
    into = [[(v, c, k) for c, v, k in edges] for edges in by_cost_into]
    referral_cost, direct_cost, hiring_cost = node_costs(network)
    employees = {cid: [position[person_node(p)] for p in pids]
                 for cid, pids in network.employees.items()}
    return SearchIndex(nodes, out, into, referral_cost, direct_cost, hiring_cost, employees,
                       position)
