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


# Importing the command modules registers their commands on `app`.
from netreach.cli import (  # noqa: E402, F401
    book_cmds,
    growth_cmds,
    io_cmds,
    map_cmds,
    plan_cmds,
    query_cmds,
)


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:  # answered without building every command's options
        typer.echo(f"netreach {__version__}")
        return
    app()
