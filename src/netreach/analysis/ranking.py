"""Ranked introduction chains: the score of a chain with every factor, the best
chains to a company (diverse by default), and the companies within reach."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph import factors
from netreach.graph.adjacency import ME_INDEX, SearchIndex, build_index
from netreach.graph.factors import Factor
from netreach.graph.hops import ME, HopKind, NodeKind, split_node
from netreach.graph.search import best_by_group, best_paths, hop_distance

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
    _, rid = split_node(nodes[-2])
    credibility = network.ties[rid][target_id].credibility if steps[-2].kind is NodeKind.PERSON \
        else 0
    found.extend(factors.referral(network, nodes[-2], target_id, credibility))
    found.append(factors.hiring(target_id, network.people[target_id]))
    company = network.company_of(target_id)
    if company is not None:
        found.append(factors.outlook(company))
    score = math.prod(f.value for f in found)
    return Chain(tuple(steps), score, tuple(found))


def _to_chains(network: Network, index: SearchIndex, paths: list[tuple[float, tuple[int, ...]]],
               today: dt.date) -> list[Chain]:
    return [score_chain(network, tuple(index.nodes[i] for i in path), today) for _, path in paths]


def _people_between(index: SearchIndex, path: tuple[int, ...]) -> list[int]:
    return [i for i in path[1:-1] if index.nodes[i].startswith("person:")]


# The diverse answer is first looked for among this many times k plain best chains.
DIVERSE_POOL = 2


def _diverse(index: SearchIndex, targets: list[int], k: int, max_hops: int) -> list[
    tuple[float, tuple[int, ...]]
]:
    """Best chain, then the best that shares no intermediary with those chosen, and so on;
    an intermediary is repeated only when nothing else reaches.

    Each pick is the best chain that avoids every person already used as an
    intermediary (anywhere on it) and was not picked before. Bans only grow and the
    ranking of the rest never changes, so the picks are the greedy scan of the plain
    ranking; the scan runs over the best ``DIVERSE_POOL * k`` chains and, if they
    run out before k picks, goes on with one banned search per pick.
    """
    chosen: list[tuple[float, tuple[int, ...]]] = []
    taken: set[tuple[int, ...]] = set()  # by path: two searches may sum a cost differently
    banned: set[int] = set()

    def take(chain: tuple[float, tuple[int, ...]]) -> None:
        chosen.append(chain)
        taken.add(chain[1])
        banned.update(_people_between(index, chain[1]))

    pool = best_paths(index, targets, DIVERSE_POOL * k, max_hops)
    for chain in pool:
        if len(chosen) >= k:
            break
        if not banned.intersection(chain[1]):
            take(chain)
    if len(pool) == DIVERSE_POOL * k:
        while len(chosen) < k:
            # Chains without intermediaries (me -> target) are not blocked by the bans.
            unblocked = sum(1 for _, p in chosen if not _people_between(index, p))
            found = [r for r in best_paths(index, targets, unblocked + 1, max_hops, banned)
                     if r[1] not in taken]
            if not found:
                break
            take(found[0])
    if len(chosen) < k:
        for r in (pool if len(pool) < DIVERSE_POOL * k else
                  best_paths(index, targets, k + len(chosen), max_hops)):
            if len(chosen) >= k:
                break
            if r[1] not in taken:
                chosen.append(r)
                taken.add(r[1])
    return chosen


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
    paths = (_diverse(index, targets, k, max_hops) if diverse
             else best_paths(index, targets, k, max_hops))
    chains = _to_chains(network, index, paths, today)
    chains.sort(key=lambda c: (-round(c.score, 12), [s.id for s in c.steps]))
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

    One search for all companies (``search.best_by_group``); each company's chain is
    the one ``best_chains`` ranks first.
    """
    index = index or build_index(network, today)
    found = best_by_group(index, index.employees, max_hops)
    result = []
    for cid, employees in network.employees.items():
        if cid in found:
            chain = _to_chains(network, index, [found[cid]], today)[0]
            result.append(CompanyReach(network.companies[cid], chain, len(employees)))
    result.sort(key=lambda r: (-round(r.best.score if r.best else 0.0, 12), r.company.id))
    return result


__all__ = ["ME_INDEX", "Chain", "CompanyReach", "Factor", "Hint", "PathsResult", "Step",
           "best_chains", "companies_in_reach", "score_chain"]
