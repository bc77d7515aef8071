"""Book fields -> the factors of a chain's score: the one place the model is written.

``scoring`` holds each factor's constants and the reason for their values; this
module says which factor applies where: the chance of each hop, the referral
quality of whoever hands me into the target's company, whether the target can
hire, the company's outlook. The search's costs (``adjacency``), the edges
(``hops``), the score with its reasons (``ranking.score_chain``, ``--explain``)
and the what-if scores of ``suggest`` all read these functions; nothing else
turns a book field into a factor.

Each per-person factor is one function of one field (``scoring.hiring_factor``,
``scoring.closeness_factor``, ...), so a new value of a field (a guessed
``hiring``, an unknown closeness) changes that one function.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from netreach.book.model import Person
from netreach.book.names import plural
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph import scoring
from netreach.graph.nodes import HopKind, NodeKind, split_node


@dataclass(frozen=True)
class Factor:
    """One factor of a chain's score, with a short reason a person can read."""

    name: str
    value: float
    reason: str


# --- the hops ----------------------------------------------------------------------------


def contact_hop(closeness: int | None, last_contact: dt.date | None, today: dt.date) -> float:
    """me -> a direct contact: how likely they answer, as warm as the tie still is (an
    imported contact I have not rated counts as the weakest acquaintance, and as cold
    as the coldest tie when we never spoke)."""
    return (scoring.contact_probability(scoring.known_closeness(closeness))
            * scoring.contact_warmth(closeness, last_contact, today))


def join_probability(member: bool) -> float:
    """me -> a community: showing up where I belong, or joining a new one."""
    return scoring.JOIN_MEMBER if member else scoring.JOIN_NEW


def hop(network: Network, source: str, target: str, today: dt.date) -> tuple[
        float, HopKind, str]:
    """The chance of the hop ``source -> target`` (node keys), its kind, and why."""
    skind, sid = split_node(source)
    tkind, tid = split_node(target)
    if skind is NodeKind.ME and tkind is NodeKind.PERSON:
        person = network.people[tid]
        when = person.last_contact.isoformat() if person.last_contact else "unknown"
        warmth = scoring.contact_warmth(person.closeness, person.last_contact, today)
        close = (f"closeness {person.closeness}" if person.closeness is not None else
                 f"closeness not set, from import: scored {scoring.IMPORTED_CLOSENESS}")
        return (contact_hop(person.closeness, person.last_contact, today),
                HopKind.CONTACT, f"I ask {tid} ({close}; last contact {when}, "
                f"warmth {warmth:.2f})")
    if skind is NodeKind.PERSON:
        strength = network.ties[sid][tid].strength
        return (scoring.intro_probability(strength), HopKind.INTRO,
                f"{sid} introduces me to {tid} (tie strength {strength})")
    if skind is NodeKind.ME:
        member = tid in network.me.communities
        return (join_probability(member), HopKind.JOIN,
                f"{'I show up at' if member else 'I join'} {tid}")
    community = network.communities[sid]
    size = network.member_count(sid)
    return (scoring.meet_probability(community.kind, size), HopKind.MEET,
            f"I meet {tid} at {sid} ({community.kind.value}, {plural(size, 'member')})")


# --- the referral into the target's company ----------------------------------------------


def _from_import(person: Person) -> str:
    """`` (from import: closeness not set)`` for an imported contact I have not rated."""
    return " (from import: closeness not set)" if person.closeness_unknown else ""


def referrer_fields(person: Person | None) -> tuple[int, int, int]:
    """(seen_my_work, closeness, vouch) as they count when ``person`` refers me: what
    they know of me first-hand, so all 0 unless they are my direct contact (or not a
    person at all: a community)."""
    if person is None or not person.is_direct:
        return 0, 0, 0
    return person.seen_my_work, scoring.known_closeness(person.closeness), person.vouch


def referral_quality(seen: int, closeness: int, vouch: int) -> float:
    """(c) x (d) x (e): how much a referral from someone with these fields is worth."""
    return (scoring.seen_factor(seen) * scoring.closeness_factor(closeness)
            * scoring.vouch_factor(vouch))


def asked_quality(person: Person) -> float:
    """When I ask someone at the company myself: (c) x (d) of that person."""
    return (scoring.seen_factor(person.seen_my_work)
            * scoring.closeness_factor(scoring.known_closeness(person.closeness)))


def referral(network: Network, referrer: str, entry: str, credibility: int) -> list[Factor]:
    """The referral factors when ``referrer`` (a node key) hands me to ``entry`` (a
    person id), the first person of the target's company on the last stretch of
    the chain; ``credibility`` is how much ``entry`` trusts the referrer's word."""
    rkind, rid = split_node(referrer)
    if rkind is NodeKind.ME:
        person = network.people[entry]
        close = scoring.known_closeness(person.closeness)
        return [Factor("seen_my_work", scoring.seen_factor(person.seen_my_work),
                       f"{entry} has seen my work: {person.seen_my_work}/5"),
                Factor("closeness", scoring.closeness_factor(close),
                       f"{entry} knows me: {close}/5{_from_import(person)}")]
    if rkind is NodeKind.COMMUNITY:
        return [Factor("credibility", scoring.credibility_factor(0),
                       f"no one vouches: I approach {entry} myself at {rid}"),
                Factor("seen_my_work", scoring.seen_factor(0),
                       "nobody on the chain has seen my work"),
                Factor("closeness", scoring.closeness_factor(0), "no friend refers me"),
                Factor("vouch", scoring.vouch_factor(0), "no one to vouch")]
    person = network.people[rid]
    seen, close, vouch = referrer_fields(person)
    note = _from_import(person) if person.is_direct else f" ({rid} is not my direct contact)"
    return [Factor("credibility", scoring.credibility_factor(credibility),
                   f"{entry} trusts {rid}'s word: {credibility}/5"),
            Factor("seen_my_work", scoring.seen_factor(seen),
                   f"{rid} has seen my work: {seen}/5{note}"),
            Factor("closeness", scoring.closeness_factor(close),
                   f"{rid} knows me: {close}/5{note}"),
            Factor("vouch", scoring.vouch_factor(vouch),
                   f"{rid} would vouch for me: {vouch}/5{note}")]


def hiring(person_id: str, person: Person) -> Factor:
    """(a) Whether the target can hire."""
    can = ("can hire" if person.can_hire else
           "may hire (guessed from title)" if person.may_hire else "cannot hire (refers on)")
    return Factor("hiring", scoring.hiring_factor(person.hiring), f"{person_id} {can}")


def outlook(company: CompanyView) -> Factor:
    """How likely a referral at this company turns into a job."""
    return Factor("outlook", scoring.OUTLOOK[company.outlook],
                  f"{company.name} is {company.outlook.value}")


def attrition(hops: int) -> Factor:
    """Every hand-off after the first loses people."""
    return Factor("attrition", scoring.ATTRITION ** (hops - 1),
                  f"{hops - 1} hand-off(s) after the first, x{scoring.ATTRITION} each")


# --- costs back into scores --------------------------------------------------------------


def score_of_cost(cost: float, outlook: float) -> float:
    """A chain's score from its search cost and its company's outlook factor: the
    search charges attrition on every hop, the score from the second on; 0 for no
    chain (an infinite cost)."""
    if cost == math.inf:
        return 0.0
    return math.exp(-cost) / scoring.ATTRITION * outlook
