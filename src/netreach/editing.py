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

from netreach.errors import NotFound, UsageError
from netreach.network import Network
from netreach.yamlwrite import flow_map, flow_seq, text

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
    if isinstance(value, CommentedMap | CommentedSeq):
        return value
    if isinstance(value, dt.date):
        # A fresh object each time: ruamel writes a shared object as an anchor and alias.
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, list | tuple):
        return flow_seq(list(value))
    if isinstance(value, str):
        return text(value)
    return value


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, bool) or isinstance(old, bool):
        return str(old).lower() == str(new).lower()
    if isinstance(new, list | tuple):
        return isinstance(old, list) and [str(x) for x in old] == [str(x) for x in new]
    if isinstance(new, dt.date):
        return str(old) == new.isoformat()
    return old is not None and str(old) == str(new)


def add_entry(root: CommentedMap, section: str, entry_id: str, fields: Mapping[str, Any]) -> None:
    """Append a new entry (fields in canonical order, unset ones left out)."""
    entries = _section(root, section)
    if entry_id in entries:
        raise UsageError(f"{entry_id!r} already exists in {section}")
    order = SECTION_FIELDS[section]
    entry = CommentedMap()
    for key in sorted(fields, key=lambda k: order.index(k) if k in order else len(order)):
        if fields[key] is not None:
            entry[key] = _yaml_value(fields[key])
    entries[entry_id] = entry


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
    changed = False
    order = SECTION_FIELDS[section]
    for key, value in changes.items():
        if value is None:
            if key in entry:
                del entry[key]
                changed = True
        elif key not in entry:
            # Insert where the canonical order puts it, so the entry stays tidy.
            rank = order.index(key) if key in order else len(order)
            after = [k for k in entry if k in order and order.index(k) < rank]
            position = list(entry).index(after[-1]) + 1 if after else len(entry)
            entry.insert(position, key, _yaml_value(value))
            changed = True
        elif not _same(entry[key], value):
            entry[key] = _yaml_value(value)
            changed = True
    return changed


def _tie_declaration(root: CommentedMap, a: str, b: str) -> Any:
    knows = root["people"][a].get("knows")
    return knows.get(b) if isinstance(knows, CommentedMap) else None


def _write_tie(root: CommentedMap, a: str, b: str, strength: int, credibility: int | None) -> bool:
    person = root["people"][a]
    knows = person.get("knows")
    if not isinstance(knows, CommentedMap):
        knows = CommentedMap()
        set_fields(root, "people", a, {"knows": knows})
    _block(knows)
    old = knows.get(b)
    if isinstance(old, CommentedMap):
        changed = not _same(old.get("strength"), strength)
        old["strength"] = strength
        if credibility is not None:
            changed |= not _same(old.get("credibility"), credibility)
            old["credibility"] = credibility
        return changed
    if credibility is None or credibility == strength:
        if old is not None and _same(old, strength):
            return False
        knows[b] = strength
    else:
        knows[b] = flow_map({"strength": strength, "credibility": credibility})
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


def remove_person(root: CommentedMap, pid: str) -> list[str]:
    """Remove a person and every tie that points at them; returns who lost a tie."""
    people = root.get("people")
    if not isinstance(people, CommentedMap) or pid not in people:
        raise NotFound(f"no person {pid!r}")
    del people[pid]
    touched = []
    for other, entry in people.items():
        knows = entry.get("knows") if isinstance(entry, CommentedMap) else None
        if isinstance(knows, CommentedMap) and pid in knows:
            del knows[pid]
            touched.append(other)
    return touched


def append_log(root: CommentedMap, pid: str, date: dt.date, note: str) -> None:
    """Record an interaction and move ``last_contact`` forward to its date."""
    people = root.get("people")
    if not isinstance(people, CommentedMap) or pid not in people:
        raise NotFound(f"no person {pid!r}")
    entry = people[pid]
    log = entry.get("log")
    if not isinstance(log, CommentedSeq):
        log = CommentedSeq()
        set_fields(root, "people", pid, {"log": log})
    _block(log).append(flow_map({"date": _yaml_value(date), "note": note}))
    last = entry.get("last_contact")
    if last is None or str(last) < date.isoformat():
        set_fields(root, "people", pid, {"last_contact": date})


def new_book_text(name: str, headline: str | None = None) -> str:
    """The text of a fresh book: valid, commented, ready to grow."""
    from netreach.yamlwrite import Document

    doc = Document("netreach: 1\n")
    me = CommentedMap({"name": name})
    if headline:
        me["headline"] = headline
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
