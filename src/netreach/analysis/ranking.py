"""Ranked introduction chains: the score of a chain with every factor, the best
chains to a company (diverse by default), and the companies within reach."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph import chain_search, factors
from netreach.graph.adjacency import ME_INDEX, SearchIndex, build_index, can_hire
from netreach.graph.every_company import best_per_company
from netreach.graph.factors import Factor
from netreach.graph.hop_distance import hop_distance
from netreach.graph.hops import ME, HopKind, NodeKind, split_node

DEFAULT_K = 5
DEFAULT_MAX_HOPS = 4


@dataclass(frozen=True)
class Step:
    """One node of a chain: me, a person or a community, and how I got there."""

    id: str
    kind: NodeKind
    via: HopKind | None  # the hop that reached this node (None for me)
    probability: float  # of that hop (1.0 for me)


@dataclass(frozen=True)
class Chain:
    """A scored chain from me to a person at the target company."""

    steps: tuple[Step, ...]
    score: float
    factors: tuple[Factor, ...]

    @property
    def target(self) -> str:
        return self.steps[-1].id

    @property
    def hops(self) -> int:
        return len(self.steps) - 1

    @property
    def intermediaries(self) -> tuple[str, ...]:
        """People between me and the target."""
        return tuple(s.id for s in self.steps[1:-1] if s.kind is NodeKind.PERSON)

    @property
    def first_contact(self) -> str:
        return self.steps[1].id

    @property
    def weakest(self) -> int:
        """Index (1-based step) of the least likely hop."""
        return min(range(1, len(self.steps)), key=lambda i: (self.steps[i].probability, i))


@dataclass(frozen=True)
class Hint:
    """What would open a chain when there is none."""

    message: str
    community: str | None = None


@dataclass(frozen=True)
class PathsResult:
    company: CompanyView
    chains: tuple[Chain, ...]
    hints: tuple[Hint, ...]
    employees: int
    max_hops: int


def entry_index(network: Network, steps: tuple[Step, ...] | list[Step]) -> int:
    """The index of the step that brings me into the target's company: the first of
    the colleagues that end the chain. The referral that counts is the one into that
    step (``steps[entry - 1]`` toward ``steps[entry]``); the colleagues after it only
    pass me on (chain_search explains why). The score and the plan's referral
    checklist both read it here, so they name the same referrer."""
    company = network.person_company.get(steps[-1].id)
    entry = len(steps) - 1
    while company is not None and entry > 1 and steps[entry - 1].kind is NodeKind.PERSON \
            and network.person_company.get(steps[entry - 1].id) == company:
        entry -= 1
    return entry


def score_chain(network: Network, nodes: tuple[str, ...], today: dt.date) -> Chain:
    """Score a chain (graph node keys from ``me`` to a person) with every factor."""
    steps = [Step(ME, NodeKind.ME, None, 1.0)]
    found: list[Factor] = []
    for i in range(1, len(nodes)):
        p, kind, reason = factors.hop(network, nodes[i - 1], nodes[i], today)
        nkind, nid = split_node(nodes[i])
        steps.append(Step(nid, nkind, kind, p))
        found.append(Factor(f"hop_{i}", p, reason))
    found.append(factors.attrition(len(nodes) - 1))
    target_id = steps[-1].id
    company = network.company_of(target_id)
    entry = entry_index(network, steps)
    referrer, entry_id = steps[entry - 1], steps[entry].id
    credibility = (network.ties[referrer.id][entry_id].credibility
                   if referrer.kind is NodeKind.PERSON else 0)
    found.extend(factors.referral(network, nodes[entry - 1], entry_id, credibility))
    found.append(factors.hiring(target_id, network.people[target_id]))
    if company is not None:
        found.append(factors.outlook(company))
    score = math.prod(f.value for f in found)
    return Chain(tuple(steps), score, tuple(found))


# Scores are products of the same factors in other orders: compared to this many digits.
SCORE_DIGITS = 12


def score_order(score: float) -> float:
    """A score as it is compared when ranking (two equal products may differ in the
    last bits)."""
    return round(score, SCORE_DIGITS)


def chain_order(chain: Chain) -> tuple[float, list[str]]:
    """How scored chains are listed everywhere: best score first, then by the ids."""
    return -score_order(chain.score), [s.id for s in chain.steps]


def _to_chains(network: Network, index: SearchIndex, paths: list[tuple[float, tuple[int, ...]]],
               today: dt.date) -> list[Chain]:
    return [score_chain(network, tuple(index.nodes[i] for i in path), today) for _, path in paths]


def _hints(network: Network, company: CompanyView, index: SearchIndex, max_hops: int) -> list[Hint]:
    employees = set(network.employees.get(company.id, ()))
    if not employees:
        return [Hint(f"nobody in your book works at {company.name}; add someone who does, "
                     "or import a friend's connections with --via")]
    hints: list[Hint] = []
    targets = index.employees.get(company.id, ())
    if max_hops < LONGEST and hop_distance(index, targets, LONGEST) is not None:
        hints.append(Hint(f"a longer chain exists: try --max-hops {max_hops + 2} or more"))
    mine = set(network.me.communities)
    # Who is where, from the people involved only (not every member of every
    # community): the employees, and the people who know one (ties go both ways).
    inside: dict[str, set[str]] = {}
    for pid in employees:
        for cid in network.people[pid].communities:
            inside.setdefault(cid, set()).add(pid)
    knows_one = {other for pid in employees for other in network.ties.get(pid, {})}
    bridges: dict[str, set[str]] = {}
    for pid in knows_one:
        for cid in network.people[pid].communities:
            bridges.setdefault(cid, set()).add(pid)
    joinable: list[Hint] = []
    for cid in sorted(inside.keys() | bridges.keys()):
        if cid in mine:
            continue
        community = network.communities[cid]
        if cid in inside:
            who = ", ".join(sorted(inside[cid])[:3])  # members are listed by id
            if community.joinable:
                hints.append(Hint(f"join {cid} ({community.name}): {who} from {company.name} "
                                  "are members", cid))
            else:
                hints.append(Hint(f"{cid} ({community.name}) has {who} from {company.name}, "
                                  "but it is not open to join", cid))
        elif community.joinable:
            who = ", ".join(sorted(bridges[cid])[:3])
            joinable.append(Hint(f"join {cid} ({community.name}): {who} there know people at "
                                 f"{company.name}", cid))
    return [*hints, *joinable][:5]


# How far the "a longer chain exists" hint looks.
LONGEST = 8


def best_chains(
    network: Network,
    company: CompanyView,
    *,
    today: dt.date,
    k: int = DEFAULT_K,
    max_hops: int = DEFAULT_MAX_HOPS,
    diverse: bool = True,
    index: SearchIndex | None = None,
) -> PathsResult:
    """The best ``k`` chains to anyone at ``company``; with hints when there are none."""
    index = index or build_index(network, today)
    targets = list(index.employees.get(company.id, ()))
    people = set(targets)
    if diverse:
        paths = chain_search.diverse(index, people, people, k, max_hops,
                                     can_hire=lambda node: can_hire(index, node))
    else:
        paths = chain_search.ranked(index, people, people, k, max_hops)
    chains = _to_chains(network, index, paths, today)
    chains.sort(key=chain_order)
    hints = () if chains else tuple(_hints(network, company, index, max_hops))
    return PathsResult(company, tuple(chains), hints, len(targets), max_hops)


@dataclass(frozen=True)
class CompanyReach:
    company: CompanyView
    best: Chain | None
    people: int


def companies_in_reach(network: Network, *, today: dt.date,
                       max_hops: int = DEFAULT_MAX_HOPS,
                       index: SearchIndex | None = None) -> list[CompanyReach]:
    """Every company with someone in reach, best chain (outlook included) first.

    One forward pass for all companies (``every_company.best_per_company``); each
    company's chain is the one ``best_chains`` ranks first.
    """
    index = index or build_index(network, today)
    found = best_per_company(index, index.employees, max_hops)
    result = []
    for cid, employees in network.employees.items():
        if cid in found:
            chain = _to_chains(network, index, [found[cid]], today)[0]
            result.append(CompanyReach(network.companies[cid], chain, len(employees)))
    result.sort(key=lambda r: (-score_order(r.best.score if r.best else 0.0), r.company.id))
    return result


__all__ = [
    "ME_INDEX",
    "Chain",
    "CompanyReach",
    "Factor",
    "Hint",
    "PathsResult",
    "Step",
    "best_chains",
    "chain_order",
    "companies_in_reach",
    "entry_index",
    "score_chain",
    "score_order",
]
