"""Round-trip YAML: edit a book and keep the person's comments, order and style.

ruamel.yaml's round-trip mode keeps comments, key order, quoting, flow style and
block scalars; we give it the file's own indentation so untouched lines come
back byte for byte and a one-field change is a one-line diff.

Like netreach's reader, the document sees every plain scalar as text: ruamel's
own YAML 1.2 typing would write an untouched ``phone: +4930123456`` back as
``4930123456``, ``hiring: True`` as ``true``, ``title: null`` as ``title:`` and
timestamps in a normalised form, changing lines nobody edited. Numbers, flags,
dates and None that an edit puts in are written as the plain text they stand
for.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from netreach.errors import UsageError

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


_STR_TAG = "tag:yaml.org,2002:str"


class _TextResolver(VersionedResolver):
    """No implicit typing: every plain scalar resolves to a string."""

    @property
    def versioned_resolver(self) -> Any:
        return {}


class _TextRepresenter(RoundTripRepresenter):
    """Writes values an edit puts in as plain text (a subclass: ruamel's own
    representer, used by anyone else in the process, is left alone)."""


def _plain(rendering: Any) -> Any:
    def represent(representer: Any, value: Any) -> Any:
        return representer.represent_scalar(_STR_TAG, rendering(value))

    return represent


_TextRepresenter.add_representer(bool, _plain(lambda v: "true" if v else "false"))
_TextRepresenter.add_representer(int, _plain(str))
_TextRepresenter.add_representer(dt.date, _plain(lambda v: v.isoformat()))
_TextRepresenter.add_representer(type(None), _plain(lambda _v: ""))


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _TextResolver
    yaml.Representer = _TextRepresenter
    yaml.preserve_quotes = True
    yaml.width = 2**31  # never re-wrap long lines
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


# Stands in for appended entries while ruamel writes the document (see append_entries).
_SENTINEL = "__netreach_appended_entries_9c1f__"
_START = re.compile(r"---[ \t]*(#.*)?")
_END = re.compile(r"(?m)^\.\.\.[ \t]*(#.*)?$")


def _split_markers(text: str) -> tuple[str, str, str]:
    """(everything up to a ``---`` line, the document, a ``...`` line and what follows).

    ruamel drops the document markers and every comment before ``---`` or after
    ``...``; they are kept aside and put back as they were.
    """
    prologue = ""
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if _START.fullmatch(line.rstrip("\n")):
            prologue = text[: position + len(line)]
            break
        if stripped and not stripped.startswith(("#", "%")):
            break
        position += len(line)
    body = text[len(prologue):]
    end = _END.search(body)
    if end is None:
        return prologue, body, ""
    return prologue, body[: end.start()], body[end.start():]


class Document:
    """A book's text opened for editing; ``root`` is the top-level mapping."""

    def __init__(self, text: str) -> None:
        # ruamel writes "\n" only (and left a stray "\r" in comments): a book saved
        # on Windows keeps its "\r\n" line ends, and one without a final line end
        # stays so, or every line (or the last) would change in the diff.
        self._newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
        self._final_newline = text.endswith("\n")
        text = text.replace("\r\n", "\n")
        self._prologue, body, self._epilogue = _split_markers(text)
        self._yaml = _yaml(body)
        self._indent = guess_indent(body)[0]
        self.root: CommentedMap = self._yaml.load(body)
        self._appends: dict[str, tuple[list[tuple[str, Mapping[str, Any]]], str | None]] = {}

    def append_entries(
        self, section: str, entries: Sequence[tuple[str, Mapping[str, Any]]],
        comment: str | None = None,
    ) -> None:
        """Append entries (id, fields) at the end of a top-level mapping, under ``comment``.

        ruamel's pure-Python emitter needs about a millisecond per entry, so ten
        thousand imported people would take many seconds. Appended entries are
        new text, with nothing of the person's to keep, so they are written by
        ``emit_entries`` and spliced in where a placeholder key stood;
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
        result = self._prologue + text + self._epilogue
        if not self._final_newline and result.endswith("\n"):
            result = result[:-1]
        return result.replace("\n", self._newline) if self._newline != "\n" else result

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


# ruamel writes YAML 1.2 and netreach reads with libyaml (YAML 1.1), and they
# disagree at the edges: ruamel writes `{note: :0}`, which libyaml cannot parse,
# and puts NEL (U+0085) and U+2028/U+2029 raw into quotes, where libyaml folds
# them into spaces. So netreach picks the style of every string it writes:
# plain only for plainly safe text, double quotes (with escapes) for anything
# holding a line break, a tab or a character YAML must escape, single quotes
# for the rest.
_NEEDS_ESCAPES = re.compile(
    "[\x00-\x08\x09-\x0d\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff"
    "\ud800-\udfff]"
)
_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\s]*(?: [^:#,\[\]{}\s]+)*")
_resolve_yaml11: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = (
    yaml.resolver.Resolver().resolve
)


def _typed_elsewhere(value: str) -> bool:
    """True when YAML 1.1 or 1.2 tools would read ``value`` as something other than
    text (``NO``, ``0123``, ``1:20``, ``null``, ``0o17``): quoted, the file reads
    the same everywhere, not only in netreach."""
    tag = _resolve_yaml11(yaml.ScalarNode, value, (True, False))
    return tag != _STR_TAG or value.lstrip("+-").startswith("0o")


_SURROGATE = re.compile("[\ud800-\udfff]")


def text(value: str) -> str:
    """``value`` as a string ruamel will write so that the reader reads it back exactly."""
    if isinstance(value, DoubleQuotedScalarString | SingleQuotedScalarString):
        return value
    if _SURROGATE.search(value):
        # Python decodes undecodable command-line bytes to lone surrogates; written as
        # "\udcff" they would make a book YAML refuses, so refuse the input instead.
        raise UsageError(f"{value!r} holds bytes that are not UTF-8 text; check the "
                         "terminal's encoding (netreach books are UTF-8)")
    styled: str = value
    if _NEEDS_ESCAPES.search(value):
        styled = DoubleQuotedScalarString(value)
    elif not _PLAIN_SAFE.fullmatch(value) or _typed_elsewhere(value):
        styled = SingleQuotedScalarString(value)
    return styled


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


# Where ruamel keeps the comment that ends an entry's last line (its end-of-line
# comment, then every blank and comment line up to the next entry): slot 2 of a
# mapping key's comment list, slot 0 of a sequence item's.
_MAP_SLOT, _SEQ_SLOT = 2, 0


def _is_block(value: Any) -> bool:
    return isinstance(value, CommentedMap | CommentedSeq) and bool(value) and (
        not value.fa.flow_style()
    )


def _own_line_end(value: Any) -> bool:
    """Whether the comment after ``value`` starts by ending the value's own line.

    A block scalar (``|`` or ``>``) ends its own last line; the comment after it
    holds only the lines that follow.
    """
    return not isinstance(value, LiteralScalarString | FoldedScalarString)


def _token_text(token: Any) -> str:
    value = str(token.value)
    return (" " * token.column if value.strip() else "") + value


def _last_key(value: CommentedMap | CommentedSeq) -> Any:
    return list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1


def _tail_slot(container: CommentedMap | CommentedSeq, key: Any) -> tuple[list[Any], int]:
    """The comment list and index that ends the line of ``container[key]`` (a scalar or
    flow collection): its end-of-line comment, then the blank and comment lines after."""
    if isinstance(container, CommentedMap):
        return container.ca.items.setdefault(key, [None, None, None, None]), _MAP_SLOT
    return container.ca.items.setdefault(key, [None, None]), _SEQ_SLOT


def _following_lines(container: CommentedMap | CommentedSeq, key: Any) -> str:
    """The blank and comment lines after ``container[key]``'s own lines, as text.

    A block collection ends where its last entry ends, and ruamel may also keep
    lines after it in the collection's ``end`` comments.
    """
    value = container[key]
    if _is_block(value):
        text = _following_lines(value, _last_key(value))
        return text + "".join(_token_text(t) for t in value.ca.end or [])
    entry = container.ca.items.get(key)
    index = _MAP_SLOT if isinstance(container, CommentedMap) else _SEQ_SLOT
    token = entry[index] if entry and len(entry) > index else None
    if token is None:
        return ""
    if not _own_line_end(value):
        return str(token.value)
    # The first line of the token is the end of the entry's own last line.
    return str(token.value).partition("\n")[2]


def _take_following_lines(container: CommentedMap | CommentedSeq, key: Any) -> str:
    """Detach the blank and comment lines after ``container[key]`` (its end-of-line
    comment stays); the collection's own ``end`` comments stay where they are."""
    value = container[key]
    if _is_block(value):
        return _take_following_lines(value, _last_key(value))
    entry = container.ca.items.get(key)
    index = _MAP_SLOT if isinstance(container, CommentedMap) else _SEQ_SLOT
    token = entry[index] if entry and len(entry) > index else None
    if token is None:
        return ""
    if not _own_line_end(value):
        slot = container.ca.items[key]
        slot[index] = None
        return str(token.value)
    own, newline, rest = str(token.value).partition("\n")
    token.value = own + newline
    return rest


def insert_entry(container: CommentedMap, position: int, key: str, value: Any) -> None:
    """Insert ``key: value`` at ``position``; at the end, the blank and comment lines that
    closed the collection (the gap before the next entry, a heading) move after it."""
    if position < len(container) or not container or container.fa.flow_style():
        container.insert(position, key, value)
        return
    moved = _take_following_lines(container, _last_key(container))
    container.insert(position, key, value)
    if moved:
        _append_lines(container, key, moved)


def append_entry(container: CommentedMap, key: str, value: Any) -> None:
    """Add ``key: value`` after the last entry (see ``insert_entry``)."""
    insert_entry(container, len(container), key, value)


def append_item(container: CommentedSeq, value: Any) -> None:
    """Add an item after the last one, keeping the lines that closed the list after it."""
    if not container or container.fa.flow_style():
        container.append(value)
        return
    moved = _take_following_lines(container, len(container) - 1)
    container.append(value)
    if moved:
        _append_lines(container, len(container) - 1, moved)


def _append_lines(container: CommentedMap | CommentedSeq, key: Any, text: str) -> None:
    """Write ``text`` (whole lines) right after the lines of ``container[key]``."""
    value = container[key]
    if _is_block(value):
        if value.ca.end:
            value.ca.end.append(CommentToken(text, CommentMark(0)))
        else:
            _append_lines(value, _last_key(value), text)
        return
    slot, index = _tail_slot(container, key)
    token = slot[index]
    if token is None:
        line_end = "\n" if _own_line_end(value) else ""
        slot[index] = CommentToken(line_end + text, CommentMark(0))
    else:
        token.value = str(token.value) + text


def _preceding_lines(container: CommentedMap | CommentedSeq, key: Any) -> str:
    """The blank and comment lines ruamel attached before ``key`` (section headings)."""
    entry = container.ca.items.get(key)
    tokens = entry[1] if entry and len(entry) > 1 and entry[1] else []
    return "".join(_token_text(t) for t in tokens)


def delete_key(container: CommentedMap | CommentedSeq, key: Any) -> None:
    """Remove an entry (a mapping key or a list index) and its lines, keeping the
    comments and blank lines around it.

    ruamel hangs the lines between two entries on the first of them (or, after a
    flow collection, on the second); deleting an entry would take headings and
    the blank line before the next entry with it. They are moved to the entry
    before (or, for the first entry, to the collection's leading comment).
    """
    keep = _preceding_lines(container, key) + _following_lines(container, key)
    keys = list(container) if isinstance(container, CommentedMap) else list(range(len(container)))
    position = keys.index(key)
    del container[key]
    if isinstance(container, CommentedMap):
        container.ca.items.pop(key, None)  # ruamel keeps it, and would revive it on re-add
    if not keep:
        return
    if position > 0:
        _append_lines(container, keys[position - 1], keep)
    elif container:
        leading = container.ca.comment
        if leading is None:
            container.ca.comment = leading = [None, []]
        if leading[1] is None:
            leading[1] = []
        leading[1].append(CommentToken(keep, CommentMark(0)))
