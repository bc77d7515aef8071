"""Where a plan's steps stand, read from structured outreach in the book's log.

Plans are not stored: they are recomputed from the book each time, and the log
is the record of what happened. ``netreach ask`` and ``netreach outcome`` write
log entries with ``outcome``, ``for`` (company id) and ``to`` (person id)
(SPEC §2). The rule, stated once here and shown in every plan:

* Only entries from the last ``TRACKING_WINDOW_DAYS`` days up to today count.
* A step (ask PERSON, for COMPANY, to TARGET) reads only entries in PERSON's log
  whose ``for`` is COMPANY and whose ``to`` is TARGET (for an advice step, which
  leads to nobody: no ``to``, or PERSON). Nothing else touches it: an entry for
  another company, or about another target, never changes this step.
* ``asked`` starts the step; its follow-up is due ``FOLLOW_UP_BUSINESS_DAYS``
  working days after the (latest) ask, so an unanswered ask becomes overdue.
* ``introduced``, ``referred``, ``met``, ``applied``, ``interview`` or ``offer``
  marks it done (the earliest one).
* ``declined`` or ``no-reply`` (not followed by a success) fails it: the plan
  drops every chain through that person for that company and takes the
  next-best chain that avoids them.
* A step is also done when a later step of the same chain is started or done.
* A free-text note (no outcome) that names the step's target (an intro or
  referral) or the company (an advice step) only *looks* done: the plan says so
  and shows the command that would record it; it is never ticked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netreach.book.model import LogEntry, Outcome
from netreach.book.resolved import fold
from netreach.outreach import plan_rules
from netreach.outreach.plan_rules import Ask

RULE = (
    "A step is done only when `netreach outcome` recorded it, in the last "
    f"{plan_rules.TRACKING_WINDOW_DAYS} days, on the person you asked, for this company and "
    "the target it leads to (--to): introduced, referred, met, applied, interview or offer. "
    "`netreach ask` records the ask; the follow-up is due "
    f"{plan_rules.FOLLOW_UP_BUSINESS_DAYS} working days later. Declined or no-reply drops "
    "the chains through that person. A later step started or done marks the earlier ones "
    "done. A free-text note is never ticked: at most it looks done."
)

SUCCESS = frozenset({Outcome.INTRODUCED, Outcome.REFERRED, Outcome.MET, Outcome.APPLIED,
                     Outcome.INTERVIEW, Outcome.OFFER})
"""Outcomes that mark a step done: the person did what was asked, or more."""

FAILURE = frozenset({Outcome.DECLINED, Outcome.NO_REPLY})
"""Outcomes that end a chain through that person."""

SUCCESS_FOR = {Ask.INTRODUCTION: Outcome.INTRODUCED, Ask.REFERRAL: Outcome.REFERRED,
               Ask.ADVICE: Outcome.MET}
"""The outcome that records a step's ask as answered, for the command a plan suggests."""


@dataclass(frozen=True)
class Done:
    """What marks a step done: an outcome in the log, or a later step of the chain."""

    date: dt.date
    note: str
    person: str  # whose log holds the entry
    implied: bool = False  # marked by a later step of the chain
    outcome: Outcome | None = None
    latest: tuple[Outcome, dt.date] | None = None  # a later success (interview, offer, ...)


@dataclass(frozen=True)
class Asked:
    """The recorded ask that started a step."""

    date: dt.date
    note: str


@dataclass(frozen=True)
class Failed:
    """A ``declined`` or ``no-reply`` that ended the chains through a person."""

    person: str
    outcome: Outcome
    date: dt.date
    note: str


@dataclass(frozen=True)
class LooksDone:
    """A free-text note that reads like progress; confirm it with ``command``."""

    date: dt.date
    note: str
    command: str


@dataclass(frozen=True)
class Progress:
    """Where one step stands."""

    done: Done | None = None
    asked: Asked | None = None
    looks_done: LooksDone | None = None


def in_window(entry: LogEntry, today: dt.date) -> bool:
    """Whether an entry is recent enough to count for the plan made on ``today``."""
    # Clamped at the start of the calendar (0001-01-01) rather than overflowing.
    window = min(plan_rules.TRACKING_WINDOW_DAYS, today.toordinal() - 1)
    oldest = today - dt.timedelta(days=window)
    return oldest <= entry.date <= today


def _about(entry: LogEntry, company: str, person: str, leads_to: str | None) -> bool:
    """Whether a structured entry is about this step: this company and, for a step that
    leads to someone, that target (an advice step: no ``to``, or the person themselves)."""
    if entry.for_ != company:
        return False
    return entry.to == leads_to if leads_to else entry.to in (None, person)


def _ordered(log: Sequence[LogEntry], today: dt.date) -> list[LogEntry]:
    # sorted() is stable: same-day entries keep the order they were written in
    return sorted((e for e in log if in_window(e, today)), key=lambda e: e.date)


def record_command(person: str, company: str, leads_to: str | None, word: str) -> str:
    """``netreach outcome mira-schulz introduced --for nordlicht --to tobias-lang``, or the
    ``ask`` command when ``word`` is ``ask``."""
    verb = "ask" if word == "ask" else f"outcome {person} {word}"
    head = f"netreach ask {person}" if word == "ask" else f"netreach {verb}"
    return head + f" --for {company}" + (f" --to {leads_to}" if leads_to else "")


def _names(person_id: str, name: str) -> tuple[re.Pattern[str], ...]:
    """The ways a note may name a person: id, full name, first name (folded, whole words)."""
    folded = fold(name)
    patterns = [_word(person_id)]
    if folded:
        patterns.append(_word(folded))
        first = folded.split()[0]
        if len(first) >= 3 and first != folded:
            patterns.append(_word(first))
    return tuple(patterns)


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")


def progress(
    person: str,
    log: Sequence[LogEntry],
    *,
    company: str,
    company_names: Iterable[str],
    ask: Ask,
    leads_to: tuple[str, str] | None,
    today: dt.date,
) -> Progress:
    """Where the step "ask ``person`` for ``ask`` (to ``leads_to``: id, name) for
    ``company``" stands, from ``person``'s log only (see the module's rule)."""
    target = leads_to[0] if leads_to else None
    entries = _ordered(log, today)
    wins = [e for e in entries if e.outcome in SUCCESS and _about(e, company, person, target)]
    done = None
    if wins:
        first, last = wins[0], wins[-1]
        done = Done(first.date, first.note or "", person, outcome=first.outcome,
                    latest=(last.outcome, last.date)
                    if last is not first and last.outcome is not None else None)
    asks = [e for e in entries if e.outcome is Outcome.ASKED and _about(e, company, person, target)]
    asked = Asked(asks[-1].date, asks[-1].note or "") if asks else None
    if done is not None:
        return Progress(done=done, asked=asked)
    patterns = (_names(*leads_to) if leads_to
                else tuple(_word(fold(n)) for n in company_names if fold(n)))
    since = asked.date if asked else dt.date.min  # a note before the ask is old news
    hint = next((e for e in reversed(entries)
                 if e.outcome is None and e.note and e.date >= since and any(p.search(fold(e.note))
                                                         for p in patterns)), None)
    looks = None if hint is None else LooksDone(
        hint.date, hint.note or "",
        record_command(person, company, target, SUCCESS_FOR[ask].value))
    return Progress(asked=asked, looks_done=looks)


def failures(people: Iterable[tuple[str, Sequence[LogEntry]]], company: str,
             today: dt.date) -> dict[str, Failed]:
    """The people whose log holds, for ``company``, a ``declined`` or ``no-reply`` that no
    later success answered: the plan avoids them (whatever the entry's ``to``)."""
    failed: dict[str, Failed] = {}
    for pid, log in people:
        last: Failed | None = None
        for e in _ordered(log, today):
            if e.for_ != company:
                continue
            if e.outcome in FAILURE:
                assert e.outcome is not None
                last = Failed(pid, e.outcome, e.date, e.note or "")
            elif e.outcome in SUCCESS:
                last = None
        if last is not None:
            failed[pid] = last
    return failed
