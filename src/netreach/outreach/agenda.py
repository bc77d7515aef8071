"""This week's list (``netreach next``) and the dashboard (``netreach status``), built on
the plans for several companies. Plans are not stored, so they are composed afresh
for each company, sharing one search index. Pure: no I/O.

``next`` has one item per person: everything to do with them, across companies,
together. Items come in this order: overdue follow-ups, follow-ups due in the next
``WEEK_DAYS`` days, steps not started yet (the best chain's score first), ties to
re-warm, and follow-ups due later (left out with ``week``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from netreach.analysis.ranking import DEFAULT_MAX_HOPS
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph.adjacency import SearchIndex, build_index
from netreach.outreach import plan_rules
from netreach.outreach.plan import Contact, Plan, PlanStep, WarmTie, compose_plan


class Urgency(IntEnum):
    """The groups of ``next``, in the order they are listed."""

    OVERDUE = 0  # asked, and the follow-up date has passed
    DUE = 1  # asked, follow up within the week
    START = 2  # the next step of a chain, not asked yet
    REWARM = 3  # a stale tie on a chosen chain, nothing to ask them yet
    LATER = 4  # asked, follow up after this week

    @property
    def label(self) -> str:
        """``overdue``, ``due``, ``start``, ``rewarm`` or ``later`` (the JSON value)."""
        return self.name.lower()


@dataclass(frozen=True)
class Task:
    """The current step of one chain of one plan."""

    company: CompanyView
    chain: int
    score: float
    step: PlanStep
    of: int  # steps in the chain
    urgency: Urgency
    also: tuple[int, ...] = ()  # other chains of the same plan waiting on the same ask


@dataclass(frozen=True)
class Item:
    """Everything to do with one person this week."""

    person: Contact
    urgency: Urgency  # the most urgent of its tasks
    date: dt.date | None  # the earliest follow-up among its tasks
    tasks: tuple[Task, ...]
    warm: WarmTie | None  # the tie has gone cold: catch up first

    @property
    def best_score(self) -> float:
        """The best chain score among the tasks (0 for a tie to re-warm only)."""
        return max((t.score for t in self.tasks), default=0.0)


@dataclass(frozen=True)
class Agenda:
    """``netreach next``: one item per person, most urgent first."""

    today: dt.date
    items: tuple[Item, ...]
    complete: tuple[tuple[str, int], ...]  # (company id, chain rank) with every step done
    unreachable: tuple[CompanyView, ...]  # companies with no chain
    week: bool = False  # only what falls within the next WEEK_DAYS days


def urgency(step: PlanStep, today: dt.date) -> Urgency:
    """How urgent a chain's current step is."""
    if step.follow_up is None:
        return Urgency.START
    if step.follow_up < today:
        return Urgency.OVERDUE
    if step.follow_up <= today + dt.timedelta(days=plan_rules.WEEK_DAYS):
        return Urgency.DUE
    return Urgency.LATER


def plans(network: Network, companies: Sequence[CompanyView], *, today: dt.date,
          k: int = plan_rules.DEFAULT_PLAN_K, max_hops: int = DEFAULT_MAX_HOPS,
          index: SearchIndex | None = None) -> tuple[Plan, ...]:
    """The plan for each company, sharing one search index (``netreach status``)."""
    index = index or build_index(network, today)
    return tuple(compose_plan(network, c, today=today, k=k, max_hops=max_hops, index=index)
                 for c in companies)


def agenda(
    network: Network,
    companies: Sequence[CompanyView],
    *,
    today: dt.date,
    k: int = plan_rules.DEFAULT_PLAN_K,
    max_hops: int = DEFAULT_MAX_HOPS,
    index: SearchIndex | None = None,
    week: bool = False,
) -> Agenda:
    """This week's list for the plans of ``companies`` (see the module's order)."""
    tasks: dict[str, list[Task]] = {}
    contacts: dict[str, Contact] = {}
    warm: dict[str, WarmTie] = {}
    complete: list[tuple[str, int]] = []
    unreachable: list[CompanyView] = []
    for plan in plans(network, companies, today=today, k=k, max_hops=max_hops, index=index):
        if not plan.chains:
            unreachable.append(plan.target.company)
        for tie in plan.warm_first:
            warm.setdefault(tie.person.id, tie)
            contacts.setdefault(tie.person.id, tie.person)
        for chain in plan.chains:
            step = chain.next_step
            if step is None:
                complete.append((plan.target.company.id, chain.rank))
                continue
            task = Task(plan.target.company, chain.rank, chain.score, step, len(chain.steps),
                        urgency(step, today))
            if week and task.urgency is Urgency.LATER:
                continue
            queue = tasks.setdefault(step.person.id, [])
            same = next((i for i, t in enumerate(queue) if t.company.id == task.company.id
                         and t.step.ask is step.ask and t.step.leads_to == step.leads_to), None)
            if same is not None:  # one ask, several chains: said once
                queue[same] = dataclasses.replace(queue[same], also=(*queue[same].also, chain.rank))
                continue
            queue.append(task)
            contacts.setdefault(step.person.id, step.person)
    items = []
    for pid, person in contacts.items():
        mine = tuple(sorted(tasks.get(pid, ()), key=lambda t: (
            t.urgency, t.step.follow_up or dt.date.max, -t.score, t.company.id, t.chain)))
        if not mine and pid not in warm:
            continue
        dates = [t.step.follow_up for t in mine if t.step.follow_up is not None]
        items.append(Item(person, mine[0].urgency if mine else Urgency.REWARM,
                          min(dates) if dates else None, mine, warm.get(pid)))
    items.sort(key=lambda i: (i.urgency, i.date or dt.date.max, -i.best_score,
                              i.person.id))
    return Agenda(today, tuple(items), tuple(complete), tuple(unreachable), week)
