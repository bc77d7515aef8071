"""The people's sections of an edited packed book: ids, the hash table that finds
them, and the columns read without decoding anyone (names, emails, URLs).

A full pack builds them from every id; here the old ones are patched: removed
ids cut out of the text, added ones appended, the offsets after a cut moved all
at once (``bulk``), and the hash table changed slot by slot, so that it equals
the table ``packing.hash_table`` builds for the new ids (a removal deletes its
slot with Knuth's algorithm R, which leaves a linear-probing table as if the key
had never been inserted; the rows above it are numbered one down).
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from netreach.book import bulk
from netreach.book.model import Person
from netreach.book.resolved import fold
from netreach.cached.csr import Patch, Renumbering
from netreach.cached.packed import Packed
from netreach.cached.packing import Buffer, _Writer, hash_table
from netreach.cached.packing import key_hash as _hash
from netreach.cached.repack_state import Repack


def copy(w: _Writer, p: Packed, name: str) -> None:
    """Section ``name`` as it is (a view of the old payload, not a copy)."""
    start, length, typecode = p._table[name]
    w.add(name, p._buffer[p._base + start:p._base + start + length], typecode)


def write(w: _Writer, patch: Patch, off: str, columns: Sequence[tuple[str, str]]) -> None:
    """A patched CSR group: its offsets and its columns."""
    offsets, data = patch.result()
    w.add(off, offsets, "q")
    for (name, typecode), parts in zip(columns, data, strict=True):
        w.add(name, parts, typecode)


def kept(size: int, removed: set[int]) -> list[tuple[int, int]]:
    """Runs of the rows ``0..size-1`` that stay, around the removed ones."""
    runs, position = [], 0
    for row in sorted(removed):
        if row > position:
            runs.append((position, row))
        position = row + 1
    if position < size:
        runs.append((position, size))
    return runs


def kept_rows(column: Any, r: Repack, typecode: str, fill: int) -> array:  # type: ignore[type-arg]
    """A number column with one value per person: the removed rows cut out, and
    ``fill`` for each added person."""
    out = array(typecode)
    for a, b in kept(len(column), r.removed_rows):
        out.frombytes(column[a:b].cast("B"))
    out.extend([fill] * len(r.change.added))
    return out


def people_keys(w: _Writer, p: Packed, r: Repack) -> None:
    """``people.ids``, ``people.ids.off`` and ``people.table`` for the new people."""
    change = r.change
    if not change.added and not r.removed_rows:
        for name in ("people.ids", "people.ids.off", "people.table"):
            copy(w, p, name)
        return
    text, offsets = p.section("people.ids"), p.section("people.ids.off")
    pieces: list[Buffer] = []
    new_offsets = array("q", [0])
    for a, b in kept(p.person_count, r.removed_rows):
        pieces.append(text[offsets[a]:offsets[b]])
        new_offsets.extend(bulk.add(offsets[a + 1:b + 1], new_offsets[-1] - offsets[a], "q"))
    data = [f"{key}\n".encode("utf-8", "surrogatepass") for key in change.added]
    pieces += data
    for piece in data:
        new_offsets.append(new_offsets[-1] + len(piece))
    w.add("people.ids", pieces)
    w.add("people.ids.off", new_offsets, "q")
    w.add("people.table", patched_table(p.section("people.table"), p.person_id,
                                        r.removed_rows, r.ids, len(change.added)), "i")


def patched_table(old: Any, old_key: Callable[[int], str], removed: set[int],
                  ids: Sequence[str], added: int) -> array:  # type: ignore[type-arg]
    """The table ``hash_table(ids)`` builds, from ``old`` (that of the old ids, found by
    ``old_key(row)``), when rows ``removed`` go and the last ``added`` of ``ids`` are new:
    changed slot by slot while the table keeps its size."""
    size = 1 << max(3, (2 * len(ids)).bit_length())
    if len(old) != size:
        return hash_table(ids)
    table = array("i")
    table.frombytes(memoryview(old).cast("B"))
    mask = size - 1
    for row in removed:
        slot = _hash(old_key(row)) & mask
        while table[slot] != row + 1:
            slot = (slot + 1) & mask
        _delete(table, slot, mask, old_key)
    if removed:  # the slots hold row + 1
        table = Renumbering([row + 1 for row in removed]).column(table, "i")
    for row in range(len(ids) - added, len(ids)):
        slot = _hash(ids[row]) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = row + 1
    return table


def _delete(table: array, hole: int, mask: int,  # type: ignore[type-arg]
            old_key: Callable[[int], str]) -> None:
    """Empty slot ``hole``, moving back each later key of its cluster whose home slot
    is not between the hole and where it sits (Knuth, TAOCP 6.4, algorithm R)."""
    slot = hole
    while True:
        slot = (slot + 1) & mask
        row = table[slot]
        if not row:
            break
        home = _hash(old_key(row - 1)) & mask
        # The key may move into the hole unless its home lies cyclically in (hole, slot].
        if (hole < slot and not hole < home <= slot) or (
                hole > slot and slot < home <= hole):
            table[hole] = row
            hole = slot
    table[hole] = 0


MATCH_COLUMNS = ("people.folded", "people.emails", "people.names", "people.urls")


def _match_values(person: Person) -> tuple[str, str, str, str]:
    """A person's values in the match columns, in the order of ``MATCH_COLUMNS``."""
    return (fold(person.name), fold(person.email) if person.email else "", person.name,
            person.url or "")


def match_keys(w: _Writer, p: Packed, r: Repack) -> None:
    """The folded names and emails (``people.folded``, ``people.emails``: near-duplicate
    checks), names (``people.names``) and profile URLs (``people.urls``, imports), each
    a list of one value per person: copied when no value changes, appended to in place
    when people are only added, else made again."""
    change = r.change
    old = {pid: p.network.people[pid] for pid in change.changed if pid not in r.added_rows}
    same = all(_match_values(person) == _match_values(old[pid])
               for pid, person in change.changed.items() if pid in old)
    if same and not change.removed:
        added = [_match_values(change.changed[pid]) for pid in change.added]
        appended = [_appended(p, name, [values[k] for values in added])
                    for k, name in enumerate(MATCH_COLUMNS)]
        if all(parts is not None for parts in appended):
            for name, parts in zip(MATCH_COLUMNS, appended, strict=True):
                assert parts is not None
                w.add(name, parts)
            return
    columns: list[list[str]] = [list(p.obj(name)) for name in MATCH_COLUMNS]
    for row in sorted(r.removed_rows, reverse=True):
        for column in columns:
            del column[row]
    for column in columns:
        column.extend("" for _ in change.added)
    for pid, person in change.changed.items():
        j = r.new_row(pid)
        assert j is not None
        for column, value in zip(columns, _match_values(person), strict=True):
            column[j] = value
    for name, column in zip(MATCH_COLUMNS, columns, strict=True):
        w.obj(name, column)


def _appended(p: Packed, name: str, values: list[str]) -> list[Buffer] | None:
    """Marshal data of the list in section ``name`` with ``values`` appended, without
    reading it: its header (the list's type and length) written again, its items kept,
    the new ones after them (marshal version 2: no references to the old items' table).
    None when the section does not start as a list of one item per person."""
    data = p.section(name)
    if len(data) < 5 or data[0] & 0x7F != ord("[") or int.from_bytes(
            data[1:5], "little") != p.person_count:
        return None
    size = p.person_count + len(values)
    return [bytes(data[:1]) + size.to_bytes(4, "little"), data[5:],
            *(marshal.dumps(value, 2) for value in values)]
