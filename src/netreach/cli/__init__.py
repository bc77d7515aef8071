"""The command-line interface: thin commands over the core (Typer).

Start-up matters (``netreach --help`` runs dozens of times an hour), so command
modules import their heavy dependencies inside the command bodies.
"""

import importlib
import sys

import typer

from netreach import __version__
from netreach.cli.app import app

# Importing the command modules registers their commands on `app`, in the order
# `netreach --help` lists them: the book, then the questions, then the rest.
COMMAND_MODULES = (
    "book_cmds", "edit_cmds", "browse_cmds", "me_cmds", "company_cmds", "community_cmds",
    "query_cmds", "growth_cmds", "map_cmds", "plan_cmds", "outreach_cmds", "io_cmds",
    "triage_cmds",
)
for _module in COMMAND_MODULES:
    importlib.import_module(f"netreach.cli.{_module}")

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] == ["--version"]:  # answered without building every command's options
        typer.echo(f"netreach {__version__}")
        return
    app()
