"""Round-trip YAML: edit a book and keep the person's comments, order and style.

ruamel.yaml's round-trip mode keeps comments, key order, quoting, flow style and
block scalars; we give it the file's own indentation so untouched lines come
back byte for byte and a one-field change is a one-line diff. (One known
normalisation: an explicit ``~`` null is written back as an empty value.)
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:(\s|$)")
_DASH_LINE = re.compile(r"^( *)- ")


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the file uses them."""
    steps: Counter[int] = Counter()
    offsets: Counter[int] = Counter()
    prev_key_indent: int | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if dash := _DASH_LINE.match(line):
            if prev_key_indent is not None:
                offsets[len(dash.group(1)) - prev_key_indent] += 1
            prev_key_indent = None
            continue
        key = _KEY_LINE.match(line)
        if key is None:
            prev_key_indent = None
            continue
        indent = len(key.group(1))
        if prev_key_indent is not None and indent > prev_key_indent:
            steps[indent - prev_key_indent] += 1
        prev_key_indent = indent if line.rstrip().endswith(":") else None
    mapping = steps.most_common(1)[0][0] if steps else 2
    offset = offsets.most_common(1)[0][0] if offsets else mapping
    offset = max(0, min(offset, 8))
    return mapping, offset + 2, offset


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 2**31  # never re-wrap long lines
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


# Stands in for appended entries while ruamel writes the document (see append_entries).
_SENTINEL = "__netreach_appended_entries_9c1f__"


class Document:
    """A book's text opened for editing; ``root`` is the top-level mapping."""

    def __init__(self, text: str) -> None:
        self._yaml = _yaml(text)
        self._indent = guess_indent(text)[0]
        self.root: CommentedMap = self._yaml.load(text)
        self._appends: dict[str, tuple[list[tuple[str, Mapping[str, Any]]], str | None]] = {}

    def append_entries(
        self, section: str, entries: Sequence[tuple[str, Mapping[str, Any]]],
        comment: str | None = None,
    ) -> None:
        """Append entries (id, fields) at the end of a top-level mapping, under ``comment``.

        ruamel's pure-Python emitter needs about a millisecond per entry, so ten
        thousand imported people would take many seconds. Appended entries are
        new text, with nothing of the person's to keep, so libyaml's C emitter
        writes them and they are spliced in where a placeholder key stood;
        everything else is still written by ruamel, byte for byte. Lists and
        mappings inside an entry are written on one line, as ``flow_seq`` and
        ``flow_map`` would. Fields are written in the order given.
        """
        section_map = self.root.get(section)
        if not isinstance(section_map, CommentedMap):
            section_map = CommentedMap()
            self.root[section] = section_map
        if not section_map:
            section_map.fa.set_block_style()
        pending, old_comment = self._appends.get(section, ([], None))
        pending.extend(entries)
        self._appends[section] = (pending, old_comment or comment)
        section_map[_SENTINEL + section] = 0

    def dump(self) -> str:
        """The document's text: ruamel for what was read, libyaml for appended entries."""
        out = io.StringIO()
        self._yaml.dump(self.root, out)
        text = out.getvalue()
        for section, (entries, comment) in self._appends.items():
            key = re.escape(_SENTINEL + section)
            found = re.search(rf"^( *){key}: 0\n", text, re.MULTILINE)
            if found is None:  # the section is a one-line {...}: let ruamel write them
                return self._dump_slowly()
            block = emit_entries(entries, self._indent, found.group(1), comment)
            text = text[: found.start()] + block + text[found.end():]
        return text

    def _dump_slowly(self) -> str:
        for section, (entries, _comment) in self._appends.items():
            section_map = self.root[section]
            del section_map[_SENTINEL + section]
            for key, fields in entries:
                section_map[key] = CommentedMap(
                    {k: _ruamel_value(v) for k, v in fields.items()})
        self._appends = {}
        return self.dump()


def _ruamel_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return flow_map(dict(value))
    if isinstance(value, list | tuple):
        return flow_seq(list(value))
    return value


# A plain (unquoted) scalar is written only when it cannot be read as anything but
# this text: no indicator first, no ": " or " #", no surrounding space, nothing
# YAML 1.1 would read as a number, date, flag or null. Everything else is
# double-quoted.
_UNPRINTABLE = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff"
_PLAIN = re.compile(rf"[^\s\-?:,\[\]{{}}#&*!|>'\"%@`0-9+.~=<\\{_UNPRINTABLE}][^{_UNPRINTABLE}]*")
_PLAIN_IN_FLOW = re.compile(r"[a-z0-9][a-z0-9._-]*")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# Double-quoted text is escaped exactly as ruamel escapes it, so the next edit
# (which writes the whole book with ruamel) leaves these lines as they are.
_NEEDS_ESCAPE = re.compile(
    "[\"\\\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPE = {"\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v",
           "\x0c": "f", "\x0d": "r", "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N",
           "\xa0": "_", "\u2028": "L", "\u2029": "P"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPE:
        return "\\" + _ESCAPE[ch]
    code = ord(ch)
    return f"\\x{code:02X}" if code <= 0xFF else (
        f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, escaped the way ruamel writes it."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _scalar(value: Any, *, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if flow:
        plain = bool(_PLAIN_IN_FLOW.fullmatch(text)) and not text.isdigit()
    else:
        plain = (bool(_PLAIN.fullmatch(text)) and ": " not in text and " #" not in text
                 and not text.endswith((" ", ":")))
    if plain and text.casefold() not in _YAML11_WORDS:
        return text
    return double_quoted(text)


def _value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_scalar(k, flow=True)}: {_scalar(v, flow=True)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_scalar(v, flow=True) for v in value) + "]"
    return _scalar(value)


def emit_entries(
    entries: Sequence[tuple[str, Mapping[str, Any]]], indent: int, prefix: str,
    comment: str | None = None,
) -> str:
    """Entries as block-mapping YAML text, every line indented by ``prefix``.

    Values are scalars, or lists and mappings of scalars (written on one line).
    """
    inner = prefix + " " * max(2, indent)
    lines = [prefix + "# " + comment] if comment else []
    for key, fields in entries:
        lines.append(f"{prefix}{_scalar(key)}:")
        lines.extend(f"{inner}{_scalar(k)}: {_value(v)}" for k, v in fields.items())
    return "\n".join(lines) + "\n"


def flow_map(items: dict[str, Any]) -> CommentedMap:
    """A mapping written on one line: ``{date: 2026-09-14, note: Coffee}``."""
    m = CommentedMap(items)
    m.fa.set_flow_style()
    return m


def flow_seq(items: list[Any]) -> CommentedSeq:
    """A list written on one line: ``[pydata-berlin, run-club]``."""
    s = CommentedSeq(items)
    s.fa.set_flow_style()
    return s
