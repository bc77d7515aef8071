"""Merge imported contacts into the book without losing anything the book holds.

``plan_import`` decides, for every imported record, what it is:

* the same person as someone in the book: the same email, else the same profile
  URL, else the same normalised name at the same company with no conflicting
  identifier. **Updated** when the import fills fields that are empty in the
  book, else **unchanged**. A field the book already holds is never
  overwritten, whatever the file says;
* a **namesake** with a different email or profile URL: a different person,
  **added** under a readable id of their own (``michael-muller-siemens``);
* a **near match** without identifiers to tell them apart (the same name at
  another company, or a similar name at the same company): **added** and
  marked ``may_be: ID`` for ``netreach triage`` to merge or keep apart, and
  reported **to review**;
* otherwise a new person: **added**, marked ``imported:`` with the format.

Imported direct contacts get no closeness (``scoring.IMPORTED_CLOSENESS`` stands
in until the person sets one); a LinkedIn ``Connected On`` date becomes
``connected_on``, never ``last_contact``; a title that suggests hiring
authority sets ``hiring: likely``; a placeholder company (Self-employed,
Stealth, ``--``) is no company.

``apply_plan`` then writes the plan into the round-trip document through the
pure functions of ``editing``. The caller saves once, atomically. Planning
the same file against the book it produced finds nothing to do: importing
twice changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from netreach.book import editing
from netreach.book.network import Network
from netreach.book.splice import TextEdit
from netreach.transfer.formats import ImportFormat
from netreach.transfer.guesses import real_company
from netreach.transfer.importers.base import Contact, Parsed, Skipped
from netreach.transfer.matching import folded
from netreach.transfer.mergeplan import MergePlan, NewEntry, NewTie, PersonChange, Review
from netreach.transfer.planner import RELATED_STRENGTH, VIA_STRENGTH, Planner, related_ties

__all__ = ["RELATED_STRENGTH", "VIA_STRENGTH", "MergePlan", "NewEntry", "NewTie",
           "PersonChange", "Review", "apply_plan", "plan_import"]

# Report progress every this many records: often enough for a smooth bar,
# rarely enough to cost nothing.
PROGRESS_EVERY = 200

Progress = Callable[[str, int, int], None]


def _tidy(contact: Contact) -> Contact:
    """The record with a placeholder company (Self-employed, Stealth, --) taken out."""
    company = real_company(contact.company)
    return contact if company == contact.company else dataclasses.replace(contact, company=company)


def plan_import(
    network: Network,
    parsed: Parsed,
    *,
    via: str | None = None,
    progress: Progress | None = None,
    fmt: ImportFormat | None = None,
) -> MergePlan:
    """Decide what importing ``parsed`` into the book would change (nothing is written).

    Without ``via`` the people become my direct contacts (``imported: FORMAT``,
    closeness unset). With ``via`` (a person id) they become that person's ties
    (strength ``VIA_STRENGTH``, ``imported: via-FORMAT``) and not my direct
    contacts. ``fmt`` defaults to the format ``parsed`` was read as. Raises
    ``NotFound`` (or ``Ambiguous``) for an unknown ``via``.
    """
    from netreach.book.lookup import resolve_person

    if via is not None:  # an id or a name, found like every id argument
        via = resolve_person(network, via, "--via")
    source = fmt or parsed.source
    if source is None:
        raise ValueError("plan_import: the import format is unknown (pass fmt=)")
    planner = Planner(network, via, source)
    first_row: dict[str, int] = {}  # pid -> line of the first record that touched them
    rows: list[tuple[Contact, str]] = []  # records that landed on a person
    order: list[str] = []
    reviews: list[Review] = []
    skipped = list(parsed.skipped)
    total = len(parsed.contacts)
    for done, record in enumerate(parsed.contacts):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress("match", done, total)
        contact = _tidy(record)
        key = planner.companies.key(contact.company)
        pid = planner.people.by_identifier(contact.emails, contact.urls)
        if pid is None:
            same = planner.people.namesakes(contact.name, key, contact.emails, contact.urls)
            if len(same) > 1:  # which of them? only the person can say
                reviews.append(Review(contact.line, contact.name, same[0],
                                      planner.name_of(same[0]),
                                      f"{len(same)} people of this name at this company; "
                                      "not imported"))
                continue
            pid = same[0] if same else None
        if pid is None and folded(contact.name) == planner.me:
            skipped.append(Skipped(contact.line, contact.name, "this is you"))
            continue
        if pid is not None and pid == via:
            skipped.append(Skipped(contact.line, contact.name, f"this is {via} themself"))
            continue
        if pid is None:
            near = planner.near(contact, key)
            pid = planner.add(contact, may_be=near[0] if near else None)
            if near is not None:
                reviews.append(Review(contact.line, contact.name, near[0],
                                      planner.name_of(near[0]), near[1], pid))
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
    related_ties(planner, rows)
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

