"""What to do next across several plans (``netreach next``): the next open step of
every chain, soonest follow-up first. Plans are not stored, so they are composed
afresh for each company, sharing one search index. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netreach.analysis.ranking import DEFAULT_MAX_HOPS
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph.adjacency import SearchIndex, build_index
from netreach.outreach import plan_rules
from netreach.outreach.plan import PlanStep, compose_plan


@dataclass(frozen=True)
class NextStep:
    """The next open step of one chain of one plan."""

    company: CompanyView
    chain: int
    score: float
    step: PlanStep
    of: int  # steps in the chain

    @property
    def follow_up(self) -> dt.date:
        """When to have done (or chased) this step."""
        assert self.step.follow_up is not None
        return self.step.follow_up


@dataclass(frozen=True)
class Agenda:
    """What to do next across several plans, soonest first."""

    today: dt.date
    steps: tuple[NextStep, ...]
    complete: tuple[tuple[str, int], ...]  # (company id, chain rank) with every step done
    unreachable: tuple[CompanyView, ...]  # companies with no chain

    def due(self, item: NextStep) -> bool:
        """A follow-up is due when its date is today or past."""
        return item.follow_up <= self.today


def agenda(
    network: Network,
    companies: Sequence[CompanyView],
    *,
    today: dt.date,
    k: int = plan_rules.DEFAULT_PLAN_K,
    max_hops: int = DEFAULT_MAX_HOPS,
    index: SearchIndex | None = None,
) -> Agenda:
    """The next step of each chain of the plans for ``companies``, soonest follow-up first
    (ties: the order of ``companies``, then the chain's rank)."""
    index = index or build_index(network, today)
    items: list[tuple[int, NextStep]] = []
    complete: list[tuple[str, int]] = []
    unreachable: list[CompanyView] = []
    for order, company in enumerate(companies):
        plan = compose_plan(network, company, today=today, k=k, max_hops=max_hops, index=index)
        if not plan.chains:
            unreachable.append(company)
        for chain in plan.chains:
            step = chain.next_step
            if step is None:
                complete.append((company.id, chain.rank))
            else:
                items.append((order, NextStep(company, chain.rank, chain.score, step,
                                              len(chain.steps))))
    items.sort(key=lambda x: (x[1].follow_up, x[0], x[1].chain))
    return Agenda(today, tuple(i for _, i in items), tuple(complete), tuple(unreachable))
