"""Short message drafts for the steps of a plan, filled from the book.

A draft names the person and whoever put us in touch (or the community where we
met), the communities we share, what they have seen of my work, my headline and
what I am seeking, and then asks for one thing. It is a start to edit, not a
form letter: the plan says so. Drafts hold raw book text; renderers escape it.
"""

from __future__ import annotations

import datetime as dt

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


def sentence_case(text: str) -> str:
    """``Data engineer`` -> ``data engineer`` for use mid-sentence; ``AWS expert`` stays."""
    if text[:1].isupper() and not text[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


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
) -> tuple[str, ...]:
    """The draft for contacting ``pid``: greeting, paragraphs, sign-off (one per item)."""
    me = network.me
    person = network.people[pid]
    headline = sentence_case((me.headline or "").strip().rstrip("."))
    roles = me.seeking.roles if me.seeking else []
    mine = set(me.communities)
    shared = [network.communities[c].name for c in person.communities
              if c in mine and c != via_id]

    intro: list[str] = []
    if person.is_direct:  # someone I know, however the chain reaches them
        stale = scoring.freshness(person.last_contact, today) < 1.0
        intro.append("It has been a while; I hope all is well with you." if stale
                     else "I hope you are well.")
        if headline:
            intro.append(f"A quick update from me: {headline}.")
    else:
        if via is HopKind.INTRO and via_id is not None:
            intro.append(f"{network.people[via_id].name} suggested I write to you.")
        elif via_id is not None:
            intro.append(f"It was good to meet you at {network.communities[via_id].name}.")
        intro.append(f"I am {me.name}" + (f": {headline}." if headline else "."))
    if shared:
        intro.append(f"We both belong to {roles_phrase(shared).replace(' or ', ' and ')}.")
    if roles:
        intro.append(f"I am looking for a role as {roles_phrase(roles)}"
                     + (f", and {company.name} is high on my list." if ask is Ask.ADVICE
                        else "."))
    if person.is_direct and ask is not Ask.ADVICE:
        intro.append(_seen(person.seen_my_work))

    return (
        f"Hi {first_name(person.name)},",
        " ".join(intro),
        _ask(network, ask, leads_to, company),
        "Thank you,",
        first_name(me.name),
    )
