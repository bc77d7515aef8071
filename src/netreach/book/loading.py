"""From a book's bytes to a resolved ``Network``, or one located error per problem."""

from __future__ import annotations

import gc
from typing import Any

from pydantic import ValidationError

from netreach.book import yamlread
from netreach.book.bookmap import BookMap
from netreach.book.model import Book
from netreach.book.network import Network
from netreach.book.resolved import BookLocation, InvalidNetwork, PathProblem, resolve
from netreach.errors import BookInvalid, Problem

# Pydantic error types whose location is a key the person wrote (point at the key).
_KEY_ERRORS = frozenset({"extra_forbidden"})


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; free-form data goes under 'extra:')"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        return "not a valid id (use lowercase letters, digits and - . _ like 'dana-kim')"
    if kind == "value_error":  # our own validators' messages, without pydantic's prefix
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _clean_loc(loc: tuple[Any, ...]) -> BookLocation:
    # Pydantic adds validator names ("function-before[...]") to some locations.
    return tuple(p for p in loc if not (isinstance(p, str) and "[" in p and "]" in p))


def _located(data: bytes, filename: str, problems: list[PathProblem]) -> BookInvalid:
    text = data.decode("utf-8")
    root = yamlread.compose(text)
    located = []
    for p in problems:
        stub = yamlread.locate(root, p.path, key=p.key, text=text)
        located.append(Problem(p.message, stub.line, stub.column, p.path))
    located.sort(key=lambda p: (p.line or 0, p.column or 0))
    return BookInvalid(filename, located)


def validate(raw: dict[str, Any], data: bytes, filename: str) -> Network:
    """Validate parsed data against format 1 and resolve its references."""
    try:
        book = Book.model_validate(raw)
    except ValidationError as err:
        problems = [
            PathProblem(
                _clean_loc(e["loc"]),
                _message(e),
                key=e["type"] in _KEY_ERRORS or e["loc"][-1:] == ("[key]",),
            )
            for e in err.errors(include_url=False, include_input=False)
        ]
        raise _located(data, filename, problems) from None
    try:
        return resolve(book)
    except InvalidNetwork as err:
        raise _located(data, filename, err.problems) from None


def load(data: bytes, filename: str, where: BookMap | None = None) -> Network:
    """Parse, validate and resolve a book. Raises ``BookInvalid`` (exit 65).

    ``where``, when given, is filled with the places of its keys (for edits).
    """
    # The cyclic collector rescans the growing heap during a big load and made it
    # 3-5x slower at 5,000+ people; nothing built here forms cycles worth collecting.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return validate(yamlread.parse(data, filename, where), data, filename)
    finally:
        if enabled:
            gc.enable()
