"""``netreach map``: the best chains to a company (or to every target) as one offline page."""

from pathlib import Path
from typing import Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    MaxHopsOption,
    TodayOption,
    load,
    say,
    today_from,
    write_page,
)
from netreach.cli.growth_cmds import OptionalCompanyArg


@app.command(
    "map",
    epilog="\b\nExamples: netreach map nordlicht -o map.html\n"
    "          netreach map                 (every target; writes map.html)\n"
    "          netreach map kiezbank -k 3 -o - > kiezbank-map.html",
)
def map_(
    company: OptionalCompanyArg = None,
    k: Annotated[int, typer.Option("-k", min=1, max=10,
                                   help="Chains per company (diverse, as paths ranks them).")] = 5,
    max_hops: MaxHopsOption = 4,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, show_default=False,
        help="Write the page here ('-' for stdout). Default: map-COMPANY.html, or map.html "
        "for every target, in the current folder.")] = None,
    today: TodayOption = None,
    book: BookOption = None,
) -> None:
    """The best chains to COMPANY as a picture: one HTML page that works offline (hover or
    click a person to see the chains through them and why they score as they do)."""
    from netreach.analysis.ranking import best_chains
    from netreach.analysis.reach import goal_companies
    from netreach.book.lookup import find_company
    from netreach.errors import UsageError
    from netreach.render.map_html import map_html

    opened = load(book)
    network, when = opened.network, today_from(today)
    if company is not None:
        match = find_company(network, company)
        if not match.exact:
            say(f"matched {company!r} to {match.company.name} ({match.company.id})")
        companies = [match.company]
    else:
        companies = [network.companies[c] for c in goal_companies(network)]
    if not companies:
        raise UsageError("no companies to map: name a COMPANY, or list some under "
                         "me.seeking.companies in the book")
    index = opened.index(when)
    results = [best_chains(network, c, today=when, k=k, max_hops=max_hops, index=index)
               for c in companies]
    default = f"map-{companies[0].id}.html" if company is not None else "map.html"
    write_page(output or Path(default), map_html(network, results, today=when),
               book=opened.path, what="the map")
