"""The command-line interface: thin commands over the core (Typer).

Start-up matters (``netreach --help`` runs dozens of times an hour), so command
modules import their heavy dependencies inside the command bodies.
"""

import sys

import typer

from netreach import __version__

# Importing the command modules registers their commands on `app`, in the order
# `netreach --help` lists them: the book, then the questions, then the rest.
from netreach.cli import (  # noqa: F401  # noqa: F401  # noqa: F401  # noqa: F401
    book_cmds,
    browse_cmds,
    community_cmds,
    company_cmds,
    edit_cmds,
    growth_cmds,
    io_cmds,
    me_cmds,
    outreach_cmds,
    plan_cmds,
    query_cmds,
    triage_cmds,
)
from netreach.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:  # answered without building every command's options
        typer.echo(f"netreach {__version__}")
        return
    app()
