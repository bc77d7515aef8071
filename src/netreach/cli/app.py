"""The Typer application every command registers on (its own module, so command
modules import it without importing the package that imports them)."""

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
