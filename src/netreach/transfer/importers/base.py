"""What every importer yields: neutral ``Contact`` records, whatever the source format.

The parsers know their file formats and nothing about the book; ``merge`` knows
the book and nothing about file formats. Text is cleaned here, once: control
characters go, one-line fields get their whitespace collapsed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass

from netreach.errors import ImportInvalid, Problem
from netreach.transfer.formats import ImportFormat

__all__ = ["Contact", "ImportFormat", "Parsed", "Skipped", "clean_all", "clean_block",
           "clean_line", "decode", "invalid"]


@dataclass(frozen=True)
class Contact:
    """One person as an address book or network export describes them."""

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    company: str | None = None
    title: str | None = None
    notes: str | None = None
    communities: tuple[str, ...] = ()  # group names: vCard CATEGORIES, Google labels
    connected_on: dt.date | None = None  # LinkedIn "Connected On"
    related: tuple[str, ...] = ()  # vCard RELATED: urn:uuid:..., mailto:..., or a name
    uid: str | None = None  # vCard UID, so RELATED can point at another card
    id_hint: str | None = None  # X-NETREACH-ID from netreach's own vCard export
    line: int = 0  # where the record starts in the file (1-based)


@dataclass(frozen=True)
class Skipped:
    """A record that was read but not imported, and why."""

    line: int
    name: str
    reason: str


@dataclass(frozen=True)
class Parsed:
    """What a parser read from one file."""

    contacts: tuple[Contact, ...]
    skipped: tuple[Skipped, ...] = ()


# C0 and C1 controls and DEL: never part of a name. Newline and tab survive in notes.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")


def clean_line(value: str | None) -> str | None:
    """A one-line field: controls removed, whitespace collapsed; ``None`` when empty."""
    if value is None:
        return None
    text = " ".join(_CONTROL_LINE.sub(" ", value).split())
    return text or None


def clean_block(value: str | None) -> str | None:
    """A multi-line field (notes): controls removed, line ends normalised."""
    if value is None:
        return None
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or None


def clean_all(values: list[str | None] | tuple[str | None, ...]) -> tuple[str, ...]:
    """Cleaned, non-empty, first occurrence kept (case-insensitively)."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = clean_line(value)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return tuple(out)


def decode(data: bytes, filename: str) -> str:
    """Bytes of an import file as text: UTF-8 (a BOM is fine) or UTF-16 with a BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise _bad_encoding(data, err, filename, "UTF-16") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _bad_encoding(data, err, filename, "UTF-8") from None


def _bad_encoding(data: bytes, err: UnicodeDecodeError, filename: str, enc: str) -> ImportInvalid:
    line = data.count(b"\n", 0, err.start) + 1
    column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
    byte = data[err.start : err.start + 1].hex()
    return ImportInvalid(
        filename,
        [Problem(f"not {enc} text (byte 0x{byte}); save the file as UTF-8 and try again",
                 line, column)],
    )


def invalid(filename: str, message: str, line: int | None = None) -> ImportInvalid:
    """An ``ImportInvalid`` with one problem."""
    return ImportInvalid(filename, [Problem(message, line)])
