"""Round-trip YAML: edit a book and keep the person's comments, order and style.

ruamel.yaml's round-trip mode keeps comments, key order, quoting, flow style and
block scalars; we give it the file's own indentation so untouched lines come
back byte for byte and a one-field change is a one-line diff. (One known
normalisation: an explicit ``~`` null is written back as an empty value.)
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

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


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 2**31  # never re-wrap long lines
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


class Document:
    """A book's text opened for editing; ``root`` is the top-level mapping."""

    def __init__(self, text: str) -> None:
        self._yaml = _yaml(text)
        self.root: CommentedMap = self._yaml.load(text)

    def dump(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.root, out)
        return out.getvalue()


# Text that can be written plain (unquoted) anywhere, flow context included, and
# reads back as the same text: no indicator at the start, no `: `, ` #`, flow
# punctuation or anything but printable characters and inner spaces. ruamel's own
# choice is not enough: it writes `{note: : x}` (invalid) and `[? x]` (a mapping),
# and puts NEL and U+2028 raw into quotes, where YAML reads them as line breaks.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^:#,\[\]{}\x00-\x1f\x7f-\x9f]*")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_NULLS = frozenset({"null", "Null", "NULL"})


def text(value: str) -> str:
    """``value`` as a scalar that reads back exactly, wherever it is written.

    Plain when that is safe; single-quoted when only punctuation is in the way;
    double-quoted (with escapes) when it holds line breaks or other characters
    that YAML cannot carry as they are.
    """
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, DoubleQuotedScalarString | SingleQuotedScalarString):
        return value
    if _SURROGATE.search(value):
        # Python decodes undecodable command-line bytes to lone surrogates; written as
        # "\udcff" they would make a book YAML refuses, so refuse the input instead.
        raise UsageError(f"{value!r} holds bytes that are not UTF-8 text; check the "
                         "terminal's encoding (netreach books are UTF-8)")
    quoted: str
    if _UNPRINTABLE.search(value):
        quoted = DoubleQuotedScalarString(value)
        return quoted
    plain = _PLAIN.fullmatch(value) and value == value.strip() and "  " not in value
    if plain and value not in _PLAIN_NULLS:
        return value
    quoted = SingleQuotedScalarString(value)
    return quoted


def _scalar(value: Any) -> Any:
    return text(value) if isinstance(value, str) else value


def flow_map(items: dict[str, Any]) -> CommentedMap:
    """A mapping written on one line: ``{date: 2026-09-14, note: Coffee}``."""
    m = CommentedMap({k: _scalar(v) for k, v in items.items()})
    m.fa.set_flow_style()
    return m


def flow_seq(items: list[Any]) -> CommentedSeq:
    """A list written on one line: ``[pydata-berlin, run-club]``."""
    s = CommentedSeq([_scalar(v) for v in items])
    s.fa.set_flow_style()
    return s
