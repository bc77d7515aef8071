"""Warnings about a valid book: spellings that will quietly give the wrong answer.

A valid book can still say something its owner did not mean: a target that
names no company anyone works at ("orbital" beside Orbital Labs), or an alias
two companies share (it can only ever find the first). ``validate`` prints these
as warnings; the book still loads.
"""

from __future__ import annotations

from netreach.book.lookup import describe
from netreach.book.names import NEAR, company_key
from netreach.book.network import Network


def warnings(network: Network) -> list[str]:
    """One line per doubtful spelling, in book order (empty when there is none)."""
    out: list[str] = []
    seeking = network.me.seeking
    for i, typed in enumerate(seeking.companies if seeking else []):
        claimed = _claimants(network, typed)
        where = f"me.seeking.companies.{i}"
        if len(claimed) > 1:
            names = ", ".join(describe(network, "company", c) for c in claimed)
            out.append(f"{where}: {typed!r} names {len(claimed)} companies ({names}); "
                       "it counts as the first — give the id")
            continue
        cid = claimed[0] if claimed else None
        if cid is None or (network.companies[cid].implicit and not network.employees.get(cid)):
            hint = _near(network, typed)
            out.append(f"{where}: {typed!r} matches no company anyone in the book works at"
                       + (f"; did you mean {hint}?" if hint else ""))
    for cid, company in network.companies.items():
        if company.implicit:
            continue
        for alias in company.aliases:
            others = [c for c in _claimants(network, alias) if c != cid]
            if others:
                names = ", ".join(describe(network, "company", c) for c in others)
                out.append(f"companies.{cid}.aliases: {alias!r} also names {names}; people "
                           "who write it count at the first of them")
    return out


def _claimants(network: Network, typed: str) -> list[str]:
    """Every company one of whose spellings has the same key as ``typed``."""
    return list(dict.fromkeys(cid for cid, _ in network.company_keys(company_key(typed))))


def _near(network: Network, typed: str) -> str | None:
    """The company with people in it that a target probably meant."""
    from rapidfuzz import fuzz, process

    owners: list[str] = []
    spellings: list[str] = []
    for cid in network.employees:
        view = network.companies[cid]
        for spelling in (view.name, *view.aliases):
            owners.append(cid)
            spellings.append(company_key(spelling))
    best = process.extractOne(company_key(typed), spellings, scorer=fuzz.WRatio,
                              processor=None, score_cutoff=NEAR)
    return describe(network, "company", owners[best[2]]) if best else None
