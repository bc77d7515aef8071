"""Writing values into a book as YAML text that the strict reader reads back exactly.

Only what an edit puts in is written here; everything else in the file stays
the person's own text (``splice.py``). Strings get the plainest style that
reads back as the same text everywhere: plain when no YAML tool would read it
as anything else, single quotes for the rest (``'0123'``, ``'NO'``, ``'CTO:
robots'``), double quotes with escapes for line breaks, tabs and characters
YAML must escape. Numbers, flags and dates are written as the plain text they
stand for. Lists and mappings are written on one line (``[a, b]``,
``{date: 2026-09-14, note: Coffee}``) unless wrapped in ``Block``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from netreach.errors import UsageError


class Block:
    """A list or mapping to be written as indented lines rather than on one line."""

    __slots__ = ("value",)

    def __init__(self, value: list[Any] | dict[str, Any]) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Block({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and other.value == self.value

    __hash__ = None  # type: ignore[assignment]


_STR_TAG = "tag:yaml.org,2002:str"
_NEEDS_ESCAPES = re.compile(
    "[\x00-\x08\x09-\x0d\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\s]*(?: [^:#,\[\]{}\s]+)*")
_NEEDS_ESCAPE = re.compile(
    "[\"\\\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPE = {"\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v",
           "\x0c": "f", "\x0d": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N",
           "\xa0": "_", "\u2028": "L", "\u2029": "P"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_resolve_yaml11: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = (
    yaml.resolver.Resolver().resolve)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPE:
        return "\\" + _ESCAPE[ch]
    code = ord(ch)
    return f"\\x{code:02X}" if code <= 0xFF else (
        f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, with escapes."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _typed_elsewhere(value: str) -> bool:
    """True when YAML 1.1 or 1.2 tools would read ``value`` as something other than
    text (``NO``, ``0123``, ``1:20``, ``null``, ``0o17``): quoted, the file reads
    the same everywhere, not only in netreach."""
    tag = _resolve_yaml11(yaml.ScalarNode, value, (True, False))
    return tag != _STR_TAG or value.lstrip("+-").startswith("0o")


def check_text(value: str) -> None:
    """Refuse text that cannot be written as UTF-8 (``UsageError``)."""
    if _SURROGATE.search(value):
        # Python decodes undecodable command-line bytes to lone surrogates; written as
        # "\udcff" they would make a book YAML refuses, so refuse the input instead.
        raise UsageError(f"{value!r} holds bytes that are not UTF-8 text; check the "
                         "terminal's encoding (netreach books are UTF-8)")


def text(value: str, old_style: str = "") -> str:
    """A string as a YAML scalar; ``old_style`` (the quote of the value it replaces)
    is kept when it can hold the new text."""
    check_text(value)
    if _NEEDS_ESCAPES.search(value):
        return double_quoted(value)
    if old_style == '"':
        return double_quoted(value)
    if old_style == "'":
        return single_quoted(value)
    if not _PLAIN_SAFE.fullmatch(value) or _typed_elsewhere(value):
        return single_quoted(value)
    return value


def scalar(value: Any, old_style: str = "") -> str:
    """A scalar value (text, number, flag, date) as YAML text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return text(str(value), old_style)


def inline(value: Any, old_style: str = "") -> str:
    """A value on one line: a scalar, or a flow list or mapping of them."""
    if isinstance(value, Block):
        value = value.value
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(k)}: {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    return scalar(value, old_style)


def block_lines(value: Any, column: int, step: int, dash: int) -> list[str]:
    """A ``Block`` value of a key at ``column``, as lines without line ends.

    A mapping's keys go ``step`` columns deeper; a list's items start ``dash``
    columns deeper with ``- `` (as the file writes them), each on one line.
    """
    inner = value.value if isinstance(value, Block) else value
    lines: list[str] = []
    if isinstance(inner, Mapping):
        pad = " " * (column + step)
        for k, v in inner.items():
            if isinstance(v, Block):
                lines.append(f"{pad}{scalar(k)}:")
                lines.extend(block_lines(v, column + step, step, dash))
            else:
                lines.append(f"{pad}{scalar(k)}: {inline(v)}")
    else:
        lines.extend(f"{' ' * (column + dash)}- {inline(v)}" for v in inner)
    return lines
