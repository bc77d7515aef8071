"""The referral checklist of SPEC §1 (a)-(e) for the referrer into the target's company.

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

from netreach.analysis.ranking import Chain, entry_index
from netreach.book.network import Network
from netreach.graph.hops import NodeKind
from netreach.outreach import plan_rules
from netreach.outreach.plan_rules import Ask

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

    ``referrer`` is that person's id: whoever hands me into the target's company
    (``ranking.entry_index``; the colleagues after them only pass me on), the
    company's first person on the chain when that is my direct contact, or ``None``
    when I meet them at a community and nobody speaks for me.
    """

    referrer: str | None
    subject: str  # whose readiness (c)-(e) describe: the referrer, or the target
    target: str
    items: tuple[CheckItem, ...]
    ask: Ask  # the one decision: what the referrer's step asks for (see ``decide``)
    entry: str  # the first colleague of the target on the chain's last stretch
    toward: str  # whom the referrer's ask leads to (``entry``, or the next colleague)

    @property
    def ready(self) -> bool:
        """Ready for a referral: none of (b)-(e) is missing."""
        return ready(self.items)

    @property
    def gaps(self) -> tuple[CheckItem, ...]:
        """The items not fully met, in order."""
        return tuple(i for i in self.items if i.level is not Level.MET)


def ready(items: tuple[CheckItem, ...] | list[CheckItem]) -> bool:
    """None of (b)-(e) is missing: a "partly" can be carried by the others, a "missing"
    one cannot (``plan_rules``)."""
    return all(i.level is not Level.MISSING for i in items if i.letter != "a")


def decide(referrer: str | None, target: str, is_ready: bool, passes_on: bool = False) -> Ask:
    """What the referrer's step asks for, decided once for the step, its checklist, its
    tips and its draft: a referral when ready; otherwise an introduction from an
    intermediary, or advice when the target speaks for themselves (or nobody does,
    unless the person I meet ``passes_on`` my name to a colleague: an introduction)."""
    if referrer is None:
        return Ask.INTRODUCTION if passes_on else Ask.ADVICE
    if is_ready:
        return Ask.REFERRAL
    return Ask.ADVICE if referrer == target else Ask.INTRODUCTION


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
    """Grade (a)-(e) for the referral that brings me into the target's company, the
    same step the score takes the referral quality from (``ranking.entry_index``):
    the person before the first colleague of the chain's last stretch, toward that
    colleague. Decide what to ask them for (``decide``), and say what to do about
    each gap in words that agree with that decision."""
    target_id = chain.target
    target = network.people[target_id]
    entry = entry_index(network, chain.steps)
    entry_id = chain.steps[entry].id
    before = chain.steps[entry - 1]
    company = network.company_of(target_id)
    company_name = company.name if company else "the company"
    t = target.name
    e = network.people[entry_id].name
    # The colleagues after the entry pass me on: said in (a), where the hiring person is.
    onward = "" if entry_id == target_id else f", and {e} works with them"
    graded: list[tuple[str, Level, str]] = []  # (letter, level, evidence)

    if target.can_hire:
        graded.append(("a", Level.MET, f"{t} can hire at {company_name}{onward}"))
    elif target.may_hire:
        graded.append(("a", Level.PARTLY, f"{t} may hire at {company_name} (guessed from the "
                                          f"title {target.title or ''!r}){onward}"))
    else:
        graded.append(("a", Level.PARTLY, f"{t} works at {company_name} but cannot "
                                          f"hire{onward}"))

    where = ""
    if before.kind is NodeKind.PERSON:
        referrer: str | None = before.id
        subject = before.id
        toward = entry_id
        r = network.people[subject].name
        cred = network.ties[subject][entry_id].credibility
        graded.append(("b", level(cred), f"{e} trusts {r}'s word: {cred}/5"))
    elif before.kind is NodeKind.ME:
        # I reach the company's first person myself: they speak for me to the next one.
        referrer = subject = entry_id
        following = chain.steps[entry + 1:]
        toward = following[0].id if following else entry_id
        r = e
        entrant = network.people[entry_id]
        close = entrant.closeness or 0
        unset = " (from import: closeness not set)" if entrant.closeness_unknown else ""
        graded.append(("b", level(close),
                       f"you speak for yourself: {e} knows you {close}/5{unset}"))
    else:
        referrer = None
        subject = entry_id
        following = chain.steps[entry + 1:]
        toward = following[0].id if following else entry_id
        r = e
        where = network.communities[before.id].name
        graded.append(("b", Level.MISSING,
                       f"nobody speaks for you: you approach {e} yourself at {where}"))
    w = network.people[toward].name

    person = network.people[subject]
    direct = person.is_direct
    seen = person.seen_my_work if direct else 0
    close = person.closeness or 0
    vouch = person.vouch if direct else 0
    if not direct:
        stranger = " (not your direct contact yet)"
    else:
        stranger = " (from import: closeness not set)" if person.closeness_unknown else ""
    graded.append(("c", level(seen), f"{r} has seen your work: {seen}/5{stranger}"))
    graded.append(("d", level(close), f"{r} knows you: {close}/5{stranger}"))
    graded.append(("e", level(vouch), f"{r} would vouch for you: {vouch}/5{stranger}"))

    ask = decide(referrer, target_id,
                 all(g is not Level.MISSING for letter, g, _ in graded if letter != "a"),
                 passes_on=toward != entry_id)
    asking = {Ask.REFERRAL: "a referral", Ask.INTRODUCTION: f"an introduction to {w}",
              Ask.ADVICE: "advice"}[ask]
    shared = _shared(network, subject)
    together = f", or time together at {', '.join(shared)}" if shared else ""
    todos: dict[str, tuple[str, ...]] = {
        "a": (f"Ask {t} whether they decide on hiring for {role(network)} at {company_name}",)
        if target.may_hire else
        (f"Ask {t} who decides on hiring for {role(network)} at {company_name}, and "
         "whether they would pass your name on",),
        "c": _exchanges(network, subject),
        "d": (f"Spend time with {r} before asking: a coffee or a call{together}",),
    }
    if referrer is None:
        todos["b"] = (f"Take part at {where} alongside {e} before asking for anything, so {e} "
                      "knows you first",)
    elif referrer == entry_id:
        todos["b"] = (f"Build the relationship with {e} before asking for more than advice",)
    elif ask is Ask.REFERRAL:
        todos["b"] = (f"Send a work sample with the referral, so {e} can judge your work "
                      f"directly and not only on {r}'s word",)
    else:
        todos["b"] = (f"Let {e} judge your work directly: {asking} is the ask here, "
                      "not a vouch",)
    if ask is Ask.REFERRAL:
        todos["e"] = (f"Ask {r} plainly whether they are comfortable referring you, and "
                      "make a no easy to say",)
    else:
        todos["e"] = (f"Ask {r} for {asking} now, not a referral; ask about a referral once "
                      "they know your work",)
    items = []
    for letter, grade, evidence in graded:
        todo = () if grade is Level.MET else todos[letter]
        if letter == "b" and grade is Level.MISSING and referrer not in (None, entry_id):
            todo += (f"Look for someone {e} trusts more: see the other chains",)
        items.append(CheckItem(letter, LABELS[letter], grade, evidence, todo))
    return Checklist(referrer, subject, target_id, tuple(items), ask, entry_id, toward)
