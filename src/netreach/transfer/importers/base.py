"""What every importer yields: neutral ``Contact`` records, whatever the source format.

The parsers know their file formats and nothing about the book; ``merge`` knows
the book and nothing about file formats. Text is cleaned here, once: control
characters go, one-line fields get their whitespace collapsed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from netreach.book.yamlread import MAX_SCALAR_CHARS
from netreach.errors import ImportInvalid, Problem
from netreach.transfer.formats import ImportFormat

__all__ = ["MAX_FIELD", "Contact", "ImportFormat", "Parsed", "Skipped", "clean_all",
           "clean_block", "clean_line", "csv_rows", "decode", "invalid", "too_long"]

# The longest field an import takes: what the book itself accepts in one value. A
# longer one skips its record (with its line), and the rest of the file imports.
MAX_FIELD = MAX_SCALAR_CHARS


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
    source: ImportFormat | None = None  # the format it was read as


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


def clean_all(values: Sequence[str | None]) -> tuple[str, ...]:
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


def csv_rows(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each CSV record, read one at a time.

    The csv module's own field limit (128 KiB) would end the whole import at one
    long cell; it is lifted while reading (the file is already capped in size)
    and ``too_long`` skips just that record instead.
    """
    from netreach.book.storage import MAX_INPUT_BYTES

    old = csv.field_size_limit(MAX_INPUT_BYTES)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        end = 0
        for row in reader:
            start, end = end + 1, reader.line_num
            yield start, end, row
    finally:
        csv.field_size_limit(old)


def too_long(line: int, cells: list[str], name: str = "") -> Skipped | None:
    """A ``Skipped`` when a cell is longer than ``MAX_FIELD``, else ``None``."""
    if cells and max(map(len, cells)) > MAX_FIELD:
        return Skipped(line, name[:80], f"a field is longer than {MAX_FIELD:,} characters; "
                       "record not imported")
    return None
