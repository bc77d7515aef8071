"""After an import: rate the new direct contacts, and settle the namesakes (``netreach triage``).

``queue`` lists the imported direct contacts whose closeness is still unset,
best first by how much they matter to my targets (the score of the best chain
each one starts, summed over the targets; then whether they work at a target,
then whether they may hire), and the namesakes an import marked ``may_be``.
``apply`` writes the decisions into the book's round-trip document in one edit:
set closeness, toggle hiring, drop a person, merge a namesake into the person
they turned out to be, or keep them apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from netreach.book import editing
from netreach.book.network import Network
from netreach.book.splice import TextEdit
from netreach.errors import NotFound, UsageError

# How many chains per target to look at when weighing contacts: the diverse top
# k uses a different first contact for each chain, so up to k contacts per target.
CHAINS_PER_TARGET = 200
# A person's fields a merge never copies: who they are stays the kept entry's.
_NOT_MERGED = frozenset({"name", "may_be", "imported", "knows", "log", "communities"})


@dataclass(frozen=True)
class NewContact:
    """An imported direct contact to rate, and why they matter."""

    id: str
    name: str
    title: str | None
    company: str | None  # the company's name
    hiring: bool | str
    matters: float  # summed best-chain score to my targets that starts with them
    targets: tuple[str, ...]  # target company ids they open chains to, best first


@dataclass(frozen=True)
class Namesake:
    """An imported person who may be someone already in the book."""

    id: str
    name: str
    company: str | None
    candidate: str
    candidate_name: str
    candidate_company: str | None


@dataclass(frozen=True)
class Queue:
    """What ``netreach triage`` walks through."""

    contacts: tuple[NewContact, ...]
    namesakes: tuple[Namesake, ...]


class Action(StrEnum):
    """One decision about one person."""

    CLOSENESS = "closeness"  # value: 1-5
    HIRING = "hiring"  # value: True or False
    DROP = "drop"
    MERGE = "merge"  # into the person it may be
    KEEP = "keep"  # apart: a different person after all


@dataclass(frozen=True)
class Decision:
    """``action`` for person ``id`` (``value`` for closeness and hiring)."""

    id: str
    action: Action
    value: Any = None


def _matters(network: Network, today: dt.date, max_hops: int
             ) -> dict[str, dict[str, float]]:
    """person -> target company -> the best score of a chain to it they start."""
    from netreach.analysis.ranking import best_chains
    from netreach.graph.adjacency import build_index
    from netreach.graph.hops import NodeKind

    found: dict[str, dict[str, float]] = {}
    if not network.targets:
        return found
    index = build_index(network, today)
    for cid in network.targets:
        result = best_chains(network, network.companies[cid], today=today,
                             k=CHAINS_PER_TARGET, max_hops=max_hops, index=index)
        for chain in result.chains:
            first = chain.steps[1]
            if first.kind is NodeKind.PERSON:
                per = found.setdefault(first.id, {})
                per[cid] = max(per.get(cid, 0.0), chain.score)
    return found


def queue(network: Network, today: dt.date, *, max_hops: int = 4) -> Queue:
    """The new direct contacts to rate (best first) and the namesakes to settle."""
    unrated = [pid for pid, p in network.people.items() if p.closeness_unknown]
    matters = _matters(network, today, max_hops) if unrated else {}
    targets = set(network.targets)

    def name_of_company(pid: str) -> str | None:
        view = network.company_of(pid)
        return view.name if view else None

    contacts = []
    for pid in unrated:
        person = network.people[pid]
        per = matters.get(pid, {})
        contacts.append(NewContact(
            pid, person.name, person.title, name_of_company(pid), person.hiring,
            sum(per.values()), tuple(sorted(per, key=lambda c: (-per[c], c)))))
    contacts.sort(key=lambda c: (
        -round(c.matters, 12),
        network.person_company.get(c.id) not in targets,
        not (c.hiring is True or c.hiring == "likely"),
        c.name.casefold(), c.id))
    namesakes = []
    for pid, person in network.people.items():
        other = person.may_be
        if other is None:
            continue
        known = network.people.get(other)
        namesakes.append(Namesake(
            pid, person.name, name_of_company(pid), other,
            known.name if known else "(no longer in the book)",
            name_of_company(other) if known else None))
    return Queue(tuple(contacts), tuple(namesakes))


def _merge(root: TextEdit, network: Network, pid: str) -> None:
    """Fold ``pid`` into the person it may be: empty fields filled, ties and
    communities carried over, then ``pid`` removed."""
    person = network.people.get(pid)
    if person is None or person.may_be is None:
        raise UsageError(f"{pid!r} is not marked as a possible namesake (may_be)")
    into = person.may_be
    if not root.has("people", into):
        raise NotFound(f"{pid!r} may be {into!r}, but {into!r} is no longer in the book")
    kept = network.people[into]
    fill = {k: v for k, v in person.model_dump(exclude_defaults=True).items()
            if k not in _NOT_MERGED and k not in kept.model_fields_set}
    if fill:
        editing.set_fields(root, "people", into, fill)
    if person.communities:
        editing.extend_list(root, "people", into, "communities", list(person.communities))
    for other, tie in network.ties.get(pid, {}).items():
        if other != into:
            editing.add_tie(root, into, other, tie.strength)
    editing.remove_person(root, pid)


def apply(doc: TextEdit, network: Network, decisions: Iterable[Decision]) -> bool:
    """Write ``decisions`` into the book's text edit; True if anything changed."""
    root = doc.root
    changed = False
    for d in decisions:
        if d.id not in network.people:
            raise NotFound(f"no person {d.id!r}")
        if d.action is Action.CLOSENESS:
            if not (isinstance(d.value, int) and 1 <= d.value <= 5):
                raise UsageError("closeness is 1 to 5")
            changed |= editing.set_fields(root, "people", d.id, {"closeness": d.value})
        elif d.action is Action.HIRING:
            changed |= editing.set_fields(root, "people", d.id, {"hiring": bool(d.value)})
        elif d.action is Action.DROP:
            editing.remove_person(root, d.id)
            changed = True
        elif d.action is Action.MERGE:
            _merge(root, network, d.id)
            changed = True
        elif d.action is Action.KEEP:
            changed |= editing.set_fields(root, "people", d.id, {"may_be": None})
    return changed


def edit_commands(item: NewContact | Namesake) -> tuple[str, ...]:
    """The exact commands that settle ``item`` without the interactive walk."""
    if isinstance(item, Namesake):
        return (f"netreach triage --merge {item.id}", f"netreach triage --keep {item.id}")
    hiring = (("--no-hiring",) if item.hiring is True else ("--hiring", "--no-hiring")
              if item.hiring == "likely" else ("--hiring",))
    return (f"netreach edit {item.id} --closeness N",
            *(f"netreach edit {item.id} {h}" for h in hiring),
            f"netreach rm {item.id} --yes")


def decisions_for(ids: Sequence[str], action: Action, network: Network) -> list[Decision]:
    """``action`` for each id (``--merge`` / ``--keep`` from the command line)."""
    for pid in ids:
        if pid not in network.people:
            raise NotFound(f"no person {pid!r}")
        if network.people[pid].may_be is None:
            raise UsageError(f"{pid!r} has nothing to review (no may_be)")
    return [Decision(pid, action) for pid in ids]


def summary(decisions: Sequence[Decision]) -> Mapping[str, int]:
    """How many of each action (for the closing line)."""
    counts: dict[str, int] = {}
    for d in decisions:
        counts[d.action.value] = counts.get(d.action.value, 0) + 1
    return counts
