"""Words every plan renderer shares: dates, due marks, routes, people, statuses.

They return raw text that may hold book data: each renderer escapes it for its
own format (``safe.clean`` for the terminal, ``safe.md`` for Markdown, Jinja2's
autoescape for HTML).
"""

from __future__ import annotations

import datetime as dt

from netreach.graph.hops import NodeKind
from netreach.outreach.plan import Contact, Plan, PlanChain, PlanStep, WarmTie
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


def follow_up_line(step: PlanStep, today: dt.date) -> str:
    """``Follow up by 2026-11-06 (Fri), overdue by 16 days``."""
    assert step.follow_up is not None
    return f"Follow up by {day(step.follow_up)}, {due(step.follow_up, today)}"


def done_line(step: PlanStep) -> str:
    """``Done 2026-10-30 (logged on mira-schulz): <note>``."""
    assert step.done is not None
    how = ("a later step is done" if step.done.implied
           else f"logged on {step.done.person}")
    return f"Done {day(step.done.date)} ({how}): {step.done.note}"


def who(contact: Contact) -> str:
    """``Tobias Lang (Engineering Manager, Platform, Nordlicht Energy)``."""
    extra = ", ".join(x for x in (contact.title, contact.company) if x)
    return f"{contact.name} ({extra})" if extra else contact.name


def reach_via(contact: Contact) -> str:
    """``mira@example.com`` or empty: how to write to them, when the book knows."""
    return contact.email or ""


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
    """One line on whether to ask for a referral yet."""
    if checks.ready:
        return "Ready: none of (b)-(e) is missing, so ask for a referral."
    return ("Not ready for a referral: build what is missing first (the upfront exchange), "
            "and ask for an introduction or advice meanwhile.")


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
