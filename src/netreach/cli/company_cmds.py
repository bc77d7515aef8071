"""``netreach company add|rm``: the companies: section from the command line."""

from typing import Annotated, Any

import typer

from netreach.cli.app import app
from netreach.cli.book_options import NewCompany, Text
from netreach.cli.common import BookOption, CompanyArg, load, say

company_app = typer.Typer(
    name="company", help="Add or remove companies (edit one with 'netreach edit ID').",
    no_args_is_help=True, rich_markup_mode=None,
    epilog="\b\nExamples: netreach company add 'Orbital Labs' --outlook growing\n"
    "          netreach company rm orbital-labs",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(company_app, name="company")

OUTLOOK_HELP = "growing, stable, unknown, shrinking or frozen."


@company_app.command(
    "add",
    epilog="\b\nExamples: netreach company add 'Orbital Labs' --outlook growing --alias Orbital\n"
    "          netreach company add 'Nordwind Robotics GmbH' --id nordwind --industry robotics",
)
def company_add(
    name: Annotated[str, typer.Argument(help="The company's name.")],
    id: Annotated[str | None, typer.Option("--id", help="Id to use (default: from the "
                  "name).")] = None,
    alias: Annotated[list[str] | None, typer.Option(help="Another spelling (repeatable).")
                     ] = None,
    outlook: Annotated[str | None, typer.Option(help=OUTLOOK_HELP)] = None,
    industry: Text = None,
    new_company: NewCompany = False,
    book: BookOption = None,
) -> None:
    """Add a company under 'companies:'.

    A company people already name (an implicit one) gets its entry, under the id it
    has already. A name within fuzzy reach of a company in the book is refused
    with "did you mean" unless --new-company.
    """
    from netreach.book import sections
    from netreach.book.lookup import company_of_text
    from netreach.cached import bookfile
    from netreach.cli.book_options import check_values
    from netreach.errors import Refused, UsageError

    if not name.strip():
        raise UsageError("the name must not be empty")
    check_values({k: v for k, v in (("outlook", outlook), ("industry", industry))
                        if v is not None})
    opened = load(book, write=True)
    network = opened.network
    existing = company_of_text(network, name)
    if existing is not None and not network.companies[existing].implicit:
        raise Refused(f"{name!r} is in the book already: "
                      f"{sections.describe_company(network, existing)}; change it with "
                      f"'netreach edit {existing} ...'")
    if existing is not None:
        cid = existing
        if id is not None and id != cid:
            raise UsageError(f"{name!r} is already known as {cid} (people name it); it keeps "
                             "that id")
    else:
        sections.company_value(network, name, new_company=new_company)  # refuses near misses
        cid = sections.new_id(network, "companies", name, id)
    view = network.companies.get(cid)
    fields: dict[str, Any] = {"name": name.strip(),
                              "aliases": list(dict.fromkeys(alias or [])) or None,
                              "outlook": outlook, "industry": industry}
    bookfile.edit_book(opened, lambda doc, _net: sections.add_company(doc.root, cid, fields))
    people = len(network.employees.get(cid, ())) if view else 0
    from netreach.book.names import plural

    say(f"added company {cid} ({fields['name']})"
        + (f"; {plural(people, 'person', 'people')} in the book work there" if people else ""))


@company_app.command(
    "rm",
    epilog="\b\nExamples: netreach company rm orbital-labs\n"
    "          netreach company rm acme --force   # its people keep 'Acme' as free text",
)
def company_rm(
    id: CompanyArg,
    force: Annotated[bool, typer.Option("--force", help="Remove it even while people work "
                     "there: they keep its name as free text.")] = False,
    book: BookOption = None,
) -> None:
    """Remove a company's entry (refused while people work there, unless --force)."""
    from netreach.book import sections
    from netreach.book.lookup import resolve_company
    from netreach.book.names import plural
    from netreach.cached import bookfile

    opened = load(book, write=True)
    network = opened.network
    cid = resolve_company(network, id).company.id
    moved: list[str] = []

    def change(doc: Any, _net: Any) -> bool:
        moved[:] = sections.remove_company(doc.root, network, cid, force=force)
        return True

    bookfile.edit_book(opened, change)
    name = network.companies[cid].name
    say(f"removed company {cid}"
        + (f"; {plural(len(moved), 'person', 'people')} now work at {name!r} (free text)"
           if moved else ""))
