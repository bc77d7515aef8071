"""How wide a line of text will be, and how to fit text into a box: wrapped at spaces,
broken inside words too long for a line, cut with "…" when it runs out of lines.

Widths are a conservative estimate of DejaVu Sans (the first font the pictures ask
for, and a wide one), rounded up per character class, so that text measured to fit
here fits in a browser too; the picture tests check it in Chromium.
"""

from __future__ import annotations

import unicodedata

_NARROW = set("ijlI.,:;'!|()[]{}frt -")
_WIDE = set("mwMW@%")


def _char_em(ch: str) -> float:
    """Advance width of one character in em, rounded up from DejaVu Sans."""
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.05
    if ch in _NARROW:
        return 0.42
    if ch in _WIDE:
        return 1.0
    if ch.isupper():
        return 0.78
    if ch.isdigit():
        return 0.66
    return 0.64


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An upper estimate of ``text``'s width in pixels at ``size``."""
    return sum(_char_em(ch) for ch in text) * size * (1.1 if bold else 1.0)


def _cut(text: str, width: float, size: float, bold: bool, ellipsis: str = "") -> str:
    """The longest prefix of ``text`` that fits ``width`` with ``ellipsis`` after it."""
    room = width - text_width(ellipsis, size, bold=bold)
    out = ""
    for ch in text:
        if text_width(out + ch, size, bold=bold) > room:
            break
        out += ch
    return out.rstrip() + ellipsis


def wrap(text: str, width: float, size: float, *, bold: bool = False,
         lines: int = 2) -> tuple[tuple[str, ...], bool]:
    """``text`` broken into at most ``lines`` lines of ``width``; True when it was cut.

    Breaks at spaces; a word wider than a line is broken inside. What does not fit
    the last line is cut and ends with "…".
    """
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = word
        while text_width(current, size, bold=bold) > width:
            head = _cut(current, width, size, bold) or current[:1]
            out.append(head)
            current = current[len(head):]
    if current:
        out.append(current)
    if len(out) <= lines:
        return tuple(out), False
    kept = out[:lines]
    kept[-1] = _cut(" ".join(out[lines - 1:]), width, size, bold, "…")
    return tuple(kept), True
