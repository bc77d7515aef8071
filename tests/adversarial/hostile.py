"""Hostile text and small books, shared by the adversarial tests."""

from __future__ import annotations

# The books and bad books live in tests/badbooks.py; re-exported here for the suite.
from tests.badbooks import EXAMPLE_BYTES, MINI, person_book

__all__ = ["ESCAPES", "EXAMPLE_BYTES", "HOSTILE_TEXT", "MINI", "SMALL_BOOK", "person_book"]

# Hostile text for names and notes: each must come out inert.
HOSTILE_TEXT: tuple[str, ...] = (
    "[bold red]Mallory[/]",
    "[link=https://evil.example/]click me[/link]",
    "\x1b[31mRed Eve\x1b[0m",
    "\x1b]8;;https://evil.example/\x1b\\Osc Eve\x1b]8;;\x1b\\",
    "\x9b31mCsi Eve",
    "Bell\x07Eve\x08\x7f",
    "Bidi \u202eevE\u202c Trudy",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "@HYPERLINK(\"https://evil.example\")",
    "-2+3",
    "Line\nBreak: Eve",
    "Tab\tEve\rCR",
    "Emoji 😀 Zalgo Z̷̢a̸l̵g̶o",
    "a & b \"quoted\" 'single' ]]> <!-- --> &amp;",
)
ESCAPES = ("\x1b", "\x9b", "\x07", "\x08", "\u202e")

# A small hand-written book with comments, flow and block styles: quick to edit.
SMALL_BOOK = b"""\
# A small book for edit fuzzing.
netreach: 1
me:
  name: Alex
  communities: [club]   # member
communities:
  club: {name: Club, kind: club}
companies:
  acme: {name: Acme, outlook: growing}
people:
  a:
    name: A
    company: acme
    closeness: 3
    knows: {b: {strength: 2, credibility: 4}}
    notes: |
      two
      lines
    log:
      - {date: 2026-01-02, note: hi}

  b: {name: B, company: Acme, hiring: true, communities: [club]}
  c:
    name: C   # no company
    knows:
      a: 3
"""
