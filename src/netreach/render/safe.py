"""Make book data inert in a terminal: no markup, no escapes, no reordering."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 and C1 controls (tab and newline kept out too: a name is one line), DEL, and the
# Unicode bidirectional controls that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Replace control and bidi-override characters with visible escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


# In JSON every one of these may be written as a \uXXXX escape instead, which keeps the
# data exact and the terminal safe. (json.dumps escapes only C0 controls.) U+2028 and
# U+2029 are added for JavaScript consumers, which take them as line ends.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                             "\u2028\u2029]")


def inert_json(text: str) -> str:
    """JSON text (from ``json.dumps``) with terminal-active characters escaped."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# In a file's worth of text (an export, a plan) lines and tabs are structure: keep
# "\n", "\r\n" and "\t", and make every other control and bidi character visible.
_UNSAFE_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f"
                             "\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def terminal_bytes(data: bytes, *, json: bool = False) -> bytes:
    """An output file's bytes made inert for a terminal (``export csv -`` on a TTY).

    JSON keeps its exact data (the characters become ``\\u`` escapes, as with
    ``--json``); any other format gets the visible escapes of ``clean``, line
    breaks and tabs kept.
    """
    text = data.decode("utf-8", "replace")
    if json:
        return inert_json(text).encode("utf-8")
    return _UNSAFE_IN_FILE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def cell(text: object | None, style: str = "") -> Text:
    """A rich ``Text`` (never parsed as markup) holding cleaned data."""
    from rich.text import Text

    return Text("" if text is None else clean(text), style=style)


# Characters that Markdown (CommonMark and GitHub's dialect) may read as syntax
# anywhere in a line: emphasis, code, links, raw HTML, entities, tables, strikethrough.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~!&])")
# What autolinks are found by (GitHub's, linkify's): a scheme ("https:", "mailto:"),
# an "@" of an e-mail address or a mention, and a dot before a domain label ("evil.com",
# "www.x"). Escaped, the text renders the same but holds no URL, address or domain. A
# colon before a space and a dot between digits ("note: 0.5") cannot start one.
_MD_AUTOLINK = re.compile(r"(:(?=\S)|@|(?<!\d)\.(?=\w)|\.(?=[^\W\d]))")
# ...and at the start of a line: lists, headings, quotes, thematic breaks, setext.
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def md(text: object) -> str:
    """Book data as inert Markdown text: controls made visible, syntax backslash-escaped.

    URLs and e-mail addresses stay readable but are never links: ``<`` is escaped
    (CommonMark's ``<...>`` autolinks), and so are the colon of a scheme, every ``@``
    and the dots of a domain name (GitHub's and linkify's bare-URL autolinks).
    """
    escaped = _MD_INLINE.sub(r"\\\1", clean(text))
    escaped = _MD_AUTOLINK.sub(r"\\\1", escaped)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2)
                              if not m.group(2)[0].isdigit()
                              else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1],
                              escaped)

