"""``netreach me`` and ``netreach target add|rm|list``: my own entry and the companies
I want to work for (``me.seeking.companies``)."""

from typing import Annotated, Any

import typer

from netreach.cli.app import app
from netreach.cli.book_options import NewCompany, Text
from netreach.cli.common import BookOption, JsonOption, complete_ids, load, print_json, say, show

target_app = typer.Typer(
    name="target", help="The companies you want to work for (me.seeking.companies).",
    no_args_is_help=True, rich_markup_mode=None,
    epilog="\b\nExamples: netreach target add nordlicht 'Orbital Labs'\n"
    "          netreach target list --json",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(target_app, name="target")

Repeated = Annotated[list[str] | None, typer.Option(show_default=False)]


@app.command(
    epilog="\b\nExamples: netreach me --name 'Alex Rivera' --headline 'Data engineer'\n"
    "          netreach me --role 'platform engineer' --skill python --skill sql\n"
    "          netreach me                 # show what the book says about you",
)
def me(
    name: Text = None,
    headline: Text = None,
    role: Annotated[list[str] | None, typer.Option(help="A role you seek (repeatable).",
                    show_default=False)] = None,
    skill: Annotated[list[str] | None, typer.Option(help="A skill (repeatable).",
                     show_default=False)] = None,
    remove_role: Repeated = None,
    remove_skill: Repeated = None,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Show or change your own entry: name, headline, roles sought, skills.

    --role and --skill add to the lists (an item already there is not added
    twice); --remove-role and --remove-skill take items out. Without options,
    shows you, your communities and your targets.
    """
    from netreach.book import sections
    from netreach.cached import bookfile
    from netreach.errors import UsageError
    from netreach.render.sections import me_detail, me_json

    changes: dict[str, Any] = {k: v for k, v in (("name", name), ("headline", headline))
                               if v is not None}
    for option, value in (("--name", name), ("--headline", headline)):
        if value is not None and not value.strip():
            raise UsageError(f"{option} must not be empty")
    lists = [("seeking.roles", role or [], remove_role or []),
             ("skills", skill or [], remove_skill or [])]
    if any(not item.strip() for _, add, rm in lists for item in (*add, *rm)):
        raise UsageError("--role and --skill take non-empty text")
    if not changes and not any(add or rm for _, add, rm in lists):
        network = load(book).network
        if json:
            print_json(me_json(network))
        else:
            show(me_detail(network))
        return
    opened = load(book, write=True)

    def change(doc: Any, _net: Any) -> bool:
        changed = bool(changes) and sections.set_me(doc.root, changes)
        for field, add, rm in lists:
            changed |= sections.extend_me_list(doc.root, field, add, rm)
        return changed

    written = bookfile.edit_book(opened, change)
    say("updated me" if written else "me: already so, nothing changed")


@target_app.command(
    "add",
    epilog="\b\nExamples: netreach target add nordlicht 'Orbital Labs'\n"
    "          netreach target add 'Some New Startup'   # nobody there yet: still a target",
)
def target_add(
    company: Annotated[list[str], typer.Argument(help="Company ids or names.",
                       autocompletion=complete_ids("companies"))],
    new_company: NewCompany = False,
    book: BookOption = None,
) -> None:
    """Add companies you want to work for (me.seeking.companies).

    Each is matched like every company argument (id, name, alias, legal suffixes
    ignored, a clear fuzzy match); a company the book does not know yet is added
    as typed, unless it is within fuzzy reach of one it knows (then "did you
    mean", or --new-company).
    """
    from netreach.book import sections
    from netreach.book.lookup import find, require
    from netreach.book.names import plural
    from netreach.cached import bookfile

    opened = load(book, write=True)
    network = opened.network
    texts: list[str] = []
    notes: list[str] = []
    for typed in company:
        found = find(network, "company", typed)
        cid = None
        if new_company and found.score < 100:
            cid = None
        elif found.found is not None or found.ambiguous:
            cid = require(network, found)
        if cid is None:
            sections.company_value(network, typed, new_company=new_company)  # near misses
            notes.append(f"{typed.strip()}: nobody in your book works there yet")
        elif cid in network.targets:
            continue
        else:
            people = len(network.employees.get(cid, ()))
            notes.append(f"{network.companies[cid].name} ({cid}): " + (
                f"{plural(people, 'person', 'people')} in your book "
                f"{'works' if people == 1 else 'work'} there" if people
                else "nobody in your book works there yet"))
        texts.append(sections.target_text(network, cid, typed))
    written = bool(texts) and bookfile.edit_book(
        opened, lambda doc, _net: sections.extend_me_list(doc.root, "seeking.companies",
                                                          texts, []))
    for note in notes if written else []:
        say(f"target: {note}")
    if not written:
        say("already targets, nothing changed")


@target_app.command("rm", epilog="\b\nExample: netreach target rm orbital-labs")
def target_rm(
    company: Annotated[str, typer.Argument(help="A company id or name.",
                       autocompletion=complete_ids("companies"))],
    book: BookOption = None,
) -> None:
    """Stop targeting a company (the company and its people stay in the book)."""
    from netreach.book import sections
    from netreach.book.lookup import resolve_company
    from netreach.cached import bookfile

    opened = load(book, write=True)
    network = opened.network
    cid = resolve_company(network, company).company.id
    written = bookfile.edit_book(
        opened, lambda doc, _net: sections.remove_targets(doc.root, network, cid))
    say(f"no longer targeting {cid}" if written else f"{cid} is not a target, nothing changed")


@target_app.command("list", epilog="\b\nExample: netreach target list --json")
def target_list(json: JsonOption = False, book: BookOption = None) -> None:
    """The companies you want to work for, with how many people in the book work there."""
    from netreach.book.names import plural
    from netreach.render.sections import target_rows, targets_table

    network = load(book).network
    if json:
        print_json({"targets": target_rows(network)})
        return
    show(targets_table(network))
    say(plural(len(network.targets), "target"))
