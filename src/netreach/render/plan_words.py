"""Words every plan renderer shares: dates, due marks, routes, people, statuses.

They return raw text that may hold book data: each renderer escapes it for its
own format (``safe.clean`` for the terminal, ``safe.md`` for Markdown, Jinja2's
autoescape for HTML).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from netreach.book.model import Outcome
from netreach.graph.hops import NodeKind
from netreach.outreach.plan import Contact, Plan, PlanChain, PlanStep, WarmTie
from netreach.outreach.plan_rules import Ask
from netreach.outreach.referral import Checklist, Level

CHECKBOX = {True: "[x]", False: "[ ]"}
STATUS = {Level.MET: "met", Level.PARTLY: "partly", Level.MISSING: "missing"}


def day(date: dt.date) -> str:
    """``2026-11-06 (Fri)``: the ISO date with the weekday, for planning a week."""
    return f"{date.isoformat()} ({date.strftime('%a')})"


def due(follow_up: dt.date, today: dt.date) -> str:
    """``overdue by 12 days``, ``due today``, or ``in 5 days``."""
    days = (follow_up - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days < -1 else ''}"
    if days == 0:
        return "due today"
    return f"in {days} day{'s' if days > 1 else ''}"


def done_line(step: PlanStep) -> str:
    """``Done 2026-10-30 (Fri): introduced (mira-schulz)``, ``: <note>`` when there is one."""
    done = step.done
    assert done is not None
    if done.implied:
        how = "a later step has started" if done.outcome is Outcome.ASKED else \
            "a later step is done"
        return f"Done ({how}, {day(done.date)})"
    what = done.outcome.value if done.outcome else "logged"
    later = (f"; then {done.latest[0].value} {day(done.latest[1])}" if done.latest else "")
    return f"Done {day(done.date)}: {what} ({done.person})" + (
        f": {done.note}" if done.note else "") + later


def state_line(step: PlanStep, today: dt.date) -> str:
    """Where an open step stands: asked and waiting (with the follow-up), or not started."""
    if step.asked is not None and step.follow_up is not None:
        return (f"Asked {day(step.asked.date)}; follow up by {day(step.follow_up)}, "
                f"{due(step.follow_up, today)}")
    return "Not started: no ask recorded yet"


def looks_done_line(step: PlanStep) -> str | None:
    """``Looks done — confirm with `netreach outcome …```: a free-text note that reads like
    progress, never ticked."""
    hint = step.looks_done
    if hint is None:
        return None
    return f"Looks done ({day(hint.date)}: {hint.note}) — confirm with `{hint.command}`"


def record_line(step: PlanStep) -> str:
    """The command that records what happens next on this step."""
    if step.state == "open":
        return f"When you ask: `{step.command}`"
    return f"When they answer: `{step.command}` (or declined / no-reply)"


def who(contact: Contact) -> str:
    """``Tobias Lang (Engineering Manager, Platform, Nordlicht Energy)``."""
    extra = ", ".join(x for x in (contact.title, contact.company) if x)
    return f"{contact.name} ({extra})" if extra else contact.name


def route(chain: PlanChain) -> str:
    """``me → [TU Berlin Alumni] → Tobias Lang → Jan Petersen``."""
    parts = []
    for node in chain.route:
        if node.kind is NodeKind.ME:
            parts.append("me")
        elif node.kind is NodeKind.COMMUNITY:
            parts.append(f"[{node.name}{', join' if node.joins else ''}]")
        else:
            parts.append(node.name)
    return " → ".join(parts)


def chain_title(plan: Plan, chain: PlanChain) -> str:
    """``Chain 1 of 3: score 0.544 (strong), 2 steps``."""
    steps = len(chain.steps)
    return (f"Chain {chain.rank} of {len(plan.chains)}: score {chain.score:.3f} "
            f"({chain.strength}), {steps} step{'s' if steps > 1 else ''}")


def best_line(plan: Plan) -> str:
    """``score 0.544 (strong); 3 chain(s) below`` or ``none within 4 hops``."""
    if not plan.chains:
        return f"none within {plan.max_hops} hop{'s' if plan.max_hops != 1 else ''}"
    best = plan.chains[0]
    count = len(plan.chains)
    return (f"score {best.score:.3f} ({best.strength}); {count} chain{'s' if count > 1 else ''} "
            "below")


def readiness(checks: Checklist) -> str:
    """One line on whether to ask for a referral yet: the checklist's one decision."""
    if checks.ask is Ask.REFERRAL:
        return "Ready: none of (b)-(e) is missing, so ask for a referral."
    what = "an introduction" if checks.ask is Ask.INTRODUCTION else "advice"
    return (f"Not ready for a referral: build what is missing first (the upfront exchange), "
            f"and ask for {what} meanwhile.")


def dropped_line(chain: PlanChain) -> str:
    """``Sanne de Vries declined 2026-12-03 (Thu): me → Sanne de Vries → Pieter Jansen``."""
    why = chain.dropped
    assert why is not None
    who = next((n.name for n in chain.route if n.id == why.person), why.person)
    return (f"{who}: {why.outcome.value} {day(why.date)}; the plan no longer uses "
            f"{route(chain)}")


def warm_line(tie: WarmTie) -> str:
    """``last contact 2025-01-15, 676 days ago; on chains 1, 2``."""
    last = tie.person.last_contact
    when = (f"last contact {last.isoformat()}, {tie.days} days ago" if last
            else "last contact not recorded")
    chains = ", ".join(str(c) for c in tie.chains)
    return f"{when}; on chain{'s' if len(tie.chains) > 1 else ''} {chains}"


def hiring_line(plan: Plan) -> str:
    """Who at the target can hire, in a sentence."""
    hiring = plan.target.hiring
    if not hiring:
        return "nobody in your book there can hire: ask who decides"
    def who(c: Contact) -> str:
        guess = " — may hire, guessed from title" if c.hiring == "likely" else ""
        return f"{c.name} ({c.title}{guess})" if c.title else c.name + guess

    return "can hire: " + "; ".join(who(c) for c in hiring)


def seeking_line(plan: Plan) -> str:
    """``Data engineer ...; seeking platform engineer, ...``."""
    parts = [p for p in (plan.headline,
                         f"seeking {', '.join(plan.roles)}" if plan.roles else None) if p]
    return "; ".join(parts)


def byline(plan: Plan, escape: Callable[[str], str] = str) -> str:
    """``For Alex, made 2026-11-30 (Mon). Data engineer; seeking ...``: the seeking
    part only when the book says something about me (``escape`` for Markdown)."""
    seeking = seeking_line(plan)
    return (f"For {escape(plan.me)}, made {day(plan.today)}."
            + (f" {escape(seeking)}" if seeking else ""))


def people_there(count: int) -> str:
    """``1 person works there``, ``3 people work there``."""
    from netreach.book.names import plural

    return f"{plural(count, 'person', 'people')} {'works' if count == 1 else 'work'} there"
