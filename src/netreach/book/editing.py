"""Edits to a book's YAML document, keeping everything the person wrote.

Each function changes the round-trip document in place and returns whether it
changed anything, so running the same edit twice writes nothing the second
time. Callers check ids against the resolved ``Network`` before editing; the
result is validated again before it is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from netreach.book.network import Network
from netreach.book.yamlwrite import (
    append_entry,
    append_item,
    delete_key,
    flow_map,
    flow_seq,
    insert_entry,
    text,
)
from netreach.errors import NotFound, UsageError

# Person fields in the order a new entry is written (the order of SPEC §2).
PERSON_FIELDS = (
    "name",
    "company",
    "title",
    "hiring",
    "email",
    "phone",
    "url",
    "communities",
    "closeness",
    "seen_my_work",
    "vouch",
    "last_contact",
    "connected_on",
    "imported",
    "may_be",
    "knows",
    "notes",
    "log",
    "extra",
)
COMPANY_FIELDS = ("name", "aliases", "outlook", "industry", "extra")
COMMUNITY_FIELDS = ("name", "kind", "joinable", "extra")
SECTION_FIELDS = {"people": PERSON_FIELDS, "companies": COMPANY_FIELDS,
                  "communities": COMMUNITY_FIELDS}


def _block(container: Any) -> Any:
    """An empty ``{}`` or ``[]`` that gains entries is written as a block."""
    if isinstance(container, CommentedMap | CommentedSeq) and not container:
        container.fa.set_block_style()
    return container


def _section(root: CommentedMap, name: str) -> CommentedMap:
    section = root.get(name)
    if not isinstance(section, CommentedMap):
        section = CommentedMap()
        root[name] = section
    return _block(section)  # type: ignore[no-any-return]


def _yaml_value(value: Any) -> Any:
    """A value as it goes into the document: strings in a style the reader reads back
    exactly, lists on one line, and never one object twice (ruamel would write a
    shared object as an anchor and alias, which the reader refuses)."""
    if isinstance(value, CommentedMap | CommentedSeq):
        return value
    if isinstance(value, str):
        return text(value)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, list | tuple):
        return flow_seq([_yaml_value(v) for v in value])
    if isinstance(value, dict):
        return CommentedMap({k: _yaml_value(v) for k, v in value.items()})
    return value


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, bool) or isinstance(old, bool):
        return str(old).lower() == str(new).lower()
    if isinstance(new, list | tuple):
        return isinstance(old, list) and [str(x) for x in old] == [str(x) for x in new]
    if isinstance(new, dt.date):
        return str(old) == new.isoformat()
    return old is not None and str(old) == str(new)


def ordered_fields(section: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's fields in canonical order, unset ones left out."""
    order = SECTION_FIELDS[section]
    keys = sorted(fields, key=lambda k: order.index(k) if k in order else len(order))
    return {k: fields[k] for k in keys if fields[k] is not None}


def add_entry(root: CommentedMap, section: str, entry_id: str, fields: Mapping[str, Any]) -> None:
    """Append a new entry (fields in canonical order, unset ones left out)."""
    entries = _section(root, section)
    if entry_id in entries:
        raise UsageError(f"{entry_id!r} already exists in {section}")
    entry = CommentedMap()
    for key, value in ordered_fields(section, fields).items():
        entry[key] = _yaml_value(value)
    append_entry(entries, entry_id, entry)


def set_fields(
    root: CommentedMap, section: str, entry_id: str, changes: Mapping[str, Any]
) -> bool:
    """Set (or, with value ``None``, remove) fields of one entry. True if anything changed."""
    entries = root.get(section)
    if not isinstance(entries, CommentedMap) or entry_id not in entries:
        raise NotFound(f"no {section[:-1] if section != 'people' else 'person'} {entry_id!r}")
    entry = entries[entry_id]
    if not isinstance(entry, CommentedMap):
        entry = CommentedMap()
        entries[entry_id] = entry
    return update_entry(entry, SECTION_FIELDS[section], changes)


def update_entry(entry: CommentedMap, order: tuple[str, ...], changes: Mapping[str, Any]) -> bool:
    """``set_fields`` on a mapping found some other way (``me``, ``me.seeking``); a new
    field goes where ``order`` puts it. True if anything changed."""
    changed = False
    for key, value in changes.items():
        if value is None:
            if key in entry:
                delete_key(entry, key)
                changed = True
        elif key not in entry:
            # Insert where the canonical order puts it, so the entry stays tidy.
            rank = order.index(key) if key in order else len(order)
            after = [k for k in entry if k in order and order.index(k) < rank]
            position = list(entry).index(after[-1]) + 1 if after else len(entry)
            insert_entry(entry, position, key, _yaml_value(value))
            changed = True
        elif not _same(entry[key], value):
            if not _update_list(entry[key], value):
                entry[key] = _yaml_value(value)
            changed = True
    return changed


def _update_list(old: Any, new: Any) -> bool:
    """Change a list in place (keeping its block or flow style and its comments) when
    ``new`` is ``old`` with items removed and others appended; False otherwise."""
    if not isinstance(old, CommentedSeq) or not isinstance(new, list | tuple):
        return False
    wanted = [str(x) for x in new]
    kept = [str(x) for x in old if str(x) in wanted]
    if kept + [x for x in wanted if x not in kept] != wanted:
        return False
    for i in reversed(range(len(old))):
        if str(old[i]) not in wanted:
            delete_key(old, i)
    for item in new[len(kept):]:
        append_item(old, _yaml_value(item))
    return True


def _tie_declaration(root: CommentedMap, a: str, b: str) -> Any:
    entry = root["people"].get(a)
    knows = entry.get("knows") if isinstance(entry, CommentedMap) else None
    return knows.get(b) if isinstance(knows, CommentedMap) else None


def _write_tie(root: CommentedMap, a: str, b: str, strength: int, credibility: int | None) -> bool:
    knows = root["people"][a].get("knows")
    old = knows.get(b) if isinstance(knows, CommentedMap) else None
    if isinstance(old, CommentedMap):
        changed = not _same(old.get("strength"), strength)
        old["strength"] = strength
        if credibility is not None:
            changed |= not _same(old.get("credibility"), credibility)
            old["credibility"] = credibility
        return changed
    if old is not None and _same(old, strength) and credibility in (None, strength):
        return False
    tie: Any = strength
    if credibility is not None and credibility != strength:
        tie = flow_map({"strength": strength, "credibility": credibility})
    if not isinstance(knows, CommentedMap):
        # Built whole before it goes in, so the lines after the entry stay after it.
        set_fields(root, "people", a, {"knows": CommentedMap({b: tie})})
    elif b in knows:
        knows[b] = tie
    else:
        append_entry(_block(knows), b, tie)
    return True


def link(
    root: CommentedMap,
    network: Network,
    a: str,
    b: str,
    strength: int | None,
    credibility: int | None,
) -> bool:
    """Declare or update the tie a–b. ``credibility``: how much b trusts a's word."""
    for pid in (a, b):
        if pid not in network.people:
            raise NotFound(f"no person {pid!r}")
    if a == b:
        raise UsageError("a person cannot know themselves")
    existing = network.ties[a].get(b)
    if strength is None:
        strength = existing.strength if existing else 3
    under_a = _tie_declaration(root, a, b) is not None
    under_b = _tie_declaration(root, b, a) is not None
    changed = False
    if under_a or credibility is not None or not under_b:
        changed |= _write_tie(root, a, b, strength, credibility)
    if under_b:  # the pair shares one strength, wherever it is declared
        changed |= _write_tie(root, b, a, strength, None)
    return changed


def add_tie(root: CommentedMap, a: str, b: str, strength: int) -> bool:
    """Declare the tie a-b under a's ``knows`` unless either side declares it already.

    Unlike ``link``, never changes an existing tie: an import adds what is
    missing and leaves what the person rated alone. ``b`` may be a person the
    same edit appends (``Document.append_entries``); the saved book is validated,
    so a dangling id is still caught. True if anything changed.
    """
    if a == b:
        raise UsageError("a person cannot know themselves")
    people = root.get("people")
    if not isinstance(people, CommentedMap) or a not in people:
        raise NotFound(f"no person {a!r}")
    if _tie_declaration(root, a, b) is not None or _tie_declaration(root, b, a) is not None:
        return False
    knows = people[a].get("knows") if isinstance(people[a], CommentedMap) else None
    if isinstance(knows, CommentedMap):
        knows[b] = strength
    else:
        set_fields(root, "people", a, {"knows": flow_map({b: strength})})
    return True


def extend_list(
    root: CommentedMap, section: str, entry_id: str, field: str, values: list[Any]
) -> bool:
    """Append the ``values`` a list field lacks, keeping the list's own style and comments."""
    entries = root.get(section)
    if not isinstance(entries, CommentedMap) or entry_id not in entries:
        raise NotFound(f"no {section[:-1] if section != 'people' else 'person'} {entry_id!r}")
    entry = entries[entry_id]
    current = entry.get(field) if isinstance(entry, CommentedMap) else None
    if not isinstance(current, CommentedSeq):
        missing = [v for v in values if v not in (current or [])]
        return bool(missing) and set_fields(
            root, section, entry_id, {field: [*(current or []), *missing]})
    missing = [v for v in values if v not in current]
    current.extend(missing)
    return bool(missing)


def remove_person(root: CommentedMap, pid: str) -> list[str]:
    """Remove a person and every tie that points at them; returns who lost a tie."""
    people = root.get("people")
    if not isinstance(people, CommentedMap) or pid not in people:
        raise NotFound(f"no person {pid!r}")
    delete_key(people, pid)
    touched = []
    for other, entry in people.items():
        knows = entry.get("knows") if isinstance(entry, CommentedMap) else None
        if isinstance(knows, CommentedMap) and pid in knows:
            delete_key(knows, pid)
            if not knows:  # no `knows: {}` left behind: the lines were all this tie's
                delete_key(entry, "knows")
            touched.append(other)
    return touched


def append_log(root: CommentedMap, pid: str, date: dt.date, note: str | None, *,
               outcome: str | None = None, for_: str | None = None,
               to: str | None = None) -> bool:
    """Record an interaction and move ``last_contact`` forward to its date.

    ``outcome``, ``for_`` and ``to`` make it structured outreach (SPEC §2); the
    entry is written as ``{date, outcome, for, to, note}``, unset fields left out.
    The same entry already logged is not logged again (a script run twice adds
    nothing): returns whether anything changed.
    """
    people = root.get("people")
    if not isinstance(people, CommentedMap) or pid not in people:
        raise NotFound(f"no person {pid!r}")
    entry = people[pid]
    log = entry.get("log")
    fields = {"outcome": outcome, "for": for_, "to": to, "note": note}
    if isinstance(log, CommentedSeq) and any(
        isinstance(old, CommentedMap) and _same(old.get("date"), date)
        and all((old.get(k) is None and v is None) or (v is not None and old.get(k) == v)
                for k, v in fields.items())
        for old in log
    ):
        return False
    values: dict[str, Any] = {"date": _yaml_value(date)}
    values.update({k: text(v) for k, v in fields.items() if v is not None})
    item = flow_map(values)
    if isinstance(log, CommentedSeq):
        append_item(_block(log), item)
    else:
        set_fields(root, "people", pid, {"log": CommentedSeq([item])})
    last = entry.get("last_contact")
    if last is None or str(last) < date.isoformat():
        set_fields(root, "people", pid, {"last_contact": date})
    return True


def new_book_text(name: str, headline: str | None = None) -> str:
    """The text of a fresh book: valid, commented, ready to grow."""
    from netreach.book.yamlwrite import Document

    doc = Document("netreach: 1\n")
    me = CommentedMap({"name": text(name)})
    if headline:
        me["headline"] = text(headline)
    me["skills"] = flow_seq([])
    me["communities"] = flow_seq([])
    doc.root["me"] = me
    for section in ("companies", "communities", "people"):
        doc.root[section] = None
    body = doc.dump()
    header = (
        "# netreach contact book (format 1). Edit by hand or with netreach add/link/edit.\n"
        "# See contacts.example.yaml in the netreach repository for every field.\n"
    )
    return header + body
