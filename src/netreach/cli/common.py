"""What every command shares: the --book option, the error boundary, output helpers.

Kept light: ``netreach --help`` imports this module, so nothing heavy is
imported at the top (networkx, PyYAML, pydantic and rich tables load lazily).
"""

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from netreach.cached.bookfile import OpenBook

def complete_ids(section: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion of ids from the book (people, companies or communities)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            from netreach.cached.bookfile import open_book

            book = open_book(ctx.params.get("book"))
        except Exception:  # completion must never fail loudly
            return []
        if section == "companies":
            ids = list(book.network.companies)
        else:
            ids = list(getattr(book.network, section))
        return sorted(i for i in ids if i.startswith(incomplete))

    return complete


BookOption = Annotated[
    Path | None,
    typer.Option(
        "--book",
        "-b",
        help="The contact book. Default: $NETREACH_BOOK, ./contacts.yaml, then the "
        "user data directory.",
        show_default=False,
        dir_okay=True,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print stable JSON on stdout (for scripts).")
]
PersonArg = Annotated[
    str, typer.Argument(help="A person's id or name.", autocompletion=complete_ids("people"))
]


def _clean(message: str) -> str:
    from netreach.render.safe import clean

    return "\n".join(clean(line) for line in message.splitlines())


# What the running command holds until it returns (the book's writer lock).
_command_resources: ContextVar[contextlib.ExitStack | None] = ContextVar(
    "netreach_command_resources", default=None
)


def _show_cache_notices() -> None:
    """Say (once per command) why the cache was bypassed, if it was."""
    cache = sys.modules.get("netreach.cached.cache")  # not loaded: nothing to say
    if cache is not None:
        for notice in cache.take_notices():
            typer.echo(f"netreach: warning: {_clean(notice)}", err=True)


class Boundary(TyperGroup):
    """The one error boundary, installed once for the whole app (``typer.Typer(cls=...)``).

    netreach's own errors become one clean message on stderr and their exit code;
    Ctrl-C exits 130. It also bounds what the running command holds: the writer lock
    is released on the way out, whatever happens.
    """

    def invoke(self, ctx: Any) -> Any:  # click.Context (vendored by newer Typer)
        from netreach.errors import ExitCode, NetreachError

        try:
            with contextlib.ExitStack() as resources:
                token = _command_resources.set(resources)
                try:
                    return super().invoke(ctx)
                finally:
                    _command_resources.reset(token)
                    _show_cache_notices()
        except NetreachError as err:
            text = _clean(err.message)
            if "\n" in text or text.startswith(str(getattr(err, "filename", "\0"))):
                typer.echo(text, err=True)
            else:
                typer.echo(f"netreach: {text}", err=True)
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            typer.echo("netreach: interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def stdout() -> "Console":
    """The console for data (stdout). Colour only on a terminal without NO_COLOR."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False, markup=False)


def stderr() -> "Console":
    """The console for messages and progress (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False, markup=False)


def show(renderable: "RenderableType") -> None:
    """Print a rich renderable to stdout."""
    stdout().print(renderable)


def say(message: str) -> None:
    """A message for the person (stderr), with book data made inert."""
    typer.echo(_clean(message), err=True)


def confirm(question: str, *, default: bool = False) -> bool:
    """Ask yes or no, with book data in the question made inert."""
    return typer.confirm(_clean(question), default=default)


def print_json(data: Any) -> None:
    """Stable JSON on stdout: sorted as built, UTF-8, one document; characters that
    could drive or reorder a terminal are written as JSON \\u escapes (same data)."""
    from netreach.render.safe import inert_json

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(inert_json(text) + "\n")


def write_out(target: Path, data: bytes, *, book: Path | None, json: bool = False) -> bool:
    """Write a command's output file (``-``: stdout) through storage's one writer.

    Data bound for a terminal is made inert first. Returns True when a file was
    written (so the command may say so), False for a stream.
    """
    from netreach.book.outfile import Written, write_output
    from netreach.render.safe import terminal_bytes

    sys.stdout.flush()
    written = write_output(target, data, book=book, stdout=sys.stdout.buffer,
                           stderr=sys.stderr.buffer,
                           terminal=lambda raw: terminal_bytes(raw, json=json))
    return written is Written.FILE


def load(book: Path | None, *, write: bool = False) -> "OpenBook":
    """Open (find, read, validate) the book for a command.

    ``write``: the command will change the book; its writer lock is held from this
    read until the command returns (``Boundary`` releases it).
    """
    from netreach.cached.bookfile import open_book, open_for_edit

    if write:
        resources = _command_resources.get()
        if resources is None:
            raise RuntimeError("load(write=True) outside a command run by the app")
        return resources.enter_context(open_for_edit(book))
    return open_book(book)


def interactive() -> bool:
    """True when we may prompt: stdin is a terminal and NETREACH_NO_INPUT is unset."""
    return sys.stdin.isatty() and not os.environ.get("NETREACH_NO_INPUT")


def today_from(value: str | None) -> dt.date:
    """``--today``, else ``$NETREACH_TODAY``, else the real date (scores age with time)."""
    from netreach.errors import UsageError

    text = value or os.environ.get("NETREACH_TODAY")
    if not text:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today takes an ISO date like 2026-11-22, not {text!r}") from None
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        raise UsageError(f"--today must lie between {EARLIEST_TODAY} and {LATEST_TODAY}, not "
                         f"{text!r}: plans count days before and after it")
    return day


# The range --today may take: a year inside the calendar's ends, so that the follow-up
# dates after it and the tracking window before it (half a year) exist.
EARLIEST_TODAY = dt.date(2, 1, 1)
LATEST_TODAY = dt.date(9998, 12, 31)


TodayOption = Annotated[
    str | None,
    typer.Option("--today", help="Score as of this ISO date (default: today; or "
                 "$NETREACH_TODAY).", show_default=False),
]
MaxHopsOption = Annotated[
    int, typer.Option("--max-hops", min=1, max=8, help="Longest chain, in hops.")
]
CompanyArg = Annotated[
    str,
    typer.Argument(help="Company id, name or alias (matched fuzzily).",
                   autocompletion=complete_ids("companies")),
]


def write_page(output: Path, text: str, *, book: Path | None, what: str) -> None:
    """A page (HTML) to ``output`` through the one output writer (``-``: stdout)."""
    if write_out(output, text.encode("utf-8"), book=book):
        say(f"wrote {what} to {output}")
