"""Growing the network: reach (how far it goes, and its gaps) and suggest (what to
join, whom to re-warm)."""


import sys
from pathlib import Path
from typing import Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    JsonOption,
    MaxHopsOption,
    TodayOption,
    complete_ids,
    load,
    print_json,
    say,
    show,
    today_from,
    write_page,
)
from netreach.render.reach_formats import ReachFormat

OptionalCompanyArg = Annotated[
    str | None,
    typer.Argument(help="Company id, name or alias (matched fuzzily). Default: your "
                   "targets (me.seeking.companies), or else every growing company.",
                   autocompletion=complete_ids("companies"), show_default=False),
]


# "\b" keeps click from re-wrapping the examples into one line.
@app.command(epilog="\b\nExamples: netreach reach\n"
             "          netreach reach --max-hops 3 --json\n"
             "          netreach reach -o reach.html   (charts on one offline page)")
def reach(
    max_hops: MaxHopsOption = 4,
    format: Annotated[ReachFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False, show_default=False,
        help="text, json or html. Default: from the -o file name, else text.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, show_default=False,
        help="Write to this file (atomically; '-' for stdout) instead of stdout.")] = None,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """How far my network reaches: people at each hop, companies by distance, who can
    hire, targets out of reach, and the gaps."""
    from netreach.analysis.reach import reach as compute
    from netreach.render.reach_formats import render

    opened = load(book)
    network, when = opened.network, today_from(today)
    result = compute(network, today=when, max_hops=max_hops, index=opened.index(when))
    named = ReachFormat.for_file(output.name) if output and str(output) != "-" else None
    fmt = ReachFormat.JSON if json else format or named or ReachFormat.TEXT
    if output is None and fmt is ReachFormat.TEXT:
        from netreach.render.growth import reach_view

        show(reach_view(network, result))
    elif output is None and fmt is ReachFormat.JSON:
        from netreach.render.growth import reach_json

        print_json(reach_json(network, result))
    elif output is None:
        sys.stdout.write(render(network, result, fmt, today=when))
    else:
        write_page(output, render(network, result, fmt, today=when), book=opened.path,
                   what=f"the {fmt.value} reach")


@app.command(epilog="\b\nExamples: netreach suggest\n"
             "          netreach suggest helio-maps -k 3 --json")
def suggest(
    company: OptionalCompanyArg = None,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many communities and "
                                   "ties to show.")] = 5,
    max_hops: MaxHopsOption = 4,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Communities to join, ranked by how much they raise my best chains (what-if gain),
    and stale ties on those chains to re-warm."""
    from netreach.analysis.suggest import suggest as compute
    from netreach.book.lookup import find_company
    from netreach.render.growth import suggest_json, suggest_view

    opened = load(book)
    network, when = opened.network, today_from(today)
    target = None
    if company is not None:
        match = find_company(network, company)
        if not match.exact:
            say(f"matched {company!r} to {match.company.name} ({match.company.id})")
        target = match.company
    result = compute(network, today=when, company=target, max_hops=max_hops,
                     index=opened.index(when))
    if not result.targets:
        say("no targets: name a COMPANY, or list some under me.seeking.companies")
    if json:
        print_json(suggest_json(network, result, k))
        return
    show(suggest_view(network, result, k))
