"""Random valid books written in random styles, for property tests of edits.

Each person is written as a block entry at the book's indentation (2 or 4), with
fields in random YAML styles: flow lists over one or several lines with comments
inside, block lists, block scalars with every chomping, quoted and escaped text,
trailing spaces, comments and blank lines between entries, and a few CRLF line
ends. Ties are declared once per pair (or mirrored with the same strength), so
the book is valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

COMMUNITIES = ["runners", "pydata", "choir"]
COMPANIES = ["acme", "globex"]
WORDS = ["Ada", "Bo", "Cy", "Dee", "Eve", "Flo", "Gus", "Hal"]


@dataclass
class Styled:
    text: str
    people: list[str]
    spans: dict[str, tuple[int, int]]  # person id -> (first line, end line), 0-based


def _scalar(draw: st.DrawFn, value: str) -> str:
    style = draw(st.sampled_from(["plain", "single", "double", "escaped"]))
    if style == "single":
        return "'" + value + "'"
    if style == "double":
        return '"' + value + '"'
    if style == "escaped":
        return '"' + "".join(f"\\u{ord(c):04x}" if c == "a" else c for c in value) + '"'
    return value


def _list(draw: st.DrawFn, items: list[str], pad: str, step: str) -> list[str]:
    """A field's list as the lines after ``key:`` (first element: the rest of its line)."""
    style = draw(st.sampled_from(["flow", "multiline", "block"]))
    if style == "flow" or not items:
        return [" [" + ", ".join(items) + "]"]
    if style == "multiline":
        lines = [" ["]
        lines += [f"{pad}{step}{item},   # c" for item in items]
        return [*lines, f"{pad}]"]
    return ["", *(f"{pad}{step}- {item}" for item in items)]


@st.composite
def styled_books(draw: st.DrawFn, max_people: int = 8) -> Styled:
    indent = draw(st.sampled_from([2, 4]))
    step = " " * indent
    n = draw(st.integers(2, max_people))
    people = [f"p{i}" for i in range(n)]
    strengths: dict[tuple[int, int], int] = {}
    for i in range(n):
        for j in range(i + 1, n):
            if draw(st.integers(0, 3)) == 0:
                strengths[(i, j)] = draw(st.integers(1, 5))
    lines = ["# a book for property tests", "netreach: 1", "me:", f"{step}name: Me",
             f"{step}communities: [runners]", "companies:"]
    for cid in COMPANIES:
        lines += [f"{step}{cid}:", f"{step * 2}name: {cid.title()} Inc"]
    lines.append("communities:")
    for cid in COMMUNITIES:
        lines += [f"{step}{cid}:", f"{step * 2}name: {cid.title()}",
                  f"{step * 2}kind: club"]
    lines.append("people:")
    spans: dict[str, tuple[int, int]] = {}
    pad = step * 2
    keeps_blank_lines: str | None = None  # a person whose entry ends in a `|+`/`>+` text
    for i, pid in enumerate(people):
        if draw(st.booleans()):
            lines.append("")
            if keeps_blank_lines is not None:  # YAML: the kept text owns the blank lines
                spans[keeps_blank_lines] = (spans[keeps_blank_lines][0], len(lines))
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"{step}# heading before {pid}")
        first = len(lines)
        explicit = draw(st.integers(0, 5)) == 0
        name = draw(st.sampled_from(WORDS)) + f" {i}"
        if explicit:
            lines += [f"{step}? {pid}", f"{step}:{' ' * (indent - 1)}name: {name}"]
        else:
            lines += [f"{step}{pid}:", f"{pad}name:{' ' * draw(st.integers(1, 3))}"
                                       f"{_scalar(draw, name)}"]
        if draw(st.booleans()):
            lines.append(f"{pad}company: {draw(st.sampled_from(COMPANIES))}")
        if draw(st.booleans()):
            lines.append(f"{pad}title: {_scalar(draw, draw(st.sampled_from(WORDS)))}"
                         + " " * draw(st.integers(0, 2)))
        groups = draw(st.lists(st.sampled_from(COMMUNITIES), unique=True, max_size=2))
        if groups:
            rest = _list(draw, groups, pad, step)
            lines += [f"{pad}communities:{rest[0]}", *rest[1:]]
        if draw(st.booleans()):
            lines.append(f"{pad}closeness: {draw(st.integers(1, 5))}   # why")
            lines.append(f"{pad}last_contact: 2026-0{draw(st.integers(1, 9))}-1{i % 10}")
        knows = [(j, s) for (a, j), s in strengths.items() if a == i]
        if knows:
            if draw(st.booleans()):
                lines.append(f"{pad}knows: {{" + ", ".join(f"p{j}: {s}" for j, s in knows)
                             + "}")
            else:
                lines.append(f"{pad}knows:")
                lines += [f"{pad}{step}p{j}: {s}" for j, s in knows]
        keeps_blank_lines = None
        if draw(st.booleans()):
            chomp = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", ">+"]))
            lines += [f"{pad}notes: {chomp}", f"{pad}{step}line one", f"{pad}{step}line two"]
            if chomp.endswith("+"):
                lines.append("")
                keeps_blank_lines = pid
        if draw(st.booleans()):
            lines += [f"{pad}log:", f"{pad}{step}- {{date: 2026-01-0{1 + i % 9}, note: hi}}"]
            keeps_blank_lines = None
        spans[pid] = (first, len(lines))
    crlf = draw(st.sets(st.integers(0, len(lines) - 1), max_size=3))
    text = "".join(line + ("\r\n" if k in crlf else "\n") for k, line in enumerate(lines))
    return Styled(text, people, spans)
