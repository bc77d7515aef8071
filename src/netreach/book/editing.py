"""Edits to a book, made by splicing text into it (``splice.TextEdit``).

Each function changes the edit in place and returns whether it changed
anything, so running the same edit twice writes nothing the second time.
Only the entries an edit names are touched, and within them only the fields
it names: every other line of the book stays as the person wrote it.
Callers check ids against the resolved ``Network`` before editing; the result
is validated before it is saved (``cached.bookfile``).

The first argument of each function is the ``TextEdit`` (callers written for
the round-trip document pass ``doc.root``, which is the edit itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from netreach.book.network import Network
from netreach.book.splice import TextEdit
from netreach.book.yamlemit import Block, check_text, inline
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
ME_FIELDS = ("name", "headline", "seeking", "skills", "communities", "extra")
SECTION_FIELDS = {"people": PERSON_FIELDS, "companies": COMPANY_FIELDS,
                  "communities": COMMUNITY_FIELDS, "me": ME_FIELDS}




def flow_map(items: dict[str, Any]) -> dict[str, Any]:
    """A mapping written on one line: ``{date: 2026-09-14, note: Coffee}`` (the default)."""
    return dict(items)


def flow_seq(items: list[Any]) -> list[Any]:
    """A list written on one line: ``[pydata-berlin, run-club]`` (the default)."""
    return list(items)


def _checked(value: Any) -> Any:
    """Text an edit puts in must be writable as UTF-8 (``UsageError`` otherwise)."""
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, Block):
        _checked(value.value)
    elif isinstance(value, Mapping):
        for k, v in value.items():
            _checked(k)
            _checked(v)
    elif isinstance(value, list | tuple):
        for v in value:
            _checked(v)
    return value


def _text_of(value: Any) -> Any:
    """A value as the strict reader would read it back (text, lists, mappings)."""
    if isinstance(value, Block):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _text_of(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_text_of(v) for v in value]
    return None if value is None else str(value)


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, bool):
        return isinstance(old, str) and old.lower() == _text_of(new)
    if old is None:
        return False
    return bool(old == _text_of(new))


def ordered_fields(section: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's fields in canonical order, unset ones left out."""
    order = SECTION_FIELDS[section]
    keys = sorted(fields, key=lambda k: order.index(k) if k in order else len(order))
    return {k: fields[k] for k in keys if fields[k] is not None}


def _before(section: str, key: str) -> list[str]:
    """The fields that come before ``key`` in canonical order (a new field goes after
    the last of them that the entry has)."""
    order = SECTION_FIELDS.get(section, ())
    return list(order[:order.index(key)]) if key in order else list(order)


def add_entry(root: TextEdit, section: str, entry_id: str, fields: Mapping[str, Any],
              comment: str | None = None) -> None:
    """Append a new entry (fields in canonical order, unset ones left out)."""
    if root.has(section, entry_id):
        raise UsageError(f"{entry_id!r} already exists in {section}")
    root.add(section, entry_id, _checked(ordered_fields(section, fields)), comment)


def _entry_id(section: str, entry_id: str | None) -> str | None:
    return None if section == "me" else entry_id


def set_fields(
    root: TextEdit, section: str, entry_id: str | None, changes: Mapping[str, Any]
) -> bool:
    """Set (or, with value ``None``, remove) fields of one entry (``me``: section
    ``"me"``, any id). True if anything changed."""
    eid = _entry_id(section, entry_id)
    if eid is not None and not root.has(section, eid):
        raise NotFound(f"no {section[:-1] if section != 'people' else 'person'} {eid!r}")
    current = root.get(section, eid)
    if not isinstance(current, dict):
        raise NotFound(f"{section}.{eid}: not an entry netreach can edit")
    changed = False
    for key, value in changes.items():
        _checked(value)
        if value is None:
            changed |= root.unset(section, eid, (), key)
        elif key not in current:
            root.set(section, eid, (), key, value, after=_before(section, key))
            changed = True
        elif not _same(current[key], value):
            if not _update_list(root, section, eid, key, current[key], value):
                root.set(section, eid, (), key, value)
            changed = True
    return changed


def _update_list(root: TextEdit, section: str, eid: str | None, key: str, old: Any,
                 new: Any) -> bool:
    """Change a list in place (keeping its block or flow style and its comments) when
    ``new`` is ``old`` with items removed and others appended; False otherwise."""
    if not isinstance(old, list) or not old or not isinstance(new, list | tuple) or not new:
        return False
    wanted = [str(x) for x in _text_of(list(new))]
    kept = [x for x in old if x in wanted]
    if not kept or kept + [x for x in wanted if x not in kept] != wanted or any(
            not isinstance(x, str) for x in old):
        return False
    for i in reversed(range(len(old))):
        if old[i] not in wanted:
            root.remove_item(section, eid, (key,), i)
    for item in list(new)[len(kept):]:
        root.append(section, eid, (key,), item)
    return True


def _tie_declaration(root: TextEdit, a: str, b: str) -> Any:
    knows = root.get("people", a, "knows")
    return knows.get(b) if isinstance(knows, dict) else None


def _write_tie(root: TextEdit, a: str, b: str, strength: int, credibility: int | None) -> bool:
    knows = root.get("people", a, "knows")
    old = knows.get(b) if isinstance(knows, dict) else None
    if isinstance(old, dict):
        changed = False
        for key, value in (("strength", strength), ("credibility", credibility)):
            if value is not None and not _same(old.get(key), value):
                root.set("people", a, ("knows", b), key, value, after=["strength"])
                changed = True
        return changed
    if old is not None and _same(old, strength) and credibility in (None, strength):
        return False
    tie: Any = strength
    if credibility is not None and credibility != strength:
        tie = {"strength": strength, "credibility": credibility}
    if not isinstance(knows, dict) or not knows:
        root.set("people", a, (), "knows", Block({b: tie}), after=_before("people", "knows"))
    else:
        root.set("people", a, ("knows",), b, tie)
    return True


def link(
    root: TextEdit,
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


def add_tie(root: TextEdit, a: str, b: str, strength: int) -> bool:
    """Declare the tie a-b under a's ``knows`` unless either side declares it already.

    Unlike ``link``, never changes an existing tie: an import adds what is
    missing and leaves what the person rated alone. ``b`` may be a person the
    same edit adds; the saved book is validated, so a dangling id is still
    caught. True if anything changed.
    """
    if a == b:
        raise UsageError("a person cannot know themselves")
    if not root.has("people", a):
        raise NotFound(f"no person {a!r}")
    if _tie_declaration(root, a, b) is not None or (
            root.has("people", b) and _tie_declaration(root, b, a) is not None):
        return False
    knows = root.get("people", a, "knows")
    if isinstance(knows, dict) and knows:
        root.set("people", a, ("knows",), b, strength)
    else:
        root.set("people", a, (), "knows", {b: strength}, after=_before("people", "knows"))
    return True


def extend_list(
    root: TextEdit, section: str, entry_id: str | None, field: str, values: list[Any]
) -> bool:
    """Append the ``values`` a list field lacks, keeping the list's own style and comments."""
    eid = _entry_id(section, entry_id)
    if eid is not None and not root.has(section, eid):
        raise NotFound(f"no {section[:-1] if section != 'people' else 'person'} {eid!r}")
    current = root.get(section, eid, field)
    missing = [v for v in values if _text_of(v) not in (current or [])]
    if not missing:
        return False
    if isinstance(current, list) and current:
        for item in missing:
            root.append(section, eid, (field,), _checked(item))
        return True
    return set_fields(root, section, eid, {field: [*(current or []), *missing]})


def remove_person(root: TextEdit, pid: str,
                  neighbours: Iterable[str] | None = None) -> list[str]:
    """Remove a person and every tie that points at them; returns who lost a tie.

    ``neighbours`` (the people tied to ``pid``, from the network) saves reading
    every entry of the book for the ties pointing at ``pid``.
    """
    if not root.has("people", pid):
        raise NotFound(f"no person {pid!r}")
    root.remove("people", pid)
    touched = []
    others = root.where.entries.get("people", {}) if neighbours is None else neighbours
    for other in others:
        if other == pid or not root.has("people", other):
            continue
        knows = root.get("people", other, "knows")
        if isinstance(knows, dict) and pid in knows:
            if len(knows) == 1:  # no `knows: {}` left behind: the lines were all this tie's
                root.unset("people", other, (), "knows")
            else:
                root.unset("people", other, ("knows",), pid)
            touched.append(other)
    return touched


def append_log(root: TextEdit, pid: str, date: dt.date, note: str | None, *,
               outcome: str | None = None, for_: str | None = None,
               to: str | None = None) -> bool:
    """Record an interaction and move ``last_contact`` forward to its date.

    ``outcome``, ``for_`` and ``to`` make it structured outreach (SPEC §2); the
    entry is written as ``{date, outcome, for, to, note}``, unset fields left out.
    The same entry already logged is not logged again (a script run twice adds
    nothing): returns whether anything changed.
    """
    if not root.has("people", pid):
        raise NotFound(f"no person {pid!r}")
    fields = {"outcome": outcome, "for": for_, "to": to, "note": note}
    for value in fields.values():
        if value is not None:
            check_text(value)
    log = root.get("people", pid, "log")
    if isinstance(log, list) and any(
        isinstance(old, dict) and old.get("date") == date.isoformat()
        and all(old.get(k) == v for k, v in fields.items())
        for old in log
    ):
        return False
    item: dict[str, Any] = {"date": date}
    item.update({k: v for k, v in fields.items() if v is not None})
    if isinstance(log, list) and log:
        root.append("people", pid, ("log",), item)
    else:
        set_fields(root, "people", pid, {"log": Block([item])})
    last = root.get("people", pid, "last_contact")
    if last is None or str(last) < date.isoformat():
        set_fields(root, "people", pid, {"last_contact": date})
    return True


def new_book_text(name: str, headline: str | None = None) -> str:
    """The text of a fresh book: valid, commented, ready to grow."""
    check_text(name)
    lines = [
        "# netreach contact book (format 1). Edit by hand or with netreach add/link/edit.",
        "# See contacts.example.yaml in the netreach repository for every field.",
        "netreach: 1",
        "me:",
        f"  name: {inline(name)}",
    ]
    if headline:
        check_text(headline)
        lines.append(f"  headline: {inline(headline)}")
    lines += ["  skills: []", "  communities: []", "companies:", "communities:", "people:"]
    return "\n".join(lines) + "\n"
