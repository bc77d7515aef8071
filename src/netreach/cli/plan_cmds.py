"""Outreach plans: ``plan`` (a printable plan for one company), ``next`` (this week's list)
and ``status`` (where every chain stands)."""


from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    CompanyArg,
    JsonOption,
    MaxHopsOption,
    TodayOption,
    complete_ids,
    load,
    print_json,
    say,
    show,
    today_from,
    write_out,
)
from netreach.render.plan_formats import PlanFormat

if TYPE_CHECKING:
    from netreach.book.network import Network
    from netreach.book.resolved import CompanyView

KOption = Annotated[int, typer.Option("-k", min=1, max=10, help="How many chains to plan.")]


@app.command(
    epilog="\b\nExamples: netreach plan nordlicht\n"
    "          netreach plan 'Helio Maps' -k 2 --format markdown\n"
    "          netreach plan kiezbank -o kiezbank.html   (the format follows the file name:\n"
    "                                                    .txt .md .html .json .pdf)"
)
def plan(
    company: CompanyArg,
    k: KOption = 3,
    max_hops: MaxHopsOption = 4,
    format: Annotated[PlanFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False, show_default=False,
        help="text, markdown, html or json. Default: from the -o file name, else text.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False,
        help="Write the plan to this file (atomically); the format follows its ending: "
        ".txt, .md, .html, .json, or .pdf (needs Chromium). '-' is stdout.")] = None,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """A printable outreach plan for COMPANY: whom to ask, in which order, what to ask
    for, what to offer first, a message draft and a follow-up date for each step."""
    from netreach.book.lookup import find_company
    from netreach.outreach.plan import compose_plan
    from netreach.render.plan_formats import choose, render

    fmt = choose(str(output) if output is not None else None, format, json)
    opened = load(book)
    when = today_from(today)
    match = find_company(opened.network, company)
    if not match.exact:
        say(f"matched {company!r} to {match.company.name} ({match.company.id})")
    result = compose_plan(opened.network, match.company, today=when, k=k,
                          max_hops=max_hops, index=opened.index(when))
    if fmt is None:
        from netreach.render.plan_pdf import html_to_pdf

        assert output is not None
        if write_out(output, html_to_pdf(render(result, PlanFormat.HTML)), book=opened.path):
            say(f"wrote the pdf plan for {match.company.name} to {output}")
    elif output is not None and str(output) != "-":
        if write_out(output, render(result, fmt).encode("utf-8"), book=opened.path,
                     json=fmt is PlanFormat.JSON):
            say(f"wrote the {fmt.value} plan for {match.company.name} to {output}")
    elif fmt is PlanFormat.TEXT:
        from netreach.render.plan_text import plan_view

        show(plan_view(result))
    else:
        write_out(Path("-"), render(result, fmt).encode("utf-8"), book=None,
                  json=fmt is PlanFormat.JSON)


def _companies(network: "Network", given: list[str] | None) -> list["CompanyView"]:
    from netreach.book.lookup import find_company
    from netreach.errors import UsageError

    companies = ([find_company(network, c).company for c in given] if given
                 else [network.companies[c] for c in network.targets])
    if not companies:
        raise UsageError("no companies to plan for: list them under me.seeking.companies "
                         "in the book, or pass --company")
    return list(dict.fromkeys(companies))


@app.command(
    "next",
    epilog="\b\nExamples: netreach next\n"
    "          netreach next --week --json\n"
    "          NETREACH_TODAY=2026-12-07 netreach next --company nordlicht",
)
def next_(
    company: Annotated[list[str] | None, typer.Option(
        "--company", "-c", autocompletion=complete_ids("companies"), show_default=False,
        help="Plan for this company (repeatable). Default: me.seeking.companies.")] = None,
    week: Annotated[bool, typer.Option(
        "--week", help="Only what falls within the next 7 days (follow-ups due later are "
        "left out).")] = False,
    k: KOption = 3,
    max_hops: MaxHopsOption = 4,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """This week's list, one item per person: overdue follow-ups, then those due this
    week, then steps not started (best chains first), then ties to re-warm."""
    from netreach.outreach.agenda import agenda
    from netreach.render.progress import agenda_json, agenda_view

    opened = load(book)
    network, when = opened.network, today_from(today)
    result = agenda(network, _companies(network, company), today=when, k=k,
                    max_hops=max_hops, index=opened.index(when), week=week)
    if json:
        print_json(agenda_json(result))
        return
    show(agenda_view(result))


@app.command(
    epilog="\b\nExamples: netreach status\n"
    "          netreach status nordlicht --json",
)
def status(
    company: Annotated[str | None, typer.Argument(
        help="Company id, name or alias (default: every company in me.seeking.companies).",
        autocompletion=complete_ids("companies"), show_default=False)] = None,
    k: KOption = 3,
    max_hops: MaxHopsOption = 4,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Where the search stands: each target's chains with their step states and dates."""
    from netreach.outreach.agenda import plans
    from netreach.render.progress import status_json, status_view

    opened = load(book)
    network, when = opened.network, today_from(today)
    result = plans(network, _companies(network, [company] if company else None), today=when,
                   k=k, max_hops=max_hops, index=opened.index(when))
    if json:
        print_json(status_json(result))
        return
    show(status_view(result))
