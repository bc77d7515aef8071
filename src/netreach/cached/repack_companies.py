"""The companies' sections of an edited packed book, and who works where.

Companies the change declares, and those its new people name without the book
declaring them (made as a full load makes them), are appended; the rows of
``employees`` (one per company, people in id order, the rows in the order of
their first id, as a full pack gives them) are copied and renumbered, and those
of the companies people join or leave made again.
"""

from __future__ import annotations

import marshal
from array import array
from typing import Any

from netreach.book.names import company_key
from netreach.cached.csr import Patch
from netreach.cached.packed import Packed
from netreach.cached.packing import _Writer
from netreach.cached.repack_people import copy, kept_rows, write
from netreach.cached.repack_sections import company_blob, company_keys, declared
from netreach.cached.repack_state import Repack, Unsupported


def write_companies(w: _Writer, p: Packed, r: Repack) -> int:
    """Write the companies' sections, with the companies the change edits, those it
    declares and those its new people name appended (declared ones come before those
    named by people alone: new declared ones only where there are none of those, so
    that no company moves); returns how many companies there are."""
    change, implicit = r.change, r.implicit
    names = ("book", "companies.ids", "companies.ids.off", "companies.table",
             "companies.data.off", "companies.data", "companies.keys")
    if not change.companies and not implicit and not change.company_edits:
        for name in names:
            copy(w, p, name)
        return len(p.companies)
    net = p.network
    if change.companies and any(view.implicit for view in net.companies.values()):
        raise Unsupported("companies named only by people")
    keys: dict[str, list[tuple[str, str]]] = {
        k: [tuple(pair) for pair in v] for k, v in p.obj("companies.keys").items()}
    company_keys(p, r, keys)
    for cid, company in change.companies.items():
        for key in {company_key(k) for k in (cid, company.name, *company.aliases)}:
            if key in keys:
                raise Unsupported("a new company with the key of another")
        for key in (cid, company.name, *company.aliases):
            keys.setdefault(company_key(key), []).append((cid, key))
    for cid, name in implicit:
        for key in (cid, name):
            keys.setdefault(company_key(key), []).append((cid, key))
    if change.companies or change.company_edits:
        w.obj("book", declared(p, r))
    else:
        copy(w, p, "book")
    if change.companies or implicit:
        ids = [*p.companies.all, *change.companies, *(cid for cid, _name in implicit)]
        w.keys("companies", ids)
    else:
        for name in ("companies.ids", "companies.ids.off", "companies.table"):
            copy(w, p, name)
    data = Patch(p.section, "companies.data.off", [("companies.data", "")])
    added = [company_blob(c) for c in change.companies.values()]
    added += [marshal.dumps((name, "unknown", (), None, True)) for _cid, name in implicit]
    if added:
        data.reorder([(0, len(p.companies)), (-1, len(added))])
    for cid, company in change.company_edits.items():
        row = p.companies.row(cid)
        assert row is not None
        data.set(row, [(company_blob(company),)])
    for k, blob in enumerate(added):
        data.set(len(p.companies) + k, [(blob,)])
    write(w, data, "companies.data.off", [("companies.data", "")])
    w.obj("companies.keys", {k: [tuple(pair) for pair in v] for k, v in keys.items()})
    return len(p.companies) + len(added)


def write_employees(w: _Writer, p: Packed, r: Repack, works: array[int], works_old: Any,
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
    write(w, employees, "employees.off", [("employees", "i")])


def who_works_where(w: _Writer, p: Packed, r: Repack, company_rows: dict[str, int],
                    n_companies: int) -> None:
    """``person_company`` (each person's company row, -1: none) and ``employees``."""
    change, net = r.change, p.network
    works_old = p.section("person_company")
    works = kept_rows(works_old, r, "i", -1)
    moved = False
    added = set(change.added)
    for pid in change.changed:
        before = p.person_row(pid)
        old = works_old[before] if before is not None else -1
        new = company_rows[pid]
        if new != old and old >= 0 and net.companies[p.companies.at(old)].implicit:
            raise Unsupported("a company named only by people")
        row = r.new_row(pid)
        assert row is not None
        works[row] = new
        moved |= new != old and pid not in added
    w.add("person_company", works, "i")
    if moved or change.added or change.removed:
        write_employees(w, p, r, works, works_old, n_companies)
    else:
        for name in ("person_company.size", "employees.keys", "employees.off", "employees"):
            copy(w, p, name)
        rows = array("i")
        rows.frombytes(p.section("employees.row").cast("B"))
        rows.extend([-1] * (n_companies - len(rows)))
        w.add("employees.row", rows, "i")
