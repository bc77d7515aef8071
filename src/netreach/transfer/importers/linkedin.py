"""LinkedIn's ``Connections.csv`` (Settings > Data privacy > Get a copy of your data).

The export starts with a ``Notes:`` preamble whose length changed between
export versions (none at all in older ones), so the header row is found by its
columns, never by a fixed offset. Older exports have no ``URL`` column; emails
are mostly empty (members choose whether to share them); ``Connected On`` reads
``15 Mar 2024``. The csv module handles CRLF, quoted commas, doubled quotes and
quoted line breaks.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools

from netreach.transfer.importers.base import (
    Contact,
    Parsed,
    Skipped,
    clean_all,
    clean_line,
    csv_rows,
    invalid,
    too_long,
)

# Columns that identify the header row; the others are optional.
REQUIRED = ("first name", "last name")
ANY_OF = ("company", "position", "connected on", "email address")
# The preamble is a few lines; a header further down than this is not LinkedIn's.
MAX_HEADER_ROW = 50
# "15 Mar 2024" since 2019; older exports wrote "3/15/24" or "15-Mar-24".
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%m/%d/%y", "%m/%d/%Y", "%d-%b-%y", "%Y-%m-%d")
COLUMNS = {
    "first": ("first name",),
    "last": ("last name",),
    "url": ("url", "profile url"),
    "email": ("email address", "email"),
    "company": ("company",),
    "position": ("position", "title"),
    "connected": ("connected on",),
}


def parse_date(text: str | None) -> dt.date | None:
    """A ``Connected On`` date in any layout LinkedIn has used, or ``None``."""
    if not text or not text.strip():
        return None
    return _parse_date(text)


@functools.lru_cache(maxsize=1 << 14)
def _parse_date(text: str) -> dt.date | None:
    # strptime costs ~0.1 ms; an export has a few thousand distinct dates at most.
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _header(row: list[str]) -> dict[str, int] | None:
    cells = [c.strip().strip("\ufeff").casefold() for c in row]
    if not all(c in cells for c in REQUIRED) or not any(c in cells for c in ANY_OF):
        return None
    columns: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for name in names:
            if name in cells:
                columns[key] = cells.index(name)
                break
    return columns


def _record(row: list[str], columns: dict[str, int], line: int) -> Contact | Skipped:
    def get(key: str) -> str | None:
        i = columns.get(key)
        return row[i] if i is not None and i < len(row) else None

    first, last = clean_line(get("first")), clean_line(get("last"))
    name = " ".join(p for p in (first, last) if p)
    if not name:
        return Skipped(line, "", "no name (LinkedIn hides some members)")
    return Contact(
        name=name,
        emails=clean_all([get("email")]),
        urls=clean_all([get("url")]),
        company=clean_line(get("company")),
        title=clean_line(get("position")),
        connected_on=parse_date(get("connected")),
        line=line,
    )


def parse(text: str, filename: str) -> Parsed:
    """Read a LinkedIn Connections.csv; ``ImportInvalid`` when it is not one."""
    columns: dict[str, int] | None = None
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    end = 0
    try:
        for start, end, row in csv_rows(text):
            if columns is None:
                columns = _header(row)
                if columns is None and end > MAX_HEADER_ROW:
                    break
                continue
            if not "".join(row).strip():
                continue
            long = too_long(start, row)
            record = long if long is not None else _record(row, columns, start)
            if isinstance(record, Contact):
                contacts.append(record)
            else:
                skipped.append(record)
    except csv.Error as err:
        raise invalid(filename, f"not readable as CSV: {err}", end + 1) from None
    if columns is None:
        raise invalid(
            filename,
            "no LinkedIn header row (First Name, Last Name, URL, Email Address, Company, "
            "Position, Connected On) found; is this Connections.csv from LinkedIn's data "
            "export?",
            1,
        )
    return Parsed(tuple(contacts), tuple(skipped))
