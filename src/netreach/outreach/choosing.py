"""Which chains a plan follows: the best diverse chains to a company that avoid everyone
who declined or did not reply for it (``tracking.failures``), and the chains those
people took out. Uses the ranking's public API only (``best_chains``, ``Chain``).
Pure: no I/O."""

from __future__ import annotations

import datetime as dt

from netreach.analysis.ranking import Chain, best_chains
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph.adjacency import SearchIndex
from netreach.graph.hops import NodeKind
from netreach.outreach import tracking
from netreach.outreach.tracking import Failed

AVOID_POOL = 4
"""Extra chains asked of the ranking per person to avoid: enough that dropping the chains
through a person who declined still leaves ``k`` (the ranking has no "avoid" option)."""


def people_on(chain: Chain) -> list[str]:
    """The people of a chain, in order (communities left out)."""
    return [s.id for s in chain.steps if s.kind is NodeKind.PERSON]


def choose_chains(network: Network, company: CompanyView, *, today: dt.date, k: int, max_hops: int,
            index: SearchIndex | None) -> tuple[list[Chain], list[tuple[Chain, Failed]],
                                                tuple[str, ...]]:
    """The best ``k`` diverse chains that avoid everyone who declined or did not reply for
    this company, the chains those people took out, and the hints when nothing reaches."""
    result = best_chains(network, company, today=today, k=k, max_hops=max_hops,
                         diverse=True, index=index)
    on_chains = dict.fromkeys(p for c in result.chains for p in people_on(c))
    failed = tracking.failures(((p, network.people[p].log) for p in on_chains), company.id,
                               today)
    hints = tuple(h.message for h in result.hints)
    if not failed:
        return list(result.chains), [], hints
    dropped = [(c, next(failed[p] for p in people_on(c) if p in failed))
               for c in result.chains if failed.keys() & set(people_on(c))]
    wider = k + AVOID_POOL * len(failed)
    pool: dict[tuple[str, ...], Chain] = {}
    for diverse in (True, False):  # the diverse picks and the plain ranking, as candidates
        for chain in best_chains(network, company, today=today, k=wider, max_hops=max_hops,
                                 diverse=diverse, index=index).chains:
            pool.setdefault(tuple(s.id for s in chain.steps), chain)
    ranked = sorted(pool.values(), key=lambda c: (-round(c.score, 12), [s.id for s in c.steps]))
    allowed = []
    for chain in ranked:
        people = set(people_on(chain))
        failed.update(tracking.failures(((p, network.people[p].log)
                                         for p in people - failed.keys()), company.id, today))
        if not people & failed.keys():
            allowed.append(chain)
    # The ranking's diversity rule, over what is left: each chain uses no intermediary a
    # better chosen chain uses, unless nothing else is left (then the next best fills in).
    chains: list[Chain] = []
    used: set[str] = set()
    for chain in allowed:
        if len(chains) < k and not used & set(chain.intermediaries):
            chains.append(chain)
            used.update(chain.intermediaries)
    for chain in allowed:
        if len(chains) < k and chain not in chains:
            chains.append(chain)
    chains.sort(key=lambda c: (-round(c.score, 12), [s.id for s in c.steps]))
    if not chains:
        hints = ("every chain found runs through someone who declined or did not reply (see "
                 "the chains dropped); 'netreach suggest' says which community would open "
                 "another",)
    return chains, dropped, hints
