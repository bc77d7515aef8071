"""Where the keys of an edited book start, without reading the new text again.

A warm edit writes the cache for the new bytes, the places of the book's keys
included (``BookMap``). They follow from the old places and the splices: the keys
after a splice move by the length it adds or removes (``bookmap.shifted``), the
keys of removed entries go, those of added entries are where they were written,
and the keys of a top-level item changed whole (``me``) are read from its new,
small text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netreach.book.bookmap import BookMap, EntryStarts, shifted

if TYPE_CHECKING:
    from netreach.book.splice import TextEdit


def new_map(edit: TextEdit) -> BookMap | None:
    """Where the keys of the edited text start (``dump``'s), or None when the edit
    made a section, or added entries to one it changed whole (then the new text is
    read again)."""
    whole = edit.changed_whole()
    if any(section not in edit.where.top or edit.adds_to(section) for section in whole):
        return None  # a section made, or entries added after one changed whole
    splices = edit.keyed_splices()
    plain_splices = [(s, e, t) for s, e, t, _k in splices]
    new = BookMap()
    new.flow = set(edit.where.flow)
    new.top = dict(zip(edit.where.top, shifted(list(edit.where.top.values()),
                                               plain_splices), strict=True))
    for section, entries in edit.where.entries.items():
        if section in whole:  # its keys are read again from its new text
            if not _read_again(edit, section, new, plain_splices):
                return None
            continue
        order = EntryStarts.of(entries)
        moved = shifted(order.starts, plain_splices)
        ids = list(order.ids)
        gone = [order.place(k) for s, k in edit.removed if s == section]
        for place in sorted((p for p in gone if p is not None), reverse=True):
            del ids[place], moved[place]
        new.entries[section] = EntryStarts(ids, moved)
    shift = 0
    for start, end, text, keys in splices:
        for name, at in keys:
            section, _, entry_id = name.partition("\0")
            grown = new.entries.setdefault(section, EntryStarts([], []))
            assert isinstance(grown, EntryStarts)
            grown.ids.append(entry_id)  # type: ignore[attr-defined]
            grown.starts.append(start + shift + at)  # type: ignore[attr-defined]
        shift += len(text) - (end - start)
    return new


def _read_again(edit: TextEdit, section: str, new: BookMap,
                splices: list[tuple[int, int, str]]) -> bool:
    """Put in ``new`` where the keys of a top-level item changed whole are, read
    from its new text (small: ``me``); False when it cannot be read."""
    from netreach.book.yamlread import parse
    from netreach.errors import BookInvalid

    unit_start, unit_end, unit_text = edit.whole_item(section)
    shift = sum(len(text) - (end - start) for start, end, text in splices
                if end <= unit_start and (start, end) != (unit_start, unit_end))
    sub = BookMap()
    try:
        parse(unit_text.encode("utf-8", "surrogatepass"), edit.name, sub)
    except BookInvalid:
        return False
    if list(sub.top) != [section]:
        return False
    new.flow.discard(section)
    new.flow.update(sub.flow)
    base = unit_start + shift
    new.top[section] = base + sub.top[section]
    if section in sub.entries:
        found = EntryStarts.of(sub.entries[section])
        new.entries[section] = EntryStarts(list(found.ids),
                                           [base + at for at in found.starts])
    return True
