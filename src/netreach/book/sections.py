"""Edits to the book's companies, communities and ``me``: what ``company``,
``community``, ``join``/``leave``, ``target`` and ``me`` change.

Like ``editing``, each function changes the text edit (``splice.TextEdit``) in
place and returns whether it changed anything (the same command twice writes nothing the
second time); ids are checked against the resolved ``Network`` first, and the
saved book is validated again, so an edit never leaves an invalid book.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netreach.book import editing
from netreach.book.lookup import company_of_text, describe, find
from netreach.book.names import plural
from netreach.book.network import Network
from netreach.book.resolved import slugify, unique_id
from netreach.book.splice import TextEdit
from netreach.errors import Refused, UsageError

ME_FIELDS = ("name", "headline", "seeking", "skills", "communities", "extra")
SEEKING_FIELDS = ("roles", "companies")


def new_id(network: Network, section: str, name: str, wanted: str | None) -> str:
    """The id for a new company or community: ``wanted``, or one made from the name."""
    from netreach.book.model import is_id

    taken: Mapping[str, object] = (network.companies if section == "companies"
                                   else network.communities)
    if wanted is not None:
        if not is_id(wanted):
            raise UsageError(f"--id {wanted!r} is not a valid id (lowercase letters, digits, "
                             "- . _)")
        if wanted in taken:
            raise UsageError(f"id {wanted!r} is taken ({section}: {describe_any(network, wanted)})")
        return wanted
    return unique_id(slugify(name, section[:-1] if section != "communities" else "community"),
                     taken)


def describe_any(network: Network, entry_id: str) -> str:
    """A company's or community's name, for a message."""
    if entry_id in network.companies:
        return network.companies[entry_id].name
    return network.communities[entry_id].name


def company_value(network: Network, typed: str, *, new_company: bool = False) -> str:
    """What to write in a person's ``company:`` for what was typed.

    A declared company is written by its id; one the book already knows by free
    text (an implicit company) by the text it already uses, so both stay one
    company. Anything else is new free text, unless it is within fuzzy reach of
    a company in the book: then ``Refused`` asks "did you mean ...?" (the person
    can pass ``new_company`` to create it all the same).
    """
    typed = typed.strip()
    cid = company_of_text(network, typed)
    if cid is not None:
        view = network.companies[cid]
        return view.name if view.implicit else cid
    if new_company:
        return typed
    near = find(network, "company", typed)
    close = [near.found] if near.found else [c for c in near.candidates if near.ambiguous]
    if close:
        names = " or ".join(f"{network.companies[c].name} ({c})" for c in close)
        raise Refused(f"no company {typed!r}; did you mean {names}? Give its id, or use "
                      f"--new-company to create {typed!r}")
    return typed


def add_company(root: TextEdit, cid: str, fields: Mapping[str, Any]) -> bool:
    """Append a company entry."""
    editing.add_entry(root, "companies", cid, fields)
    return True


def declare_company(root: TextEdit, network: Network, cid: str) -> None:
    """Give an implicit company (named only on people) its own ``companies:`` entry,
    so it can carry an outlook, aliases and an industry. The people keep their text:
    it matches the new entry's name."""
    view = network.companies[cid]
    if view.implicit:
        editing.add_entry(root, "companies", cid, {"name": view.name})


def remove_company(root: TextEdit, network: Network, cid: str, *, force: bool) -> list[str]:
    """Remove a declared company; returns the people moved to free text.

    While people work there it is refused unless ``force``: then each of them
    gets the company's name as free text (an implicit company, same name), and
    targets naming it are rewritten the same way, so nothing dangles.
    """
    view = network.companies[cid]
    staff = list(network.employees.get(cid, ()))
    if view.implicit:
        raise Refused(f"{cid} ({view.name}) has no entry under 'companies:' to remove: it "
                      f"exists because {plural(len(staff), 'person', 'people')} name it; "
                      "change their company with 'netreach edit ID --company ...'")
    if staff and not force:
        raise Refused(f"{plural(len(staff), 'person', 'people')} work at {view.name} ({cid}): "
                      f"{', '.join(staff[:5])}{' ...' if len(staff) > 5 else ''}; "
                      "--force moves them to a free-text company of the same name")
    root.remove("companies", cid)
    for pid in staff:
        editing.set_fields(root, "people", pid, {"company": view.name})
    targets = _seeking_companies(root)
    renamed = [view.name if company_of_text(network, t) == cid else t for t in targets]
    if renamed != targets:
        root.set("me", None, ("seeking",), "companies", renamed)
    return staff


def add_community(root: TextEdit, cid: str, fields: Mapping[str, Any]) -> bool:
    """Append a community entry."""
    editing.add_entry(root, "communities", cid, fields)
    return True


def remove_community(root: TextEdit, network: Network, cid: str, *,
                     force: bool) -> list[str]:
    """Remove a community; with ``force`` also every membership (people's and mine),
    which are otherwise a reason to refuse. Returns who lost a membership."""
    members = list(network.members.get(cid, ()))
    mine = cid in network.me.communities
    if (members or mine) and not force:
        who = [*(["you"] if mine else []), *members]
        raise Refused(f"{network.communities[cid].name} ({cid}) has members: "
                      f"{', '.join(who[:5])}{' ...' if len(who) > 5 else ''}; --force removes "
                      "it from their communities too")
    root.remove("communities", cid)
    for pid in members:
        current = network.people[pid].communities
        editing.set_fields(root, "people", pid,
                           {"communities": [c for c in current if c != cid] or None})
    if mine:
        set_membership(root, cid, member=False)
    return members


def _me(root: TextEdit) -> dict[str, Any]:
    me = root.get("me", None)
    if not isinstance(me, dict):
        raise UsageError("the book has no 'me:' mapping to edit")
    return me


def set_me(root: TextEdit, changes: Mapping[str, Any]) -> bool:
    """Set (or, with ``None``, remove) fields of ``me``."""
    _me(root)
    return editing.set_fields(root, "me", None, changes)


def _set_list(root: TextEdit, fields: tuple[str, ...], key: str, current: list[str],
              wanted: list[str], order: tuple[str, ...]) -> bool:
    """Make the list at ``me.FIELDS.KEY`` read ``wanted``: in place (keeping its style and
    comments) when only items go and others are appended, else written whole."""
    if wanted == current:
        return False
    kept = [x for x in current if x in wanted]
    if kept and kept + [x for x in wanted if x not in kept] == wanted:
        for i in reversed(range(len(current))):
            if current[i] not in wanted:
                root.remove_item("me", None, (*fields, key), i)
        for item in wanted[len(kept):]:
            root.append("me", None, (*fields, key), item)
        return True
    before = list(order[:order.index(key)]) if key in order else list(order)
    root.set("me", None, fields, key, list(wanted), after=before)
    return True


def extend_me_list(root: TextEdit, field: str, add: list[str], remove: list[str]) -> bool:
    """Add items to (and remove items from) one of my lists (``skills``, ``communities``,
    or ``seeking.roles`` / ``seeking.companies`` as ``seeking.FIELD``). An emptied list
    stays written as ``[]`` (new books have ``communities: []``)."""
    me = _me(root)
    if field.startswith("seeking."):
        name = field.split(".", 1)[1]
        seeking = me.get("seeking")
        current = [str(x) for x in (seeking.get(name) or [])] if isinstance(
            seeking, dict) else []
        wanted = [x for x in current if x not in remove] + [
            x for x in dict.fromkeys(add) if x not in current]
        if wanted == current:
            return False
        if not isinstance(seeking, dict):
            return editing.set_fields(root, "me", None, {"seeking": {name: wanted}})
        return _set_list(root, ("seeking",), name, current, wanted, SEEKING_FIELDS)
    current = [str(x) for x in (me.get(field) or [])]
    wanted = [x for x in current if x not in remove] + [
        x for x in dict.fromkeys(add) if x not in current]
    return _set_list(root, (), field, current, wanted, ME_FIELDS)


def set_membership(root: TextEdit, cid: str, *, member: bool) -> bool:
    """Join (or leave) a community myself: ``me.communities``."""
    return extend_me_list(root, "communities", [cid] if member else [],
                          [] if member else [cid])


def _seeking_companies(root: TextEdit) -> list[str]:
    seeking = _me(root).get("seeking")
    companies = seeking.get("companies") if isinstance(seeking, dict) else None
    return [str(c) for c in companies] if isinstance(companies, list) else []


def target_text(network: Network, cid: str | None, typed: str) -> str:
    """How a target is written: a declared company by id, an implicit one by its name,
    a company the book does not know yet by the text typed."""
    if cid is None:
        return typed.strip()
    view = network.companies[cid]
    return view.name if view.implicit else cid


def remove_targets(root: TextEdit, network: Network, cid: str) -> bool:
    """Remove every ``seeking.companies`` entry that names company ``cid``."""
    targets = _seeking_companies(root)
    gone = [t for t in targets if company_of_text(network, t) == cid]
    return bool(gone) and extend_me_list(root, "seeking.companies", [], gone)


def describe_company(network: Network, cid: str) -> str:
    """``id (Name)`` of a company."""
    return describe(network, "company", cid)
