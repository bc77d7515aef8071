"""The command-line interface: thin commands over the core (Typer).

Start-up matters (``netreach --help`` runs dozens of times an hour), so command
modules import their heavy dependencies inside the command bodies.
"""

import sys
from typing import Annotated

import typer

from netreach import __version__
from netreach.cli.common import Boundary

app = typer.Typer(
    name="netreach",
    cls=Boundary,
    help="Find who can introduce you to someone at the company you want to work for.\n\n"
    "Keeps your network in a hand-editable YAML contact book and ranks the chains "
    "of introductions that lead to a hiring manager.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netreach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Find who can introduce you to someone at the company you want to work for."""


# Importing the command modules registers their commands on `app`, in the order
# `netreach --help` lists them: the book, then the questions, then the rest.
from netreach.cli import book_cmds, edit_cmds, browse_cmds  # noqa: E402, F401, I001
from netreach.cli import me_cmds, company_cmds, community_cmds  # noqa: E402, F401
from netreach.cli import query_cmds, growth_cmds, plan_cmds, outreach_cmds  # noqa: E402, F401
from netreach.cli import io_cmds, triage_cmds  # noqa: E402, F401


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:  # answered without building every command's options
        typer.echo(f"netreach {__version__}")
        return
    app()
