"""Rows of a packed section, changed a few at a time and written back by slices.

A packed book keeps rows of numbers (edges, ties, members) and of bytes (entries)
in flat arrays with a table of where each row starts. An edit changes a few
rows; ``Patch`` decodes only those, and writes the new arrays as slices of the
old ones around them, so the cost is a copy of the arrays, not a loop in Python
over every edge of a 50,000-person book.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from netreach.book import bulk

Row = list[tuple[Any, ...]]


class Renumbering:
    """Old row (or node) numbers to new ones, when rows are removed and every number
    above ``grow_above`` moves up by ``grown`` (people added before the communities'
    nodes): ``self[v]``, -1 for a removed one. Applied to a whole column at once in C
    (``bulk.renumber``), not through a list as long as the book."""

    def __init__(self, removed: Sequence[int] = (), grow_above: int = 0,
                 grown: int = 0) -> None:
        self.removed = sorted(removed)
        self._gone = set(self.removed)
        self.grow_above, self.grown = grow_above, grown
        # Numbers above ``grow_above`` move first (all of them are above every removed
        # one), then each removed number takes one off those above it, highest first.
        self.steps = ([(grow_above, grown)] if grown else []) + [
            (r, -1) for r in reversed(self.removed)]

    def __getitem__(self, v: int) -> int:
        if v in self._gone:
            return -1
        moved = v - bisect_left(self.removed, v)
        return moved + self.grown if self.grown and v > self.grow_above else moved

    def column(self, values: Any, typecode: str) -> Any:
        """Every value of ``values`` renumbered (a new array). None of them may be a
        removed number (the repack makes the rows that held one again): in C, a
        removed number would take the next one's place instead of -1."""
        found = bulk.renumber(values, self.steps, typecode)
        return found if found is not None else array(typecode, [self[v] for v in values])


class Patch:
    """The rows of one CSR group of sections (``off`` and its columns), with changes.

    ``runs`` describe the result's rows in order: ``(first, end)`` copies old rows
    ``first`` to ``end - 1``, ``(-1, count)`` adds ``count`` new, empty rows; by
    default every old row in turn. ``renumber`` maps the values of
    one column (node or person numbers) to the result's numbering, -1 for removed.
    """

    def __init__(self, sections: Callable[[str], Any], off: str,
                 columns: Sequence[tuple[str, str]]) -> None:
        self.offsets = sections(off)
        self.columns = [sections(name) for name, _tc in columns]
        self.typecodes = [tc for _name, tc in columns]
        self.size = len(self.offsets) - 1
        self.runs: list[tuple[int, int]] | None = None
        self._ends: list[int] = []  # the result row after each run
        self.changed: dict[int, Row] = {}  # result row -> its entries
        self._map: tuple[int, Renumbering] | None = None
        self._map_copied = True

    def renumber(self, column: int, mapping: Renumbering, copied: bool = True) -> None:
        """Map ``column``'s values through ``mapping`` (applied to the rows read and,
        unless ``copied`` is False because no copied row holds a value that moves, to
        the copied rows: a pass over the whole column)."""
        self._map = (column, mapping)
        self._map_copied = copied

    def reorder(self, runs: list[tuple[int, int]]) -> None:
        self.runs = runs
        self._ends = list(accumulate(b - a if a >= 0 else b for a, b in runs))

    def _old(self, j: int) -> int:
        """The old row that result row ``j`` copies (-1: a new row)."""
        if self.runs is None:
            return j
        k = bisect_right(self._ends, j)
        first, _end = self.runs[k]
        return -1 if first < 0 else first + j - (self._ends[k - 1] if k else 0)

    def old_row(self, i: int) -> Row:
        """Old row ``i``, its values renumbered."""
        a, b = self.offsets[i], self.offsets[i + 1]
        row = list(zip(*(c[a:b] for c in self.columns), strict=True))
        if self._map is not None:
            k, mapping = self._map
            row = [(*e[:k], mapping[e[k]], *e[k + 1:]) for e in row]
        return row

    def row(self, i: int) -> Row:
        """Row ``i`` of the result (renumbered), changes included."""
        if i in self.changed:
            return self.changed[i]
        old = self._old(i)
        return [] if old < 0 else self.old_row(old)

    def set(self, i: int, row: Row) -> None:
        self.changed[i] = row

    def result(self) -> tuple[array[int], list[list[Any]]]:
        """The new offsets, and each column as a list of buffers (slices of the old
        arrays, no copies, around the changed rows)."""
        offsets = self.offsets
        columns = [self._mapped(n) for n in range(len(self.columns))]
        parts: list[list[Any]] = [[] for _ in columns]
        new_offsets = array("q", [0])
        for start, stop, changed in self._runs():
            if changed is not None:
                row = self.changed[changed]
                for n, target in enumerate(parts):
                    values = [e[n] for e in row]
                    target.append(b"".join(values) if self.typecodes[n] == "" else
                                  array(self.typecodes[n], values))
                size = sum(len(e[0]) for e in row) if self.typecodes[0] == "" else len(row)
                new_offsets.append(new_offsets[-1] + size)
                continue
            if start < 0:  # new, empty rows
                new_offsets.extend([new_offsets[-1]] * stop)
                continue
            a, b = offsets[start], offsets[stop]
            for target, source in zip(parts, columns, strict=True):
                target.append(source[a:b])
            # Rows copied after a changed row that grew or shrank: their offsets move.
            new_offsets.extend(bulk.add(offsets[start + 1:stop + 1], new_offsets[-1] - a, "q"))
        return new_offsets, parts

    def _runs(self) -> list[tuple[int, int, int | None]]:
        """The result as runs: (first old row, end old row, None) copied, (-1, count,
        None) new empty rows, or (0, 0, result row) a changed row."""
        runs = self.runs if self.runs is not None else [(0, self.size)]
        changed = sorted(self.changed)
        out: list[tuple[int, int, int | None]] = []
        k = base = 0
        for first, end in runs:
            stop = base + (end - first if first >= 0 else end)
            position = base
            while k < len(changed) and changed[k] < stop:
                j = changed[k]
                if j > position:
                    out.append(_segment(first, base, position, j))
                out.append((0, 0, j))
                position = j + 1
                k += 1
            if position < stop:
                out.append(_segment(first, base, position, stop))
            base = stop
        return out

    def _mapped(self, n: int) -> Any:
        if self._map is None or self._map[0] != n or not self._map_copied:
            return self.columns[n]
        return self._map[1].column(self.columns[n], self.typecodes[n])


def _segment(first: int, base: int, a: int, b: int) -> tuple[int, int, None]:
    """Result rows [a, b) of a run that starts at result row ``base``."""
    if first < 0:
        return (-1, b - a, None)
    return (first + a - base, first + b - base, None)
