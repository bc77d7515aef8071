"""Gaps in the network, in plain words: each finding is computed from the book and
names the people, companies or communities behind it.

The checks follow the two ideas of SPEC §1: depth (is anyone near me at a
growing company? does every way in hang on one person?) and referral quality
(has anyone on the chains seen my work? are the first contacts still warm?).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from netreach.analysis.ranking import Chain
from netreach.book.model import Outlook
from netreach.book.network import Network
from netreach.graph import scoring
from netreach.graph.adjacency import SearchIndex, can_hire
from netreach.graph.cut_nodes import hop_bounded_cuts
from netreach.graph.hops import HopKind, NodeKind, community_node, person_node, split_node

# seen_my_work 1 is hearsay (they heard me talk about my work); from 2 on they have
# seen some of it first-hand, which is what a referrer's pledge (SPEC §1 (c)) rests on.
SEEN_ENOUGH = 2
# A finding names this many people or companies, then says how many more there are.
NAMES_SHOWN = 4
# The nearer rings checked for growing companies: direct contacts and their friends,
# the people a job seeker can actually ask this week.
RINGS = ((1, "direct contacts"), (2, "2-hop contacts (friends of friends)"))
# Companies that each hang on their own single person are listed one finding each up
# to this many; the rest are folded into one line.
SINGLE_POINTS_SHOWN = 3


@dataclass(frozen=True)
class Finding:
    """One gap, in plain words, with the ids behind it."""

    kind: str  # nobody-there | out-of-reach | growing | no-hiring | single-point | unseen | stale
    message: str
    people: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()


def names(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``, ``A, B, C, D and 3 more``."""
    shown = list(items[:NAMES_SHOWN])
    if len(items) > NAMES_SHOWN:
        shown.append(f"{len(items) - NAMES_SHOWN} more")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def hops(n: int) -> str:
    """``1 hop``, ``3 hops``."""
    return f"{n} hop{'' if n == 1 else 's'}"


_SINGULAR = {"targets": "target", "growing companies": "growing company"}


def _of(n: int, total: int, word: str) -> str:
    """``2 of your 5 targets``, or ``your only target``."""
    return f"your only {_SINGULAR[word]}" if total == 1 else f"{n} of your {total} {word}"


def _person(network: Network, pid: str) -> str:
    return network.people[pid].name


def _company(network: Network, cid: str) -> str:
    return network.companies[cid].name


def _node_name(network: Network, kind: NodeKind, ident: str) -> str:
    if kind is NodeKind.COMMUNITY:
        return network.communities[ident].name
    return _person(network, ident)


def _nobody_there(network: Network, goals: Sequence[str], word: str) -> list[Finding]:
    empty = [cid for cid in goals if not network.employees.get(cid)]
    if not empty:
        return []
    are = "works" if len(empty) == 1 else "work"
    return [Finding(
        "nobody-there",
        f"nobody in your book works at {names([_company(network, c) for c in empty])} "
        f"({_of(len(empty), len(goals), word)}): add someone who {are} there, or "
        "import a friend's connections with --via",
        companies=tuple(empty))]


def _out_of_reach(network: Network, goals: Sequence[str], best: Mapping[str, Chain],
                  max_hops: int, word: str) -> list[Finding]:
    far = [cid for cid in goals if network.employees.get(cid) and cid not in best]
    if not far:
        return []
    people = [p for cid in far for p in network.employees[cid]]
    if len(far) == 1:
        n = len(people)
        message = (f"{_company(network, far[0])} is out of reach: "
                   f"{names([_person(network, p) for p in people])} work{'s' if n == 1 else ''} "
                   f"there, but no chain within {hops(max_hops)} gets to them")
    else:
        message = (f"{len(far)} of your {len(goals)} {word} are out of reach within "
                   f"{hops(max_hops)}, though people in your book work there: "
                   f"{names([_company(network, c) for c in far])}")
    return [Finding("out-of-reach", message, people=tuple(people), companies=tuple(far))]


def _growing(network: Network, distance: Mapping[str, int], max_hops: int) -> list[Finding]:
    growing = [cid for cid, c in network.companies.items()
               if c.outlook is Outlook.GROWING and network.employees.get(cid)]
    if not growing:
        return []
    nearest = {cid: min((distance[p] for p in network.employees[cid] if p in distance),
                        default=None) for cid in growing}
    where = [f"{_company(network, cid)} at {hops(h)}" if h is not None
             else f"{_company(network, cid)} out of reach"
             for cid, h in sorted(nearest.items(), key=lambda i: (i[1] or max_hops + 1, i[0]))]
    found = []
    for ring, label in RINGS:
        if ring > max_hops:
            break
        people = [p for p, h in distance.items() if h == ring]
        if any(network.person_company.get(p) in nearest for p in people):
            continue
        opening = (f"none of your {len(people)} {label} works at a growing company" if people
                   else f"you have no {label}, so none works at a growing company")
        found.append(Finding("growing", f"{opening} (nearest: {names(where)})",
                             companies=tuple(growing)))
    return found


def _no_hiring(network: Network, index: SearchIndex, goals: Sequence[str],
               distance: Mapping[str, int], max_hops: int, word: str) -> list[Finding]:
    blocked: list[tuple[str, list[str], list[str]]] = []  # (company, reachable, hirers beyond)
    for cid in goals:
        # Who can hire, from the index: a big company's people are not decoded.
        hirers = {split_node(index.nodes[i])[1]
                  for i in index.employees.get(cid, ()) if can_hire(index, i)}
        people = network.employees.get(cid, ())
        near = [p for p in people if p in distance]
        if near and hirers.isdisjoint(near):
            far = [p for p in people if p in hirers and p not in distance]
            blocked.append((cid, near, far))
    if not blocked:
        return []
    if len(blocked) == 1:
        cid, near, far = blocked[0]
        tail = (f"; {names([_person(network, p) for p in far])} can, beyond {hops(max_hops)}"
                if far else "; nobody in your book there can")
        message = (f"nobody you can reach at {_company(network, cid)} can hire "
                   f"({names([_person(network, p) for p in near])} would have to pass you "
                   f"on){tail}")
    else:
        message = (f"at {len(blocked)} of your {len(goals)} {word} nobody you can reach can "
                   f"hire, so your chains end at someone who must pass you on: "
                   f"{names([_company(network, cid) for cid, _, _ in blocked])}")
    return [Finding("no-hiring", message,
                    people=tuple(p for _, near, far in blocked for p in near + far),
                    companies=tuple(cid for cid, _, _ in blocked))]


def chain_cuts(network: Network, index: SearchIndex, goals: Sequence[str],
               best: Mapping[str, Chain], max_hops: int) -> dict[tuple[NodeKind, str], list[str]]:
    """Each step of a best chain that every chain within ``max_hops`` to its company
    passes through -> those companies, in the order of ``goals`` and of the steps."""
    # A node on every chain to a company is on its best chain. Whether any chain is
    # left without it is a question of hops, not of scores: one two-ended pass per
    # company decides it for every step of the chain at once (graph.cut_nodes).
    cuts: dict[tuple[NodeKind, str], list[str]] = {}
    for cid in goals:
        chain = best.get(cid)
        if chain is None:
            continue
        steps = chain.steps[1:-1]
        nodes = [index.position[(person_node if s.kind is NodeKind.PERSON
                                 else community_node)(s.id)] for s in steps]
        if not nodes:
            continue
        cut = hop_bounded_cuts(index, index.employees.get(cid, ()), max_hops, nodes)
        for step, node in zip(steps, nodes, strict=True):
            if node in cut:
                cuts.setdefault((step.kind, step.id), []).append(cid)
    return cuts


def _single_points(network: Network, index: SearchIndex, goals: Sequence[str],
                   best: Mapping[str, Chain], max_hops: int, word: str) -> list[Finding]:
    cuts = chain_cuts(network, index, goals, best, max_hops)
    groups: dict[tuple[str, ...], list[tuple[NodeKind, str]]] = {}
    for cut, companies in cuts.items():
        groups.setdefault(tuple(companies), []).append(cut)
    ranked = sorted(groups.items(), key=lambda g: -len(g[0]))  # stable: first found first
    found = []
    for cids, nodes in ranked[:SINGLE_POINTS_SHOWN]:
        who = names([_node_name(network, kind, ident) for kind, ident in nodes])
        which = names([_company(network, c) for c in cids])
        verb = "is" if len(cids) == 1 else "are"
        found.append(Finding(
            "single-point",
            f"{_of(len(cids), len(goals), word)} ({which}) {verb} reachable only "
            f"through {who}: every chain within {hops(max_hops)} passes there, so look for "
            "a second way in",
            people=_ids(nodes, NodeKind.PERSON), companies=cids,
            communities=_ids(nodes, NodeKind.COMMUNITY)))
    shown = {cid for cids, _ in ranked[:SINGLE_POINTS_SHOWN] for cid in cids}
    rest = list(dict.fromkeys(cid for cids, _ in ranked[SINGLE_POINTS_SHOWN:] for cid in cids
                              if cid not in shown))
    if rest:
        nodes = [node for _, group in ranked[SINGLE_POINTS_SHOWN:] for node in group]
        found.append(Finding(
            "single-point",
            f"{len(rest)} more of your {word} hang on a single person or community: "
            f"{names([_company(network, c) for c in rest])}",
            people=_ids(nodes, NodeKind.PERSON), companies=tuple(rest),
            communities=_ids(nodes, NodeKind.COMMUNITY)))
    return found


def _ids(nodes: Sequence[tuple[NodeKind, str]], kind: NodeKind) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ident for k, ident in nodes if k is kind))


def _has_seen(network: Network, pid: str) -> bool:
    person = network.people[pid]
    return person.is_direct and person.seen_my_work >= SEEN_ENOUGH


def _unseen(network: Network, best: Mapping[str, Chain], goals: Sequence[str]) -> list[Finding]:
    blind = [cid for cid in goals if cid in best
             and not any(_has_seen(network, s.id) for s in best[cid].steps[1:]
                         if s.kind is NodeKind.PERSON)]
    if not blind:
        return []
    first = list(dict.fromkeys(best[cid].first_contact for cid in blind
                               if best[cid].steps[1].kind is NodeKind.PERSON))
    who = f" (first contacts: {names([_person(network, p) for p in first])})" if first else ""
    return [Finding(
        "unseen",
        f"nobody on your best chain{'s' if len(blind) > 1 else ''} to "
        f"{names([_company(network, c) for c in blind])} has "
        f"seen your work{who}: give them first-hand experience of it before you ask "
        "(a small trial project, a talk, volunteering beside them)",
        people=tuple(first), companies=tuple(blind))]


def _stale(network: Network, best: Mapping[str, Chain], goals: Sequence[str],
           today: dt.date) -> list[Finding]:
    stale: dict[str, list[str]] = {}
    for cid in goals:
        chain = best.get(cid)
        step = chain.steps[1] if chain is not None else None
        if step is None or step.via is not HopKind.CONTACT:
            continue
        when = network.people[step.id].last_contact
        if when is not None and scoring.freshness(when, today) < 1.0:
            stale.setdefault(step.id, []).append(cid)
    if not stale:
        return []
    cids = [c for found in stale.values() for c in found]
    who = [f"{_person(network, p)} (last contact {network.people[p].last_contact})"
           for p in stale]
    one = len(stale) == 1
    return [Finding(
        "stale",
        f"{names(who)} {'has' if one else 'have'} gone quiet but start{'s' if one else ''} "
        f"your best chain{'s' if len(cids) > 1 else ''} to "
        f"{names([_company(network, c) for c in cids])}: get back in touch before you ask "
        "('netreach suggest' ranks whom to re-warm first)",
        people=tuple(stale), companies=tuple(cids))]


def find_gaps(network: Network, index: SearchIndex, *, today: dt.date, max_hops: int,
              distance: Mapping[str, int], best: Mapping[str, Chain],
              goals: Sequence[str]) -> tuple[Finding, ...]:
    """Every gap found, most basic first.

    ``distance`` maps reachable people to their hop count, ``best`` maps companies in
    reach to their best chain, ``goals`` are the companies I aim at (my targets, or
    else the growing companies).
    """
    word = "targets" if network.targets else "growing companies"
    return tuple([
        *_nobody_there(network, goals, word),
        *_out_of_reach(network, goals, best, max_hops, word),
        *_growing(network, distance, max_hops),
        *_no_hiring(network, index, goals, distance, max_hops, word),
        *_single_points(network, index, goals, best, max_hops, word),
        *_unseen(network, best, goals),
        *_stale(network, best, goals, today),
    ])
