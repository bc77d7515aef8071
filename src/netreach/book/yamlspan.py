"""Where each node of a small piece of YAML starts and ends, for splicing edits in.

An edit changes one entry of a book: ``walk`` reads that entry's text (a few
lines) with libyaml and returns its nodes with their character offsets, so the
edit can replace exactly the characters of one value, or insert lines after
the last line of one field, and leave every other character alone.

Offsets are ``str`` indices into the text walked (libyaml counts characters,
as Python does, and a CRLF as two).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yaml._yaml import CParser
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)


@dataclass
class Node:
    """A mapping, sequence or scalar of the walked text, with its span.

    ``start`` is where the node begins (a flow collection's bracket, a block
    collection's first key or dash, a scalar's first character or quote);
    ``end`` is just after its last meaningful character: a closing bracket, a
    scalar's last character, or, for a block collection, its last child's end.
    A block scalar ends at its last non-blank character, unless it keeps its
    trailing line breaks (``|+``, ``>+``): then they are its own.
    """

    kind: str  # "map", "seq" or "scalar"
    start: int
    end: int
    flow: bool = False
    style: str = ""  # a scalar's style: "" plain, "'", '"', "|" or ">"
    value: str = ""
    keys: list[Node] = field(default_factory=list)  # a mapping's keys, in order
    items: list[Node] = field(default_factory=list)  # a mapping's values or a list's items

    def get(self, key: str) -> Node | None:
        """The value of ``key`` in a mapping, or None."""
        for k, v in zip(self.keys, self.items, strict=True):
            if k.value == key:
                return v
        return None

    def key_node(self, key: str) -> Node | None:
        for k in self.keys:
            if k.value == key:
                return k
        return None

    @property
    def empty(self) -> bool:
        """A plain empty value (``key:`` with nothing after it, or ``~``/``null``)."""
        return self.kind == "scalar" and not self.style and self.value in (
            "", "~", "null", "Null", "NULL")


def _index(mark: Any) -> int:
    return int(mark.index)


def _scalar_end(text: str, event: Any) -> int:
    start, end = _index(event.start_mark), _index(event.end_mark)
    if event.style in ("|", ">"):
        header = text[start:text.find("\n", start) if "\n" in text[start:end] else end]
        if "+" not in header:
            return start + len(text[start:end].rstrip())
    return end


def walk(text: str) -> Node | None:
    """The top node of ``text`` with every node's span; None for an empty document.

    ``text`` has already been read by the strict reader (the book it comes from
    loaded), so nothing hostile is expected; libyaml's errors propagate, except the
    one the strict reader also works around (a tab starting a block scalar's line,
    valid YAML that libyaml refuses): then the pure-Python parser reads it.
    """
    import yaml

    from netreach.book.yamlread import tab_in_block_scalar

    try:
        return _walk(text, CParser(text))
    except yaml.MarkedYAMLError as err:
        if not tab_in_block_scalar(err):
            raise
        return _walk(text, yaml.BaseLoader(text))


def _walk(text: str, parser: Any) -> Node | None:
    stack: list[Node] = []
    top: Node | None = None
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, ScalarEvent):
                node = Node("scalar", _index(event.start_mark), _scalar_end(text, event),
                            style=event.style or "", value=event.value)
            elif isinstance(event, MappingStartEvent | SequenceStartEvent):
                kind = "map" if isinstance(event, MappingStartEvent) else "seq"
                stack.append(Node(kind, _index(event.start_mark), _index(event.start_mark),
                                  flow=bool(event.flow_style)))
                continue
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                node = stack.pop()
                if node.flow:
                    node.end = _index(event.end_mark)
                elif node.items:
                    node.end = node.items[-1].end
                else:
                    node.end = node.start
            else:
                continue
            if not stack:
                top = node
                continue
            parent = stack[-1]
            if parent.kind == "map" and len(parent.keys) == len(parent.items):
                parent.keys.append(node)
            else:
                if parent.kind == "map" and node.empty and node.start == node.end:
                    # An empty value sits right after its key's colon.
                    key = parent.keys[-1]
                    node.start = node.end = text.index(":", key.end) + 1
                parent.items.append(node)
    finally:
        parser.dispose()
    return top


def plain(node: Node) -> Any:
    """A node as plain data, as the strict reader gives it (empty plain values: None)."""
    if node.kind == "map":
        return {k.value: plain(v) for k, v in zip(node.keys, node.items, strict=True)}
    if node.kind == "seq":
        return [plain(v) for v in node.items]
    return None if node.empty else node.value
