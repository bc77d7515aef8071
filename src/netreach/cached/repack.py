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

import datetime as dt
import marshal
from array import array
from typing import Any

from netreach.book.bookmap import BookMap
from netreach.book.resolved import PathProblem
from netreach.cached.csr import Patch
from netreach.cached.entries import encode
from netreach.cached.packed import Packed
from netreach.cached.packing import _REFERENCE_DAY, Buffer, _Writer, write_map
from netreach.cached.repack_companies import who_works_where, write_companies
from netreach.cached.repack_people import kept, match_keys, people_keys, write
from netreach.cached.repack_sections import write_me
from netreach.cached.repack_state import PeopleChange, Repack, Unsupported
from netreach.graph import factors, scoring
from netreach.graph.adjacency import contact_cost, hop_cost, person_costs

Edge = tuple[float, int, int]  # (cost, other node, credibility), as packed
EDGE_COLUMNS = {name: [(f"{name}.cost", "d"), (name, "i"), (f"{name}.credibility", "b")]
                for name in ("out", "into")}
TIES_COLUMNS = [("ties", "i"), ("ties.strength", "b"), ("ties.credibility", "b")]
__all__ = ["PeopleChange", "Unsupported", "repack"]


def repack(p: Packed, change: PeopleChange,
           book_map: BookMap) -> tuple[list[Buffer], list[PathProblem]]:
    """The packed form of the edited book, and the problems of the change (when there
    are any, the payload is empty and nothing may be written)."""
    r = Repack(p, change)
    r.check()
    if r.problems:
        return [], r.problems
    ties_new = r.tie_rows()
    w = _Writer()
    resized = bool(change.added or change.removed or change.communities)
    people_runs = kept(r.n_old, r.removed_rows) + (
        [(-1, len(change.added))] if change.added else [])

    # People: ids, entries.
    people_keys(w, p, r)
    match_keys(w, p, r)
    blobs = Patch(p.section, "people.data.off", [("people.data", "")])
    if resized:
        blobs.reorder(people_runs)
    for pid, person in change.changed.items():
        blobs.set(_row(r, pid), [(marshal.dumps(encode(person)),)])
    write(w, blobs, "people.data.off", [("people.data", "")])
    write_me(w, p, r)
    company_rows = r.companies()
    n_companies = write_companies(w, p, r)
    who_works_where(w, p, r, company_rows, n_companies)
    members, sizes = _members(w, p, r)

    # Ties.
    ties = Patch(p.section, "ties.off", TIES_COLUMNS)
    if resized:
        ties.reorder(people_runs)
    if change.removed:
        ties.renumber(0, r.pmap)
    for pid, row_ties in ties_new.items():
        ties.set(_row(r, pid), [(_row(r, o), v.strength, v.credibility)
                                for o, v in row_ties.items()])
    write(w, ties, "ties.off", TIES_COLUMNS)

    node_runs = [(0, 1), *((a + 1, b + 1) for a, b in people_runs if a >= 0),
                 *([(-1, len(change.added))] if change.added else []),
                 (1 + r.n_old, 1 + r.n_old + r.n_comm),
                 *([(-1, len(change.communities))] if change.communities else [])]
    contacts = _edges(w, p, r, ties_new, (members, sizes), node_runs if resized else None)

    # Costs of each node.
    changed_nodes = {_row(r, pid) + 1: person for pid, person in change.changed.items()}
    for index, name in enumerate(("referral_cost", "direct_cost", "hiring_cost")):
        old_costs = p.section(name)
        values = array("d")
        for a, b in node_runs if resized else [(0, len(old_costs))]:
            if a >= 0:
                values.frombytes(old_costs[a:b].cast("B"))
            else:  # (me's costs are the floor every new community has)
                values.extend([old_costs[0]] * b)
        for node, person in changed_nodes.items():
            values[node] = person_costs(person)[index]
        w.add(name, values, "d")
    w.obj("contacts", [contacts[n] for n in sorted(contacts)])

    write_map(w, book_map, r.ids)
    return w.dump_parts(), []


def _members(w: _Writer, p: Packed, r: Repack) -> tuple[Patch, dict[int, int]]:
    """Write the members of each community; returns them, and the new size of each
    community whose members changed (by its row)."""
    change, net, ids = r.change, p.network, r.ids
    members = Patch(p.section, "members.off", [("members", "i")])
    if change.communities:
        members.reorder([(0, r.n_comm), (-1, len(change.communities))])
    if change.removed:
        members.renumber(0, r.pmap)
    dirty_communities: set[int] = set()
    for pid in (*change.changed, *change.removed):
        was = set(net.people[pid].communities) if r.existed(pid) else set()
        now = set(change.changed[pid].communities) if pid in change.changed else set()
        for cid in (was ^ now) | (was if pid in change.removed else set()):
            found = r.community_row(cid)
            assert found is not None
            dirty_communities.add(found)
    # A community whose members I meet through it only when it is mine or joinable:
    # joining or leaving one that is not joinable adds or drops its edges.
    mine_before, mine = set(net.me.communities), set(r.me.communities)
    for cid in mine_before ^ mine:
        if not r.community(cid).joinable:
            found = r.community_row(cid)
            assert found is not None
            dirty_communities.add(found)
    sizes: dict[int, int] = {}
    for j in dirty_communities:
        cid = r.community_ids[j]
        pids = {ids[i] for (i,) in members.row(j) if i >= 0}
        pids -= set(change.changed)
        pids.update(pid for pid, person in change.changed.items() if cid in person.communities)
        members.set(j, [(_row(r, pid),) for pid in sorted(pids)])
        sizes[j] = len(pids)
    write(w, members, "members.off", [("members", "i")])
    return members, sizes


def _edges(w: _Writer, p: Packed, r: Repack, ties_new: dict[str, Any],
           communities: tuple[Patch, dict[int, int]], node_runs: list[tuple[int, int]] | None,
           ) -> dict[int, tuple[int, int | None, int]]:
    """Write the search index's edges (``out`` and ``into``): the old rows renumbered,
    then every row the change touches computed again; returns me's direct contacts
    (node -> (node, closeness, day of last contact))."""
    change, nmap, n_new = r.change, r.nmap, r.n_new
    members, sizes = communities
    edges: dict[str, Patch] = {}
    for name in ("out", "into"):
        edges[name] = patch = Patch(p.section, f"{name}.off", EDGE_COLUMNS[name])
        if node_runs is not None:
            patch.reorder(node_runs)
            # Adding people moves only the community nodes, and only me's row of
            # ``out`` (made again below) leads to them: no pass over every edge.
            if nmap.steps:
                patch.renumber(1, nmap, copied=bool(change.removed) or name == "into")
    out, into = edges["out"], edges["into"]
    mine = set(r.me.communities)
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
    if change.me is not None or change.communities:
        joins = [(hop_cost(factors.join_probability(cid in mine)), 1 + n_new + j, 0)
                 for j, cid in enumerate(r.community_ids)
                 if cid in mine or r.community(cid).joinable]
    else:
        joins = [e for e in out.row(0) if e[1] > n_new]
    new_out[0] = sorted([*joins, *(
        (contact_cost(c, _date(o), _REFERENCE_DAY), node, 0)
        for node, c, o in contacts.values())])
    for pid, row_ties in ties_new.items():
        new_out[_row(r, pid) + 1] = sorted(
            (intro[v.strength], _row(r, o) + 1, v.credibility) for o, v in row_ties.items())
    for j, size in sizes.items():
        cid = r.community_ids[j]
        community = r.community(cid)
        node = 1 + n_new + j
        if cid in mine or community.joinable:
            cost = hop_cost(scoring.meet_probability(community.kind, size))
            new_out[node] = sorted((cost, i + 1, 0) for (i,) in members.row(j))
        else:
            new_out[node] = []
    patches: dict[int, dict[int, list[Edge]]] = {}  # v -> u -> the new edges u->v
    old_out = Patch(p.section, "out.off", EDGE_COLUMNS["out"])
    for pid in change.removed:  # edges from a removed person end in rows not otherwise changed
        old_row = p.person_row(pid)
        assert old_row is not None
        for _c, v, _k in old_out.old_row(1 + old_row):
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
        kept_edges = [e for e in into.row(v) if e[1] not in by_source]
        into.set(v, sorted(kept_edges + [e for es in by_source.values() for e in es]))
    for name in ("out", "into"):
        write(w, edges[name], f"{name}.off", EDGE_COLUMNS[name])
    return contacts


def _row(r: Repack, pid: str) -> int:
    found = r.new_row(pid)
    assert found is not None
    return found


def _date(ordinal: int) -> dt.date | None:
    return dt.date.fromordinal(ordinal) if ordinal else None
