"""Check an edit of a few people against the cached network, and pack the result.

A warm edit of a 50,000-person book must not parse, validate or pack the whole
book again. The entries the edit changed (people, me, companies, new
communities) are read and validated on their own (the strict reader and the
schema, as a full load would), the references into and out of them are checked
and the packed book is updated (``repack``). Any edit this does not cover (a
community edited or removed, a company removed, a section made or written as
``{...}``) returns None, and the caller loads the edited book in full.
"""

from __future__ import annotations

import gc
from typing import TypeVar

from pydantic import ValidationError

from netreach.book import yamlread
from netreach.book.loading import _clean_loc, _message
from netreach.book.model import Community, Company, Me, Person, is_id
from netreach.book.resolved import PathProblem
from netreach.book.splice import TextEdit
from netreach.book.splice_map import new_map
from netreach.cached.packed import Buffer, Packed
from netreach.cached.repack import PeopleChange, Unsupported, repack
from netreach.errors import BookInvalid


class Invalid(Exception):
    """The edit would make the book invalid: ``problems`` name the fields."""

    def __init__(self, problems: list[PathProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


M = TypeVar("M", Person, Company, Community)


def _entry(edit: TextEdit, section: str, entry_id: str, model: type[M]) -> M | None:
    """The validated new entry; None when it is not a block entry of its own."""
    text = edit.entry_text(section, entry_id)
    if text is None:
        return None
    try:
        raw = yamlread.parse(text.encode("utf-8"), edit.name)
    except BookInvalid as err:
        raise Invalid([PathProblem((section, entry_id), p.message)
                       for p in err.problems]) from None
    if list(raw) != [entry_id]:
        return None
    if not is_id(entry_id):
        raise Invalid([PathProblem((section, entry_id), "not a valid id")])
    try:
        return model.model_validate(raw[entry_id])
    except ValidationError as invalid:
        raise Invalid(_problems(section, entry_id, invalid)) from None


def _problems(section: str, entry_id: str | None, err: ValidationError) -> list[PathProblem]:
    where = (section,) if entry_id is None else (section, entry_id)
    return [PathProblem((*where, *_clean_loc(e["loc"])), _message(e))
            for e in err.errors(include_url=False, include_input=False)]


def _warm(section: str, entry: str | None, added: bool) -> bool:
    """Whether the warm path updates this change: a person's, me's, a company's (new or
    edited), a new community's."""
    if entry is None:
        return section == "me"
    return section in ("people", "companies") or (section == "communities" and added)


def _me(edit: TextEdit) -> Me | None:
    """The validated new me; None when the edit did not change it in place."""
    text = edit.top_text("me")
    if text is None:
        return None
    try:
        raw = yamlread.parse(text.encode("utf-8", "surrogatepass"), edit.name)
    except BookInvalid as err:
        raise Invalid([PathProblem(("me",), p.message) for p in err.problems]) from None
    if list(raw) != ["me"]:
        return None
    try:
        return Me.model_validate(raw["me"])
    except ValidationError as invalid:
        raise Invalid(_problems("me", None, invalid)) from None


def repacked(packed: Packed, edit: TextEdit) -> list[Buffer] | None:
    """The packed form of the edited book, or None when a full load is needed.

    Raises ``Invalid`` when the edit would make the book invalid.
    """
    added = set(edit.added)
    if any(section != "people" for section, _id in edit.removed) or any(
            not _warm(section, entry, (section, entry) in added)
            for section, entry in edit.changed):
        return None
    book_map = new_map(edit)
    if book_map is None:
        return None
    change = PeopleChange(removed={pid for _s, pid in edit.removed})
    change.added = [pid for section, pid in edit.added if section == "people"]
    for section, cid in edit.added:  # in the order they go into the book
        if section == "companies":
            company = _entry(edit, section, cid, Company)
            if company is None:
                return None
            change.companies[cid] = company
        elif section == "communities":
            community = _entry(edit, section, cid, Community)
            if community is None:
                return None
            change.communities[cid] = community
    for section, pid in edit.changed:
        if (section, pid) in edit.removed or ((section, pid) in added and section != "people"):
            continue
        if pid is None:  # me, checked by _warm
            me = _me(edit)
            if me is None:
                return None
            change.me = me
        elif section == "companies":
            company = _entry(edit, section, pid, Company)
            if company is None:
                return None
            change.company_edits[pid] = company
        else:
            person = _entry(edit, section, pid, Person)
            if person is None:
                return None
            change.changed[pid] = person
    # The repack makes short-lived lists of 50,000 names and rows of thousands of
    # tuples, none in a cycle: a full collection in the middle would scan all of them
    # (measured: 15 ms at 50,000 people) and free nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        payload, problems = repack(packed, change, book_map)
    except Unsupported:
        return None
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise Invalid(problems)
    return payload
