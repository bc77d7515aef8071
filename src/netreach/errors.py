"""The project's exceptions and exit codes: one tree, caught at one boundary (the CLI)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes (SPEC §5), documented in the README."""

    OK = 0
    FAILED = 1  # a failed query or operation ("no chain" is not a failure)
    USAGE = 2
    INVALID_BOOK = 65  # EX_DATAERR
    INVALID_INPUT = 65  # the same code: an import file that cannot be read is bad input data
    LOCKED = 75  # EX_TEMPFAIL: locked by another writer, or changed on disk
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


class NetreachError(Exception):
    """Base of every error a user can act on; ``str(err)`` is the message to show."""

    exit_code: ExitCode = ExitCode.FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# Everything str.splitlines() splits on, and the other C0/C1 controls: a key in the
# book holding a line break must not split one problem into two lines (or forge one).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters shown as ``\\uXXXX`` escapes."""
    return _NOT_ONE_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Problem:
    """One problem in a book, located by line and column (1-based) when known."""

    message: str
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()

    def render(self, filename: str) -> str:
        """Return ``FILE:LINE:COL: message`` (line and column left out when unknown)."""
        where = filename
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = ".".join(str(p) for p in self.path)
        return one_line(f"{where}: {field + ': ' if field else ''}{self.message}")


# A file can repeat one mistake 100,000 times (a pasted block, a generated book gone
# wrong); nobody reads past the first screenful, and printing them all took seconds.
MAX_SHOWN_PROBLEMS = 50


class BookInvalid(NetreachError):
    """The book cannot be loaded; carries every problem found (the message shows the
    first ``MAX_SHOWN_PROBLEMS`` and counts the rest)."""

    exit_code = ExitCode.INVALID_BOOK

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        lines = [p.render(filename) for p in problems[:MAX_SHOWN_PROBLEMS]]
        if len(problems) > MAX_SHOWN_PROBLEMS:
            more = len(problems) - MAX_SHOWN_PROBLEMS
            lines.append(f"{filename}: and {more:,} more problems (fix the ones above first)")
        super().__init__("\n".join(lines))


class ImportInvalid(NetreachError):
    """An import file cannot be read as the format it was given as; the book is untouched.

    Exit 65 (EX_DATAERR, "the input data was incorrect"), like an invalid book:
    both are data the person must fix, not a failure of the command.
    """

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        lines = [p.render(filename) for p in problems]
        super().__init__("\n".join(lines) + "\nnothing was imported; the book is unchanged.")


class BookNotFound(NetreachError):
    """No book where we looked."""


class BookExists(NetreachError):
    """``init`` refuses to overwrite an existing book."""


class BookLocked(NetreachError):
    """Another writer holds the lock."""

    exit_code = ExitCode.LOCKED


class BookChanged(NetreachError):
    """The book changed on disk since this command read it; nothing was written."""

    exit_code = ExitCode.LOCKED


class UsageError(NetreachError):
    """The command was called wrongly (bad option value, missing confirmation)."""

    exit_code = ExitCode.USAGE


class NotFound(NetreachError):
    """An id or name given on the command line matches nothing in the book."""


class Ambiguous(NetreachError):
    """A name given on the command line matches several entries."""


class Refused(NetreachError):
    """The operation would do harm (a near-duplicate person, say) and was not done."""


class StorageError(NetreachError):
    """The disk said no (permission denied, disk full); the book is untouched."""
