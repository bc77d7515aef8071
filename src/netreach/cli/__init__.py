"""The command-line interface: thin commands over the core (Typer).

Start-up matters (``netreach --help`` runs dozens of times an hour), so command
modules import their heavy dependencies inside the command bodies.
"""

import sys

import typer

from netreach import __version__

# Importing the command modules registers their commands on `app`.
from netreach.cli import (  # noqa: F401
    book_cmds,
    growth_cmds,
    io_cmds,
    plan_cmds,
    query_cmds,
)
from netreach.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:  # answered without building every command's options
        typer.echo(f"netreach {__version__}")
        return
    app()
