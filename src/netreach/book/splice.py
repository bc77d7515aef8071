"""Edit a book by splicing new text into the old: every untouched character stays.

``TextEdit`` holds the book's text and the places of its keys (``BookMap``,
from the strict reader or the cache). An edit works on *units*: one entry of a
section written in block style (from its key's line to the end of its last
value), or a whole top-level item (``me``, or a section written as ``{...}``,
or an empty one). A unit is read with libyaml (``yamlspan.walk``), changed by
replacing the characters of one value or inserting or deleting whole lines,
and read again for the next change. ``dump`` puts the changed units back into
the original text; everything between them is the person's own, byte for byte
(comments, blank lines, quotes, line ends, indentation, trailing spaces).

New lines take the indentation of their neighbours and the line end of the
line they follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from netreach.book.bookmap import BookMap, EntryStarts
from netreach.book.splice_text import (
    append_item,
    delete_item,
    delete_key,
    guess_indent,
    line_end,
    line_start,
    newline_before,
    set_key,
    singular,
)
from netreach.book.yamlemit import Block, block_lines, inline
from netreach.book.yamlspan import Node, plain, walk
from netreach.errors import NotFound

Path = tuple[str, ...]


@dataclass
class _Unit:
    """A piece of the book an edit changes: ``text`` replaces ``[start, end)``.

    ``path`` leads from the unit's top mapping to the entry it holds.
    """

    start: int
    end: int
    text: str
    path: Path
    new: bool = False


class TextEdit:
    """A book's text opened for an edit (see the module docstring).

    ``root`` is the edit itself, so code written as ``editing.f(doc.root, ...)``
    works unchanged.
    """

    def __init__(self, text: str, where: BookMap, name: str = "book") -> None:
        self.original = text
        self.where = where
        self.name = name
        self._units: dict[tuple[str, str | None], _Unit] = {}
        self._added: dict[str, list[tuple[str, _Unit]]] = {}
        self._added_by_id: dict[tuple[str, str], _Unit] = {}  # an import adds thousands
        self._comments: dict[str, str] = {}
        self._indent: tuple[int, int] | None = None
        self._orders: dict[str, EntryStarts] = {}
        self.added: list[tuple[str, str]] = []
        self._eol: str | None = None
        self.changed: set[tuple[str, str | None]] = set()
        self.removed: set[tuple[str, str]] = set()

    @classmethod
    def read(cls, text: str, name: str = "book") -> TextEdit:
        """An edit of ``text``, finding its keys with the strict reader (a whole parse:
        commands use the places the cache kept instead)."""
        from netreach.book.yamlread import parse

        where = BookMap()
        parse(text.encode("utf-8"), name, where)
        return cls(text, where, name)

    @property
    def root(self) -> TextEdit:
        return self

    # --- finding units ------------------------------------------------------------------

    def indent(self) -> tuple[int, int]:
        """The file's (mapping step, dash offset), guessed from its first lines."""
        if self._indent is None:
            self._indent = guess_indent(self.original[:20000])
        return self._indent

    def _top_span(self, section: str) -> tuple[int, int] | None:
        """[start of the key's line, start of the next top-level key's line)."""
        top = self.where.top
        start = top.get(section)
        if start is None:
            return None
        after = [p for p in top.values() if p > start]
        end = line_start(self.original, min(after)) if after else len(self.original)
        return line_start(self.original, start), end

    def _order(self, section: str) -> EntryStarts:
        """The section's entries in file order."""
        found = self._orders.get(section)
        if found is None:
            found = self._orders[section] = EntryStarts.of(self.where.entries.get(section) or {})
        return found

    def _block_entry(self, section: str, entry_id: str) -> tuple[int, int] | None:
        """Where a block-style entry's text may lie (its key's line to the next
        entry's), when its key starts its line."""
        if section in self.where.flow:
            return None
        order = self._order(section)
        starts = order.starts
        i = order.place(entry_id)
        if i is None:
            return None
        begin = line_start(self.original, starts[i])
        if self.original[begin:starts[i]].strip(" ") not in ("", "?"):
            return None
        if i + 1 < len(starts):
            return begin, line_start(self.original, starts[i + 1])
        span = self._top_span(section)
        assert span is not None
        return begin, span[1]

    def has_section(self, section: str) -> bool:
        return section in self.where.top

    def _unit(self, section: str, entry_id: str | None) -> tuple[_Unit, Path]:
        if entry_id is not None:
            unit = self._units.get((section, entry_id))
            if unit is not None:
                return unit, unit.path
            added = self._added_by_id.get((section, entry_id))
            if added is not None:
                return added, added.path
            if (span := self._block_entry(section, entry_id)) is not None:
                begin, stop = span
                node = walk(self.original[begin:stop])
                assert node is not None and node.kind == "map"
                end = begin + line_end(self.original[begin:stop], node.end)
                unit = self._units[(section, entry_id)] = _Unit(
                    begin, end, self.original[begin:end], (entry_id,))
                return unit, unit.path
            if entry_id not in (self.where.entries.get(section) or {}):
                raise NotFound(f"no {singular(section)} {entry_id!r}")
        unit = self._units.get((section, None))
        if unit is None:
            top = self._top_span(section)
            if top is None:
                raise NotFound(f"the book has no {section!r} section")
            begin, stop = top
            node = walk(self.original[begin:stop])
            assert node is not None
            end = begin + line_end(self.original[begin:stop], node.end)
            unit = self._units[(section, None)] = _Unit(
                begin, end, self.original[begin:end], (section,))
        return unit, (section,) if entry_id is None else (section, entry_id)

    def node(self, section: str, entry_id: str | None, *fields: str) -> tuple[_Unit, Node]:
        """The unit holding an entry and the node at ``fields`` inside the entry."""
        unit, path = self._unit(section, entry_id)
        node = walk(unit.text)
        for part in (*path, *fields):
            if node is None or node.kind != "map":
                raise NotFound(f"no {'.'.join((*path, *fields))}")
            node = node.get(part)
        if node is None:
            raise NotFound(f"no {'.'.join((*path, *fields))}")
        return unit, node

    # --- reading ------------------------------------------------------------------------

    def has(self, section: str, entry_id: str) -> bool:
        """Whether the section holds the entry (added in this edit included)."""
        if (section, entry_id) in self.removed:
            return False
        if (section, entry_id) in self._added_by_id:
            return True
        return entry_id in self.where.entries.get(section, {})

    def get(self, section: str, entry_id: str | None, *fields: str) -> Any:
        """The plain value at ``fields`` of an entry (None when absent)."""
        try:
            _unit, node = self.node(section, entry_id, *fields)
        except NotFound:
            return None
        return plain(node)

    def entry_text(self, section: str, entry_id: str) -> str | None:
        """The text of an entry as the edit leaves it (None: removed), when it is a
        block entry of its own (not inside a top-level item)."""
        if (section, entry_id) in self.removed:
            return None
        unit, path = self._unit(section, entry_id)
        return unit.text if path == (entry_id,) else None

    def top_text(self, section: str) -> str | None:
        """The text of a whole top-level item (``me``) as the edit leaves it, when the
        edit changed it in place."""
        unit = self._units.get((section, None))
        return None if unit is None or section not in self.where.top else unit.text

    # --- changing -----------------------------------------------------------------------

    def _change(self, unit: _Unit, section: str, entry_id: str | None,
                edit: Callable[[str], str]) -> None:
        unit.text = edit(unit.text)
        self.changed.add((section, entry_id))

    def set(self, section: str, entry_id: str | None, fields: Sequence[str], key: str,
            value: Any, *, after: Iterable[str] = ()) -> None:
        """Set ``key`` in the mapping at ``fields`` of an entry (insert it after the last
        of ``after`` present, else at the end)."""
        unit, node = self.node(section, entry_id, *fields)
        self._change(unit, section, entry_id,
                     lambda t: set_key(t, node, key, value, list(after), self.indent()))

    def unset(self, section: str, entry_id: str | None, fields: Sequence[str],
              key: str) -> bool:
        """Remove ``key`` from the mapping at ``fields``; False when it is not there."""
        unit, node = self.node(section, entry_id, *fields)
        if node.kind != "map" or node.key_node(key) is None:
            return False
        self._change(unit, section, entry_id, lambda t: delete_key(t, node, key))
        return True

    def append(self, section: str, entry_id: str | None, fields: Sequence[str],
               item: Any) -> None:
        """Add ``item`` at the end of the list at ``fields``."""
        unit, node = self.node(section, entry_id, *fields)
        self._change(unit, section, entry_id, lambda t: append_item(t, node, item))

    def remove_item(self, section: str, entry_id: str | None, fields: Sequence[str],
                    index: int) -> None:
        unit, node = self.node(section, entry_id, *fields)
        self._change(unit, section, entry_id, lambda t: delete_item(t, node, index))

    def add(self, section: str, entry_id: str, fields: dict[str, Any],
            comment: str | None = None) -> None:
        """Append a new entry at the end of ``section`` (made if missing)."""
        self.added.append((section, entry_id))
        self.changed.add((section, entry_id))
        if section in self.where.flow or not self.where.entries.get(section):
            unit, top = self._top_item(section)
            value = top.get(section) if top is not None else None
            if value is not None and value.kind == "map" and value.items:
                self._change(unit, section, None, lambda t: set_key(
                    t, value, entry_id, fields, [], self.indent()))
                return
            if value is not None and not value.empty and value.kind != "map":
                raise NotFound(f"{section!r} in the book is not a mapping of entries")
            if value is not None and value.start != value.end:  # `~`, `null` or `{}`
                self._change(unit, section, None,
                             lambda t: t[:value.start].rstrip(" ") + t[value.end:])
        step, dash = self.indent()
        column = self._entry_column(section)
        lines = []
        if comment and section not in self._comments:
            self._comments[section] = comment
            lines.append(f"{' ' * column}# {comment}")
        lines.append(f"{' ' * column}{inline(entry_id)}:")
        lines.extend(block_lines(Block(fields), column, step, dash))
        unit = _Unit(-1, -1, "\n".join(lines) + "\n", (entry_id,), new=True)
        self._added.setdefault(section, []).append((entry_id, unit))
        self._added_by_id.setdefault((section, entry_id), unit)

    def _top_item(self, section: str) -> tuple[_Unit, Node | None]:
        if section not in self.where.top:
            unit = self._units.setdefault((section, None), _Unit(
                len(self.original), len(self.original), f"{section}:\n", (section,)))
            self.changed.add((section, None))
            return unit, walk(unit.text)
        unit, _path = self._unit(section, None)
        return unit, walk(unit.text)

    def _entry_column(self, section: str) -> int:
        entries = self.where.entries.get(section) or {}
        if entries and section not in self.where.flow:
            first = next(iter(entries.values()))
            begin = line_start(self.original, first)
            line = self.original[begin:first]
            return len(line) - len(line.lstrip(" "))  # ``? key`` entries: the ``?``'s column
        return self.indent()[0]

    def remove(self, section: str, entry_id: str) -> None:
        """Remove an entry and its lines; the comments and blank lines around it stay."""
        unit, path = self._unit(section, entry_id)
        if path == (entry_id,):
            self._change(unit, section, entry_id, lambda _t: "")
            if not unit.new and self._keeps_blank_lines_before(section, entry_id):
                # The blank lines before this entry belong to the entry before (its
                # `|+` text keeps them): the ones after it go, so that text stays.
                rest = self.original[unit.end:]
                stripped = rest.lstrip(" \t\r\n")
                unit.end = line_start(self.original, len(self.original) - len(stripped)) if (
                    stripped) else len(self.original)
        else:
            _unit, node = self.node(section, None)
            self._change(unit, section, None, lambda t: delete_key(t, node, entry_id))
        self.removed.add((section, entry_id))

    def _keeps_blank_lines_before(self, section: str, entry_id: str) -> bool:
        """Whether the entry before this one ends with a block text that keeps its
        trailing blank lines (``|+``, ``>+``)."""
        order = self._order(section)
        i = order.place(entry_id)
        assert i is not None
        if i == 0:
            return False
        before = order.ids[i - 1]
        unit, path = self._unit(section, before)
        node = walk(unit.text)
        while node is not None and node.kind in ("map", "seq") and node.items:
            node = node.items[-1]
        if node is None or node.kind != "scalar" or node.style not in ("|", ">"):
            return False
        header = unit.text[node.start:unit.text.find("\n", node.start)]
        return "+" in header and path == (before,)

    # --- writing ------------------------------------------------------------------------

    def splices(self) -> list[tuple[int, int, str]]:
        """(start, end, new text) of every change, in order of the original text."""
        return [(start, end, text) for start, end, text, _added in self.keyed_splices()]

    def changed_whole(self) -> frozenset[str]:
        """The top-level items this edit rewrites whole (``me``, a section made)."""
        return frozenset(section for section, entry in self._units if entry is None)

    def adds_to(self, section: str) -> bool:
        """Whether this edit appends entries to ``section``."""
        return section in self._added

    def whole_item(self, section: str) -> tuple[int, int, str]:
        """(start, end, new text) of a top-level item this edit rewrites whole."""
        unit = self._units[(section, None)]
        return unit.start, unit.end, unit.text

    def keyed_splices(self) -> list[tuple[int, int, str, list[tuple[str, int]]]]:
        """The splices, each with the entries it adds and where their keys start in it."""
        out: list[tuple[int, int, str, list[tuple[str, int]]]] = [
            (u.start, u.end, u.text, []) for u in self._units.values()
            if u.text != self.original[u.start:u.end]]
        for section, added in self._added.items():
            where = self._append_at(section)
            nl = newline_before(self.original, where, self._newline())
            text, keys = "", []
            for entry_id, unit in added:
                piece = unit.text.replace("\n", nl) if nl != "\n" else unit.text
                lines = piece.split(nl)
                skip = len(lines[0]) + len(nl) if lines[0].lstrip(" ").startswith("#") else 0
                at = skip + len(lines[1 if skip else 0]) - len(lines[1 if skip else 0].lstrip(" "))
                keys.append((entry_id, len(text) + at))
                text += piece
            out.append((where, where, text, [(f"{section}\0{k}", at) for k, at in keys]))
        out.sort(key=lambda s: (s[0], s[1]))
        end = len(self.original)
        if end and not self.original.endswith("\n"):
            for i, (start, stop, text, keys) in enumerate(out):
                if start == end:  # the last line gets its line end first
                    nl = self._newline()
                    out[i] = (start, stop, nl + text, [(k, at + len(nl)) for k, at in keys])
                    break
        return out

    def _newline(self) -> str:
        """The file's own line end: CRLF when most lines end so."""
        if self._eol is None:
            text = self.original
            # (Most books have no CR at all: one memchr, not two counts of 6 MB.)
            self._eol = "\r\n" if "\r" in text and text.count(
                "\r\n") * 2 > text.count("\n") else "\n"
        return self._eol

    def _append_at(self, section: str) -> int:
        """Where new entries of ``section`` go: after its last entry's last line."""
        unit = self._units.get((section, None))
        if unit is not None:
            return unit.end
        unit, _path = self._unit(section, self._order(section).ids[-1])
        return unit.end

    def dump(self) -> str:
        """The edited book's text."""
        pieces = []
        position = 0
        for start, end, text in self.splices():
            pieces.append(self.original[position:start])
            pieces.append(text)
            position = end
        pieces.append(self.original[position:])
        return "".join(pieces)

