"""How far the network reaches (SPEC §4 ``reach``): people at each hop count,
companies by distance with their best chain, who can hire, targets out of reach,
and the gaps found on the way.

Distances are counted over the same graph ``paths`` searches, joining a
community included (me -> community -> member is 2 hops); communities themselves
are not counted. One breadth-first pass gives the distances, and one forward pass
(``every_company.best_per_company``) the best chain to every company at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from netreach.analysis.gaps import Finding, find_gaps
from netreach.analysis.ranking import DEFAULT_MAX_HOPS, Chain, score_chain, score_order
from netreach.book.model import Outlook
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph.adjacency import SearchIndex, build_index, can_hire
from netreach.graph.every_company import best_per_company
from netreach.graph.hop_distance import hop_distances
from netreach.graph.hops import person_node


@dataclass(frozen=True)
class CompanyDistance:
    """A company within reach: how near its nearest person is, and its best chain."""

    company: CompanyView
    hops: int  # edges of the shortest chain to anyone there (the company's degree)
    best: Chain  # the best chain there, outlook included (may be longer than ``hops``)
    people: int  # people in the book who work there


@dataclass(frozen=True)
class Reach:
    """The shape of the network within ``max_hops``."""

    max_hops: int
    by_hops: tuple[int, ...]  # by_hops[d - 1]: people whose shortest chain has d edges
    people: int  # people in the book
    hiring: tuple[str, ...]  # reachable people who can hire, nearest first
    companies: tuple[CompanyDistance, ...]  # nearest first, then best chain
    targets: tuple[str, ...]  # me.seeking.companies
    out_of_reach: tuple[str, ...]  # targets with no chain within max_hops
    findings: tuple[Finding, ...]

    @property
    def reachable(self) -> int:
        """People within ``max_hops``."""
        return sum(self.by_hops)

    @property
    def share_hiring(self) -> float:
        """The share of reachable people who can hire (0 when nobody is reachable)."""
        return len(self.hiring) / self.reachable if self.reachable else 0.0


def goal_companies(network: Network) -> tuple[str, ...]:
    """The companies I aim at: ``me.seeking.companies``, or else every growing company."""
    if network.targets:
        return network.targets
    return tuple(cid for cid, company in network.companies.items()
                 if company.outlook is Outlook.GROWING)


def target_sets(network: Network, index: SearchIndex,
                companies: Iterable[str] | None = None) -> dict[str, list[int]]:
    """Company id -> index positions of the people who work there (for ``companies``,
    default all; companies nobody in the book works at are left out)."""
    position = index.position
    wanted = network.employees if companies is None else companies
    return {cid: [position[person_node(p)] for p in network.employees[cid]]
            for cid in wanted if network.employees.get(cid)}


def person_distances(network: Network, index: SearchIndex, max_hops: int) -> dict[str, int]:
    """Person id -> hops, for every person within ``max_hops``."""
    ids = list(network.people)
    return {ids[node - 1]: hops for node, hops in _person_hops(ids, index, max_hops).items()}


def _person_hops(ids: list[str], index: SearchIndex, max_hops: int) -> dict[int, int]:
    """Node -> hops, for every person within ``max_hops``: person ``ids[i - 1]`` is node
    ``i`` (``SearchIndex``), so no node key is read."""
    people = len(ids)
    return {node: hops for node, hops in hop_distances(index, max_hops).items()
            if 0 < node <= people}


def best_chains_by_company(network: Network, index: SearchIndex, max_hops: int,
                           today: dt.date) -> dict[str, Chain]:
    """Company id -> its best chain within ``max_hops`` (companies out of reach left out)."""
    found = best_per_company(index, index.employees, max_hops)
    return {cid: score_chain(network, tuple(index.nodes[i] for i in path), today)
            for cid, (_, path) in found.items()}


def reach(network: Network, *, today: dt.date, max_hops: int = DEFAULT_MAX_HOPS,
          index: SearchIndex | None = None) -> Reach:
    """People at each hop count, companies by distance, hiring share, gaps."""
    index = index or build_index(network, today)
    ids = list(network.people)
    near = _person_hops(ids, index, max_hops)
    dist = {ids[node - 1]: hops for node, hops in near.items()}
    by_hops = [0] * max_hops
    for hops in near.values():
        by_hops[hops - 1] += 1
    # Who can hire, read from the index: no person is decoded for it.
    hiring = [p for _hops, p in sorted((hops, ids[node - 1]) for node, hops in near.items()
                                       if can_hire(index, node))]
    best = best_chains_by_company(network, index, max_hops, today)
    companies = [
        CompanyDistance(network.companies[cid], _nearest(network.employees[cid], dist),
                        chain, len(network.employees[cid]))
        for cid, chain in best.items()
    ]
    companies.sort(key=lambda c: (c.hops, -score_order(c.best.score), c.company.id))
    out_of_reach = tuple(cid for cid in network.targets if cid not in best)
    findings = find_gaps(network, index, today=today, max_hops=max_hops, distance=dist,
                         best=best, goals=goal_companies(network))
    return Reach(max_hops, tuple(by_hops), len(network.people), tuple(hiring),
                 tuple(companies), network.targets, out_of_reach, findings)


def _nearest(people: tuple[str, ...], dist: Mapping[str, int]) -> int:
    return min(dist[p] for p in people if p in dist)


__all__ = ["CompanyDistance", "Finding", "Reach", "best_chains_by_company",
           "goal_companies", "person_distances", "reach", "target_sets"]
