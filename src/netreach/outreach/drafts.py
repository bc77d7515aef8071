"""Short message drafts for the steps of a plan, filled from the book.

A draft names the person and whoever put us in touch (or the community where we
met), the communities we share, what they have seen of my work, my headline and
what I am seeking, and then asks for one thing. It is a start to edit, not a
form letter: the plan says so. Drafts hold raw book text; renderers escape it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph import scoring
from netreach.graph.hops import HopKind
from netreach.outreach.plan_rules import Ask
from netreach.outreach.referral import role


def first_name(name: str) -> str:
    """The first word of a name, for a greeting."""
    parts = name.split()
    return parts[0] if parts else name


def roles_phrase(roles: list[str]) -> str:
    """``[a, b, c]`` -> ``a, b or c``."""
    if len(roles) <= 1:
        return "".join(roles)
    return f"{', '.join(roles[:-1])} or {roles[-1]}"


def _describe(network: Network, pid: str) -> str:
    person = network.people[pid]
    company = network.company_of(pid)
    parts = [p for p in (person.title, company.name if company else None) if p]
    return f" ({' at '.join(parts)})" if parts else ""


def _seen(seen: int) -> str:
    if seen >= 4:
        return "You have seen my work up close, so your word would carry weight."
    if seen >= 2:
        return "You have seen some of my work."
    return "I would be glad to show you what I have been working on."


def _ask(network: Network, ask: Ask, leads_to: str | None, company: CompanyView) -> str:
    if ask is Ask.ADVICE:
        return (f"Could I have twenty minutes of your advice about {company.name} and how "
                "your team hires? I am happy to fit around your calendar.")
    if leads_to is None:  # a referral from the target themselves
        return (f"Would you be comfortable putting me forward for {role(network)} at "
                f"{company.name}? "
                "I will send my CV and a three-line summary.")
    other = network.people[leads_to].name + _describe(network, leads_to)
    if ask is Ask.REFERRAL:
        return (f"Would you be comfortable referring me to {other}? I will send my CV and a "
                "three-line summary you can forward, so it takes you two minutes.")
    return (f"Would you be willing to introduce me to {other}? Twenty minutes of their "
            "advice would help me a lot, and I can send a short note you could forward.")


@dataclass(frozen=True)
class Events:
    """What the book's log shows about how I come to write to this person: the only events
    a draft may mention."""

    introduced_by: str | None = None  # an ``introduced`` outcome from this person
    referred_by: str | None = None  # a ``referred`` outcome from this person
    met: bool = False  # a ``met`` outcome with the person I write to


INTRODUCED = "suggested I write to you"
REFERRED = "referred me to you"
MET = "It was good to meet you"
A_WHILE = "It has been a while"
EVENT_PHRASES = (INTRODUCED, REFERRED, MET, A_WHILE)
"""The sentences that claim an event; each is written only when the book shows it."""


def draft(
    network: Network,
    pid: str,
    *,
    via: HopKind,
    via_id: str | None,
    ask: Ask,
    leads_to: str | None,
    company: CompanyView,
    today: dt.date,
    events: Events = Events(),
) -> tuple[str, ...]:
    """The draft for contacting ``pid``: greeting, paragraphs, sign-off (one per item).

    It states only what the book shows: an introduction or referral only after the
    outcome that records it (``events``), "it has been a while" only after earlier
    contact that has gone stale; otherwise it names the relationship the book holds
    (a friend in common, a community we share)."""
    me = network.me
    person = network.people[pid]
    headline = (me.headline or "").strip().rstrip(".")
    roles = me.seeking.roles if me.seeking else []
    mine = set(me.communities)
    shared = [network.communities[c].name for c in person.communities
              if c in mine and c != via_id]
    introducer = network.people[via_id].name if via is HopKind.INTRO and via_id else None

    intro: list[str] = []
    if events.referred_by:
        intro.append(f"{network.people[events.referred_by].name} {REFERRED}.")
    elif events.introduced_by:
        intro.append(f"{network.people[events.introduced_by].name} {INTRODUCED}.")
    if person.closeness_unknown:  # connected through an export, never really spoken
        on = " on LinkedIn" if person.imported == "linkedin" else ""
        intro.append(f"We are connected{on}, though we have not had the chance to talk yet.")
        intro.append(f"I am {me.name}." + (f" In one line: {headline}." if headline else ""))
    elif person.is_direct:  # someone I know, however the chain reaches them
        stale = (person.last_contact is not None
                 and scoring.freshness(person.last_contact, today) < 1.0)
        intro.insert(0, f"{A_WHILE}; I hope all is well with you." if stale
                     else "I hope you are well.")
        if headline:
            intro.append(f"A quick update from me, in one line: {headline}.")
    else:
        if (introducer and via_id and network.people[via_id].is_direct
                and not (events.referred_by or events.introduced_by)):
            intro.append(f"We have a friend in common: {introducer}.")  # I know them too
        elif via is HopKind.MEET and via_id is not None:
            where = network.communities[via_id].name
            intro.append(f"{MET} at {where}." if events.met
                         else f"We both take part in {where}.")
        intro.append(f"I am {me.name}." + (f" In one line: {headline}." if headline else ""))
    if shared:
        intro.append(f"We both belong to {roles_phrase(shared).replace(' or ', ' and ')}.")
    if roles:
        intro.append(f"I am looking for a role as {roles_phrase(roles)}"
                     + (f", and {company.name} is high on my list." if ask is Ask.ADVICE
                        else "."))
    if person.is_direct and not person.closeness_unknown and ask is not Ask.ADVICE:
        intro.append(_seen(person.seen_my_work))

    return (
        f"Hi {first_name(person.name)},",
        " ".join(intro),
        _ask(network, ask, leads_to, company),
        "Thank you,",
        first_name(me.name),
    )
