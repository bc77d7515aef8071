"""Update a packed book for an edit of a few people, without reading the whole book.

An edit changes, adds or removes a few people. Their entries are validated on
their own (``cached.edits``); this module checks what reaches out of them (the
communities and people they name, the strength a mirrored tie must share) and
writes the packed form of the edited book from the old one: the rows of the
people, ties, members, costs and edges the change touches are computed again,
with the same functions a full pack uses, and every other row is copied (its
indices renumbered when a person is removed or added). The result equals
``pack(load(new bytes))`` section for section: tests/cache/test_incremental.py
proves it for every editing command on random books.

What it does not do raises ``Unsupported`` (the caller then loads the book in
full): a change of me, of a company or a community, or of a person's company
that is not one of the companies the book declares.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from netreach.book.model import Person
from netreach.book.resolved import PathProblem, TieView, fold, tie_view
from netreach.book.yamlread import BookMap
from netreach.cached.packed import _REFERENCE_DAY, Packed, _Writer, encode
from netreach.graph import scoring
from netreach.graph.adjacency import contact_cost, hop_cost, person_costs

Edge = tuple[float, int, int]  # (cost, other node, credibility), as packed


class Unsupported(Exception):
    """The change is not one this module updates in place: load the book in full."""


@dataclass
class PeopleChange:
    """People an edit changed (``changed``: the new, validated entries, added ones
    included), appended (``added``, in order) and removed."""

    changed: dict[str, Person] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)


class _Rows:
    """A CSR section pair (``name.off`` + columns) as per-row lists, edited in place."""

    def __init__(self, p: Packed, off: str, columns: Sequence[str]) -> None:
        offsets = p.section(off).tolist()
        data = [p.section(c).tolist() for c in columns]
        self.rows: list[list[tuple[Any, ...]]] = [
            list(zip(*(d[offsets[i]:offsets[i + 1]] for d in data), strict=True))
            for i in range(len(offsets) - 1)]

    def write(self, w: _Writer, off: str, columns: Sequence[tuple[str, str]]) -> None:
        w.columns(columns, self.rows, off)


def _node_rows(rows: list[list[tuple[Any, ...]]], nmap: Sequence[int], column: int,
               keep: Sequence[int]) -> list[list[tuple[Any, ...]]]:
    """Rows of the kept nodes, with the node numbers in ``column`` renumbered
    (``nmap``; -1: removed, and its entries dropped)."""
    out = []
    for i in keep:
        row = rows[i]
        out.append([(*e[:column], nmap[e[column]], *e[column + 1:]) for e in row
                    if nmap[e[column]] >= 0])
    return out


class Repack:
    """The state of the edited book, as far as the change reaches."""

    def __init__(self, p: Packed, change: PeopleChange) -> None:
        self.p, self.change = p, change
        self.old_ids = p.people
        removed_rows = {p.person_row(x) for x in change.removed}
        self.keep = [i for i in range(len(self.old_ids)) if i not in removed_rows]
        self.ids = [self.old_ids[i] for i in self.keep] + change.added
        self.row = {pid: i for i, pid in enumerate(self.ids)} if (
            change.removed or change.added) else None
        n_old, n_new, n_comm = len(self.old_ids), len(self.ids), len(p.communities)
        self.pmap = [-1] * n_old
        for j, i in enumerate(self.keep):
            self.pmap[i] = j
        self.nmap = [0, *[j + 1 if j >= 0 else -1 for j in self.pmap],
                     *range(1 + n_new, 1 + n_new + n_comm)]
        self.n_new, self.n_comm = n_new, n_comm
        self.problems: list[PathProblem] = []
        self._people: dict[str, Person] = {}

    def new_row(self, pid: str) -> int | None:
        if self.row is not None:
            return self.row.get(pid)
        return self.p.person_row(pid)

    def person(self, pid: str) -> Person:
        found = self.change.changed.get(pid)
        if found is None:
            found = self._people.get(pid)
            if found is None:
                found = self._people[pid] = self.p.network.people[pid]
        return found

    def exists(self, pid: str) -> bool:
        return self.new_row(pid) is not None

    # --- references out of the changed entries ------------------------------------------

    def check(self) -> None:
        """Record a problem for every reference of a changed entry that does not resolve,
        and for every tie left pointing at a removed person."""
        for pid, person in self.change.changed.items():
            if pid == "me":
                self.problems.append(PathProblem(("people", "me"), "'me' is reserved for you",
                                                 key=True))
            for i, cid in enumerate(person.communities):
                if self.p.community_row(cid) is None:
                    self.problems.append(PathProblem(("people", pid, "communities", i),
                                                     f"unknown community {cid!r}"))
            for other, tie in person.knows.items():
                where = ("people", pid, "knows", other)
                if other == pid:
                    self.problems.append(PathProblem(where, "a person cannot know themselves",
                                                     key=True))
                elif not self.exists(other):
                    self.problems.append(PathProblem(where, f"unknown person {other!r}",
                                                     key=True))
                else:
                    mirror = self.person(other).knows.get(pid)
                    if mirror is not None and mirror.strength != tie.strength:
                        self.problems.append(PathProblem(
                            where, f"strength {tie.strength} here conflicts with strength "
                            f"{mirror.strength} at people.{other}.knows.{pid}", key=True))
        for pid in self.change.removed:
            for other in self.p.network.ties[pid]:
                if self.exists(other) and pid in self.person(other).knows:
                    self.problems.append(PathProblem(("people", other, "knows", pid),
                                                     f"unknown person {pid!r}", key=True))

    def company(self, pid: str, person: Person) -> int:
        """The company index of a changed person (-1: none), when it is declared."""
        text = person.company
        if text is None or not text.strip():
            return -1
        found = self.p.network.company_keys(fold(text))
        if not found:
            raise Unsupported("a company not in the book")
        cid = found[0][0]
        row = self.p.companies.row(cid)
        assert row is not None
        if self.p.network.companies[cid].implicit:
            raise Unsupported("a company named only by people")
        return row

    # --- ties -----------------------------------------------------------------------------

    def tie_rows(self) -> dict[str, dict[str, TieView]]:
        """The new ties of everyone whose ties the change may alter."""
        touched: set[str] = set()
        for pid in (*self.change.changed, *self.change.removed):
            touched.add(pid)
            if self.existed(pid):
                touched.update(self.p.network.ties[pid])
            if pid in self.change.changed:
                touched.update(self.change.changed[pid].knows)
        return {t: self._ties_of(t) for t in touched if self.exists(t)}

    def existed(self, pid: str) -> bool:
        """Whether ``pid`` was in the book before the change."""
        return self.p.person_row(pid) is not None

    def _ties_of(self, t: str) -> dict[str, TieView]:
        declared: list[tuple[int, int, str, str, Any]] = []
        own = self.person(t).knows
        row_t = self.new_row(t)
        assert row_t is not None
        for k, (other, tie) in enumerate(own.items()):
            declared.append((row_t, k, t, other, tie))
        others = set(own)
        if self.existed(t):
            others.update(self.p.network.ties[t])
        others.update(x for x, person in self.change.changed.items() if t in person.knows)
        for other in others:
            row_o = self.new_row(other)
            if other == t or row_o is None:
                continue
            theirs = self.person(other).knows
            if t in theirs:
                declared.append((row_o, list(theirs).index(t), other, t, theirs[t]))
        declared.sort(key=lambda d: (d[0], d[1]))
        ties: dict[str, TieView] = {}
        for _row, _k, a, b, tie in declared:
            if a == t:
                ties[b] = tie_view(tie.strength, tie.credibility or tie.strength)
            elif a not in own:
                ties[a] = tie_view(tie.strength, tie.strength)
        return ties


def _encode_blob(person: Person) -> bytes:
    return marshal.dumps(encode(person))


def repack(p: Packed, change: PeopleChange, book_map: BookMap) -> tuple[bytes, list[PathProblem]]:
    """The packed form of the edited book, and the problems of the change (when there
    are any, the payload is empty and nothing may be written)."""
    r = Repack(p, change)
    r.check()
    if r.problems:
        return b"", r.problems
    ties_new = r.tie_rows()
    net = p.network
    w = _Writer()
    ids, keep, pmap, nmap, n_new = r.ids, r.keep, r.pmap, r.nmap, r.n_new

    # People: ids, entries.
    if change.added or change.removed:
        w.keys("people", ids)
    else:
        for name in ("people.ids", "people.ids.off", "people.table"):
            _copy(w, p, name)
    w.obj("communities", p.communities)
    blobs = [bytes(p.row("people.data", i)) for i in keep]
    for pid, person in change.changed.items():
        j = r.new_row(pid)
        assert j is not None
        if j < len(blobs):
            blobs[j] = _encode_blob(person)
        else:
            blobs.append(_encode_blob(person))
    w.blobs("people.data", blobs)
    for name in ("communities.data.off", "communities.data", "me", "book", "companies.ids",
                 "companies.ids.off", "companies.table", "companies.data.off",
                 "companies.data", "companies.keys", "targets"):
        _copy(w, p, name)

    # Who works where.
    works_old = p.section("person_company")
    works = [works_old[i] for i in keep] + [-1] * len(change.added)
    moved = False
    for pid, person in change.changed.items():
        j = r.new_row(pid)
        assert j is not None
        before = p.person_row(pid)
        old = works_old[before] if before is not None else -1
        new = r.company(pid, person)
        if new != old and old >= 0 and net.companies[p.companies.at(old)].implicit:
            raise Unsupported("a company named only by people")
        works[j] = new
        moved |= new != old
    w.array("person_company", "i", works)
    w.obj("person_company.size", sum(1 for c in works if c >= 0))
    if moved or change.added or change.removed:
        employees: dict[int, list[int]] = {}
        for _pid, j in sorted((pid, j) for j, (pid, c) in enumerate(zip(ids, works, strict=True))
                              if c >= 0):
            employees.setdefault(works[j], []).append(j + 1)
        w.array("employees.keys", "i", list(employees))
        where = dict.fromkeys(range(len(p.companies)), -1) | {
            c: row for row, c in enumerate(employees)}
        w.array("employees.row", "i", [where[i] for i in range(len(p.companies))])
        w.csr("employees", "i", list(employees.values()))
    else:
        for name in ("employees.keys", "employees.row", "employees.off", "employees"):
            _copy(w, p, name)

    # Members of communities.
    old_members = _Rows(p, "members.off", ["members"]).rows
    dirty_communities: set[int] = set()
    members: list[list[int]] = []
    for j in range(len(p.communities)):
        row = [pmap[i] for (i,) in old_members[j] if pmap[i] >= 0]
        members.append(row)
        if len(row) != len(old_members[j]):
            dirty_communities.add(j)
    for pid in (*change.changed, *change.removed):
        was = set(net.people[pid].communities) if r.existed(pid) else set()
        now = set(change.changed[pid].communities) if pid in change.changed else set()
        for cid in was ^ now:
            j = p.community_row(cid)
            assert j is not None
            dirty_communities.add(j)
    for j in dirty_communities:
        cid = p.communities[j]
        pids = {pid for pid in (ids[i] for i in members[j]) if pid not in change.changed}
        pids.update(pid for pid, person in change.changed.items() if cid in person.communities)
        members[j] = [_row(r, pid) for pid in sorted(pids)]
    w.csr("members", "i", members)

    # Ties.
    old_ties = _Rows(p, "ties.off", ["ties", "ties.strength", "ties.credibility"]).rows
    ties = _node_rows(old_ties, [*pmap], 0, keep) + [[] for _ in change.added]
    for pid, row_ties in ties_new.items():
        ties[_row(r, pid)] = [(_row(r, o), v.strength, v.credibility)
                              for o, v in row_ties.items()]
    w.columns([("ties", "i"), ("ties.strength", "b"), ("ties.credibility", "b")], ties, "ties")

    # Edges: old rows renumbered, then every row the change touches computed again.
    n_nodes = 1 + n_new + r.n_comm
    new_nodes = list(range(1 + len(keep), 1 + n_new))
    out_rows: list[list[Any]] = []
    into_rows: list[list[Any]] = []
    for name, rows in (("out", out_rows), ("into", into_rows)):
        old_rows = _Rows(p, f"{name}.off", [f"{name}.cost", name, f"{name}.credibility"]).rows
        kept_nodes = [0, *(1 + i for i in keep), *range(1 + len(r.old_ids),
                                                        1 + len(r.old_ids) + r.n_comm)]
        renumbered = _node_rows(old_rows, nmap, 1, kept_nodes)
        rows.extend(renumbered[:1 + len(keep)])
        rows.extend([] for _ in new_nodes)
        rows.extend(renumbered[1 + len(keep):])
    assert len(out_rows) == n_nodes
    mine = set(net.me.communities)
    intro = {s: hop_cost(scoring.intro_probability(s)) for s in range(1, 6)}
    contacts: dict[int, tuple[int, int, int]] = {}
    for node, closeness, ordinal in p.obj("contacts"):
        if nmap[node] >= 0:
            contacts[nmap[node]] = (nmap[node], closeness, ordinal)
    for pid, person in change.changed.items():
        node = _row(r, pid) + 1
        contacts.pop(node, None)
        if person.closeness is not None:
            contacts[node] = (node, person.closeness, person.last_contact.toordinal()
                              if person.last_contact else 0)
    new_out: dict[int, list[Edge]] = {}
    joins = [e for e in out_rows[0] if e[1] > n_new]
    new_out[0] = sorted([*joins, *(
        (contact_cost(c, _date(o), _REFERENCE_DAY), node, 0)
        for node, c, o in contacts.values())])
    for pid, row_ties in ties_new.items():
        new_out[_row(r, pid) + 1] = sorted(
            (intro[v.strength], _row(r, o) + 1, v.credibility) for o, v in row_ties.items())
    for j in dirty_communities:
        cid = p.communities[j]
        community = net.communities[cid]
        node = 1 + n_new + j
        if cid in mine or community.joinable:
            cost = hop_cost(scoring.meet_probability(community.kind, len(members[j])))
            new_out[node] = sorted((cost, i + 1, 0) for i in members[j])
        else:
            new_out[node] = []
    patch: dict[int, dict[int, list[Edge]]] = {}  # v -> u -> edges u->v, new
    for u, edges in new_out.items():
        for _c, v, _k in out_rows[u]:
            patch.setdefault(v, {}).setdefault(u, [])
        for c, v, k in edges:
            patch.setdefault(v, {}).setdefault(u, []).append((c, u, k))
        out_rows[u] = edges
    for v, by_source in patch.items():
        kept = [e for e in into_rows[v] if e[1] not in by_source]
        into_rows[v] = sorted(kept + [e for es in by_source.values() for e in es])
    for name, rows in (("out", out_rows), ("into", into_rows)):
        w.columns([(f"{name}.cost", "d"), (name, "i"), (f"{name}.credibility", "b")], rows,
                  name)

    # Costs of each node.
    costs = [p.section(s) for s in ("referral_cost", "direct_cost", "hiring_cost")]
    changed_nodes = {_row(r, pid) + 1: person for pid, person in change.changed.items()}
    for name, old_costs, index in zip(("referral_cost", "direct_cost", "hiring_cost"), costs,
                                      range(3), strict=True):
        values = [old_costs[0], *(old_costs[1 + i] for i in keep),
                  *([0.0] * len(change.added)),
                  *old_costs[1 + len(r.old_ids):]]
        for node, person in changed_nodes.items():
            values[node] = person_costs(person)[index]
        w.array(name, "d", values)
    w.obj("contacts", [contacts[n] for n in sorted(contacts)])

    from netreach.cached.packed_map import write_map

    write_map(w, book_map, ids)
    return w.dump(), []


def _row(r: Repack, pid: str) -> int:
    found = r.new_row(pid)
    assert found is not None
    return found


def _date(ordinal: int) -> Any:
    import datetime as dt

    return dt.date.fromordinal(ordinal) if ordinal else None


def _copy(w: _Writer, p: Packed, name: str) -> None:
    start, length, typecode = p._table[name]
    w.add(name, bytes(p._buffer[p._base + start:p._base + start + length]), typecode)

