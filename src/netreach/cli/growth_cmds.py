"""Growing the network: reach (how far it goes, and its gaps) and suggest (what to
join, whom to re-warm)."""


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
)

OptionalCompanyArg = Annotated[
    str | None,
    typer.Argument(help="Company id, name or alias (matched fuzzily). Default: your "
                   "targets (me.seeking.companies), or else every growing company.",
                   autocompletion=complete_ids("companies"), show_default=False),
]


# "\b" keeps click from re-wrapping the examples into one line.
@app.command(epilog="\b\nExamples: netreach reach\n"
             "          netreach reach --max-hops 3 --json")
def reach(
    max_hops: MaxHopsOption = 4,
    today: TodayOption = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """How far my network reaches: people at each hop, companies by distance, who can
    hire, targets out of reach, and the gaps."""
    from netreach.analysis.reach import reach as compute
    from netreach.render.growth import reach_json, reach_view

    opened = load(book)
    network, when = opened.network, today_from(today)
    result = compute(network, today=when, max_hops=max_hops, index=opened.index(when))
    if json:
        print_json(reach_json(network, result))
        return
    show(reach_view(network, result))


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
