"""An outreach plan a job seeker can print and follow (SPEC §1 "What do I do on Monday?").

``compose_plan`` turns the best chains to a company (diverse, as ``paths`` gives
them) into ordered steps: whom to contact, through whom, what to ask for, what
to offer first, a message draft and a follow-up date, with the referral
checklist of whoever hands me into the company and the stale ties to warm first. Where each
step stands comes from structured outreach in the book's log (``tracking``); a
person who declined or did not reply is avoided. ``agenda`` builds on plans for
``netreach next`` and ``netreach status``. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from netreach.analysis.ranking import DEFAULT_MAX_HOPS, Chain
from netreach.book.model import Outcome
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph import scoring
from netreach.graph.adjacency import SearchIndex, build_index, can_or_may_hire
from netreach.graph.hops import HopKind, NodeKind
from netreach.outreach import drafts, plan_rules, tracking
from netreach.outreach.choosing import choose_chains
from netreach.outreach.plan_rules import Ask
from netreach.outreach.referral import Checklist, checklist
from netreach.outreach.tracking import Asked, Done, Failed, LooksDone


@dataclass(frozen=True)
class Contact:
    """A person as a plan shows them."""

    id: str
    name: str
    title: str | None
    company: str | None  # the company's name
    hiring: bool | str  # True, "likely" (guessed from a title) or False
    direct: bool
    email: str | None
    last_contact: dt.date | None
    from_import: bool = False  # an imported direct contact whose closeness is not set


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
    follow_up: dt.date | None  # asked and waiting: when to chase (None otherwise)
    done: Done | None
    company: str = ""  # the company id the step is for
    asked: Asked | None = None  # the recorded ask (the step has started)
    looks_done: LooksDone | None = None  # a free-text note that reads like progress

    @property
    def state(self) -> str:
        """``done``, ``asked`` (waiting for an answer) or ``open`` (not started)."""
        if self.done is not None:
            return "done"
        return "asked" if self.asked is not None else "open"

    @property
    def command(self) -> str:
        """The command that records this step's next event: the ask, or its answer."""
        lead = self.leads_to.id if self.leads_to else None
        if self.state == "open":
            return tracking.record_command(self.person.id, self.company, lead, "ask")
        return tracking.record_command(self.person.id, self.company, lead,
                                       tracking.SUCCESS_FOR[self.ask].value)

    @property
    def action(self) -> str:
        """``Contact Tobias Lang, introduced by Mira Schulz``: whom, and through whom."""
        name = self.person.name
        know = ("you are connected, from import; not talked yet" if self.person.from_import
                else "you know them")
        if self.via.kind is HopKind.INTRO and self.person.direct:
            return f"Contact {name} ({know}; {self.via.name} can put in a word first)"
        if self.via.kind is HopKind.INTRO:
            return f"Contact {name}, introduced by {self.via.name}"
        if self.via.kind is HopKind.MEET:
            join = "" if self.via.member else " (join it first)"
            return f"Meet {name} at {self.via.name}{join}"
        return f"Contact {name} ({know})"

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
    """One chosen chain, its steps, and the referral checklist of its referrer into the
    company (the step the score takes the referral quality from)."""

    rank: int
    score: float
    strength: str
    route: tuple[Node, ...]
    steps: tuple[PlanStep, ...]
    checklist: Checklist
    checklist_for: str  # "Mira Schulz, toward Tobias Lang"
    dropped: Failed | None = None  # a declined / no-reply that took this chain out
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
    tips: tuple[tuple[Ask, str], ...] = ()  # how to make each kind of ask, said once
    dropped: tuple[PlanChain, ...] = ()  # chains taken out by a declined / no-reply
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
                   person.hiring, person.is_direct, person.email, person.last_contact,
                   person.closeness_unknown)


TIPS = {
    Ask.INTRODUCTION: "Asking for an introduction: make it easy, offer a two-line note about "
    "you that they can forward.",
    Ask.REFERRAL: "Asking for a referral: send your CV and a three-line summary they can "
    "forward, so it takes them two minutes.",
    Ask.ADVICE: "Asking for advice: come prepared with two specific questions about the team, "
    "and something to give back (an article, an introduction from your own network, help with "
    "a problem they mention).",
}
"""How to make each kind of ask: said once per plan, for the kinds its steps use."""


def _offer(network: Network, pid: str, via: Via, checks: Checklist,
           today: dt.date) -> tuple[str, ...]:
    """What to do before asking this person: join or show up, warm the tie, and build what
    the checklist is missing (pointed to, not repeated: the checklist says how)."""
    person = network.people[pid]
    items: list[str] = []
    if via.kind is HopKind.MEET and via.id is not None:
        if via.member:
            items.append(f"Go to {via.name} and talk with {person.name} there")
        else:
            items.append(f"Join {via.name} and take part a few times before you ask for "
                         "anything")
    if person.closeness_unknown and person.last_contact is None:
        items.append(f"Introduce yourself to {person.name} first: you are connected (from "
                     "import) but have not talked yet")
    elif person.is_direct and scoring.freshness(person.last_contact, today) < 1.0:
        when = person.last_contact.isoformat() if person.last_contact else "not recorded"
        items.append(f"Warm the tie first: catch up with {person.name} with no ask attached "
                     f"(last contact {when})")
    gaps = [i for i in checks.gaps if i.todo and (
        (pid == checks.subject and i.letter in "bcde") or (pid == checks.target
                                                           and i.letter == "a"))]
    if gaps:
        letters = ", ".join(f"({i.letter})" for i in gaps)
        items.append(f"Build what the referral checklist below is missing first: {letters}")
    return tuple(dict.fromkeys(items))


def _ask(pid: str, nxt: str | None, checks: Checklist) -> Ask:
    """What to ask ``pid`` (followed on the chain by ``nxt``, or the target when None):
    the referrer's ask is the checklist's one decision, the same step the score takes
    the referral from; the target is asked for advice; everyone else (before the
    referrer, or a colleague after it who passes me on) for an introduction."""
    if pid == checks.referrer:
        return checks.ask
    return Ask.ADVICE if nxt is None else Ask.INTRODUCTION


def _schedule(steps: list[PlanStep]) -> list[PlanStep]:
    """Mark steps done by later ones (started or done), and give each asked step its
    follow-up date: a working week after the ask."""
    latest: Done | None = None
    for i in range(len(steps) - 1, -1, -1):
        step = steps[i]
        if step.done is not None:
            latest = step.done
        elif latest is not None:
            steps[i] = replace(step, done=replace(latest, implied=True), looks_done=None)
        elif step.asked is not None:
            latest = Done(step.asked.date, step.asked.note, step.person.id, True,
                          Outcome.ASKED)
    for i, step in enumerate(steps):
        if step.done is None and step.asked is not None:
            steps[i] = replace(step, follow_up=plan_rules.add_business_days(
                step.asked.date, plan_rules.FOLLOW_UP_BUSINESS_DAYS))
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


def _events(network: Network, company: str, pid: str, before: str | None,
            today: dt.date) -> drafts.Events:
    """What the log shows about how I come to write to ``pid``: an introduction or
    referral from ``before`` (the person before them on the chain), a meeting with them."""
    introduced = referred = None
    if before is not None:
        for e in network.people[before].log:
            if e.for_ == company and e.to == pid and tracking.in_window(e, today):
                if e.outcome is Outcome.REFERRED:
                    referred = before
                elif e.outcome is Outcome.INTRODUCED:
                    introduced = before
    met = any(e.outcome is Outcome.MET and e.for_ == company and tracking.in_window(e, today)
              for e in network.people[pid].log)
    return drafts.Events(introduced, referred, met)


def plan_chain(network: Network, company: CompanyView, rank: int, chain: Chain,
               today: dt.date) -> PlanChain:
    """One chain as ordered steps, with its checklist, done marks and follow-ups."""
    checks = checklist(network, chain)
    mine = set(network.me.communities)
    people = [i for i, s in enumerate(chain.steps) if s.kind is NodeKind.PERSON]
    names = (company.id, company.name, *company.aliases)
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
        ask = _ask(step.id, nxt, checks)
        leads_to = nxt if ask is not Ask.ADVICE else None
        person = network.people[step.id]
        found = tracking.progress(
            step.id, person.log, company=company.id, company_names=names, ask=ask,
            leads_to=(leads_to, network.people[leads_to].name) if leads_to else None,
            today=today)
        events = _events(network, company.id, step.id,
                         before.id if before.kind is NodeKind.PERSON else None, today)
        steps.append(PlanStep(
            number=j + 1,
            person=_contact(network, step.id),
            via=via,
            ask=ask,
            leads_to=_contact(network, leads_to) if leads_to else None,
            offer=_offer(network, step.id, via, checks, today),
            message=drafts.draft(network, step.id, via=step.via, via_id=via.id, ask=ask,
                                 leads_to=leads_to, company=company, today=today,
                                 events=events),
            follow_up=None,
            done=found.done,
            company=company.id,
            asked=found.asked,
            looks_done=found.looks_done,
        ))
    target = network.people[chain.target].name
    if checks.referrer is None and checks.toward != checks.entry:
        heading = (f"{network.people[checks.entry].name} (nobody speaks for you yet; they "
                   f"pass you on to {target})")
    elif checks.referrer is None:
        heading = f"{target} (nobody speaks for you yet)"
    elif checks.referrer == chain.target:
        heading = f"{target} (your own contact: you speak for yourself)"
    elif checks.toward == chain.target:
        heading = f"{network.people[checks.referrer].name}, toward {target}"
    else:
        # The referral is the step into the company; colleagues after it pass me on.
        heading = (f"{network.people[checks.referrer].name}, toward "
                   f"{network.people[checks.toward].name} (who passes you on to {target})")
    return PlanChain(rank, chain.score, plan_rules.strength(chain.score),
                     _route(network, chain), tuple(_schedule(steps)), checks, heading,
                     chain=chain)


def _warm_first(network: Network, chains: Sequence[PlanChain],
                today: dt.date) -> tuple[WarmTie, ...]:
    """My direct contacts on the chosen chains whose tie has gone cold, coldest first."""
    found: dict[str, list[int]] = {}
    for chain in chains:
        for step in chain.steps:
            person = network.people[step.person.id]
            if person.is_direct and not person.closeness_unknown and \
                    scoring.freshness(person.last_contact, today) < 1.0:
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
    index = index or build_index(network, today)
    chosen, dropped, hints = choose_chains(network, company, today=today, k=k, max_hops=max_hops,
                                     index=index)
    chains = tuple(plan_chain(network, company, rank, chain, today)
                   for rank, chain in enumerate(chosen, start=1))
    employees = network.employees.get(company.id, ())
    # Who can hire, from the index: decoding thousands of employees would cost more
    # than the search (``index.employees`` lists them in the same order).
    hiring = tuple(_contact(network, pid) for pid, node in
                   zip(employees, index.employees.get(company.id, ()), strict=True)
                   if can_or_may_hire(index, node))
    me = network.me
    used = {s.ask for c in chains for s in c.steps if s.done is None}
    return Plan(
        me=me.name,
        headline=me.headline,
        roles=tuple(me.seeking.roles) if me.seeking else (),
        today=today,
        target=Target(company, plan_rules.OUTLOOK_NOTES[company.outlook], len(employees),
                      hiring),
        chains=chains,
        warm_first=_warm_first(network, chains, today),
        hints=() if chains else hints,
        max_hops=max_hops,
        tips=tuple((a, TIPS[a]) for a in Ask if a in used),
        dropped=tuple(replace(plan_chain(network, company, 0, c, today), dropped=why)
                      for c, why in dropped),
    )
