"""The referral checklist of SPEC §1 (a)-(e) for the last intermediary of a chain.

A referral helps only when the referrer R (a) knows someone with the authority
to hire at the target, (b) is credible with that person, (c) can pledge their
credibility on my ability, (d) knows me well enough to bet their reputation and
(e) believes I will reflect well on them. Each is graded met, partly or missing
(thresholds in ``plan_rules``); each that is not met comes with what to do
first: the upfront exchange that builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from netreach.analysis.ranking import Chain
from netreach.book.network import Network
from netreach.graph.hops import NodeKind
from netreach.outreach import plan_rules

LABELS = {
    "a": "knows someone with the authority to hire",
    "b": "is credible with that person",
    "c": "can pledge their credibility on your ability",
    "d": "knows you well enough to bet their reputation",
    "e": "believes you will reflect well on them",
}


class Level(StrEnum):
    """How far a criterion of the checklist is met."""

    MET = "met"
    PARTLY = "partly"
    MISSING = "missing"


def level(value: int) -> Level:
    """Grade a 0-5 (or 1-5) value from the book: 4-5 met, 2-3 partly, 0-1 missing."""
    if value >= plan_rules.MET_AT:
        return Level.MET
    if value >= plan_rules.PARTLY_AT:
        return Level.PARTLY
    return Level.MISSING


@dataclass(frozen=True)
class CheckItem:
    """One criterion: its letter, what it asks, how far it is met, and what to do."""

    letter: str
    label: str
    level: Level
    evidence: str
    todo: tuple[str, ...]


@dataclass(frozen=True)
class Checklist:
    """The checklist for the person whose word carries me to the target.

    ``referrer`` is that person's id: the last intermediary, the target itself when
    the target is my direct contact, or ``None`` when I meet the target at a
    community and nobody speaks for me.
    """

    referrer: str | None
    subject: str  # whose readiness (c)-(e) describe: the referrer, or the target
    target: str
    items: tuple[CheckItem, ...]

    @property
    def ready(self) -> bool:
        """Ready for a referral: none of (b)-(e) is missing."""
        return all(i.level is not Level.MISSING for i in self.items if i.letter != "a")

    @property
    def gaps(self) -> tuple[CheckItem, ...]:
        """The items not fully met, in order."""
        return tuple(i for i in self.items if i.level is not Level.MET)


def role(network: Network) -> str:
    """``a platform engineer role``: the first role I am seeking, or ``a role``."""
    seeking = network.me.seeking
    return f"a {seeking.roles[0]} role" if seeking and seeking.roles else "a role"


def _exchanges(network: Network, subject: str) -> tuple[str, ...]:
    """The upfront exchange that lets ``subject`` see my work (criterion c)."""
    person = network.people[subject]
    name = person.name
    mine = set(network.me.communities)
    todo: list[str] = []
    for cid in person.communities:
        community = network.communities[cid]
        if community.kind not in plan_rules.VOLUNTEER_KINDS:
            continue
        if cid in mine:
            todo.append(f"Volunteer where {name} volunteers: {community.name} (you are a "
                        "member; work alongside them there)")
        elif community.joinable:
            todo.append(f"Volunteer where {name} volunteers: join {community.name} and work "
                        "alongside them there")
    todo.append(f"Offer {name} a small trial project: a few hours on something their team "
                "needs, so they see your work first-hand")
    todo.append(f"Share work {name} can see: a repository, a talk or a write-up relevant "
                f"to {role(network)}")
    return tuple(todo)


def _shared(network: Network, pid: str) -> list[str]:
    mine = set(network.me.communities)
    return [network.communities[c].name for c in network.people[pid].communities if c in mine]


def checklist(network: Network, chain: Chain) -> Checklist:
    """Grade (a)-(e) for the chain's last intermediary toward its target."""
    target_id = chain.target
    target = network.people[target_id]
    before = chain.steps[-2]
    company = network.company_of(target_id)
    company_name = company.name if company else "the company"
    t = target.name
    items: list[CheckItem] = []

    if target.hiring:
        items.append(CheckItem("a", LABELS["a"], Level.MET, f"{t} can hire at {company_name}",
                               ()))
    else:
        items.append(CheckItem(
            "a", LABELS["a"], Level.PARTLY, f"{t} works at {company_name} but cannot hire",
            (f"Ask {t} who decides on hiring for {role(network)} at {company_name}, and "
             "whether they would pass your name on",),
        ))

    if before.kind is NodeKind.PERSON:
        referrer: str | None = before.id
        subject = before.id
        r = network.people[subject].name
        cred = network.ties[subject][target_id].credibility
        grade = level(cred)
        todo: tuple[str, ...] = ()
        if grade is not Level.MET:
            todo = (f"Ask {r} for an introduction rather than a vouch, and let {t} judge "
                    "your work directly",)
        if grade is Level.MISSING:
            todo += (f"Look for someone {t} trusts more: see the other chains",)
        items.append(CheckItem("b", LABELS["b"], grade, f"{t} trusts {r}'s word: {cred}/5",
                               todo))
    elif before.kind is NodeKind.ME:
        referrer = subject = target_id
        r = t
        close = target.closeness or 0
        items.append(CheckItem(
            "b", LABELS["b"], level(close), f"you speak for yourself: {t} knows you {close}/5",
            () if level(close) is Level.MET else
            (f"Build the relationship with {t} before asking for more than advice",),
        ))
    else:
        referrer = None
        subject = target_id
        r = t
        where = network.communities[before.id].name
        items.append(CheckItem(
            "b", LABELS["b"], Level.MISSING,
            f"nobody speaks for you: you approach {t} yourself at {where}",
            (f"Take part at {where} alongside {t} before asking for anything, so {t} knows "
             "you first",),
        ))

    person = network.people[subject]
    direct = person.is_direct
    seen = person.seen_my_work if direct else 0
    close = person.closeness or 0
    vouch = person.vouch if direct else 0
    stranger = "" if direct else " (not your direct contact yet)"

    grade = level(seen)
    items.append(CheckItem("c", LABELS["c"], grade, f"{r} has seen your work: {seen}/5{stranger}",
                           () if grade is Level.MET else _exchanges(network, subject)))

    grade = level(close)
    shared = _shared(network, subject)
    where = f", or time together at {', '.join(shared)}" if shared else ""
    items.append(CheckItem(
        "d", LABELS["d"], grade, f"{r} knows you: {close}/5{stranger}",
        () if grade is Level.MET else
        (f"Spend time with {r} before asking: a coffee or a call{where}",),
    ))

    grade = level(vouch)
    items.append(CheckItem(
        "e", LABELS["e"], grade, f"{r} would vouch for you: {vouch}/5{stranger}",
        () if grade is Level.MET else
        (f"Ask {r} for advice, not a referral, until they know your work; then ask plainly "
         "whether they would be comfortable referring you",),
    ))
    return Checklist(referrer, subject, target_id, tuple(items))
