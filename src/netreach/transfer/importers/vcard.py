"""vCard 3.0 and 4.0 (RFC 2426, RFC 6350): address books from phones, Apple, Outlook.

vobject does the format: line folding, escaped commas and semicolons, structured
values (N, ORG), parameters, many cards per file. Read here: FN (or N), ORG
(the organisation, not its units), TITLE, EMAIL, TEL, URL, NOTE, CATEGORIES
(group names, imported as communities), RELATED (ties to other people, vCard
4.0), UID, and X-NETREACH-ID (the id netreach's own export wrote).
"""

from __future__ import annotations

import re
from typing import Any

from netreach.transfer.importers.base import (
    Contact,
    Parsed,
    Skipped,
    clean_all,
    clean_block,
    clean_line,
    invalid,
)

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)
_BEGIN_END = re.compile(r"^(BEGIN|END):", re.IGNORECASE | re.MULTILINE)
# A vCard 3.0 AGENT may hold another card; nothing real nests deeper. vobject
# reads nesting recursively, and 5,000 levels crashed it with a RecursionError.
MAX_NESTING = 8


def _too_deep(text: str) -> int | None:
    """The line where BEGIN: blocks nest deeper than ``MAX_NESTING``, if they do."""
    depth = 0
    for m in _BEGIN_END.finditer(text):
        depth += 1 if m.group(1).upper() == "BEGIN" else -1
        if depth > MAX_NESTING:
            return text.count("\n", 0, m.start()) + 1
    return None


def _values(card: Any, name: str) -> list[Any]:
    return [line.value for line in card.contents.get(name, [])]


def _text(value: Any) -> str | None:
    """A property value as text: structured values (lists) joined sensibly."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value if str(v).strip()) or None
    return str(value)


def _name(card: Any) -> str | None:
    for fn in _values(card, "fn"):
        if text := clean_line(_text(fn)):
            return text
    for n in _values(card, "n"):
        parts = [getattr(n, f, "") for f in ("prefix", "given", "additional", "family", "suffix")]
        if text := clean_line(" ".join(_text(p) or "" for p in parts)):
            return text
    return None


def _company(card: Any) -> str | None:
    for org in _values(card, "org"):
        first = org[0] if isinstance(org, list | tuple) and org else org
        if text := clean_line(_text(first)):
            return text
    return None


def _categories(card: Any) -> tuple[str, ...]:
    names: list[str | None] = []
    for value in _values(card, "categories"):
        names.extend(value if isinstance(value, list | tuple) else str(value).split(","))
    return clean_all(names)


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme):] if value.lower().startswith(scheme) else value


def _card(card: Any, line: int) -> Contact | Skipped:
    name = _name(card)
    emails = clean_all([_strip_scheme(_text(v) or "", "mailto:") for v in _values(card, "email")])
    if not name:
        name = emails[0] if emails else None
    if not name:
        return Skipped(line, "", "no name (neither FN nor N nor EMAIL)")
    notes = [clean_block(_text(v)) for v in _values(card, "note")]
    hint = clean_line(_text(next(iter(_values(card, "x-netreach-id")), None)))
    return Contact(
        name=name,
        emails=emails,
        phones=clean_all([_strip_scheme(_text(v) or "", "tel:") for v in _values(card, "tel")]),
        urls=clean_all([_text(v) for v in _values(card, "url")]),
        company=_company(card),
        title=next((t for v in _values(card, "title") if (t := clean_line(_text(v)))), None),
        notes="\n\n".join(n for n in notes if n) or None,
        communities=_categories(card),
        related=clean_all([_text(v) for v in _values(card, "related")]),
        uid=clean_line(_text(next(iter(_values(card, "uid")), None))),
        id_hint=hint,
        line=line,
    )


def _locate(text: str, message: str, card_start: int) -> tuple[int, str]:
    """The line a vobject error is about, and a short message.

    vobject's own line numbers drift (it counts line ends twice), so the bad
    line is looked up by its text, from the start of the card being read.
    """
    prefix = "Failed to parse line: "
    if not message.startswith(prefix):
        return card_start, message
    bad = message[len(prefix):].strip()
    lines = text.splitlines()
    probe = bad[:40]
    for number in range(max(card_start, 1), len(lines) + 1):
        if probe and probe in lines[number - 1]:
            break
    else:
        number = card_start
    shown = bad if len(bad) <= 60 else bad[:57] + "..."
    return number, f"cannot read line {shown!r} (a vCard line is NAME:VALUE)"


def parse(text: str, filename: str) -> Parsed:
    """Read every vCard in ``text``; ``ImportInvalid`` names the line of a broken one."""
    import vobject
    from vobject.base import VObjectError

    if (deep := _too_deep(text)) is not None:
        raise invalid(filename, f"vCards nested more than {MAX_NESTING} deep", deep)
    # vobject counts lines from the start of the file; remember where each card begins.
    starts = [text.count("\n", 0, m.start()) + 1 for m in _BEGIN.finditer(text)]
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    seen = 0
    try:
        for component in vobject.readComponents(text, validate=False):
            if component.name.upper() != "VCARD":
                continue
            line = starts[seen] if seen < len(starts) else 0
            seen += 1
            result = _card(component, line)
            if isinstance(result, Contact):
                contacts.append(result)
            else:
                skipped.append(result)
    except VObjectError as err:
        start = starts[seen] if seen < len(starts) else 1
        message = str(getattr(err, "msg", err)) or "not a valid vCard"
        number, message = _locate(text, message, start)
        raise invalid(filename, f"not a valid vCard: {message}", number) from None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError) as err:
        # vobject raises plain Python errors for some malformed values (a bad
        # base64 photo, say); the card being read is the one to look at.
        at = starts[seen] if seen < len(starts) else None
        raise invalid(filename, f"not a valid vCard: {err}", at) from None
    if not contacts and not skipped:
        raise invalid(filename, "no vCard found (a vCard file has BEGIN:VCARD ... END:VCARD)")
    return Parsed(tuple(contacts), tuple(skipped))
