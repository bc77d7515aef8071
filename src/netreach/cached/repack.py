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
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from netreach.book.bookmap import BookMap
from netreach.book.model import Person
from netreach.book.names import company_key
from netreach.book.resolved import PathProblem, fold
from netreach.cached.csr import Patch
from netreach.cached.entries import encode
from netreach.cached.packed import Packed
from netreach.cached.packing import _REFERENCE_DAY, Buffer, _Writer, hash_table, write_map
from netreach.cached.packing import key_hash as _hash
from netreach.cached.repack_state import PeopleChange, Repack, Unsupported
from netreach.graph import scoring
from netreach.graph.adjacency import contact_cost, hop_cost, person_costs

Edge = tuple[float, int, int]  # (cost, other node, credibility), as packed
__all__ = ["PeopleChange", "Unsupported", "repack"]


def _encode_blob(person: Person) -> bytes:
    return marshal.dumps(encode(person))


def _write(w: _Writer, patch: Patch, off: str, columns: Sequence[tuple[str, str]]) -> None:
    offsets, data = patch.result()
    w.add(off, offsets, "q")
    for (name, typecode), parts in zip(columns, data, strict=True):
        w.add(name, parts, typecode)


def repack(p: Packed, change: PeopleChange,
           book_map: BookMap) -> tuple[list[Buffer], list[PathProblem]]:
    """The packed form of the edited book, and the problems of the change (when there
    are any, the payload is empty and nothing may be written)."""
    r = Repack(p, change)
    r.check()
    if r.problems:
        return [], r.problems
    ties_new = r.tie_rows()
    net = p.network
    w = _Writer()
    ids, keep, pmap, nmap, n_new = r.ids, r.keep, r.pmap, r.nmap, r.n_new
    resized = bool(change.added or change.removed)
    people_runs = _kept(len(r.old_ids), r.removed_rows) + (
        [(-1, len(change.added))] if change.added else [])

    # People: ids, entries.
    if change.removed:
        w.keys("people", ids)
    elif change.added:
        _append_keys(w, p, r.old_ids, change.added)
    else:
        for name in ("people.ids", "people.ids.off", "people.table"):
            _copy(w, p, name)
    _match_keys(w, p, r)
    w.obj("communities", p.communities)
    blobs = Patch(p.section, "people.data.off", [("people.data", "")])
    if resized:
        blobs.reorder(people_runs)
    for pid, person in change.changed.items():
        blobs.set(_row(r, pid), [(_encode_blob(person),)])
    _write(w, blobs, "people.data.off", [("people.data", "")])
    for name in ("communities.data.off", "communities.data", "me", "targets"):
        _copy(w, p, name)
    company_rows = r.companies()
    n_companies = _companies(w, p, change, r.implicit)

    # Who works where.
    works_old = p.section("person_company")
    works = array("i", [works_old[i] for i in keep] if change.removed else works_old)
    works.extend([-1] * len(change.added))
    moved = False
    added = set(change.added)
    for pid in change.changed:
        before = p.person_row(pid)
        old = works_old[before] if before is not None else -1
        new = company_rows[pid]
        if new != old and old >= 0 and net.companies[p.companies.at(old)].implicit:
            raise Unsupported("a company named only by people")
        works[_row(r, pid)] = new
        moved |= new != old and pid not in added
    w.add("person_company", works.tobytes(), "i")
    if moved or resized:
        _employees(w, p, r, works, works_old, n_companies)
    else:
        for name in ("person_company.size", "employees.keys", "employees.off", "employees"):
            _copy(w, p, name)
        rows = array("i", p.section("employees.row"))
        rows.extend([-1] * (n_companies - len(rows)))
        w.add("employees.row", rows, "i")

    # Members of communities.
    members = Patch(p.section, "members.off", [("members", "i")])
    if change.removed:
        members.renumber(0, pmap)
    dirty_communities: set[int] = set()
    for pid in (*change.changed, *change.removed):
        was = set(net.people[pid].communities) if r.existed(pid) else set()
        now = set(change.changed[pid].communities) if pid in change.changed else set()
        for cid in (was ^ now) | (was if pid in change.removed else set()):
            found = p.community_row(cid)
            assert found is not None
            dirty_communities.add(found)
    sizes: dict[int, int] = {}
    for j in dirty_communities:
        cid = p.communities[j]
        pids = {ids[i] for (i,) in members.row(j) if i >= 0}
        pids -= set(change.changed)
        pids.update(pid for pid, person in change.changed.items() if cid in person.communities)
        members.set(j, [(_row(r, pid),) for pid in sorted(pids)])
        sizes[j] = len(pids)
    _write(w, members, "members.off", [("members", "i")])

    # Ties.
    ties_columns = [("ties", "i"), ("ties.strength", "b"), ("ties.credibility", "b")]
    ties = Patch(p.section, "ties.off", ties_columns)
    if resized:
        ties.reorder(people_runs)
    if change.removed:
        ties.renumber(0, pmap)
    for pid, row_ties in ties_new.items():
        ties.set(_row(r, pid), [(_row(r, o), v.strength, v.credibility)
                                for o, v in row_ties.items()])
    _write(w, ties, "ties.off", ties_columns)

    # Edges: old rows renumbered, then every row the change touches computed again.
    n_old = len(r.old_ids)
    node_runs = [(0, 1), *((a + 1, b + 1) for a, b in people_runs if a >= 0),
                 *([(-1, len(change.added))] if change.added else []),
                 (1 + n_old, 1 + n_old + r.n_comm)]
    edges: dict[str, Patch] = {}
    for name in ("out", "into"):
        columns = [(f"{name}.cost", "d"), (name, "i"), (f"{name}.credibility", "b")]
        edges[name] = patch = Patch(p.section, f"{name}.off", columns)
        if resized:
            patch.reorder(node_runs)
            # Adding people moves only the community nodes, and only me's row of
            # ``out`` (made again below) leads to them: no pass over every edge.
            patch.renumber(1, nmap, copied=bool(change.removed) or name == "into")
    out, into = edges["out"], edges["into"]
    mine = set(net.me.communities)
    intro = {s: hop_cost(scoring.intro_probability(s)) for s in range(1, 6)}
    contacts: dict[int, tuple[int, int | None, int]] = {}
    for node, closeness, ordinal in p.obj("contacts"):
        if nmap[node] >= 0:
            contacts[nmap[node]] = (nmap[node], closeness, ordinal)
    for pid, person in change.changed.items():
        node = _row(r, pid) + 1
        contacts.pop(node, None)
        if person.is_direct:
            contacts[node] = (node, person.closeness, person.last_contact.toordinal()
                              if person.last_contact else 0)
    new_out: dict[int, list[Edge]] = {}
    joins = [e for e in out.row(0) if e[1] > n_new]
    new_out[0] = sorted([*joins, *(
        (contact_cost(c, _date(o), _REFERENCE_DAY), node, 0)
        for node, c, o in contacts.values())])
    for pid, row_ties in ties_new.items():
        new_out[_row(r, pid) + 1] = sorted(
            (intro[v.strength], _row(r, o) + 1, v.credibility) for o, v in row_ties.items())
    for j, size in sizes.items():
        cid = p.communities[j]
        community = net.communities[cid]
        node = 1 + n_new + j
        if cid in mine or community.joinable:
            cost = hop_cost(scoring.meet_probability(community.kind, size))
            new_out[node] = sorted((cost, i + 1, 0) for (i,) in members.row(j))
        else:
            new_out[node] = []
    patches: dict[int, dict[int, list[Edge]]] = {}  # v -> u -> the new edges u->v
    old_out = Patch(p.section, "out.off", [("out.cost", "d"), ("out", "i"),
                                           ("out.credibility", "b")])
    for pid in change.removed:  # edges from a removed person end in rows not otherwise changed
        for _c, v, _k in old_out.old_row(1 + _old_row(p, pid)):
            if nmap[v] >= 0:
                patches.setdefault(nmap[v], {})[-1] = []
    for u, new_edges in new_out.items():
        old_edges = out.row(u)
        out.set(u, new_edges)
        if old_edges == new_edges:  # me's row, made again on every edit, mostly is
            continue
        # Only the rows ``into`` the nodes whose edge from u changed are made again
        # (not those of all of me's 500 contacts, on every edit).
        arriving: dict[int, list[Edge]] = {}
        for c, v, k in new_edges:
            arriving.setdefault(v, []).append((c, u, k))
        for _c, v, _k in set(old_edges).symmetric_difference(new_edges):
            if v >= 0:
                patches.setdefault(v, {})[u] = arriving.get(v, [])
    for v, by_source in patches.items():
        kept = [e for e in into.row(v) if e[1] not in by_source]
        into.set(v, sorted(kept + [e for es in by_source.values() for e in es]))
    for name in ("out", "into"):
        _write(w, edges[name], f"{name}.off",
               [(f"{name}.cost", "d"), (name, "i"), (f"{name}.credibility", "b")])

    # Costs of each node.
    changed_nodes = {_row(r, pid) + 1: person for pid, person in change.changed.items()}
    for index, name in enumerate(("referral_cost", "direct_cost", "hiring_cost")):
        old_costs = p.section(name)
        values = array("d")
        for a, b in node_runs if resized else [(0, len(old_costs))]:
            values.extend(old_costs[a:b] if a >= 0 else [0.0] * b)
        for node, person in changed_nodes.items():
            values[node] = person_costs(person)[index]
        w.add(name, values.tobytes(), "d")
    w.obj("contacts", [contacts[n] for n in sorted(contacts)])

    write_map(w, book_map, ids)
    return w.dump_parts(), []


def _old_row(p: Packed, pid: str) -> int:
    found = p.person_row(pid)
    assert found is not None
    return found


def _match_keys(w: _Writer, p: Packed, r: Repack) -> None:
    """The names (``people.names``), the folded names and emails (``people.match``,
    near-duplicate checks) and profile URLs (``people.urls``, imports), changed
    people's updated."""
    change = r.change
    if not (change.added or change.removed) and all(
            (person.name, person.email, person.url) == (
                p.network.people[pid].name, p.network.people[pid].email,
                p.network.people[pid].url)
            for pid, person in change.changed.items()):
        for name in ("people.match", "people.names", "people.urls"):
            _copy(w, p, name)
        return
    names, emails = p.obj("people.match")
    raw, urls = p.obj("people.names"), p.obj("people.urls")
    if change.removed:
        names, emails = [names[i] for i in r.keep], [emails[i] for i in r.keep]
        raw, urls = [raw[i] for i in r.keep], [urls[i] for i in r.keep]
    else:
        names, emails, raw, urls = list(names), list(emails), list(raw), list(urls)
    for extra in (names, emails, raw, urls):
        extra.extend("" for _ in change.added)
    for pid, person in change.changed.items():
        j = _row(r, pid)
        names[j], emails[j] = fold(person.name), fold(person.email) if person.email else ""
        raw[j], urls[j] = person.name, person.url or ""
    w.obj("people.match", (names, emails))
    w.obj("people.names", raw)
    w.obj("people.urls", urls)


def _companies(w: _Writer, p: Packed, change: PeopleChange,
               implicit: list[tuple[str, str]]) -> int:
    """Write the companies' sections, with the companies the change declares and those
    its new people name appended (declared ones come before those named by people
    alone: new declared ones only where there are none of those, so that no company
    moves); returns how many companies there are."""
    names = ("book", "companies.ids", "companies.ids.off", "companies.table",
             "companies.data.off", "companies.data", "companies.keys")
    if not change.companies and not implicit:
        for name in names:
            _copy(w, p, name)
        return len(p.companies)
    net = p.network
    if change.companies and any(view.implicit for view in net.companies.values()):
        raise Unsupported("companies named only by people")
    keys: dict[str, list[tuple[str, str]]] = {
        k: [tuple(pair) for pair in v] for k, v in p.obj("companies.keys").items()}
    for cid, company in change.companies.items():
        for key in {company_key(k) for k in (cid, company.name, *company.aliases)}:
            if key in keys:
                raise Unsupported("a new company with the key of another")
        for key in (cid, company.name, *company.aliases):
            keys.setdefault(company_key(key), []).append((cid, key))
    for cid, name in implicit:
        for key in (cid, name):
            keys.setdefault(company_key(key), []).append((cid, key))
    if change.companies:
        netreach, fields_set, declared = p.obj("book")
        w.obj("book", (netreach, sorted({*fields_set, "companies"}), {
            **declared, **{cid: encode(c) for cid, c in change.companies.items()}}))
    else:
        _copy(w, p, "book")
    ids = [*p.companies.all, *change.companies, *(cid for cid, _name in implicit)]
    w.keys("companies", ids)
    blobs = [bytes(p.row("companies.data", i)) for i in range(len(p.companies))]
    blobs += [marshal.dumps((c.name, c.outlook.value, tuple(c.aliases), c.industry, False))
              for c in change.companies.values()]
    blobs += [marshal.dumps((name, "unknown", (), None, True)) for _cid, name in implicit]
    w.blobs("companies.data", blobs)
    w.obj("companies.keys", {k: [tuple(pair) for pair in v] for k, v in keys.items()})
    return len(ids)


def _employees(w: _Writer, p: Packed, r: Repack, works: array[int], works_old: Any,
               n_companies: int) -> None:
    """Who works where (``employees``, one row of people per company, in the order of
    each row's first id, as a full pack gives them): the old rows copied and
    renumbered, the rows of the companies people join or leave made again."""
    change = r.change
    ids, nmap = r.ids, r.nmap
    touched: set[int] = set()
    for pid in (*change.changed, *change.removed):
        before = p.person_row(pid)
        if before is not None and works_old[before] >= 0:
            touched.add(works_old[before])
        now = r.new_row(pid)
        if now is not None and works[now] >= 0:
            touched.add(works[now])
    old_rows = p.section("employees.row")
    employees = Patch(p.section, "employees.off", [("employees", "i")])
    if change.removed:
        employees.renumber(0, nmap)
    rows: dict[int, list[int]] = {}  # touched company -> its people's nodes, by id
    for company in touched:
        row = old_rows[company] if company < len(old_rows) else -1
        nodes = [n for (n,) in employees.old_row(row)] if row >= 0 else []
        nodes = [n for n in nodes if n > 0 and ids[n - 1] not in change.changed]
        nodes += [j + 1 for j in (r.new_row(pid) for pid in change.changed)
                  if j is not None and works[j] == company]
        if nodes:
            rows[company] = sorted(nodes, key=lambda n: ids[n - 1])
    offsets, column = employees.offsets, employees.columns[0]
    first: list[tuple[str, int]] = [(ids[nmap[column[offsets[row]]] - 1], company)
                                    for row, company in enumerate(p.section("employees.keys"))
                                    if company not in touched]
    first += [(ids[nodes[0] - 1], company) for company, nodes in rows.items()]
    first.sort()
    order = [company for _pid, company in first]
    runs: list[tuple[int, int]] = []  # old rows in a row copied as one slice
    for company in order:
        first_row, end = (old_rows[company], old_rows[company] + 1) if company not in rows \
            else (-1, 1)
        if runs and first_row >= 0 and runs[-1][1] == first_row and runs[-1][0] >= 0:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((first_row, end))
    employees.reorder(runs)
    where = array("i", [-1]) * n_companies
    for row, company in enumerate(order):
        where[company] = row
        if company in rows:
            employees.set(row, [(n,) for n in rows[company]])
    w.obj("person_company.size", len(works) - works.count(-1))
    w.array("employees.keys", "i", order)
    w.add("employees.row", where, "i")
    _write(w, employees, "employees.off", [("employees", "i")])


def _append_keys(w: _Writer, p: Packed, old: list[str], added: list[str]) -> None:
    """The people's id sections with ``added`` appended: the old text and offsets kept,
    and the hash table grown in place when its size stays (as ``hash_table`` would
    build it: the new rows are the last ones)."""
    data = [f"{key}\n".encode("utf-8", "surrogatepass") for key in added]
    w.add("people.ids", [p.section("people.ids"), *data])
    offsets = p.section("people.ids.off")
    w.add("people.ids.off", [offsets, array("q", accumulate(map(len, data),
                                                             initial=offsets[-1]))[1:]], "q")
    keys = [*old, *added]
    size = 1 << max(3, (2 * len(keys)).bit_length())
    old_table = p.section("people.table")
    if len(old_table) != size:
        w.add("people.table", hash_table(keys), "i")
        return
    table = array("i", old_table)
    mask = size - 1
    for row in range(len(old), len(keys)):
        slot = _hash(keys[row]) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = row + 1
    w.add("people.table", table, "i")


def _kept(size: int, removed: set[int]) -> list[tuple[int, int]]:
    """Runs of the rows ``0..size-1`` that stay, around the removed ones."""
    runs, position = [], 0
    for row in sorted(removed):
        if row > position:
            runs.append((position, row))
        position = row + 1
    if position < size:
        runs.append((position, size))
    return runs


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

