"""Strict YAML reading: every scalar stays text, and hostile YAML is refused.

PyYAML's C parser (libyaml) does the scanning; the loop below builds plain data
from its events, keeps each scalar as the text the person wrote (the schema, not
YAML 1.1's implicit typing, decides what is a number or a flag), refuses tags,
anchors, aliases, duplicate keys and deep nesting, and reports every problem
with its line and column. Nothing here touches the disk: it works on the bytes
it is given.
"""

from __future__ import annotations

import bisect
import functools
import re
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import yaml
from yaml._yaml import CParser
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from netreach.book import storage
from netreach.errors import BookInvalid, Problem

if TYPE_CHECKING:
    from netreach.book.bookmap import BookMap

# Limits that keep a hostile file from costing unbounded time or memory.
# The file size limit is storage's (it reads no more): kept here too, where tests set it.
MAX_BOOK_BYTES = storage.MAX_BOOK_BYTES
# No real book nests deeper than ~8 levels. (libyaml's own composer recurses in C
# and crashes the interpreter on deep enough nesting, so we never use it to load.)
MAX_DEPTH = 64
# Notes are the longest text a person writes; a megabyte is a short book of them.
MAX_SCALAR_CHARS = 1_000_000

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOM = b"\xef\xbb\xbf"


class _Stop(Exception):
    """Raised while reading for problems that make going on pointless."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# YAML 1.2 (and every editor) breaks lines at \n, \r\n and \r only; libyaml, following
# YAML 1.1, also counts NEL, U+2028 and U+2029, so its line numbers drift after a note
# holding one of those.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


class _Lines:
    """Line and column of a character index, counting only \\n, \\r\\n and \\r."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def at(self, index: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, index) - 1
        return row + 1, index - self.starts[row] + 1


@functools.lru_cache(maxsize=2)
def _lines(text: str) -> _Lines | None:
    """Where libyaml's own line numbers are wrong for ``text``, the right ones; else None
    (most books: libyaml's marks are used as they are, at no cost)."""
    return _Lines(text) if any(c in text for c in _ODD_BREAKS) else None


# The text being parsed (its marks are converted with it).
_TEXT: ContextVar[str] = ContextVar("netreach_yaml_text", default="")


def _where(mark: Any, text: str | None = None) -> tuple[int, int]:
    """1-based line and column of a YAML mark, lines counted as YAML 1.2 counts them."""
    lines = _lines(_TEXT.get() if text is None else text)
    if lines is None:
        return mark.line + 1, mark.column + 1
    return lines.at(mark.index)


def _offset(mark: Any) -> int:
    return int(mark.index)


def _at(mark: Any, message: str) -> Problem:
    return Problem(message, *_where(mark))


class _Frame:
    """An open mapping or sequence while the event stream is read."""

    __slots__ = ("key", "mark", "obj", "state")

    def __init__(self, obj: dict[str, Any] | list[Any], mark: Any) -> None:
        self.obj = obj
        self.mark = mark
        self.key: str = ""
        self.state = _KEY


# What a mapping frame expects next.
_KEY, _VALUE, _SKIP = 0, 1, 2


_NO_ALIASES = ("anchors and aliases (a value starting with '&' or '*') are not allowed in "
               "a book; if the '&' or '*' is part of the text, put the text in quotes")
# The tag itself is not repeated: `notes: !call back soon` makes a tag of a note.
_NO_TAGS = ("YAML tags (a value starting with '!') are not allowed in a book; "
            "if the '!' is part of the text, put the text in quotes")


def _refuse_decoration(event: ScalarEvent | CollectionStartEvent) -> None:
    if event.anchor is not None:
        raise _Stop(_at(event.start_mark, _NO_ALIASES))
    if event.tag is not None:
        raise _Stop(_at(event.start_mark, _NO_TAGS))


def _place(frame: _Frame, value: Any, mark: Any, problems: list[Problem]) -> None:
    """Put a finished value into its parent mapping or sequence."""
    obj = frame.obj
    if isinstance(obj, list):
        obj.append(value)
    elif frame.state == _VALUE:
        obj[frame.key] = value
        frame.state = _KEY
    elif frame.state == _SKIP:
        frame.state = _KEY
    elif isinstance(value, str):
        if value in obj:
            problems.append(_at(mark, f"duplicate key {value!r}"))
            frame.state = _SKIP
        else:
            frame.key = value
            frame.state = _VALUE
    else:
        problems.append(_at(mark, "empty key" if value is None else "keys must be plain text"))
        frame.state = _SKIP


def tab_in_block_scalar(err: yaml.MarkedYAMLError) -> bool:
    """libyaml refuses a tab that starts a block scalar's first line after its
    indentation (``notes: |`` then two spaces and a tab), which YAML allows."""
    return (err.context == "while scanning a block scalar"
            and "found a tab character where an indentation space" in (err.problem or ""))


def _build(text: str, problems: list[Problem], where: BookMap | None = None, *,
           pure: bool = False) -> tuple[Any, Any] | None:
    """The top value and its mark (None: no document), built from the event stream.

    Values are dicts, lists, text, or None for an empty plain value (``~`` too).

    Built from libyaml's events with an explicit stack rather than from its node
    tree: libyaml composes nodes recursively in C and crashes the interpreter on
    deep enough nesting, whereas this loop refuses level 65 and cannot crash.
    Aliases never expand (they are refused), so a bomb costs nothing.
    """
    # The pure-Python parser (same events, no recursion either) reads what libyaml
    # wrongly refuses; it is slower, so it is only the fallback.
    parser: Any = yaml.BaseLoader(text) if pure else CParser(text)
    stack: list[_Frame] = []
    result: tuple[Any, Any] | None = None
    documents = 0
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent:
                assert isinstance(event, ScalarEvent)
                _refuse_decoration(event)
                value: Any = event.value
                if len(value) > MAX_SCALAR_CHARS:
                    too_long = f"value is longer than {MAX_SCALAR_CHARS:,} characters"
                    raise _Stop(_at(event.start_mark, too_long))
                # libyaml marks a plain (unquoted) scalar with style '' (None in pure PyYAML).
                if not event.style and value in _NULLS:
                    value = None
                mark = event.start_mark
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                assert isinstance(event, CollectionStartEvent)
                _refuse_decoration(event)
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(_at(event.start_mark, f"nested deeper than {MAX_DEPTH} levels"))
                if where is not None and len(stack) == 1 and stack[0].state == _VALUE:
                    where.entries[stack[0].key] = {}
                    if event.flow_style:
                        where.flow.add(stack[0].key)
                stack.append(_Frame({} if kind is MappingStartEvent else [], event.start_mark))
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value, mark = frame.obj, frame.mark
            elif kind is AliasEvent:
                raise _Stop(_at(event.start_mark, _NO_ALIASES))
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Stop(
                        _at(
                            event.start_mark,
                            "several YAML documents in one file; a book is one document",
                        )
                    )
                continue
            else:
                continue
            if stack:
                if (where is not None and len(stack) <= 2 and type(value) is str
                        and stack[-1].state == _KEY and isinstance(stack[-1].obj, dict)):
                    if len(stack) == 1:
                        where.top.setdefault(value, _offset(mark))
                    elif isinstance(section := where.entries.get(stack[0].key), dict):
                        section.setdefault(value, _offset(mark))
                _place(stack[-1], value, mark, problems)
            else:
                result = (value, mark)
    finally:
        parser.dispose()
    return result


def _decode(data: bytes, filename: str) -> str:
    if not data.strip():
        raise BookInvalid(filename, [Problem("the book is empty", 1, 1)])
    if data.startswith(_BOM):
        raise BookInvalid(
            filename,
            [Problem("the file starts with a byte-order mark; save it as UTF-8 without BOM", 1, 1)],
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[:err.start].decode("utf-8")  # valid up to the error
        line, column = _Lines(before).at(len(before))
        raise BookInvalid(
            filename,
            [Problem(f"not UTF-8 text (byte 0x{data[err.start]:02x})", line, column)],
        ) from None


def _yaml_problem(err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    text = err.problem or err.context or "invalid YAML"
    # libyaml's own depth limit (bundled since PyYAML 6.0.3) says what ours says.
    what = (f"nested deeper than {MAX_DEPTH} levels" if "maximum nesting depth" in text
            else f"invalid YAML: {text}")
    if mark is None:
        return Problem(what, 1, 1)
    return Problem(what, *_where(mark))


def _reader_problem(err: yaml.reader.ReaderError, text: str) -> Problem:
    """A character libyaml refuses (a control character, say), located in ``text``."""
    position = min(max(err.position, 0), len(text))
    line, column = _Lines(text[:position]).at(position)
    if isinstance(err.character, int):
        what = f"character U+{err.character:04X} is not allowed in YAML ({err.reason})"
    else:
        what = f"invalid text: {err.reason}"
    return Problem(what, line, column)


def parse(data: bytes, filename: str, where: BookMap | None = None) -> dict[str, Any]:
    """Parse a book's bytes into plain data (dicts, lists, text, None).

    Raises ``BookInvalid`` with every problem found, each with line and column.
    ``where``, when given, is filled with the places of the keys (``BookMap``).
    """
    if len(data) > MAX_BOOK_BYTES:
        raise BookInvalid(
            filename,
            [Problem(f"the file is larger than a book may be ({MAX_BOOK_BYTES:,} bytes)", 1, 1)],
        )
    text = _decode(data, filename)
    problems: list[Problem] = []
    token = _TEXT.set(text)
    try:
        try:
            built = _build(text, problems, where)
        except yaml.MarkedYAMLError as err:
            if not tab_in_block_scalar(err):
                raise
            problems.clear()
            built = _build(text, problems, where, pure=True)
    except _Stop as stop:
        raise BookInvalid(filename, [*problems, stop.problem]) from None
    except yaml.MarkedYAMLError as err:
        raise BookInvalid(filename, [*problems, _yaml_problem(err)]) from None
    except yaml.reader.ReaderError as err:
        raise BookInvalid(filename, [*problems, _reader_problem(err, text)]) from None
    except yaml.YAMLError as err:
        raise BookInvalid(filename, [*problems, Problem(f"invalid YAML: {err}", 1, 1)]) from None
    finally:
        _TEXT.reset(token)
    if problems:
        raise BookInvalid(filename, problems)
    if built is None or built[0] is None:
        raise BookInvalid(filename, [Problem("the book is empty", 1, 1)])
    result, mark = built
    if not isinstance(result, dict):
        raise BookInvalid(
            filename, [_at(mark, "the book must be a mapping (key: value) at the top")]
        )
    return result


def compose(text: str) -> Node | None:
    """The node tree of an already-parsed book, used only to locate problems."""
    try:
        return yaml.compose(text, Loader=yaml.CBaseLoader)
    except yaml.MarkedYAMLError as err:
        if not tab_in_block_scalar(err):
            raise
        return yaml.compose(text, Loader=yaml.BaseLoader)


def locate(root: Node | None, path: tuple[str | int, ...], *, key: bool = False,
           text: str = "") -> Problem:
    """Line and column of the node at ``path`` (of its key when ``key``), as a Problem stub.

    ``text`` is what ``root`` was composed from (lines are counted in it).

    Walks as far as the path exists, so a missing field points at its parent.
    """
    node = root
    key_node: Node | None = None
    for part in path:
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == str(part):
                    key_node, node = k, v
                    break
            else:
                break
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            key_node, node = None, node.value[part]
        else:
            break
    target = key_node if key and key_node is not None else node
    if target is None:
        return Problem("", None, None, path)
    return Problem("", *_where(target.start_mark, text), path)
