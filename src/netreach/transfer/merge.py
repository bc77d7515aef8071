"""Merge imported contacts into the book without losing anything the book holds.

``plan_import`` decides, for every imported record, what it is:

* the same person as someone in the book (same email, else same profile URL,
  else the same normalised name at the same company): **updated** when the
  import fills fields that are empty in the book, else **unchanged**. A field
  the book already holds is never overwritten, whatever the file says;
* a **near match** (the same name at another company, or a similar name at
  the same company): reported **to review**, never merged or added silently;
* otherwise a new person: **added**.

``apply_plan`` then writes the plan into the round-trip document through the
pure functions of ``editing``. The caller saves once, atomically. Planning
the same file against the book it produced finds nothing to do: importing
twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netreach.book import editing
from netreach.book.model import is_id
from netreach.book.resolved import Network, slugify, unique_id
from netreach.book.splice import TextEdit
from netreach.transfer.importers.base import Contact, Parsed, Skipped
from netreach.transfer.matching import CompanyKeys, PeopleIndex, folded

# Someone in my own export is someone I know, but how well the export cannot
# say: 2 ("we have talked a few times") counts them as a real but weak direct
# contact, ranked below the friends the person rated by hand, and easy to raise
# with `netreach edit ID --closeness 4`.
DEFAULT_CLOSENESS = 2
# A friend's connection (``--via``) is a tie of theirs that I cannot judge; 2
# ("acquaintances") is LinkedIn's usual reality: an accepted request, not a
# working relationship. The person raises it with `netreach link`.
VIA_STRENGTH = 2
# A vCard RELATED line is an address book saying two people belong together
# (colleague, friend, spouse): stronger than a bare connection, so the middle.
RELATED_STRENGTH = 3
# Report progress every this many records: often enough for a smooth bar,
# rarely enough to cost nothing.
PROGRESS_EVERY = 200

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class PersonChange:
    """A person the import adds or touches.

    ``fields``: for an added person the whole new entry; for an updated one only
    the fields that change (``communities`` as the full new list). ``ties``: the
    people newly tied to this one.
    """

    id: str
    name: str
    line: int
    fields: Mapping[str, Any]
    ties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """An imported record that looks like ``candidate`` but is not surely them."""

    line: int
    name: str
    candidate: str
    candidate_name: str
    reason: str


@dataclass(frozen=True)
class NewTie:
    """A tie the import declares, written under ``person``'s ``knows``."""

    person: str
    other: str
    strength: int


@dataclass(frozen=True)
class NewEntry:
    """A community (or, rarely, a company) the import creates."""

    id: str
    name: str


@dataclass(frozen=True)
class MergePlan:
    """Everything an import would change, decided before anything is written."""

    added: tuple[PersonChange, ...]
    updated: tuple[PersonChange, ...]
    unchanged: tuple[PersonChange, ...]
    to_review: tuple[Review, ...]
    skipped: tuple[Skipped, ...]
    communities: tuple[NewEntry, ...] = ()
    companies: tuple[NewEntry, ...] = ()
    ties: tuple[NewTie, ...] = ()
    via: str | None = None

    @property
    def changes_book(self) -> bool:
        """True when applying the plan changes the book."""
        return bool(self.added or self.updated)

    def summary(self) -> dict[str, int]:
        """The counts every import reports."""
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "to_review": len(self.to_review),
            "skipped": len(self.skipped),
            "communities_created": len(self.communities),
            "ties_added": len(self.ties),
        }


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


@dataclass
class _Work:
    """A person this import touches (mutable while planning)."""

    line: int
    name: str
    new: bool
    fields: dict[str, Any]  # new person: the entry; existing: the changes
    ties: list[str] = field(default_factory=list)


class _Planner:
    """The state of one plan: who is known, what changes, what is created."""

    def __init__(self, network: Network, via: str | None) -> None:
        self.network = network
        self.via = via
        self.me = folded(network.book.me.name)
        self.companies = CompanyKeys(network.book.companies, network.companies)
        self.people = PeopleIndex()
        for pid, person in network.people.items():
            self.people.add(pid, person.name, network.person_company.get(pid),
                            person.email, person.url)
        self.taken: set[str] = {*network.people, "me"}
        self.company_ids: set[str] = set(network.companies)
        self.community_of: dict[str, str] = {}
        for cid, community in network.communities.items():
            self.community_of.setdefault(folded(cid), cid)
            self.community_of.setdefault(folded(community.name), cid)
        self.new_communities: list[NewEntry] = []
        self.new_companies: list[NewEntry] = []
        self.work: dict[str, _Work] = {}
        self.ties: list[NewTie] = []
        self.tied: set[frozenset[str]] = set()

    def company_value(self, text: str) -> str:
        """What to write in ``company:``: a declared company's id, else the text.

        A text shaped like a mistyped id (``data-werk`` beside ``datawerk``) would
        make the book invalid, so it gets an entry under ``companies:`` instead.
        """
        cid = self.companies.declared.match(text)
        if cid is not None:
            return cid
        if folded(text) in self.companies.implicit or not (is_id(text) and "-" in text):
            return text
        from rapidfuzz import process

        if not self.network.book.companies or process.extractOne(
            text, list(self.network.book.companies), score_cutoff=85
        ) is None:
            return text
        cid = unique_id(slugify(text, "company"), self.company_ids)
        self.company_ids.add(cid)
        self.new_companies.append(NewEntry(cid, text))
        self.companies.declare(cid, text)
        return cid

    def community(self, name: str) -> str:
        """The id of the community a group name means, created when there is none."""
        key = folded(name)
        cid = self.community_of.get(key) or self.community_of.get(slugify(name, ""))
        if cid is None:
            taken = {*self.network.communities, *(c.id for c in self.new_communities)}
            cid = unique_id(slugify(name, "community"), taken)
            self.new_communities.append(NewEntry(cid, name))
            self.community_of[key] = cid
            self.community_of.setdefault(cid, cid)
        return cid

    def near(self, contact: Contact, key: str | None) -> tuple[str, str] | None:
        """Someone this record may be (to review), with the reason."""
        for pid in self.people.named(contact.name):
            theirs = self._company_name(pid)
            if key is None:
                return pid, f"same name; the file gives no company, the book says {theirs}"
            if theirs is None:
                return pid, f"same name; the book gives no company, the file says {contact.company}"
            return pid, f"same name at another company (book: {theirs}; file: {contact.company})"
        similar = self.people.similar(contact.name, key)
        if similar is None:
            return None
        return similar[0], f"similar name at the same company ({similar[1]:.0f}% alike)"

    def _company_name(self, pid: str) -> str | None:
        work = self.work.get(pid)
        if work is not None and (work.new or "company" in work.fields):
            value = work.fields.get("company")
            view = self.network.companies.get(value) if value else None
            return view.name if view else value
        view = self.network.company_of(pid)
        return view.name if view else None

    def name_of(self, pid: str) -> str:
        work = self.work.get(pid)
        return work.name if work is not None and work.new else self.network.people[pid].name

    def current(self, pid: str, name: str) -> Any:
        """A field's value as it will be after the changes planned so far."""
        work = self.work.get(pid)
        if work is not None and name in work.fields:
            return work.fields[name]
        if work is not None and work.new:
            return None
        return getattr(self.network.people[pid], name)

    def offers(self, pid: str | None, contact: Contact) -> dict[str, Any]:
        """The fields ``contact`` can fill: only those that are empty for ``pid``."""
        values: dict[str, Any] = {
            "company": contact.company,
            "title": contact.title,
            "email": next((e for e in contact.emails
                           if self.people.email_owner(e) in (None, pid)), None),
            "phone": contact.phones[0] if contact.phones else None,
            "url": next((u for u in contact.urls
                         if self.people.url_owner(u) in (None, pid)), None),
            "notes": contact.notes,
        }
        if self.via is None:
            values["closeness"] = DEFAULT_CLOSENESS
            values["last_contact"] = contact.connected_on
        changes = {k: v for k, v in values.items()
                   if v is not None and (pid is None or _empty(self.current(pid, k)))}
        if "company" in changes:  # only now: it may create a company entry
            changes["company"] = self.company_value(changes["company"])
        if contact.communities:
            have = list(self.current(pid, "communities") or []) if pid else []
            ids = [self.community(n) for n in contact.communities]
            more = [c for c in dict.fromkeys(ids) if c not in have]
            if more:
                changes["communities"] = have + more
        return changes

    def update(self, pid: str, contact: Contact) -> None:
        """Fill what ``contact`` can of a person already known (in the book or this plan)."""
        name = self.name_of(pid)
        work = self.work.setdefault(pid, _Work(contact.line, name, False, {}))
        changes = self.offers(pid, contact)
        work.fields.update(changes)
        # index what the changes make findable: an email, a URL, a company
        self.people.add_contact_points(pid, changes.get("email"), changes.get("url"))
        if company := changes.get("company"):
            self.people.move(pid, name, self.companies.key(company))

    def add(self, contact: Contact) -> str:
        """Plan a new person for ``contact``; returns their id."""
        hint = contact.id_hint
        if hint and is_id(hint) and hint not in self.taken:
            pid = hint
        else:
            pid = unique_id(slugify(contact.name, "person"), self.taken)
        self.taken.add(pid)
        fields = {"name": contact.name, **self.offers(None, contact)}
        self.work[pid] = _Work(contact.line, contact.name, True, fields)
        self.people.add(pid, contact.name, self.companies.key(fields.get("company")),
                        fields.get("email"), fields.get("url"))
        return pid

    def tie(self, a: str, b: str, strength: int) -> None:
        """Plan the tie a-b unless it exists (in the book or in this plan)."""
        pair = frozenset((a, b))
        if a == b or pair in self.tied or b in self.network.ties.get(a, {}):
            return
        self.tied.add(pair)
        self.ties.append(NewTie(a, b, strength))
        self.work[a].ties.append(b)


def _related(planner: _Planner, contacts: list[tuple[Contact, str]]) -> None:
    """Ties named by vCard RELATED lines: to another card (UID), an email, or a name."""
    by_uid: dict[str, str] = {}
    for contact, pid in contacts:
        if contact.uid:
            by_uid[contact.uid.casefold()] = pid
            by_uid[contact.uid.casefold().removeprefix("urn:uuid:")] = pid
    for contact, pid in contacts:
        for value in contact.related:
            text = value.casefold()
            other = by_uid.get(text) or by_uid.get(text.removeprefix("urn:uuid:"))
            if other is None and text.startswith("mailto:"):
                other = planner.people.email_owner(value[len("mailto:"):])
            if other is None:
                named = planner.people.named(value)
                other = named[0] if len(named) == 1 else None
            if other is not None:
                planner.tie(pid, other, RELATED_STRENGTH)


def plan_import(
    network: Network,
    parsed: Parsed,
    *,
    via: str | None = None,
    progress: Progress | None = None,
) -> MergePlan:
    """Decide what importing ``parsed`` into the book would change (nothing is written).

    Without ``via`` the people become my direct contacts (closeness
    ``DEFAULT_CLOSENESS`` when the book has none). With ``via`` (a person id)
    they become that person's ties (strength ``VIA_STRENGTH``) and not my
    direct contacts. Raises ``NotFound`` for an unknown ``via``.
    """
    from netreach.errors import NotFound

    if via is not None and via not in network.people:
        raise NotFound(f"--via: no person {via!r} in the book")
    planner = _Planner(network, via)
    first_row: dict[str, int] = {}  # pid -> line of the first record that touched them
    rows: list[tuple[Contact, str]] = []  # records that landed on a person
    order: list[str] = []
    reviews: list[Review] = []
    skipped = list(parsed.skipped)
    total = len(parsed.contacts)
    for done, contact in enumerate(parsed.contacts):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress("match", done, total)
        key = planner.companies.key(contact.company)
        pid = planner.people.match(contact.emails, contact.urls, contact.name, key)
        if pid is None and folded(contact.name) == planner.me:
            skipped.append(Skipped(contact.line, contact.name, "this is you"))
            continue
        if pid is not None and pid == via:
            skipped.append(Skipped(contact.line, contact.name, f"this is {via} themself"))
            continue
        if pid is None:
            near = planner.near(contact, key)
            if near is not None:
                reviews.append(Review(contact.line, contact.name, near[0],
                                      planner.name_of(near[0]), near[1]))
                continue
            pid = planner.add(contact)
        else:
            planner.update(pid, contact)
            if pid in first_row:
                skipped.append(Skipped(
                    contact.line, contact.name,
                    f"same person as line {first_row[pid]} ({pid}); merged into it"))
        if pid not in first_row:
            first_row[pid] = contact.line
            order.append(pid)
        rows.append((contact, pid))
        if via is not None:
            planner.tie(pid, via, VIA_STRENGTH)
    if progress is not None:
        progress("match", total, total)
    _related(planner, rows)
    added, updated, unchanged = [], [], []
    for pid in order:
        work = planner.work[pid]
        change = PersonChange(pid, work.name, work.line, dict(work.fields), tuple(work.ties))
        if work.new:
            added.append(change)
        elif work.fields or work.ties:
            updated.append(change)
        else:
            unchanged.append(change)
    return MergePlan(
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        to_review=tuple(reviews),
        skipped=tuple(sorted(skipped, key=lambda s: s.line)),
        communities=tuple(planner.new_communities),
        companies=tuple(planner.new_companies),
        ties=tuple(planner.ties),
        via=via,
    )


def apply_plan(
    doc: TextEdit,
    plan: MergePlan,
    *,
    source: str = "",
    progress: Progress | None = None,
) -> bool:
    """Write ``plan`` into the book being edited; True if anything changed.

    New people go at the end of ``people:`` under a ``# imported from SOURCE``
    comment; existing entries change only in the fields the plan names, so
    everything else stays as the person wrote it.
    """
    root = doc.root
    changed = False
    for company in plan.companies:
        editing.add_entry(root, "companies", company.id, {"name": company.name})
        changed = True
    for community in plan.communities:
        editing.add_entry(root, "communities", community.id,
                          {"name": community.name, "kind": "other"})
        changed = True
    new_ids = {change.id for change in plan.added}
    knows: dict[str, dict[str, int]] = {}
    for tie in plan.ties:
        if tie.person in new_ids:
            knows.setdefault(tie.person, {})[tie.other] = tie.strength
    if plan.added:
        entries = [
            (change.id, editing.ordered_fields(
                "people", {**change.fields, "knows": knows.get(change.id) or None}))
            for change in plan.added
        ]
        label = "".join(c if c.isprintable() else "?" for c in source)
        comment = f"imported from {label}" if label else None
        for entry_id, fields in entries:
            editing.add_entry(root, "people", entry_id, fields, comment)
        changed = True
    total = len(plan.updated)
    for done, change in enumerate(plan.updated):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress("apply", done, total)
        plain = {k: v for k, v in change.fields.items() if k != "communities"}
        if plain:
            changed |= editing.set_fields(root, "people", change.id, plain)
        if "communities" in change.fields:
            changed |= editing.extend_list(root, "people", change.id, "communities",
                                           list(change.fields["communities"]))
    for tie in plan.ties:
        if tie.person not in new_ids:
            changed |= editing.add_tie(root, tie.person, tie.other, tie.strength)
    if progress is not None:
        progress("apply", total, total)
    return changed

