"""An outreach plan a job seeker can print and follow (SPEC §1 "What do I do on Monday?").

``compose_plan`` turns the best chains to a company (diverse, as ``paths`` gives
them) into ordered steps: whom to contact, through whom, what to ask for, what
to offer first, a message draft and a follow-up date, with the referral
checklist of the last intermediary and the stale ties to warm first. Steps are
marked done from the book's log (``tracking``); ``agenda`` builds on plans for
``netreach next``. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from netreach.analysis.ranking import DEFAULT_MAX_HOPS, Chain, best_chains
from netreach.book.resolved import CompanyView, Network
from netreach.graph import scoring
from netreach.graph.adjacency import SearchIndex
from netreach.graph.hops import HopKind, NodeKind
from netreach.outreach import drafts, plan_rules, tracking
from netreach.outreach.plan_rules import Ask
from netreach.outreach.referral import Checklist, checklist
from netreach.outreach.tracking import Done


@dataclass(frozen=True)
class Contact:
    """A person as a plan shows them."""

    id: str
    name: str
    title: str | None
    company: str | None  # the company's name
    hiring: bool
    direct: bool
    email: str | None
    last_contact: dt.date | None


@dataclass(frozen=True)
class Via:
    """How I reach a step's person: directly, introduced by someone, or met at a community."""

    kind: HopKind  # CONTACT, INTRO or MEET
    id: str | None = None  # the introducer or the community
    name: str | None = None
    member: bool = True  # MEET: whether I already belong to the community


@dataclass(frozen=True)
class PlanStep:
    """One step: contact a person, ask for one thing, follow up by a date."""

    number: int
    person: Contact
    via: Via
    ask: Ask
    leads_to: Contact | None  # the person an introduction or referral is to
    offer: tuple[str, ...]  # what to offer or do first (the upfront exchange)
    message: tuple[str, ...]  # the draft: greeting, paragraphs, sign-off
    follow_up: dt.date | None  # None once done
    done: Done | None

    @property
    def action(self) -> str:
        """``Contact Tobias Lang, introduced by Mira Schulz``: whom, and through whom."""
        name = self.person.name
        if self.via.kind is HopKind.INTRO and self.person.direct:
            return f"Contact {name} (you know them; {self.via.name} can put in a word first)"
        if self.via.kind is HopKind.INTRO:
            return f"Contact {name}, introduced by {self.via.name}"
        if self.via.kind is HopKind.MEET:
            join = "" if self.via.member else " (join it first)"
            return f"Meet {name} at {self.via.name}{join}"
        return f"Contact {name} (you know them)"

    @property
    def request(self) -> str:
        """What to ask for, in words."""
        if self.ask is Ask.ADVICE:
            return "ask for twenty minutes of advice"
        if self.leads_to is None:
            return "ask to be put forward for the role (a referral)"
        return f"ask for {'a referral' if self.ask is Ask.REFERRAL else 'an introduction'} " \
               f"to {self.leads_to.name}"


@dataclass(frozen=True)
class Node:
    """A node of a chain's route, for display."""

    kind: NodeKind
    id: str
    name: str
    joins: bool = False  # a community I would have to join


@dataclass(frozen=True)
class PlanChain:
    """One chosen chain, its steps, and the referral checklist of its last intermediary."""

    rank: int
    score: float
    strength: str
    route: tuple[Node, ...]
    steps: tuple[PlanStep, ...]
    checklist: Checklist
    checklist_for: str  # "Mira Schulz, toward Tobias Lang"
    chain: Chain | None = None  # the ranking's own chain (hops, chances, factors): for diagrams

    @property
    def next_step(self) -> PlanStep | None:
        """The first step not done yet (``None`` when the chain is complete)."""
        return next((s for s in self.steps if s.done is None), None)


@dataclass(frozen=True)
class WarmTie:
    """A stale direct tie that a chosen chain starts with: re-warm it before asking."""

    person: Contact
    days: int | None  # since last contact (None: never recorded)
    chains: tuple[int, ...]


@dataclass(frozen=True)
class Target:
    """The company and why it is worth the effort."""

    company: CompanyView
    outlook_note: str
    people: int  # people in my book who work there
    hiring: tuple[Contact, ...]  # who there can hire


@dataclass(frozen=True)
class Plan:
    """Everything a plan shows, ready for any renderer."""

    me: str
    headline: str | None
    roles: tuple[str, ...]
    today: dt.date
    target: Target
    chains: tuple[PlanChain, ...]
    warm_first: tuple[WarmTie, ...]
    hints: tuple[str, ...]  # what would open a chain, when there is none
    max_hops: int
    tracking_rule: str = tracking.RULE
    follow_up_days: int = plan_rules.FOLLOW_UP_BUSINESS_DAYS

    @property
    def best_score(self) -> float | None:
        """The best chain's score, or ``None`` when no chain reaches the company."""
        return self.chains[0].score if self.chains else None


def _contact(network: Network, pid: str) -> Contact:
    person = network.people[pid]
    company = network.company_of(pid)
    return Contact(pid, person.name, person.title, company.name if company else None,
                   person.hiring, person.is_direct, person.email, person.last_contact)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _offer(network: Network, pid: str, via: Via, ask: Ask, checks: Checklist,
           today: dt.date) -> tuple[str, ...]:
    """What to do or offer before (or while) asking: the upfront exchange."""
    person = network.people[pid]
    building = pid == checks.subject and not checks.ready
    items: list[str] = []
    if via.kind is HopKind.MEET and via.id is not None:
        kind = network.communities[via.id].kind
        if via.member:
            items.append(f"Go to {via.name} and talk with {person.name} there")
        elif not (building and kind in plan_rules.VOLUNTEER_KINDS):  # else (c) says join
            items.append(f"Join {via.name} and take part a few times before you ask for "
                         "anything")
    if person.is_direct and scoring.freshness(person.last_contact, today) < 1.0:
        when = person.last_contact.isoformat() if person.last_contact else "not recorded"
        items.append(f"Warm the tie first: catch up with {person.name} with no ask attached "
                     f"(last contact {when})")
    if building:
        for item in checks.gaps:
            if item.letter in "cde" or (item.letter == "b" and via.kind is not HopKind.MEET):
                items.extend(item.todo)
    elif ask is Ask.REFERRAL:
        items.append("Make it easy: send your CV and a three-line summary they can forward")
    elif ask is Ask.INTRODUCTION:
        items.append("Make it easy: offer a two-line note about you that they can forward")
    if pid == checks.target:
        for item in checks.gaps:
            if item.letter == "a":
                items.extend(item.todo)
    if ask is Ask.ADVICE:
        items.append("Come prepared: two specific questions about the team, and something to "
                     "give back (an article, an introduction from your own network, help with "
                     "a problem they mention)")
    return _unique(items)


def _ask(position: int, last: int, via: HopKind, checks: Checklist) -> Ask:
    """What to ask the person at ``position`` (0-based) of ``last + 1`` people."""
    if position == last:
        return Ask.REFERRAL if via is HopKind.CONTACT and checks.ready else Ask.ADVICE
    if position == last - 1:
        return Ask.REFERRAL if checks.ready else Ask.INTRODUCTION
    return Ask.INTRODUCTION


def _schedule(steps: list[PlanStep], today: dt.date) -> list[PlanStep]:
    """Mark steps done by later ones, and give each open step its follow-up date."""
    latest: Done | None = None
    for i in range(len(steps) - 1, -1, -1):
        if steps[i].done is not None:
            latest = steps[i].done
        elif latest is not None:
            steps[i] = replace(steps[i], done=replace(latest, implied=True))
    base = today
    for i, step in enumerate(steps):
        if step.done is not None:
            base = step.done.date
            continue
        days = (plan_rules.MEET_BUSINESS_DAYS if step.via.kind is HopKind.MEET
                else plan_rules.FOLLOW_UP_BUSINESS_DAYS)
        steps[i] = replace(step, follow_up=plan_rules.add_business_days(base, days))
        base = steps[i].follow_up or base
    return steps


def _route(network: Network, chain: Chain) -> tuple[Node, ...]:
    mine = set(network.me.communities)
    nodes = [Node(NodeKind.ME, "me", network.me.name)]
    for s in chain.steps[1:]:
        if s.kind is NodeKind.COMMUNITY:
            nodes.append(Node(s.kind, s.id, network.communities[s.id].name, s.id not in mine))
        else:
            nodes.append(Node(s.kind, s.id, network.people[s.id].name))
    return tuple(nodes)


def plan_chain(network: Network, company: CompanyView, rank: int, chain: Chain,
               today: dt.date) -> PlanChain:
    """One chain as ordered steps, with its checklist, done marks and follow-ups."""
    checks = checklist(network, chain)
    mine = set(network.me.communities)
    people = [i for i, s in enumerate(chain.steps) if s.kind is NodeKind.PERSON]
    steps: list[PlanStep] = []
    for j, i in enumerate(people):
        step = chain.steps[i]
        before = chain.steps[i - 1]
        assert step.via is not None
        if before.kind is NodeKind.PERSON:
            via = Via(step.via, before.id, network.people[before.id].name)
        elif before.kind is NodeKind.COMMUNITY:
            via = Via(step.via, before.id, network.communities[before.id].name,
                      before.id in mine)
        else:
            via = Via(step.via)
        nxt = chain.steps[people[j + 1]].id if j + 1 < len(people) else None
        ask = _ask(j, len(people) - 1, step.via, checks)
        leads_to = nxt if ask is not Ask.ADVICE else None
        person = network.people[step.id]
        done = tracking.find_done(
            step.id, person.log, today=today, any_entry=ask is Ask.ADVICE,
            leads_to=(leads_to, network.people[leads_to].name) if leads_to else None,
        )
        steps.append(PlanStep(
            number=j + 1,
            person=_contact(network, step.id),
            via=via,
            ask=ask,
            leads_to=_contact(network, leads_to) if leads_to else None,
            offer=_offer(network, step.id, via, ask, checks, today),
            message=drafts.draft(network, step.id, via=step.via, via_id=via.id, ask=ask,
                                 leads_to=leads_to, company=company, today=today),
            follow_up=None,
            done=done,
        ))
    target = network.people[chain.target].name
    if checks.referrer is None:
        heading = f"{target} (nobody speaks for you yet)"
    elif checks.referrer == chain.target:
        heading = f"{target} (your own contact: you speak for yourself)"
    else:
        heading = f"{network.people[checks.referrer].name}, toward {target}"
    return PlanChain(rank, chain.score, plan_rules.strength(chain.score),
                     _route(network, chain), tuple(_schedule(steps, today)), checks, heading,
                     chain)


def _warm_first(network: Network, chains: Sequence[PlanChain],
                today: dt.date) -> tuple[WarmTie, ...]:
    """My direct contacts on the chosen chains whose tie has gone cold, coldest first."""
    found: dict[str, list[int]] = {}
    for chain in chains:
        for step in chain.steps:
            person = network.people[step.person.id]
            if person.is_direct and scoring.freshness(person.last_contact, today) < 1.0:
                found.setdefault(step.person.id, []).append(chain.rank)
    ties = []
    for pid, ranks in found.items():
        last = network.people[pid].last_contact
        ties.append(WarmTie(_contact(network, pid), (today - last).days if last else None,
                            tuple(ranks)))
    ties.sort(key=lambda t: (t.days is None, -(t.days or 0), t.person.id))
    return tuple(ties)


def compose_plan(
    network: Network,
    company: CompanyView,
    *,
    today: dt.date,
    k: int = plan_rules.DEFAULT_PLAN_K,
    max_hops: int = DEFAULT_MAX_HOPS,
    index: SearchIndex | None = None,
) -> Plan:
    """The outreach plan for ``company``: deterministic for a given book and ``today``."""
    result = best_chains(network, company, today=today, k=k, max_hops=max_hops,
                         diverse=True, index=index)
    chains = tuple(plan_chain(network, company, rank, chain, today)
                   for rank, chain in enumerate(result.chains, start=1))
    employees = network.employees.get(company.id, ())
    me = network.me
    return Plan(
        me=me.name,
        headline=me.headline,
        roles=tuple(me.seeking.roles) if me.seeking else (),
        today=today,
        target=Target(company, plan_rules.OUTLOOK_NOTES[company.outlook], len(employees),
                      tuple(_contact(network, p) for p in employees
                            if network.people[p].hiring)),
        chains=chains,
        warm_first=_warm_first(network, chains, today),
        hints=tuple(h.message for h in result.hints),
        max_hops=max_hops,
    )
