"""The network model of SPEC §3: me, people and communities, and the chance of each hop.

``hops`` is the single source of the edges; ``build_graph`` makes the networkx
DiGraph that analysis and export use, and ``adjacency.SearchIndex`` compiles the same
edges into flat arrays for the fast search. Communities are hub nodes
(me -> community -> member), never cliques, so a community of 5,000 costs 5,000
edges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

from netreach.book.network import Network
from netreach.graph import factors, scoring
from netreach.graph.nodes import (
    ME,
    HopKind,
    NodeKind,
    community_node,
    person_node,
    split_node,
)

__all__ = ["ME", "Hop", "HopKind", "NodeKind", "build_graph", "community_node", "hops",
           "person_node", "split_node"]


class Hop(NamedTuple):
    """One directed edge and the probability that the hop succeeds.

    A named tuple, not a dataclass: a 200,000-person book has about a million
    hops, and a tuple is made five times faster.
    """

    source: str
    target: str
    probability: float
    kind: HopKind
    credibility: int = 0  # intro hops: how much the target trusts the source's word


def hops(network: Network, today: dt.date) -> Iterator[Hop]:
    """Every edge of the network, in a deterministic order."""
    people = network.people
    key = {pid: person_node(pid) for pid in people}  # one string per person, not per hop
    for pid, person in people.items():
        if person.is_direct:
            p = factors.contact_hop(person.closeness, person.last_contact, today)
            yield Hop(ME, key[pid], p, HopKind.CONTACT)
    intro = {s: scoring.intro_probability(s) for s in range(1, 6)}
    for pid, ties in network.ties.items():
        source = key[pid]
        for other, tie in ties.items():
            yield Hop(source, key[other], intro[tie.strength], HopKind.INTRO, tie.credibility)
    mine = set(network.me.communities)
    for cid, community in network.communities.items():
        if cid not in mine and not community.joinable:
            continue
        join = factors.join_probability(cid in mine)
        node = community_node(cid)
        yield Hop(ME, node, join, HopKind.JOIN)
        members = network.members.get(cid, ())
        meet = scoring.meet_probability(community.kind, len(members))
        for pid in members:
            yield Hop(node, key[pid], meet, HopKind.MEET)


def build_graph(network: Network, today: dt.date) -> Any:
    """The networkx DiGraph of the network: node attributes for people and
    communities, and on each edge ``probability``, ``kind`` and ``credibility``."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_node(ME, kind=NodeKind.ME.value, label=network.me.name)
    for pid, person in network.people.items():
        company = network.company_of(pid)
        graph.add_node(
            person_node(pid),
            kind=NodeKind.PERSON.value,
            label=person.name,
            company=company.id if company else "",
            hiring=person.can_hire,
            direct=person.is_direct,
        )
    for cid, community in network.communities.items():
        graph.add_node(
            community_node(cid),
            kind=NodeKind.COMMUNITY.value,
            label=community.name,
            community_kind=community.kind.value,
            joinable=community.joinable,
        )
    for hop in hops(network, today):
        graph.add_edge(
            hop.source,
            hop.target,
            probability=hop.probability,
            kind=hop.kind.value,
            credibility=hop.credibility,
        )
    return graph
