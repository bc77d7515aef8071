"""Strict YAML reading: every scalar stays text, and hostile YAML is refused.

PyYAML's C parser (libyaml) does the scanning; the constructor below keeps each
scalar as the text the person wrote (the schema, not YAML 1.1's implicit typing,
decides what is a number or a flag), refuses tags, aliases and duplicate keys,
and reports every problem with its line and column. Nothing here touches the
disk: it works on the bytes it is given.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import BaseConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from netreach.errors import BookInvalid, Problem

# Limits that keep a hostile file from costing unbounded time or memory.
# A generated 200,000-person book is about 60 MB, so 256 MiB leaves room.
MAX_BOOK_BYTES = 256 * 1024 * 1024
# No real book nests deeper than ~8 levels; libyaml's composer recurses in C and
# crashes the interpreter somewhere past 10,000 levels, so we stop far earlier.
MAX_DEPTH = 64
# Notes are the longest text a person writes; a megabyte is a short book of them.
MAX_SCALAR_CHARS = 1_000_000

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOM = b"\xef\xbb\xbf"


# The tag itself is not repeated: `notes: !call back soon` makes a tag of a note.
_NO_TAGS = ("YAML tags (a value starting with '!') are not allowed in a book; "
            "if the '!' is part of the text, put the text in quotes")
_NO_ANCHORS = ("anchors and aliases (a value starting with '&' or '*') are not allowed in "
               "a book; if the '&' or '*' is part of the text, put the text in quotes")


class _Stop(Exception):
    """Raised inside the constructor for problems that make going on pointless."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _at(node: Node, message: str) -> Problem:
    return Problem(message, node.start_mark.line + 1, node.start_mark.column + 1)


class _StrictConstructor(BaseConstructor):
    """Builds dicts, lists and text (or None for an empty plain scalar)."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[Problem] = []

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            # libyaml hands back the anchored node itself for every alias: seeing
            # a node twice means an alias, refused before it can multiply.
            raise _Stop(_at(node, _NO_ANCHORS))
        if node.tag not in (_STR, _SEQ, _MAP):
            raise _Stop(_at(node, _NO_TAGS))
        return super().construct_object(node, deep)

    def construct_scalar(self, node: Node) -> Any:
        assert isinstance(node, ScalarNode)
        value = node.value
        if len(value) > MAX_SCALAR_CHARS:
            raise _Stop(_at(node, f"value is longer than {MAX_SCALAR_CHARS:,} characters"))
        # libyaml marks a plain (unquoted) scalar with style '' (pure PyYAML: None).
        if not node.style and value in _NULLS:
            return None
        return value

    def construct_mapping(self, node: Node, deep: bool = False) -> Any:
        assert isinstance(node, MappingNode)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(_at(key_node, "keys must be plain text"))
                continue
            key = self.construct_object(key_node, deep=True)
            if key is None:
                self.problems.append(_at(key_node, "empty key"))
                continue
            if key in mapping:
                self.problems.append(_at(key_node, f"duplicate key {key!r}"))
                continue
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _construct_seq(loader: _StrictConstructor, node: Node) -> Any:
    assert isinstance(node, SequenceNode)
    return [loader.construct_object(child, deep=True) for child in node.value]


def _construct_map(loader: _StrictConstructor, node: Node) -> Any:
    return loader.construct_mapping(node, deep=True)


_StrictConstructor.add_constructor(_STR, _StrictConstructor.construct_scalar)  # type: ignore[type-var]
_StrictConstructor.add_constructor(_SEQ, _construct_seq)  # type: ignore[type-var]
_StrictConstructor.add_constructor(_MAP, _construct_map)  # type: ignore[type-var]


class _Loader(CParser, _StrictConstructor, BaseResolver):
    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _StrictConstructor.__init__(self)
        BaseResolver.__init__(self)


_FLOW_DEPTH = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def _might_be_deep(data: bytes) -> bool:
    """A fast over-estimate of nesting; when it says yes, ``_check_events`` decides.

    Flow nesting is at most the bracket depth (brackets inside text only make it
    larger). Block nesting is at most the longest run of indentation and ``- ``,
    ``? ``, ``: `` indicators that starts a line, plus two (a block sequence may sit
    at its key's indentation, and the top mapping counts). Both together bound
    the real depth, so a book within the limit is never parsed twice.
    """
    brackets = data.translate(_FLOW_DEPTH, _NOT_BRACKET)
    flow = 0
    if brackets:
        steps = (1 if b == 1 else -1 for b in brackets)
        flow = max(accumulate(steps, lambda d, s: max(d + s, 0)))
    room = MAX_DEPTH - flow - 2
    if room <= 0:
        return True
    return re.search(rb"^[ \t?:-]{%d,}" % room, data, re.MULTILINE) is not None


# Where an anchor can start: `&` at the start of a value (after a line start, space
# or flow punctuation) and followed by a name. `R&D` or `Tom & Jerry` never match.
_MAYBE_ANCHOR = re.compile(rb"(?:^|[\s\[{,])&[^\s\[\]{},]", re.MULTILINE)


def _check_events(text: str, *, depth: bool, anchors: bool) -> Problem | None:
    """Exact nesting and anchor checks on the event stream (iterative: cannot crash).

    The node tree keeps no anchors, so an anchor nobody refers to would vanish
    silently: `notes: &co met at the fair` would read as "met at the fair".
    """
    level = 0
    for event in yaml.parse(text, Loader=yaml.CBaseLoader):
        mark = event.start_mark
        assert mark is not None  # libyaml marks every event
        if anchors and getattr(event, "anchor", None) is not None:
            return Problem(_NO_ANCHORS, mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.CollectionStartEvent):
            level += 1
            if depth and level > MAX_DEPTH:
                return Problem(
                    f"nested deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            level -= 1
    return None


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
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise BookInvalid(
            filename,
            [Problem(f"not UTF-8 text (byte 0x{data[err.start]:02x})", line, column)],
        ) from None


def _yaml_problem(err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    text = err.problem or err.context or "invalid YAML"
    if "expected a single document" in (err.context or ""):
        text = "several YAML documents in one file; a book is one document"
    if mark is None:
        return Problem(f"invalid YAML: {text}")
    return Problem(f"invalid YAML: {text}", mark.line + 1, mark.column + 1)


def _reader_problem(err: yaml.reader.ReaderError, text: str) -> Problem:
    """A character YAML refuses (a control character, say), located in ``text``."""
    position = min(max(err.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    if isinstance(err.character, int):
        what = f"control character U+{err.character:04X} is not allowed in a book"
    else:
        what = f"invalid text: {err.reason}"
    return Problem(what, line, column)


def parse(data: bytes, filename: str) -> dict[str, Any]:
    """Parse a book's bytes into plain data (dicts, lists, text, None).

    Raises ``BookInvalid`` with every problem found, each with line and column.
    """
    if len(data) > MAX_BOOK_BYTES:
        raise BookInvalid(
            filename,
            [Problem(f"the file is {len(data):,} bytes; a book may be at most {MAX_BOOK_BYTES:,}")],
        )
    text = _decode(data, filename)
    try:
        deep, anchored = _might_be_deep(data), _MAYBE_ANCHOR.search(data) is not None
        if deep or anchored:
            refused = _check_events(text, depth=deep, anchors=anchored)
            if refused is not None:
                raise BookInvalid(filename, [refused])
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise BookInvalid(filename, [Problem("the book is empty", 1, 1)])
            result = loader.construct_document(node)
        finally:
            loader.dispose()
    except _Stop as stop:
        raise BookInvalid(filename, [*loader.problems, stop.problem]) from None
    except yaml.MarkedYAMLError as err:
        raise BookInvalid(filename, [_yaml_problem(err)]) from None
    except yaml.reader.ReaderError as err:  # a control character: located by position
        raise BookInvalid(filename, [_reader_problem(err, text)]) from None
    except yaml.YAMLError as err:
        raise BookInvalid(filename, [Problem(f"invalid YAML: {err}", 1, 1)]) from None
    if loader.problems:
        raise BookInvalid(filename, loader.problems)
    if not isinstance(result, dict):
        raise BookInvalid(
            filename, [_at(node, "the book must be a mapping (key: value) at the top")]
        )
    return result


def compose(text: str) -> Node | None:
    """The node tree of an already-parsed book, used only to locate problems."""
    return yaml.compose(text, Loader=yaml.CBaseLoader)


def locate(root: Node | None, path: tuple[str | int, ...], *, key: bool = False) -> Problem:
    """Line and column of the node at ``path`` (of its key when ``key``), as a Problem stub.

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
    return Problem("", target.start_mark.line + 1, target.start_mark.column + 1, path)
