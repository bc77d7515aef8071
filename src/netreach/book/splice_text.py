"""Text operations on one unit of a book (``splice.py``): replace a value's
characters, insert or delete whole lines, keep a comment's column."""

from __future__ import annotations

import re
from typing import Any

from netreach.book.yamlemit import Block, block_lines, inline
from netreach.book.yamlspan import Node
from netreach.errors import NotFound


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Just past the line end of the line holding ``pos`` (``pos`` itself when a line
    starts there), or the end of the text."""
    if pos > 0 and text[pos - 1] == "\n":
        return pos
    found = text.find("\n", pos)
    return len(text) if found < 0 else found + 1


def newline_before(text: str, pos: int, default: str = "\n") -> str:
    """The line end of the line that ends at ``pos``."""
    if pos >= 2 and text[pos - 2:pos] == "\r\n":
        return "\r\n"
    if pos >= 1 and text[pos - 1] == "\n":
        return "\n"
    return default


def column(text: str, pos: int) -> int:
    return pos - line_start(text, pos)


_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#\n]*:(\s|$)", re.MULTILINE)
_DASH_LINE = re.compile(r"^( *)- ", re.MULTILINE)


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping step, dash offset) as ``text`` writes nested blocks: the most common
    step between a ``key:`` line and the line under it, and how far a list's dash
    sits under its key. Defaults: 2 and 2."""
    steps: dict[int, int] = {}
    dashes: dict[int, int] = {}
    previous: int | None = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if previous is not None and indent > previous:
            target = dashes if stripped.startswith("- ") else steps
            target[indent - previous] = target.get(indent - previous, 0) + 1
        previous = indent if stripped.rstrip().endswith(":") and not stripped.startswith(
            "- ") else None
    step = max(steps, key=lambda k: (steps[k], -k)) if steps else 2
    dash = max(dashes, key=lambda k: (dashes[k], -k)) if dashes else step
    return step, dash


def _replace(text: str, start: int, end: int, new: str) -> str:
    """Replace ``text[start:end]``; a comment after it on the line keeps its column."""
    rest = text[end:]
    gap = len(rest) - len(rest.lstrip(" "))
    if gap and rest[gap:gap + 1] == "#" and "\n" not in text[start:end] and "\n" not in new:
        gap = max(1, gap - (len(new) - (end - start)))
        return text[:start] + new + " " * gap + rest.lstrip(" ")
    return text[:start] + new + rest


def _colon(text: str, key: Node) -> int:
    return text.index(":", key.end) + 1


def set_key(text: str, node: Node, key: str, value: Any, after: list[str],
            indent: tuple[int, int]) -> str:
    """Set ``key`` of the mapping ``node`` to ``value`` (insert it when missing)."""
    k = node.key_node(key)
    if k is not None:
        old = node.get(key)
        assert old is not None
        if isinstance(value, Block) and not node.flow:
            step, dash = indent
            nl = newline_before(text, line_end(text, k.start))
            lines = block_lines(value, column(text, k.start), step, dash)
            return text[:_colon(text, k)] + nl + nl.join(lines) + text[old.end:]
        new = inline(value, old.style if old.kind == "scalar" else "")
        if old.kind == "scalar" and not old.empty:
            return _replace(text, old.start, old.end, new)
        return _replace(text, _colon(text, k), old.end, " " + new)
    present = [node.keys[i] for i, k2 in enumerate(node.keys) if k2.value in after]
    if node.flow:
        if not node.keys:
            return text[:node.start + 1] + f"{inline(key)}: {inline(value)}" + text[
                node.start + 1:]
        anchor = node.items[node.keys.index(present[-1])] if present else node.items[-1]
        return text[:anchor.end] + f", {inline(key)}: {inline(value)}" + text[anchor.end:]
    anchor_end = (node.items[node.keys.index(present[-1])] if present else node.items[-1]).end
    at = line_end(text, anchor_end)
    col = column(text, node.keys[0].start)
    nl = newline_before(text, at, "\n")
    if isinstance(value, Block):
        step, dash = indent
        lines = [f"{' ' * col}{inline(key)}:", *block_lines(value, col, step, dash)]
    else:
        lines = [f"{' ' * col}{inline(key)}: {inline(value)}"]
    block = nl.join(lines) + nl
    if at == len(text) and text and not text.endswith("\n"):
        block = nl + block
    return text[:at] + block + text[at:]


def delete_key(text: str, node: Node, key: str) -> str:
    """Remove ``key`` and its value from the mapping ``node``."""
    i = [k.value for k in node.keys].index(key)
    k, v = node.keys[i], node.items[i]
    if node.flow:
        if i + 1 < len(node.keys):
            return text[:k.start] + text[node.keys[i + 1].start:]
        if i > 0:
            return text[:node.items[i - 1].end] + text[v.end:]
        return text[:k.start] + text[v.end:]
    begin = line_start(text, k.start)
    if text[begin:k.start].strip(" ") not in ("", "?"):
        # The key shares its line (``- name: x``): remove only up to the next key.
        stop = node.keys[i + 1].start if i + 1 < len(node.keys) else v.end
        return text[:k.start] + text[stop:]
    return text[:begin] + text[line_end(text, v.end):]


def append_item(text: str, node: Node, item: Any) -> str:
    """Add ``item`` at the end of the list ``node``."""
    if node.kind != "seq":
        raise NotFound("not a list")
    if node.flow:
        if not node.items:
            return text[:node.start + 1] + inline(item) + text[node.start + 1:]
        stop = node.items[-1].end
        return text[:stop] + ", " + inline(item) + text[stop:]
    last = node.items[-1]
    dash = text.rfind("-", 0, last.start)
    prefix = text[line_start(text, dash):dash]
    at = line_end(text, last.end)
    nl = newline_before(text, at, "\n")
    line = f"{prefix}- {inline(item)}{nl}"
    if at == len(text) and not text.endswith("\n"):
        line = nl + line
    return text[:at] + line + text[at:]


def delete_item(text: str, node: Node, index: int) -> str:
    """Remove item ``index`` of the list ``node``."""
    v = node.items[index]
    if node.flow:
        if index + 1 < len(node.items):
            return text[:v.start] + text[node.items[index + 1].start:]
        if index > 0:
            return text[:node.items[index - 1].end] + text[v.end:]
        return text[:v.start] + text[v.end:]
    dash = text.rfind("-", 0, v.start)
    return text[:line_start(text, dash)] + text[line_end(text, v.end):]


def singular(section: str) -> str:
    """``people`` -> ``person``: a section's entries named in messages."""
    return {"people": "person", "companies": "company", "communities": "community"}.get(
        section, section)
