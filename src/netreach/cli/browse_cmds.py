"""Commands that read the book: list, show, validate."""

from typing import Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    JsonOption,
    PersonArg,
    complete_ids,
    load,
    print_json,
    say,
    show,
)


@app.command("list", epilog="\b\nExamples: netreach list --hiring\n          netreach list "
             "--company acme --json")
def list_(
    company: Annotated[str | None, typer.Option(help="Only people at this company (id, name "
                       "or alias).", autocompletion=complete_ids("companies"))] = None,
    community: Annotated[str | None, typer.Option(help="Only members of this community.",
                         autocompletion=complete_ids("communities"))] = None,
    hiring: Annotated[bool, typer.Option("--hiring", help="Only people who can hire.")] = False,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """List people in the book (--company and --community take ids or names)."""
    from netreach.book.lookup import resolve_community, resolve_company
    from netreach.book.names import plural
    from netreach.render.people import people_table

    network = load(book).network
    ids = sorted(network.people)
    if company is not None:
        cid = resolve_company(network, company, "--company").company.id
        ids = [p for p in ids if network.person_company.get(p) == cid]
    if community is not None:
        community = resolve_community(network, community, "--community")
        ids = [p for p in ids if community in network.people[p].communities]
    if hiring:
        ids = [p for p in ids if network.people[p].hiring]
    if json:
        from netreach.render.people import person_json

        print_json({"people": [person_json(network, p) for p in ids]})
    else:
        show(people_table(network, ids))
        say(f"{plural(len(ids), 'person', 'people')} of {len(network.people):,}")


@app.command(epilog="\b\nExample: netreach show dana-kim")
def show_(
    id: PersonArg,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Show everything the book holds about one person (an id or a name)."""
    from netreach.book.lookup import resolve_person
    from netreach.render.people import person_detail, person_json

    network = load(book).network
    id = resolve_person(network, id)
    if json:
        print_json(person_json(network, id))
    else:
        show(person_detail(network, id))


app.registered_commands[-1].name = "show"


@app.command(epilog="\b\nExample: netreach validate --book contacts.yaml")
def validate(book: BookOption = None) -> None:
    """Check the book; report every problem with its line and column (exit 65).

    A valid book can still mislead: targets (me.seeking.companies) that match no
    company anyone works at, or two companies, and aliases two companies share are
    reported as warnings (exit 0).
    """
    from netreach.book.checks import warnings
    from netreach.book.names import plural

    opened = load(book)
    net = opened.network
    found = warnings(net)
    for line in found:
        say(f"{opened.path}: warning: {line}")
    say(
        f"{opened.path}: ok: {plural(len(net.people), 'person', 'people')}, "
        f"{plural(len(net.companies), 'company', 'companies')}, "
        f"{plural(len(net.communities), 'community', 'communities')}"
        + (f" ({plural(len(found), 'warning')})" if found else "")
    )

