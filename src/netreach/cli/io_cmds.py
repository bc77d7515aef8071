"""Import and export: bring contacts in from LinkedIn, vCard and Google; take the
network out as GraphML, GEXF, JSON, vCard or CSV."""


from pathlib import Path
from typing import Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    JsonOption,
    TodayOption,
    complete_ids,
    load,
    print_json,
    say,
    show,
    stderr,
    today_from,
    write_out,
)
from netreach.transfer.formats import ExportFormat, ImportFormat


@app.command(
    "import",
    epilog="\b\nExamples:\n  netreach import linkedin Connections.csv --dry-run\n"
    "  netreach import linkedin miras-connections.csv --via mira-schulz\n"
    "  netreach import vcard contacts.vcf --json",
)
def import_(
    format: Annotated[ImportFormat, typer.Argument(help="linkedin, vcard or google.",
                      metavar="FORMAT", case_sensitive=False)],
    file: Annotated[Path, typer.Argument(help="The file to import (LinkedIn Connections.csv, "
                    "a .vcf, or a Google Contacts CSV).", metavar="FILE")],
    via: Annotated[str | None, typer.Option(
        "--via", help="Import a friend's export as that person's ties: their contacts become "
        "your second degree, not your direct contacts.",
        autocompletion=complete_ids("people"))] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write "
                       "nothing.")] = False,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Bring contacts in; people already in the book are updated, never duplicated.

    Only empty fields are filled: what the book already says is never overwritten.
    Near matches are listed for review instead of being merged.
    """
    from netreach.render.transfer import import_progress, plan_json, plan_table, summary_lines
    from netreach.transfer.importers import run_import

    with import_progress(stderr()) as progress:
        outcome = run_import(book, format, file, via=via, dry_run=dry_run, progress=progress)
    plan = outcome.plan
    if json:
        print_json(plan_json(plan, fmt=format.value, file=str(file), written=outcome.written,
                             dry_run=dry_run))
    elif dry_run and (plan.added or plan.updated or plan.to_review):
        show(plan_table(plan))
    for line in summary_lines(plan, f"{format.value} {file.name}", written=outcome.written,
                              dry_run=dry_run):
        say(line)


@app.command(
    epilog="\b\nExamples:\n  netreach export graphml network.graphml\n"
    "  netreach export csv people.csv\n"
    "  netreach export json - | jq '.people | length'",
)
def export(
    format: Annotated[ExportFormat, typer.Argument(help="graphml, gexf, json, vcard or csv.",
                      metavar="FORMAT", case_sensitive=False)],
    file: Annotated[Path, typer.Argument(help="The file to write (replaced atomically), or "
                    "- for stdout.", metavar="FILE")],
    today: TodayOption = None,
    book: BookOption = None,
) -> None:
    """Write the network to FILE for Gephi, yEd, address books or spreadsheets."""
    from netreach.transfer.exporters import export as render

    opened = load(book)
    data = render(format, opened.network, today_from(today))
    if write_out(file, data, book=opened.path, json=format is ExportFormat.JSON):
        from netreach.book.names import plural

        people = plural(len(opened.network.people), "person", "people")
        say(f"wrote {file} ({format.value}, {people})")
