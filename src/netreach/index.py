"""The search index: the network's edges as flat integer adjacency lists with costs.

Built from the same ``graph.hops`` as the networkx graph, so the two never
disagree. Costs are ``-log`` probabilities plus the attrition of one hand-off,
so the cheapest path is the most likely chain (the first hop's attrition is
given back when the score is computed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netreach import scoring
from netreach.graph import ME, community_node, hops, person_node
from netreach.network import Network

Edge = tuple[int, float, int]  # (other node, cost, credibility)

ATTRITION_COST = scoring.cost(scoring.ATTRITION)
ME_INDEX = 0


@dataclass
class SearchIndex:
    """Flat adjacency of the network; node 0 is me."""

    nodes: list[str]  # index -> node key ("me", "person:x", "community:y")
    out: list[list[Edge]]
    into: list[list[Edge]]
    # Referral quality of each node as the last intermediary, as a cost:
    # -log(seen x closeness x vouch) (the floors for non-contacts and communities).
    referral_cost: list[float]
    # When the target is my own contact (chain me -> T): -log(seen x closeness) of T.
    direct_cost: list[float]
    hiring_cost: list[float]
    employees: dict[str, list[int]]  # company id -> person indices
    position: dict[str, int]

    def __len__(self) -> int:
        return len(self.nodes)


def _referral(seen: int, closeness: int, vouch: int) -> float:
    return (
        scoring.seen_factor(seen)
        * scoring.closeness_factor(closeness)
        * scoring.vouch_factor(vouch)
    )


CREDIBILITY_COST = [scoring.cost(scoring.credibility_factor(c)) for c in range(6)]


def build_index(network: Network, today: dt.date) -> SearchIndex:
    """Compile the network into a ``SearchIndex``."""
    nodes = [ME, *map(person_node, network.people), *map(community_node, network.communities)]
    position = {node: i for i, node in enumerate(nodes)}
    out: list[list[Edge]] = [[] for _ in nodes]
    into: list[list[Edge]] = [[] for _ in nodes]
    for hop in hops(network, today):
        u, v = position[hop.source], position[hop.target]
        c = scoring.cost(hop.probability) + ATTRITION_COST
        out[u].append((v, c, hop.credibility))
        into[v].append((u, c, hop.credibility))
    floor = scoring.cost(_referral(0, 0, 0))
    referral_cost = [floor] * len(nodes)
    direct_cost = [floor] * len(nodes)
    hiring_cost = [scoring.cost(scoring.NOT_HIRING)] * len(nodes)
    employees: dict[str, list[int]] = {}
    for i, pid in enumerate(network.people, start=1):
        person = network.people[pid]
        if person.closeness is not None:
            referral_cost[i] = scoring.cost(
                _referral(person.seen_my_work, person.closeness, person.vouch)
            )
            direct_cost[i] = scoring.cost(
                scoring.seen_factor(person.seen_my_work)
                * scoring.closeness_factor(person.closeness)
            )
        hiring_cost[i] = scoring.cost(scoring.hiring_factor(person.hiring))
        company = network.person_company.get(pid)
        if company is not None:
            employees.setdefault(company, []).append(i)
    return SearchIndex(nodes, out, into, referral_cost, direct_cost, hiring_cost, employees,
                       position)


def terminal_cost(index: SearchIndex, r: int, t: int, credibility: int) -> float:
    """Cost of the referral factors when ``r`` hands me to target ``t``."""
    if r == ME_INDEX:
        return index.direct_cost[t] + index.hiring_cost[t]
    return index.referral_cost[r] + CREDIBILITY_COST[credibility] + index.hiring_cost[t]
