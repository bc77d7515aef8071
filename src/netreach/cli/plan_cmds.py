"""Outreach plans: ``plan`` (a printable plan for one company) and ``next`` (what to do next)."""


import sys
from pathlib import Path
from typing import Annotated

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
)
from netreach.render.plan_formats import PlanFormat

KOption = Annotated[int, typer.Option("-k", min=1, max=10, help="How many chains to plan.")]


@app.command(
    epilog="\b\nExamples: netreach plan nordlicht\n"
    "          netreach plan 'Helio Maps' -k 2 --format markdown\n"
    "          netreach plan kiezbank -o kiezbank.html   (the format follows the file name)"
)
def plan(
    company: CompanyArg,
    k: KOption = 3,
    max_hops: MaxHopsOption = 4,
    format: Annotated[PlanFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False, show_default=False,
        help="text, markdown, html or json. Default: from the -o file name, else text.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, show_default=False,
        help="Write the plan to this file (atomically) instead of stdout.")] = None,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """A printable outreach plan for COMPANY: whom to ask, in which order, what to ask
    for, what to offer first, a message draft and a follow-up date for each step."""
    from netreach.book import storage
    from netreach.book.lookup import find_company
    from netreach.outreach.plan import compose_plan
    from netreach.render.plan_formats import render

    opened = load(book)
    when = today_from(today)
    match = find_company(opened.network, company)
    if not match.exact:
        say(f"matched {company!r} to {match.company.name} ({match.company.id})")
    result = compose_plan(opened.network, match.company, today=when, k=k,
                          max_hops=max_hops, index=opened.index(when))
    fmt = (PlanFormat.JSON if json else format
           or (PlanFormat.for_file(output.name) if output else None) or PlanFormat.TEXT)
    if output is not None:
        storage.write_output(output, render(result, fmt).encode("utf-8"), book=opened.path)
        say(f"wrote the {fmt.value} plan for {match.company.name} to {output}")
    elif fmt is PlanFormat.TEXT:
        from netreach.render.plan_text import plan_view

        show(plan_view(result))
    else:
        sys.stdout.write(render(result, fmt))


@app.command(
    "next",
    epilog="\b\nExamples: netreach next\n"
    "          netreach next --company nordlicht --company kiezbank --json",
)
def next_(
    company: Annotated[list[str] | None, typer.Option(
        "--company", "-c", autocompletion=complete_ids("companies"), show_default=False,
        help="Plan for this company (repeatable). Default: me.seeking.companies.")] = None,
    k: KOption = 3,
    max_hops: MaxHopsOption = 4,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Due follow-ups and the next step of every chain of your plans, soonest first."""
    from netreach.book.lookup import find_company
    from netreach.errors import UsageError
    from netreach.outreach.agenda import agenda
    from netreach.render.plan_json import agenda_json
    from netreach.render.plan_text import agenda_view

    opened = load(book)
    network, when = opened.network, today_from(today)
    companies = ([find_company(network, c).company for c in company] if company
                 else [network.companies[c] for c in network.targets])
    if not companies:
        raise UsageError("no companies to plan for: list them under me.seeking.companies "
                         "in the book, or pass --company")
    result = agenda(network, list(dict.fromkeys(companies)), today=when, k=k,
                    max_hops=max_hops, index=opened.index(when))
    if json:
        print_json(agenda_json(result))
        return
    show(agenda_view(result))
