"""Structured outreach: ``ask`` records an ask, ``outcome`` records what came of it (SPEC §2).

Both append one log entry ``{date, outcome, for, to, note}`` to the person asked and
move their ``last_contact`` forward; plans, ``next`` and ``status`` read them back.
"""

import datetime as dt
from typing import Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    PersonArg,
    TodayOption,
    complete_ids,
    load,
    say,
    today_from,
)

ForOption = Annotated[str, typer.Option(
    "--for", help="The company the ask is about (id, name or alias).",
    autocompletion=complete_ids("companies"), show_default=False)]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="The person the ask leads to (the target of an introduction or referral).",
    autocompletion=complete_ids("people"), show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", help="When it happened, an ISO date (default: today). Never in the future.",
    show_default=False)]
NoteArg = Annotated[str | None, typer.Argument(help="A note, in your words (optional).",
                                               show_default=False)]


def _when(date: str | None, today: dt.date) -> dt.date:
    """The entry's date: ``--date`` or today; a date after today is refused."""
    from netreach.cli.book_options import parse_date
    from netreach.errors import UsageError

    when = parse_date(date, "--date")
    if when is None:
        return today
    if when > today:
        raise UsageError(f"--date {when.isoformat()} is after today ({today.isoformat()}): "
                         "record what happened on the day it happened")
    return when


def _record(book: BookOption, person: str, outcome: str, company: str, to: str | None,
            when: dt.date, note: str | None) -> tuple[str, str, str | None, bool]:
    """Resolve the ids, append the entry; (person id, company id, target id, written)."""
    from netreach.book import editing
    from netreach.book.lookup import find_company_id, find_person
    from netreach.cached import bookfile
    from netreach.errors import UsageError

    if note is not None and not note.strip():
        raise UsageError("the note must not be empty (leave it out instead)")
    opened = load(book, write=True)
    network = opened.network
    pid = find_person(network, person)
    cid = find_company_id(network, company)
    tid = find_person(network, to) if to is not None else None
    written = bookfile.edit_book(opened, lambda doc, _net: editing.append_log(
        doc.root, pid, when, note, outcome=outcome, for_=cid, to=tid))
    return pid, cid, tid, written


@app.command(
    epilog="\b\nExamples: netreach ask mira-schulz --for nordlicht --to tobias-lang\n"
    "          netreach ask 'Sanne de Vries' --for nordlicht --date 2026-11-23 'Asked over lunch'"
)
def ask(
    person: PersonArg,
    note: NoteArg = None,
    company: ForOption = ...,  # type: ignore[assignment]
    to: ToOption = None,
    date: DateOption = None,
    today: TodayOption = None,
    book: BookOption = None,
) -> None:
    """Record that you asked PERSON (for an introduction, a referral or advice) about
    COMPANY: the step starts, and its follow-up is due a working week later."""
    from netreach.outreach import plan_rules

    when = _when(date, today_from(today))
    pid, cid, tid, written = _record(book, person, "asked", company, to, when, note)
    if not written:
        say(f"{pid}: already recorded on {when.isoformat()}, nothing changed")
        return
    follow = plan_rules.add_business_days(when, plan_rules.FOLLOW_UP_BUSINESS_DAYS)
    say(f"recorded {when.isoformat()}: asked {pid} for {cid}"
        + (f" (to {tid})" if tid else "") + f"; follow up by {follow.isoformat()} if there is "
        f"no answer. Then: netreach outcome {pid} OUTCOME --for {cid}"
        + (f" --to {tid}" if tid else ""))


@app.command(
    epilog="\b\nOUTCOME is one of: asked, introduced, referred, met, applied, interview, offer,\n"
    "declined, no-reply.\n\n"
    "Examples: netreach outcome mira-schulz introduced --for nordlicht --to tobias-lang\n"
    "          netreach outcome tobias-lang met --for nordlicht 'Call; apply via Jan'\n"
    "          netreach outcome sanne-de-vries declined --for nordlicht --date 2026-12-01"
)
def outcome(
    person: PersonArg,
    result: Annotated[str, typer.Argument(
        metavar="OUTCOME", help="asked, introduced, referred, met, applied, interview, offer, "
        "declined or no-reply.")],
    note: NoteArg = None,
    company: ForOption = ...,  # type: ignore[assignment]
    to: ToOption = None,
    date: DateOption = None,
    today: TodayOption = None,
    book: BookOption = None,
) -> None:
    """Record what came of an ask: PERSON introduced you, referred you, met you, ... or
    declined / did not reply (the plan then moves to a chain without them)."""
    from netreach.book.model import Outcome
    from netreach.errors import UsageError

    valid = [o.value for o in Outcome]
    if result not in valid:
        raise UsageError(f"unknown outcome {result!r}: use one of {', '.join(valid)}")
    when = _when(date, today_from(today))
    pid, cid, tid, written = _record(book, person, result, company, to, when, note)
    if not written:
        say(f"{pid}: already recorded on {when.isoformat()}, nothing changed")
        return
    after = (" ; the plan now avoids them for this company"
             if result in ("declined", "no-reply") else "")
    say(f"recorded {when.isoformat()}: {pid} {result} for {cid}"
        + (f" (to {tid})" if tid else "") + after.replace(" ;", ";"))
