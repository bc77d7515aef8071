"""The project's exceptions and exit codes: one tree, caught at one boundary (the CLI)."""

from __future__ import annotations

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


class NetreachError(Exception):
    """Base of every error a user can act on; ``str(err)`` is the message to show."""

    exit_code: ExitCode = ExitCode.FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


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
        return f"{where}: {field + ': ' if field else ''}{self.message}"


class BookInvalid(NetreachError):
    """The book cannot be loaded; carries every problem found."""

    exit_code = ExitCode.INVALID_BOOK

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        lines = [p.render(filename) for p in problems]
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
