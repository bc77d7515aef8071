"""Which ``netreach log`` entries mark a step of a plan done.

Plans are not stored: they are recomputed from the book each time, and the
book's log (``people.<id>.log``, written by ``netreach log``) is the record of
what happened. The rule, stated once here and shown in every plan:

* Only entries from the last ``TRACKING_WINDOW_DAYS`` days up to today count.
* A step that asks for an introduction or a referral is done by an entry in the
  log of the person asked that names the person the step leads to (id, full
  name or first name) or says intro..., introduc..., referr... or refer.
* A step that asks for advice is done by any entry in that person's log: you
  talked.
* A step is also done when a later step of the same chain is done (you got
  further, so this one happened); it then shows the later step's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from netreach.book.model import LogEntry
from netreach.book.resolved import fold
from netreach.outreach import plan_rules

RULE = (
    f"A step is done when `netreach log` recorded it in the last "
    f"{plan_rules.TRACKING_WINDOW_DAYS} days: for an introduction or referral, an entry "
    "on the person you asked that names the person it leads to (id, name or first name) "
    "or says intro, introduce or referral; for advice, any entry on the person you talked "
    "to. A later step done marks the earlier ones done too."
)


@dataclass(frozen=True)
class Done:
    """The log entry that marks a step done."""

    date: dt.date
    note: str
    person: str  # whose log holds the entry
    implied: bool = False  # marked by a later step of the chain


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")


def names(person_id: str, name: str) -> tuple[re.Pattern[str], ...]:
    """The ways a note may name a person: id, full name, first name (folded, whole words)."""
    folded = fold(name)
    patterns = [_word(person_id)]
    if folded:
        patterns.append(_word(folded))
        first = folded.split()[0]
        if len(first) >= 3 and first != folded:
            patterns.append(_word(first))
    return tuple(patterns)


def in_window(entry: LogEntry, today: dt.date) -> bool:
    """Whether an entry is recent enough to count for the plan made on ``today``."""
    # Clamped at the start of the calendar (0001-01-01) rather than overflowing.
    window = min(plan_rules.TRACKING_WINDOW_DAYS, today.toordinal() - 1)
    oldest = today - dt.timedelta(days=window)
    return oldest <= entry.date <= today


def find_done(
    person_id: str,
    log: Sequence[LogEntry],
    *,
    leads_to: tuple[str, str] | None,
    any_entry: bool,
    today: dt.date,
) -> Done | None:
    """The earliest entry in ``log`` that marks a step done (see the module's rule).

    ``leads_to`` is the (id, name) of the person the step asks to be introduced
    or referred to; ``any_entry`` is true for an advice step.
    """
    patterns = names(*leads_to) if leads_to else ()
    for entry in sorted(log, key=lambda e: e.date):  # stable: same-day entries keep order
        if not in_window(entry, today):
            continue
        note = fold(entry.note)
        if any_entry or plan_rules.ASK_WORDS.search(note) or any(
            p.search(note) for p in patterns
        ):
            return Done(entry.date, entry.note, person_id)
    return None
