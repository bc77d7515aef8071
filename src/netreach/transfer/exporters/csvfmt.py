"""CSV, one row per person, safe to open in a spreadsheet.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some, tab or carriage return) as a formula: a name like
``=HYPERLINK("http://evil.example","click")`` in someone's profile would become
a live link, or worse (CSV injection, OWASP). Every such cell is written with a
leading ``'``, which spreadsheets show as text and hide. The cost: a phone
number ``+49 30 ...`` reads ``'+49 30 ...`` to a plain CSV reader.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from netreach.book.network import Network

COLUMNS = (
    "id", "name", "company", "company_id", "title", "hiring", "email", "phone", "url",
    "communities", "direct", "closeness", "seen_my_work", "vouch", "last_contact", "knows",
    "notes",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# NUL and the other controls (tab, LF and CR aside) are not text in any spreadsheet.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutralise(value: Any) -> str:
    """A cell's text, with a leading ``'`` when a spreadsheet would run it as a formula."""
    text = _CONTROL.sub("", "" if value is None else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def export(network: Network, today: dt.date) -> bytes:
    """Every person as one CSV row (UTF-8, CRLF line ends as RFC 4180 asks)."""
    del today
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for pid, person in network.people.items():
        company = network.company_of(pid)
        row: list[Any] = [
            pid,
            person.name,
            company.name if company else None,
            company.id if company else None,
            person.title,
            "yes" if person.can_hire else "likely" if person.may_hire else "no",
            person.email,
            person.phone,
            person.url,
            "; ".join(network.communities[c].name for c in person.communities),
            "yes" if person.is_direct else "no",
            person.closeness,
            person.seen_my_work if person.is_direct else None,
            person.vouch if person.is_direct else None,
            person.last_contact.isoformat() if person.last_contact else None,
            "; ".join(sorted(network.ties.get(pid, {}))),
            person.notes,
        ]
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue().encode("utf-8")
