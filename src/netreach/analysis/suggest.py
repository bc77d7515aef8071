"""What to join and whom to re-warm (SPEC §4 ``suggest``).

**What-if gain.** The graph already holds every community I could join (me -> c
at the chance of ``scoring.JOIN_NEW``, then c -> each member). The baseline is
the best chain to a target when none of those not-yet-joined communities is
used; the gain of c is how much the best chain's score rises when c alone may be
used (summed over the targets).

**One backward pass per target, not one search per community.** A chain that
uses c starts me -> c: c's only way in is from me. One backward pass from the
target's people (``chain_bounds.tails``) bounds, for every node, the cheapest
way on to the target; join(c) plus c's bound says at once whether c can beat
the baseline, and only the communities that can are searched
(``chain_search.ranked`` with c as the first step), each guided by the same
bounds, so the search goes straight to its chains.

**Re-warm.** A direct contact whose last contact is stale (``scoring.freshness``
below 1) and who starts one of the best chains to a target costs that chain
score; warming the tie up gives it back. They are ranked by that loss.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from netreach.analysis.ranking import (
    DEFAULT_MAX_HOPS,
    Chain,
    best_chains,
    score_chain,
    score_order,
)
from netreach.analysis.reach import goal_companies, target_sets
from netreach.book.model import Outlook
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph import chain_search, factors, scoring
from netreach.graph.adjacency import ME_INDEX, SearchIndex, build_index
from netreach.graph.chain_search import EPS, INF, Found
from netreach.graph.hops import HopKind, community_node

# The people a community "opens" are read off its best few improved chains per
# target: enough to show who the way in runs through, few enough to read.
OPENS_CHAINS = 3
OPENS_SHOWN = 8


@dataclass(frozen=True)
class Opening:
    """A community I could join, and what joining it would do for my targets."""

    community: str
    gain: float  # rise of the best chain's score, summed over the targets
    gains: tuple[tuple[str, float], ...]  # (company id, rise) where it rises, biggest first
    opens: tuple[str, ...]  # people on the improved chains, best chain first
    chains: tuple[Chain, ...]  # the best improved chain per target, best first


@dataclass(frozen=True)
class Rewarm:
    """A stale direct contact who starts some of the best chains to my targets."""

    person: str
    last_contact: dt.date | None
    warmth: float  # scoring.freshness of the tie now
    loss: float  # what the best chains lose through the cold tie, summed over targets
    companies: tuple[str, ...]


@dataclass(frozen=True)
class Suggestions:
    """Communities to join (every joinable one I am not in, best gain first) and ties
    to re-warm (worst loss first)."""

    targets: tuple[str, ...]
    baseline: tuple[tuple[str, float], ...]  # (company id, best score without joining)
    communities: tuple[Opening, ...]
    rewarm: tuple[Rewarm, ...]
    max_hops: int


def score_of_cost(cost: float, outlook: Outlook) -> float:
    """A chain's score from its search cost at a company with this outlook (0 for none)."""
    return factors.score_of_cost(cost, scoring.OUTLOOK[outlook])


def joinable(network: Network, index: SearchIndex) -> list[int]:
    """Index positions of the communities I could join and have not (sorted by id)."""
    mine = set(network.me.communities)
    position = index.position
    return [position[community_node(cid)] for cid, community in sorted(network.communities.items())
            if community.joinable and cid not in mine]


def through_communities(index: SearchIndex, targets: Sequence[int], communities: Sequence[int],
                        max_hops: int, baseline: float,
                        bounds: chain_search.Bounds | None = None) -> dict[int, list[Found]]:
    """For each community that beats ``baseline`` (a cost): its improved chains, best first.

    The first chain of each is the exact best chain through that community when
    only it, of ``communities``, may be used; up to ``OPENS_CHAINS`` follow.
    ``bounds`` is ``chain_search.Bounds`` toward ``targets``, when the caller has it.
    """
    people = set(targets)
    if max_hops < 2 or not people:
        return {}
    bounds = bounds or chain_search.bounds_for(index, people, people, max_hops)
    join = {v: c for v, c, _ in index.out[ME_INDEX]}
    others = set(communities)
    limit = baseline - EPS
    result: dict[int, list[Found]] = {}
    for c in communities:
        # A community is entered only from me: its best chain costs at least this.
        if join[c] + bounds.outside(max_hops - 1, c) >= limit:
            continue
        chains = chain_search.ranked(index, people, people, OPENS_CHAINS, max_hops,
                                     banned=others - {c}, first=c, limit=limit, bounds=bounds)
        if chains:
            result[c] = chains
    return result


def _rewarm(network: Network, index: SearchIndex, goals: Sequence[str], today: dt.date,
            max_hops: int) -> list[Rewarm]:
    losses: dict[str, dict[str, float]] = {}
    for cid in goals:
        result = best_chains(network, network.companies[cid], today=today, max_hops=max_hops,
                             index=index)
        for chain in result.chains:
            step = chain.steps[1]
            if step.via is not HopKind.CONTACT or network.people[step.id].closeness_unknown:
                continue  # an imported connection I never spoke to is not a tie to re-warm
            warmth = scoring.freshness(network.people[step.id].last_contact, today)
            if warmth >= 1.0:
                continue
            lost = chain.score / warmth - chain.score
            per = losses.setdefault(step.id, {})
            per[cid] = max(per.get(cid, 0.0), lost)
    found = [Rewarm(pid, network.people[pid].last_contact,
                    scoring.freshness(network.people[pid].last_contact, today),
                    sum(per.values()), tuple(sorted(per, key=lambda c: (-per[c], c))))
             for pid, per in losses.items()]
    found.sort(key=lambda r: (-score_order(r.loss), r.person))
    return found


@dataclass(frozen=True)
class WhatIf:
    """The what-if for every community I could join, as search results (index positions)."""

    communities: tuple[int, ...]  # the joinable communities I am not in
    baseline: tuple[tuple[str, float], ...]  # (company id, best score joining nothing)
    rises: Mapping[int, tuple[tuple[str, float, Found], ...]]
    # community -> (company id, rise of the best score, the new best chain) where it rises
    opened: Mapping[int, tuple[Found, ...]]  # community -> (score, improved chain)

    def gain(self, community: int) -> float:
        """The rise of the best chains' scores, summed over the targets."""
        return sum(rise for _, rise, _ in self.rises.get(community, ()))


def what_if(network: Network, index: SearchIndex, goals: Sequence[str],
            max_hops: int = DEFAULT_MAX_HOPS) -> WhatIf:
    """How much joining each community would raise the best chain to each goal company:
    per goal one backward pass, the baseline searched with it, then
    ``through_communities`` with the same bounds."""
    sets = target_sets(network, index, goals)
    candidates = joinable(network, index)
    banned = set(candidates)
    bounds = {cid: chain_search.bounds_for(index, set(people), set(people), max_hops)
              for cid, people in sets.items()}
    base = {cid: best[0] for cid, people in sets.items()
            if (best := chain_search.ranked(index, set(people), set(people), 1, max_hops,
                                             banned=banned, bounds=bounds[cid]))}
    rises: dict[int, list[tuple[str, float, Found]]] = {}
    opened: dict[int, list[Found]] = {}
    baseline: list[tuple[str, float]] = []
    for cid in goals:
        outlook = network.companies[cid].outlook
        base_cost = base[cid][0] if cid in base else INF
        baseline.append((cid, score_of_cost(base_cost, outlook)))
        if cid not in sets:
            continue
        through = through_communities(index, sets[cid], candidates, max_hops, base_cost,
                                      bounds[cid])
        for c, chains in through.items():
            rise = score_of_cost(chains[0][0], outlook) - score_of_cost(base_cost, outlook)
            rises.setdefault(c, []).append((cid, rise, chains[0]))
            opened.setdefault(c, []).extend(
                (score_of_cost(cost, outlook), path) for cost, path in chains)
    return WhatIf(tuple(candidates), tuple(baseline),
                  {c: tuple(found) for c, found in rises.items()},
                  {c: tuple(found) for c, found in opened.items()})


def suggest(network: Network, *, today: dt.date, company: CompanyView | None = None,
            max_hops: int = DEFAULT_MAX_HOPS, index: SearchIndex | None = None) -> Suggestions:
    """Communities to join ranked by what-if gain, and ties to re-warm, for ``company``
    (or my targets, or else every growing company)."""
    index = index or build_index(network, today)
    goals = (company.id,) if company is not None else goal_companies(network)
    result = what_if(network, index, goals, max_hops)
    openings = [_opening(network, index, c, result, today) for c in result.communities]
    openings.sort(key=lambda o: (-score_order(o.gain), o.community))
    # A chain uses at most one community I have not joined (communities are entered
    # only from me), so a goal is in reach iff it is with none of them or through one.
    risen = {cid for found in result.rises.values() for cid, _, _ in found}
    in_reach = [cid for cid, score in result.baseline if score > 0 or cid in risen]
    return Suggestions(goals, result.baseline, tuple(openings),
                       tuple(_rewarm(network, index, in_reach, today, max_hops)), max_hops)


def _opening(network: Network, index: SearchIndex, c: int, result: WhatIf,
             today: dt.date) -> Opening:
    nodes = index.nodes
    people: list[str] = []
    for _, path in sorted(result.opened.get(c, ()), key=lambda o: (-o[0], o[1])):
        for i in path[2:]:
            pid = nodes[i].partition(":")[2]
            if pid not in people:
                people.append(pid)
    rises = result.rises.get(c, ())
    chains = sorted((score_chain(network, tuple(nodes[i] for i in path), today)
                     for _, _, (_, path) in rises), key=lambda ch: (-ch.score, ch.target))
    ranked = sorted(((cid, rise) for cid, rise, _ in rises), key=lambda g: (-g[1], g[0]))
    return Opening(nodes[c].partition(":")[2], result.gain(c), tuple(ranked),
                   tuple(people[:OPENS_SHOWN]), tuple(chains))


__all__ = ["Opening", "Rewarm", "Suggestions", "WhatIf", "joinable", "score_of_cost",
           "suggest", "through_communities", "what_if"]
