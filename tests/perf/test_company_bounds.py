"""The bounds of ``every_company.best_per_company`` change how many ties it reads, never
its answers: with bounds (the default) and without (``prune=False``, every tie of every
layer) it names the same chain, at the same cost, for every company.

The two cases a bound per node cannot see coming are built by hand: a company first
reached on the last layer (its hand-offs come from its members' in-ties), and a
direct contact of mine reached again, more cheaply, through a stranger on the layer
before last (a contact's referral is cheaper than the stranger's the bound assumes).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.graph.adjacency import Edge, SearchIndex, build_index
from netreach.graph.every_company import best_per_company
from tests.growth.books import book, growth_books
from tests.ranking.books import TODAY, network_of, raw_books
from tests.tiers import examples


def both(index: SearchIndex, max_hops: int) -> tuple[dict, dict]:
    groups = index.employees
    return (best_per_company(index, groups, max_hops),
            best_per_company(index, groups, max_hops, prune=False))


def named(index: SearchIndex, found: dict) -> dict[str, list[str]]:
    return {cid: [index.nodes[i] for i in path] for cid, (_cost, path) in found.items()}


@settings(max_examples=examples(300), deadline=None)
@given(raw=raw_books(max_people=12), max_hops=st.integers(1, 5))
def test_bounds_never_change_an_answer(raw, max_hops):
    index = build_index(network_of(raw), TODAY)
    bounded, plain = both(index, max_hops)
    assert bounded == plain


@settings(max_examples=examples(300), deadline=None)
@given(raw=growth_books(max_people=10), max_hops=st.integers(1, 5))
def test_bounds_never_change_an_answer_with_communities(raw, max_hops):
    # Books with communities and targets: layers whose labels are all inside a company.
    index = build_index(network_of(raw), TODAY)
    bounded, plain = both(index, max_hops)
    assert bounded == plain


class CountingRows(Sequence[Sequence[Edge]]):
    """An index's edge lists, counting the edges a search reads."""

    def __init__(self, rows: Sequence[Sequence[Edge]]) -> None:
        self.rows, self.read = rows, 0

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, u):  # type: ignore[no-untyped-def, override]
        return _Counted(self, self.rows[u])


class _Counted:
    def __init__(self, owner: CountingRows, row: Sequence[Edge]) -> None:
        self.owner, self.row = owner, row

    def __len__(self) -> int:
        return len(self.row)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        return self.row[i]

    def __iter__(self) -> Iterator[Edge]:
        for edge in self.row:
            self.owner.read += 1
            yield edge


@pytest.mark.parametrize("max_hops", [2, 3, 4, 5])
def test_a_generated_book_gives_the_same_costs_to_the_last_bit(max_hops):
    """Every cost is summed in the order the plain pass sums it (a hand-off read
    backward once added the referral and the credibility one at a time, and 141 of
    the 1,422 companies of a 30,000-person book differed in the last bit)."""
    from bench.generate import generate

    from netreach.book.loading import load

    index = build_index(load(generate(2000, seed=5).encode(), "generated.yaml"), TODAY)
    bounded, plain = both(index, max_hops)
    assert bounded == plain
    assert len(bounded) >= 99


def heavy_tailed_book(people: int = 600, seed: int = 3):
    """A small real-shaped book: preferential attachment with triangles (hubs, about
    24 ties each), most ties of strength 3, companies of neighbours, a few contacts."""
    import random

    import networkx as nx

    rng = random.Random(seed)
    graph = nx.powerlaw_cluster_graph(people, 12, 0.5, seed=seed)
    entries = {}
    for node in graph.nodes:
        entry = {"name": f"P{node}",
                 "knows": {f"p{o}": rng.choice((2, 3, 3, 3, 3, 4, 5))
                           for o in graph.neighbors(node) if o > node}}
        if node % 7 < 4:
            entry["company"] = f"c{(node * 7919) % 12}"
            entry["hiring"] = rng.random() < 0.1
        if node % 40 == 39:
            entry.update(closeness=rng.randint(1, 5), seen_my_work=rng.randint(0, 5),
                         vouch=rng.randint(0, 5), last_contact="2025-06-01")
        entries[f"p{node}"] = entry
    return book(entries)


def test_a_real_shaped_book_reads_far_fewer_ties_for_the_same_answers():
    index = build_index(heavy_tailed_book(), TODAY)
    for max_hops in (3, 4):
        counted = {}
        answers = {}
        for prune in (True, False):
            rows = CountingRows(index.out)
            looked = SearchIndex(index.nodes, rows, index.into, index.referral_cost,
                                 index.direct_cost, index.hiring_cost, index.employees,
                                 index.position)
            answers[prune] = best_per_company(looked, looked.employees, max_hops, prune=prune)
            counted[prune] = rows.read
        assert answers[True] == answers[False]
        assert len(answers[True]) == 12
        assert counted[True] < counted[False] / 4


def first_reached_last():
    """Beta (Bea, my close contact who hires) is reached on the first layer; Acme only
    on the last, through Max, a stranger I meet at the circle: Acme's hand-off is read
    from Tom's in-ties (the club's many members make reading forward the dearer way)."""
    people: dict = {f"m{i}": {"name": f"Member {i}", "communities": ["club"],
                              "knows": {f"m{j}": 3 for j in range(i + 1, min(i + 4, 30))}}
                    for i in range(30)}
    people |= {
        "bea": {"name": "Bea", "company": "beta", "hiring": True, "closeness": 5,
                "seen_my_work": 5, "vouch": 5, "last_contact": TODAY.isoformat()},
        "max": {"name": "Max", "communities": ["circle"], "knows": {"tom": 2}},
        "tom": {"name": "Tom", "company": "acme"},
    }
    return book(people, communities={"club": {"name": "Club", "kind": "meetup"},
                                     "circle": {"name": "Circle", "kind": "volunteer"}},
                mine=["club", "circle"])


def test_a_company_first_reached_on_the_last_layer():
    index = build_index(first_reached_last(), TODAY)
    bounded, plain = both(index, 3)
    assert bounded == plain
    assert named(index, bounded)["acme"] == [
        "me", "community:circle", "person:max", "person:tom"]


def contact_through_a_stranger():
    """Kim is my contact, but I have not spoken to her for years: the cheapest way to
    her is through Sam, whom I meet at the circle, and her referral (she has seen my
    work and vouches for me) then takes me into Acme at Tia. The bound on what a label
    on the way may cost assumes a stranger's referral after it, so Kim's label comes
    from her in-ties (the club's many members make reading forward the dearer way)."""
    people: dict = {f"m{i}": {"name": f"Member {i}", "communities": ["club"],
                              "knows": {f"m{j}": 3 for j in range(i + 1, min(i + 4, 30))}}
                    for i in range(30)}
    people |= {
        "kim": {"name": "Kim", "closeness": 1, "seen_my_work": 5, "vouch": 5,
                "last_contact": "2015-01-01", "knows": {"tia": {"strength": 5,
                                                               "credibility": 5}}},
        "sam": {"name": "Sam", "communities": ["circle"], "knows": {"kim": 5}},
        "tia": {"name": "Tia", "company": "acme", "hiring": True},
        "ned": {"name": "Ned", "company": "beta", "hiring": True, "closeness": 5,
                "seen_my_work": 5, "vouch": 5, "last_contact": TODAY.isoformat()},
    }
    return book(people, communities={"club": {"name": "Club", "kind": "meetup"},
                                     "circle": {"name": "Circle", "kind": "volunteer"}},
                mine=["club", "circle"])


def test_a_contact_reached_again_on_the_layer_before_last():
    index = build_index(contact_through_a_stranger(), TODAY)
    bounded, plain = both(index, 4)
    assert bounded == plain
    assert named(index, bounded)["acme"] == [
        "me", "community:circle", "person:sam", "person:kim", "person:tia"]


def test_a_layer_with_nobody_on_the_way():
    """On the layer before last every label is inside a company (nobody on the way):
    the bounds have nothing to read onward from (this crashed, found by the
    single-point property on a random book)."""
    raw = {"netreach": 1, "me": {"name": "Me", "communities": []},
           "companies": {"c0": {"name": "Co 0", "outlook": "growing"}},
           "communities": {"g0": {"name": "Group 0", "kind": "club", "joinable": False},
                           "g1": {"name": "Group 1", "kind": "club", "joinable": False}},
           "people": {
               "p0": {"name": "P0", "closeness": 1, "seen_my_work": 0, "vouch": 0,
                      "knows": {"p1": 1, "p2": 1, "p3": 1, "p4": 1, "p5": 1, "p6": 1}},
               "p1": {"name": "P1", "knows": {"p3": 1, "p4": 1, "p2": 4}},
               "p2": {"name": "P2", "company": "c0", "hiring": False},
               "p3": {"name": "P3", "closeness": 1, "seen_my_work": 0, "vouch": 0},
               "p4": {"name": "P4"},
               "p5": {"name": "P5", "closeness": 1, "seen_my_work": 0, "vouch": 0},
               "p6": {"name": "P6", "closeness": 1, "seen_my_work": 0, "vouch": 0}}}
    index = build_index(network_of(raw), TODAY)
    for max_hops in range(1, 6):
        bounded, plain = both(index, max_hops)
        assert bounded == plain
