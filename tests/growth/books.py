"""Books for the growth tests: random ones (hypothesis) with more communities and my
targets, a brute-force oracle over every simple chain, and a small book builder."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from hypothesis import strategies as st

from netreach.analysis.ranking import score_chain
from netreach.book.network import Network
from netreach.graph.hops import ME, build_graph, community_node
from tests.ranking.books import KINDS, TODAY, network_of, raw_books

__all__ = ["TODAY", "best_score_brute", "book", "growth_books", "network_of"]


@st.composite
def growth_books(draw: st.DrawFn, max_people: int = 9) -> dict[str, Any]:
    """``raw_books`` plus up to three more communities, members for them, and targets."""
    raw = draw(raw_books(max_people=max_people))
    pids = sorted(raw["people"])
    for i in range(draw(st.integers(0, 3))):
        cid = f"h{i}"
        raw["communities"][cid] = {"name": f"Hub {i}", "kind": draw(st.sampled_from(KINDS)),
                                   "joinable": draw(st.booleans())}
        for pid in draw(st.lists(st.sampled_from(pids), unique=True, max_size=4)):
            raw["people"][pid].setdefault("communities", []).append(cid)
    if raw["communities"] and draw(st.booleans()):
        mine = draw(st.lists(st.sampled_from(sorted(raw["communities"])), unique=True,
                             max_size=2))
        raw["me"]["communities"] = mine
    companies = sorted(raw["companies"])
    targets = draw(st.lists(st.sampled_from(companies), unique=True, max_size=len(companies)))
    if targets:
        raw["me"]["seeking"] = {"companies": targets}
    return raw


def best_score_brute(network: Network, company: str, max_hops: int,
                     without: Collection[str] = frozenset()) -> float:
    """The best chain score to ``company`` over every simple chain of the networkx graph,
    with the communities ``without`` removed (0 when there is none)."""
    graph = build_graph(network, TODAY)
    graph.remove_nodes_from(community_node(c) for c in without)
    employees = {f"person:{p}" for p in network.employees.get(company, ())}
    best = 0.0

    def walk(path: list[str]) -> None:
        nonlocal best
        if path[-1] in employees and len(path) > 1:
            best = max(best, score_chain(network, tuple(path), TODAY).score)
        if len(path) - 1 < max_hops:
            for nxt in graph.successors(path[-1]):
                if nxt not in path:
                    walk([*path, nxt])

    walk([ME])
    return best


def book(people: dict[str, Any], *, companies: dict[str, Any] | None = None,
         communities: dict[str, Any] | None = None, mine: list[str] | None = None,
         targets: list[str] | None = None) -> Network:
    """A small network from plain data (every company growing unless given)."""
    me: dict[str, Any] = {"name": "Me", "communities": mine or []}
    if targets:
        me["seeking"] = {"companies": targets}
    named = {p.get("company") for p in people.values()} - {None}
    raw = {"netreach": 1, "me": me,
           "companies": companies or {c: {"name": c.title(), "outlook": "growing"}
                                      for c in sorted(named)},
           "communities": communities or {}, "people": people}
    return network_of(raw)
