"""Google Contacts CSV (contacts.google.com > Export > Google CSV).

Repeated fields come in numbered columns (``E-mail 1 - Value``, ``E-mail 2 -
Value``, ``Organization 1 - Name``...), matched here by pattern so any number of
them works, and one cell may hold several values joined by `` ::: ``. Both
layouts are read: the current one (``First Name``, ``Organization Name``,
``Labels``) and the older one (``Name``, ``Given Name``, ``Organization 1 -
Name``, ``Group Membership``). Labels become communities; Google's system labels
(``* myContacts``, ``* starred``...) and its automatic ``Imported on ...``
labels are dropped.
"""

from __future__ import annotations

import csv
import re

from netreach.transfer.importers.base import (
    Contact,
    Parsed,
    Skipped,
    clean_all,
    clean_block,
    clean_line,
    csv_rows,
    invalid,
    too_long,
)

MULTI = " ::: "
_EMAIL = re.compile(r"^e-?mail \d+ - value$")
_PHONE = re.compile(r"^phone \d+ - value$")
_WEBSITE = re.compile(r"^website \d+ - value$")
_ORG_NAME = re.compile(r"^organi[sz]ation(?: \d+ -)? name$")
_ORG_TITLE = re.compile(r"^organi[sz]ation(?: \d+ -)? title$")
_LABELS = ("labels", "group membership")
# The name as people say it: prefixes (Dr.) and suffixes (Jr.) stay out of it.
_NAME_PARTS = (
    ("first name", "middle name", "last name"),
    ("given name", "additional name", "family name"),
)
# Labels Google adds by itself: not groups the person made.
_SYSTEM_LABEL = re.compile(r"^(\*|imported on\b)", re.IGNORECASE)


def _split(cell: str | None) -> list[str | None]:
    return list(cell.split(MULTI)) if cell else []


class _Columns:
    """Where each field sits, worked out once from the header (a row is then O(its fields),
    however many columns the file has)."""

    def __init__(self, header: list[str]) -> None:
        self.index: dict[str, int] = {}
        for i, column in enumerate(header):
            self.index.setdefault(column, i)
        self.groups = {
            pattern: [i for i, c in enumerate(header) if pattern.match(c)]
            for pattern in (_EMAIL, _PHONE, _WEBSITE, _ORG_NAME, _ORG_TITLE)
        }


class _Row:
    def __init__(self, columns: _Columns, row: list[str]) -> None:
        self.columns = columns
        self.row = row

    def get(self, name: str) -> str | None:
        i = self.columns.index.get(name)
        return self.row[i] if i is not None and i < len(self.row) else None

    def matching(self, pattern: re.Pattern[str]) -> list[str | None]:
        """Every value of every numbered column that matches, ``:::`` split."""
        values: list[str | None] = []
        row = self.row
        for i in self.columns.groups[pattern]:
            if i < len(row):
                values.extend(_split(row[i]))
        return values


def _name(row: _Row) -> str | None:
    if name := clean_line(row.get("name")):
        return name
    for parts in _NAME_PARTS:
        if name := clean_line(" ".join(row.get(p) or "" for p in parts)):
            return name
    for fallback in ("file as", "nickname"):
        if name := clean_line(row.get(fallback)):
            return name
    return None


def _is_header(cells: list[str]) -> bool:
    named = "name" in cells or "first name" in cells or "given name" in cells
    return named and any(_EMAIL.match(c) or _ORG_NAME.match(c) or c in _LABELS for c in cells)


def parse(text: str, filename: str) -> Parsed:
    """Read a Google Contacts CSV; ``ImportInvalid`` when it is not one."""
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    header: list[str] | None = None
    columns: _Columns | None = None
    end = 0
    try:
        for start, end, raw in csv_rows(text):  # noqa: B007 (end: for the error)
            if header is None:
                cells = [c.strip().strip("\ufeff").casefold() for c in raw]
                if not _is_header(cells):
                    raise invalid(
                        filename,
                        "not a Google Contacts CSV: the first row should name columns like "
                        "'First Name', 'E-mail 1 - Value', 'Labels'",
                        start,
                    )
                header = cells
                columns = _Columns(cells)
                continue
            if not "".join(raw).strip():
                continue
            if (long := too_long(start, raw)) is not None:
                skipped.append(long)
                continue
            assert columns is not None
            row = _Row(columns, raw)
            emails = clean_all(row.matching(_EMAIL))
            name = _name(row) or (emails[0] if emails else None)
            if not name:
                skipped.append(Skipped(start, "", "no name and no email"))
                continue
            companies = clean_all(row.matching(_ORG_NAME))
            titles = clean_all(row.matching(_ORG_TITLE))
            labels = [
                label for label in clean_all([v for c in _LABELS for v in _split(row.get(c))])
                if not _SYSTEM_LABEL.match(label)
            ]
            contacts.append(
                Contact(
                    name=name,
                    emails=emails,
                    phones=clean_all(row.matching(_PHONE)),
                    urls=clean_all(row.matching(_WEBSITE)),
                    company=companies[0] if companies else None,
                    title=titles[0] if titles else None,
                    notes=clean_block(row.get("notes")),
                    communities=tuple(labels),
                    line=start,
                )
            )
    except csv.Error as err:
        raise invalid(filename, f"not readable as CSV: {err}", end + 1) from None
    if header is None:
        raise invalid(filename, "empty file: no Google Contacts header row")
    return Parsed(tuple(contacts), tuple(skipped))
