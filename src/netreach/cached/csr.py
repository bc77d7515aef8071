"""Rows of a packed section, changed a few at a time and written back by slices.

A packed book keeps rows of numbers (edges, ties, members) and of bytes (entries)
in flat arrays with a table of where each row starts. An edit changes a few
rows; ``Patch`` decodes only those, and writes the new arrays as slices of the
old ones around them, so the cost is a copy of the arrays, not a loop in Python
over every edge of a 50,000-person book.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

Row = list[tuple[Any, ...]]


class Patch:
    """The rows of one CSR group of sections (``off`` and its columns), with changes.

    ``order`` lists, for each row of the result, the old row it copies (-1: a new,
    empty row); by default every old row in turn. ``renumber`` maps the values of
    one column (node or person numbers) to the result's numbering, -1 for removed.
    """

    def __init__(self, sections: Callable[[str], Any], off: str,
                 columns: Sequence[tuple[str, str]]) -> None:
        self.offsets = sections(off)
        self.columns = [sections(name) for name, _tc in columns]
        self.typecodes = [tc for _name, tc in columns]
        self.size = len(self.offsets) - 1
        self.order: list[int] | None = None
        self.changed: dict[int, Row] = {}  # result row -> its entries
        self._map: tuple[int, Sequence[int]] | None = None

    def renumber(self, column: int, mapping: Sequence[int]) -> None:
        """Map ``column``'s values through ``mapping`` (applied to copied rows)."""
        self._map = (column, mapping)

    def reorder(self, order: list[int]) -> None:
        self.order = order

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
        old = self.order[i] if self.order is not None else i
        return [] if old < 0 else self.old_row(old)

    def set(self, i: int, row: Row) -> None:
        self.changed[i] = row

    def result(self) -> tuple[list[int], list[Any]]:
        """The new offsets and columns (arrays, or bytes for a bytes column)."""
        order = self.order if self.order is not None else range(self.size)
        offsets = self.offsets
        blobs = self.typecodes[0] == ""
        lengths = [(sum(len(e[0]) for e in self.changed[j]) if blobs else len(self.changed[j]))
                   if j in self.changed else
                   (offsets[i + 1] - offsets[i] if i >= 0 else 0) for j, i in enumerate(order)]
        columns = [self._mapped(n) for n in range(len(self.columns))]
        out: list[Any] = [bytearray() if tc == "" else array(tc) for tc in self.typecodes]
        run_start = -1
        run_end = -1

        def flush() -> None:
            if run_start >= 0:
                a, b = offsets[run_start], offsets[run_end]
                for target, source in zip(out, columns, strict=True):
                    target.extend(source[a:b])

        for j, i in enumerate(order):
            if j not in self.changed and i >= 0 and i == run_end:
                run_end += 1
                continue
            flush()
            run_start = run_end = -1
            if j in self.changed:
                for n, target in enumerate(out):
                    values = [e[n] for e in self.changed[j]]
                    if self.typecodes[n] == "":
                        target.extend(b"".join(values))
                    else:
                        target.extend(values)
            elif i >= 0:
                run_start, run_end = i, i + 1
        flush()
        return [0, *accumulate(lengths)], out

    def _mapped(self, n: int) -> Any:
        if self._map is None or self._map[0] != n:
            return self.columns[n]
        mapping = self._map[1]
        return array(self.typecodes[n], [mapping[v] for v in self.columns[n]])

