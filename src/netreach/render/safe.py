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


def cell(text: object | None, style: str = "") -> Text:
    """A rich ``Text`` (never parsed as markup) holding cleaned data."""
    from rich.text import Text

    return Text("" if text is None else clean(text), style=style)
