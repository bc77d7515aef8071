"""Me, the communities and the companies an edit changes, in an edited packed book.

``me`` is packed whole; the companies I seek (``targets``) are found again by
their keys, as a full load resolves them. New communities take the last rows
(and the last nodes of the search index), so nothing else moves. A company edited
in place keeps its row; its keys may only grow by keys no other company has,
because a key it loses may be one a person names it by (then: a full load).
"""

from __future__ import annotations

import marshal
from typing import Any

from netreach.book.model import Company
from netreach.book.names import company_key
from netreach.cached.csr import Patch
from netreach.cached.entries import encode
from netreach.cached.packed import Packed
from netreach.cached.packing import _Writer
from netreach.cached.repack_people import copy, write
from netreach.cached.repack_state import Repack, Unsupported


def write_me(w: _Writer, p: Packed, r: Repack) -> None:
    """``me``, ``targets``, the communities' ids and entries."""
    me = r.change.me
    if me is None:
        for name in ("me", "targets"):
            copy(w, p, name)
    else:
        w.obj("me", encode(me))
        w.obj("targets", _targets(p, r))
    w.obj("communities", r.community_ids)
    if not r.change.communities:
        for name in ("communities.data.off", "communities.data"):
            copy(w, p, name)
        return
    _netreach, fields_set, _companies = p.obj("book")
    if "communities" not in fields_set:
        raise Unsupported("the book's first community")
    data = Patch(p.section, "communities.data.off", [("communities.data", "")])
    data.reorder([(0, r.n_comm), (-1, len(r.change.communities))])
    for cid, community in r.change.communities.items():
        data.set(r.new_communities[cid], [(marshal.dumps(encode(community)),)])
    write(w, data, "communities.data.off", [("communities.data", "")])


def _targets(p: Packed, r: Repack) -> tuple[str, ...]:
    """The companies me.seeking names, by their keys, as a full load finds them."""
    net = p.network
    old = net.me.seeking.companies if net.me.seeking else []
    seeking = r.me.seeking.companies if r.me.seeking else []
    if seeking == old:
        return tuple(net.targets)
    if any(net.companies[cid].implicit for cid in net.targets):
        raise Unsupported("a target named only in me.seeking")
    targets: list[str] = []
    for text in seeking:
        found = net.company_keys(company_key(text))
        if not found or found[0][0] in r.change.company_edits:
            raise Unsupported("a company not in the book, or one being edited")
        if found[0][0] not in targets:
            targets.append(found[0][0])
    return tuple(targets)


def company_keys(p: Packed, r: Repack, keys: dict[str, list[tuple[str, str]]]) -> None:
    """Change ``keys`` (folded key -> (company id, key as written), in company order)
    for the companies edited in place."""
    for cid, company in r.change.company_edits.items():
        view = p.network.companies[cid]
        before = {company_key(k) for k in (cid, view.name, *view.aliases)}
        after = [(company_key(k), k) for k in (cid, company.name, *company.aliases)]
        if not before <= {folded for folded, _k in after}:
            raise Unsupported("a company loses a key someone may name it by")
        if any(folded not in before and folded in keys for folded, _k in after):
            raise Unsupported("a company takes a key another has")
        row = p.companies.row(cid)
        assert row is not None
        for folded in before:
            keys[folded] = [pair for pair in keys[folded] if pair[0] != cid]
        mine: dict[str, list[tuple[str, str]]] = {}
        for folded, key in after:
            mine.setdefault(folded, []).append((cid, key))
        for folded, pairs in mine.items():
            others = keys.get(folded, [])
            at = sum(1 for other, _k in others if _row(p, other) < row)
            keys[folded] = [*others[:at], *pairs, *others[at:]]


def _row(p: Packed, cid: str) -> int:
    found = p.companies.row(cid)
    return len(p.companies) if found is None else found


def company_blob(company: Company) -> bytes:
    """A declared company's row of ``companies.data``, as a full pack writes it."""
    return marshal.dumps((company.name, company.outlook.value, tuple(company.aliases),
                          company.industry, False))


def declared(p: Packed, r: Repack) -> tuple[Any, ...]:
    """The ``book`` section: the declared companies, edited and appended ones included."""
    netreach, fields_set, companies = p.obj("book")
    companies = dict(companies)
    for cid, company in r.change.company_edits.items():
        companies[cid] = encode(company)
    fields = {*fields_set, "companies"} if r.change.companies else set(fields_set)
    return (netreach, sorted(fields), {
        **companies, **{cid: encode(c) for cid, c in r.change.companies.items()}})
