"""Reading a packed book's sections: typed arrays, marshal objects, CSR rows and ids,
each decoded when first used (the payload is trusted only after ``cache.py`` has
checked its keyed digest)."""

from __future__ import annotations

import marshal
from typing import Any

from netreach.cached.entries import decode
from netreach.cached.packing import key_hash

# Reading ids one at a time beats splitting 200,000 of them, until a command reads
# most of them anyway (reach, export): then one split in C is cheaper.
_READS_BEFORE_SPLIT = 2_000


class PackedIds:
    """Ids packed by ``_Writer.keys``: read one at a time, found through the hash table,
    split all at once (in C) once a command has read more than a few thousand."""

    def __init__(self, packed: Sections, name: str) -> None:
        self._offsets = packed.section(f"{name}.ids.off")
        self._text = packed.section(f"{name}.ids")
        self._table = packed.section(f"{name}.table")
        self._all: list[str] | None = None
        self._reads = 0

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @property
    def all(self) -> list[str]:
        if self._all is None:
            self._all = str(self._text, "utf-8", "surrogatepass").split("\n")[:-1]
        return self._all

    def at(self, i: int) -> str:
        if self._all is not None:
            return self._all[i]
        self._reads += 1
        if self._reads > _READS_BEFORE_SPLIT:
            return self.all[i]
        return str(self._text[self._offsets[i]:self._offsets[i + 1] - 1], "utf-8",
                   "surrogatepass")

    def row(self, key: str) -> int | None:
        table = self._table
        mask = len(table) - 1
        slot = key_hash(key) & mask
        while row := table[slot]:
            if self.at(row - 1) == key:
                return row - 1
            slot = (slot + 1) & mask
        return None


class Sections:
    """The named sections of a packed book, each read when first asked for."""

    def __init__(self, payload: bytes | memoryview) -> None:
        self._buffer = memoryview(payload)
        size = int.from_bytes(self._buffer[:8], "little")
        self._table: dict[str, tuple[int, int, str]] = marshal.loads(self._buffer[8:8 + size])
        self._base = 8 + size
        self._objects: dict[str, Any] = {}
        self._sections: dict[str, memoryview] = {}
        self._people = PackedIds(self, "people")
        self.companies = PackedIds(self, "companies")
        self._community_row: dict[str, int] | None = None

    def section(self, name: str) -> memoryview:
        """One section: bytes, or typed numbers when packed as an array."""
        view = self._sections.get(name)
        if view is None:
            start, length, typecode = self._table[name]
            view = self._buffer[self._base + start:self._base + start + length]
            if typecode:
                view = view.cast(typecode)  # type: ignore[call-overload]
            self._sections[name] = view
        return view

    def obj(self, name: str) -> Any:
        """A section of marshal data, decoded once."""
        if name not in self._objects:
            self._objects[name] = marshal.loads(self.section(name))
        return self._objects[name]

    def row(self, name: str, i: int, rows: str | None = None) -> memoryview:
        """Row i of a CSR section (or entry i of an entries section, as bytes);
        ``rows`` names the section whose offsets it shares, if not its own."""
        offsets = self.section(f"{rows or name}.off")
        return self.section(name)[offsets[i]:offsets[i + 1]]

    def entry(self, name: str, i: int) -> Any:
        """Entry i of an entries section, decoded."""
        return decode(marshal.loads(self.row(name, i)))

    @property
    def people(self) -> list[str]:
        """Every person id, in book order."""
        return self._people.all

    @property
    def person_count(self) -> int:
        return len(self._people)

    def person_id(self, i: int) -> str:
        """The id of person i (0-based)."""
        return self._people.at(i)

    @property
    def communities(self) -> list[str]:
        return self.obj("communities")  # type: ignore[no-any-return]

    def person_row(self, pid: str) -> int | None:
        """Which row holds person ``pid``."""
        return self._people.row(pid)

    def community_row(self, cid: str) -> int | None:
        if self._community_row is None:
            self._community_row = {c: i for i, c in enumerate(self.communities)}
        return self._community_row.get(cid)

    def employee_row(self, cid: str) -> int | None:
        """Which row of ``employees`` holds company ``cid``."""
        i = self.companies.row(cid)
        row = -1 if i is None else self.section("employees.row")[i]
        return row if row >= 0 else None

    def employer_ids(self) -> list[str]:
        """Company ids with employees, in the order of ``Network.employees``."""
        return [self.companies.at(c) for c in self.section("employees.keys")]
