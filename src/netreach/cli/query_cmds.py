"""Query commands: paths and companies."""

from typing import Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    CompanyArg,
    JsonOption,
    MaxHopsOption,
    TodayOption,
    load,
    print_json,
    say,
    show,
    today_from,
)

KOption = Annotated[int, typer.Option("-k", min=1, max=50, help="How many chains.")]


@app.command(
    epilog="\b\nExamples: netreach paths nordlicht\n"
    "          netreach paths 'Nordlicht Energy' -k 3 --explain\n"
    "          netreach paths kiezbank --all --json"
)
def paths(
    company: CompanyArg,
    k: KOption = 5,
    max_hops: MaxHopsOption = 4,
    explain: Annotated[bool, typer.Option("--explain", help="Show every factor of each "
                       "score.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Plain top k, even if they all lean "
                    "on one friend.")] = False,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Who can introduce me to someone at COMPANY: ranked chains, best first.

    By default the chains do not all lean on the same first contact: each uses
    people the better chains do not, unless nothing else reaches.
    """
    from netreach.analysis.ranking import best_chains
    from netreach.book.lookup import find_company
    from netreach.render.chains import paths_json, paths_view

    opened = load(book)
    network, when = opened.network, today_from(today)
    match = find_company(network, company)
    if not match.exact:
        say(f"matched {company!r} to {match.company.name} ({match.company.id})")
    result = best_chains(network, match.company, today=when, k=k, max_hops=max_hops,
                         diverse=not all_, index=opened.index(when))
    if json:
        print_json(paths_json(network, result))
        return
    from netreach.book.names import plural

    say(f"{match.company.name} ({match.company.outlook.value}): "
        f"{plural(result.employees, 'person', 'people')} in your book "
        f"{'works' if result.employees == 1 else 'work'} there")
    show(paths_view(network, result, explain=explain))


@app.command(epilog="\b\nExample: netreach companies --max-hops 3 --json")
def companies(
    max_hops: MaxHopsOption = 4,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Every company within reach, ranked by best chain (outlook included)."""
    from netreach.analysis.ranking import companies_in_reach
    from netreach.render.chains import companies_json, companies_view

    opened = load(book)
    network, when = opened.network, today_from(today)
    reach = companies_in_reach(network, today=when, max_hops=max_hops, index=opened.index(when))
    if json:
        print_json(companies_json(reach))
        return
    show(companies_view(network, reach))
    say(f"{len(reach)} of {len(network.employees)} companies in your book are within "
        f"{max_hops} hops")
