"""SPEC §3's required properties of the score, on random books (hypothesis)."""

from __future__ import annotations

import copy
import itertools
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains, score_chain
from netreach.book.model import Outlook
from netreach.graph import scoring
from netreach.graph.hops import ME, build_graph
from tests.ranking.books import TODAY, network_of, raw_books
from tests.tiers import examples


def all_chains(network, max_hops=4):
    """Every simple chain from me to any employee, as node-key tuples."""
    graph = build_graph(network, TODAY)
    employees = {f"person:{p}" for p in network.person_company}
    found = []

    def walk(path):
        if path[-1] in employees and len(path) > 1:
            found.append(tuple(path))
        if len(path) - 1 < max_hops:
            for nxt in sorted(graph.successors(path[-1])):
                if nxt not in path:
                    walk([*path, nxt])

    walk([ME])
    return found


def pid(node):
    return node.split(":", 1)[1]


def declared_tie(raw, a, b):
    """Where the a–b tie is written: (owner, other)."""
    if b in raw["people"][a].get("knows", {}):
        return a, b
    return b, a


def raise_attribute(raw, chain, what, delta):
    """A copy of the book with one attribute on the chain moved by delta (clamped)."""
    raw = copy.deepcopy(raw)
    people = raw["people"]
    nodes = [n for n in chain if n.startswith("person:")]
    first, last = pid(chain[1]) if chain[1].startswith("person:") else None, pid(chain[-1])
    referrer = chain[-2]

    def bump(entry, key, lo, hi):
        if key in entry:
            entry[key] = max(lo, min(hi, int(entry[key]) + delta))

    if what == "closeness" and first is not None:
        bump(people[first], "closeness", 1, 5)
    elif what in ("seen_my_work", "vouch"):
        for n in nodes:
            bump(people[pid(n)], what, 0, 5)
    elif what in ("strength", "credibility"):
        for a, b in itertools.pairwise(chain):
            if a.startswith("person:") and b.startswith("person:"):
                owner, other = declared_tie(raw, pid(a), pid(b))
                tie = people[owner]["knows"][other]
                if isinstance(tie, dict):
                    if what in tie:
                        tie[what] = max(1, min(5, int(tie[what]) + delta))
                    elif what == "credibility":
                        tie["credibility"] = max(1, min(5, int(tie["strength"]) + delta))
                elif what == "strength":
                    people[owner]["knows"][other] = max(1, min(5, int(tie) + delta))
    del referrer, last
    return raw


@settings(max_examples=examples(150), deadline=None)
@given(raw=raw_books(), what=st.sampled_from(["strength", "credibility", "closeness",
                                              "seen_my_work", "vouch"]),
       delta=st.sampled_from([1, 2, -1, -2]))
def test_score_is_monotone_in_every_input(raw, what, delta):
    network = network_of(raw)
    chains = all_chains(network)
    assume(chains)
    for chain in chains[:20]:
        before = score_chain(network, chain, TODAY).score
        after = score_chain(network_of(raise_attribute(raw, chain, what, delta)), chain,
                            TODAY).score
        if delta > 0:
            assert after >= before - 1e-15
        else:
            assert after <= before + 1e-15


@settings(max_examples=examples(100), deadline=None)
@given(raw=raw_books())
def test_factors_multiply_to_the_score_and_lie_in_unit_interval(raw):
    network = network_of(raw)
    for chain in all_chains(network)[:30]:
        scored = score_chain(network, chain, TODAY)
        assert all(0 < f.value <= 1 for f in scored.factors)
        assert math.isclose(math.prod(f.value for f in scored.factors), scored.score,
                            rel_tol=1e-12)
        assert len({f.name for f in scored.factors}) == len(scored.factors)


@settings(max_examples=examples(100), deadline=None)
@given(raw=raw_books())
def test_ranking_is_deterministic(raw):
    network = network_of(raw)
    again = network_of(copy.deepcopy(raw))
    for cid in network.employees:
        for diverse in (True, False):
            a = best_chains(network, network.companies[cid], today=TODAY, diverse=diverse)
            b = best_chains(again, again.companies[cid], today=TODAY, diverse=diverse)
            assert [c.steps for c in a.chains] == [c.steps for c in b.chains]
            assert [c.score for c in a.chains] == [c.score for c in b.chains]


def _line_book(hops: int, hiring: bool = True, outlook: str = "stable") -> dict:
    """me -> p0 -> p1 -> ... -> target, every tie strength 3."""
    people = {f"p{i}": {"name": f"P{i}", "knows": {f"p{i + 1}": 3}} for i in range(hops - 1)}
    people[f"p{hops - 1}"] = {"name": "Target", "company": "acme", "hiring": hiring}
    people["p0"].update(closeness=4, seen_my_work=2, vouch=2)
    return {"netreach": 1, "me": {"name": "Me"},
            "companies": {"acme": {"name": "Acme", "outlook": outlook}}, "people": people}


def _best(raw):
    network = network_of(raw)
    return best_chains(network, network.companies["acme"], today=TODAY).chains[0]


@pytest.mark.parametrize("hops", [2, 3])
def test_an_extra_hop_lowers_the_score(hops):
    assert _best(_line_book(hops + 1)).score < _best(_line_book(hops)).score


def test_extra_hop_lowers_score_even_with_perfect_ties():
    short = _line_book(3)
    longer = _line_book(4)
    for raw in (short, longer):
        for person in raw["people"].values():
            if "knows" in person:
                person["knows"] = {k: 5 for k in person["knows"]}
    assert _best(longer).score < _best(short).score


@pytest.mark.parametrize("hops", [1, 2, 3])
def test_a_hiring_target_beats_a_non_hiring_colleague(hops):
    assert _best(_line_book(hops, hiring=True)).score > \
        _best(_line_book(hops, hiring=False)).score


def test_outlook_order():
    order = ["growing", "stable", "unknown", "shrinking", "frozen"]
    scores = [_best(_line_book(2, outlook=o)).score for o in order]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)
    assert [scoring.OUTLOOK[Outlook(o)] for o in order] == sorted(scoring.OUTLOOK.values(),
                                                                  reverse=True)
