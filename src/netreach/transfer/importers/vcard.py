"""vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350): address books from phones, Apple, Outlook.

Read here: FN (or N), ORG (the organisation, not its units), TITLE, EMAIL,
TEL, URL, NOTE, CATEGORIES (group names, imported as communities), RELATED
(ties to other people, vCard 4.0), UID, and X-NETREACH-ID (the id netreach's
own export wrote).

The file is read in one pass, line by line, and each card is parsed on its own
(unfolding, escapes, structured values, quoted-printable), so the cost grows
with the file, never faster. Binary properties (PHOTO, LOGO, SOUND, KEY, or
anything base64-encoded) are stepped over without being decoded or even
copied. A property longer than the book's longest value skips its card, with
its line number, and the rest of the file imports.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from netreach.book.yamlread import MAX_SCALAR_CHARS
from netreach.transfer.importers.base import (
    Contact,
    Parsed,
    Skipped,
    clean_all,
    clean_block,
    clean_line,
    invalid,
)

# A vCard 3.0 AGENT may hold another card; nothing real nests deeper.
MAX_NESTING = 8
# Properties whose values are pictures, sounds or keys: never text we keep.
BINARY = frozenset({"photo", "logo", "sound", "key"})
# How much of a line to look at for its name and parameters: a 50 MB PHOTO on
# one line is judged by its first characters, never copied.
HEAD = 512
# The longest field a card may carry: what the book itself would accept.
MAX_FIELD = MAX_SCALAR_CHARS
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")
_BASE64 = re.compile(r";\s*(?:ENCODING\s*=\s*\"?(?:b|base64)\"?|BASE64)\s*[;:]", re.IGNORECASE)
_QP = re.compile(r"ENCODING\s*=\s*\"?QUOTED-PRINTABLE", re.IGNORECASE)
_CHARSET = re.compile(r"CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(.)")
_UNESCAPE = {"n": "\n", "N": "\n"}


@dataclass
class _Card:
    """The text lines of one card, with the file line each logical line starts on."""

    start: int
    lines: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, parts)
    oversized: tuple[int, str] | None = None  # (line, property name)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPE.get(m.group(1), m.group(1)), text)


def _split(text: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not escaped by a backslash."""
    if "\\" not in text:
        return text.split(sep)
    parts, current, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if c == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current))
    return parts


def _split_head(line: str) -> tuple[str, str, str] | None:
    """``NAME;params:value`` -> (name, params, value); a colon inside quotes is not the end."""
    colon = line.find(":")
    if colon >= 0 and '"' not in line[:colon]:
        return _named(line[:colon], line[colon + 1:])
    quoted = False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif c == ":" and not quoted:
            return _named(line[:i], line[i + 1:])
    return None


def _named(head: str, value: str) -> tuple[str, str, str] | None:
    m = _NAME.match(head)
    if m is None or m.end() != len(head.split(";", 1)[0]):
        return None
    return m.group(1).casefold(), head[m.end():], value


def _prop_name(line: str) -> str:
    m = _NAME.match(line)
    return m.group(1).upper() if m else "a field"


def _lines(text: str, filename: str) -> Iterator[_Card]:
    """Each card of ``text``, in order, with binary properties left out."""
    n = len(text)
    pos = 0
    number = 0
    card: _Card | None = None
    depth = 0
    skipping = False  # inside a binary property's continuation lines
    qp_open = False  # a quoted-printable value whose line ended with "="
    length = 0  # characters of the current property so far
    while pos < n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        number += 1
        start, pos = pos, end + 1
        if card is None:
            if text[start:min(end, start + HEAD)].strip().upper() == "BEGIN:VCARD":
                card, depth, skipping, qp_open, length = _Card(number), 1, False, False, 0
                card.lines.append((number, ["BEGIN:VCARD"]))
            continue
        first = text[start] if start < end else ""
        if (first in (" ", "\t") and card.lines) or qp_open:  # a folded line goes on
            if skipping or card.oversized:
                continue
            length += end - start
            if length > MAX_FIELD:
                card.oversized = (card.lines[-1][0], _prop_name(card.lines[-1][1][0]))
                continue
            piece = text[start:end].rstrip("\r")
            card.lines[-1][1].append(piece if qp_open else piece[1:])
            qp_open = qp_open and piece.endswith("=")
            continue
        skipping = False
        head = text[start:min(end, start + HEAD)]
        upper = head[:6].upper()
        if upper.startswith("BEGIN:"):
            depth += 1
            if depth > MAX_NESTING:
                raise invalid(filename, f"vCards nested more than {MAX_NESTING} deep", number)
        elif upper.startswith("END:"):
            depth -= 1
            if depth == 0:
                card.lines.append((number, ["END:VCARD"]))
                yield card
                card = None
                continue
        else:
            if card.oversized:
                continue
            m = _NAME.match(head)
            name = m.group(1).casefold() if m else ""
            if name in BINARY or _BASE64.search(head.split(":", 1)[0] + ":"):
                skipping = True
                continue
            if not head.strip("\r"):
                continue
            length = end - start
            if length > MAX_FIELD:
                card.oversized = (number, _prop_name(head))
                continue
        piece = text[start:end].rstrip("\r")
        card.lines.append((number, [piece]))
        qp_open = bool(_QP.search(piece.split(":", 1)[0])) and piece.endswith("=")
    if card is not None:
        raise invalid(filename, "not a valid vCard: the card is not closed (no END:VCARD)",
                      card.start)


@dataclass
class _Props:
    """A card's text properties: name -> values, each value as its raw text."""

    values: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (params, raw)

    def raw(self, name: str) -> list[tuple[str, str]]:
        return self.values.get(name, [])

    def texts(self, name: str) -> list[str]:
        return [_decode(params, raw) for params, raw in self.raw(name)]


def _decode(params: str, raw: str) -> str:
    """A raw value as text: quoted-printable decoded (vCard 2.1), escapes kept for _split."""
    if not _QP.search(params):
        return raw
    data = quopri.decodestring(raw.replace("=\r\n", "").encode("utf-8", "replace"))
    m = _CHARSET.search(params)
    try:
        return data.decode(m.group(1) if m else "utf-8", "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _props(card: _Card, filename: str) -> _Props:
    props = _Props()
    depth = 0
    for number, parts in card.lines:
        line = "".join(parts) if len(parts) == 1 or not _QP.search(parts[0].split(":", 1)[0]) \
            else "\r\n".join(parts)
        upper = line[:6].upper()
        if upper.startswith("BEGIN:"):
            depth += 1
            continue
        if upper.startswith("END:"):
            depth -= 1
            continue
        if depth > 1:  # a card inside an AGENT: not this person
            continue
        split = _split_head(line)
        if split is None:
            shown = line if len(line) <= 60 else line[:57] + "..."
            raise invalid(filename, f"not a valid vCard: cannot read line {shown!r} (a vCard "
                          "line is NAME:VALUE)", number)
        name, params, value = split
        props.values.setdefault(name, []).append((params, value))
    return props


def _strip_scheme(value: str, scheme: str) -> str:
    return value[len(scheme):] if value.lower().startswith(scheme) else value


def _name(props: _Props) -> str | None:
    for fn in props.texts("fn"):
        if text := clean_line(_unescape(fn)):
            return text
    for n in props.texts("n"):
        parts = [_unescape(p) for p in _split(n, ";")] + [""] * 5
        family, given, additional, prefix, suffix = parts[:5]
        if text := clean_line(" ".join((prefix, given, additional, family, suffix))):
            return text
    return None


def _card(card: _Card, filename: str) -> Contact | Skipped:
    props = _props(card, filename)
    name = _name(props)
    if card.oversized is not None:
        line, prop = card.oversized
        return Skipped(line, name or "", f"{prop} is longer than {MAX_FIELD:,} characters; "
                       "card not imported")
    emails = clean_all([_strip_scheme(_unescape(v), "mailto:") for v in props.texts("email")])
    if not name:
        name = emails[0] if emails else None
    if not name:
        return Skipped(card.start, "", "no name (neither FN nor N nor EMAIL)")
    company = next((c for v in props.texts("org")
                    if (c := clean_line(_unescape(_split(v, ";")[0])))), None)
    categories = [_unescape(c) for v in props.texts("categories") for c in _split(v, ",")]
    notes = [clean_block(_unescape(v)) for v in props.texts("note")]

    def first(prop: str) -> str | None:
        return next((t for v in props.texts(prop) if (t := clean_line(_unescape(v)))), None)

    return Contact(
        name=name,
        emails=emails,
        phones=clean_all([_strip_scheme(_unescape(v), "tel:") for v in props.texts("tel")]),
        urls=clean_all([_unescape(v) for v in props.texts("url")]),
        company=company,
        title=first("title"),
        notes="\n\n".join(n for n in notes if n) or None,
        communities=clean_all(categories),
        related=clean_all([_unescape(v) for v in props.texts("related")]),
        uid=first("uid"),
        id_hint=first("x-netreach-id"),
        line=card.start,
    )


def parse(text: str, filename: str) -> Parsed:
    """Read every vCard in ``text``; ``ImportInvalid`` names the line of a broken one."""
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    for card in _lines(text, filename):
        result = _card(card, filename)
        if isinstance(result, Contact):
            contacts.append(result)
        else:
            skipped.append(result)
    if not contacts and not skipped:
        raise invalid(filename, "no vCard found (a vCard file has BEGIN:VCARD ... END:VCARD)")
    return Parsed(tuple(contacts), tuple(skipped))
