"""The "single point of failure" findings: one pass per company (``gaps.chain_cuts``)
finds exactly the steps the first implementation found by banning each step of the
best chain and searching again."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.gaps import chain_cuts
from netreach.analysis.reach import best_chains_by_company, reach
from netreach.graph.adjacency import build_index
from netreach.graph.hop_distance import hop_distance
from netreach.graph.hops import NodeKind, community_node, person_node
from tests.growth.books import TODAY, book, growth_books, network_of
from tests.tiers import examples


def cuts_by_ban(network, index, goals, best, max_hops):
    """The oracle: the first implementation, one banned search per step of the chain."""
    cuts = {}
    for cid in goals:
        chain = best.get(cid)
        if chain is None:
            continue
        targets = [index.position[person_node(p)] for p in network.employees[cid]]
        for step in chain.steps[1:-1]:
            node = (person_node if step.kind is NodeKind.PERSON else community_node)(step.id)
            if hop_distance(index, targets, max_hops, {index.position[node]}) is None:
                cuts.setdefault((step.kind, step.id), []).append(cid)
    return cuts


def both(network, max_hops):
    index = build_index(network, TODAY)
    best = best_chains_by_company(network, index, max_hops, TODAY)
    goals = sorted(network.companies)
    return (list(chain_cuts(network, index, goals, best, max_hops).items()),
            list(cuts_by_ban(network, index, goals, best, max_hops).items()))


@settings(max_examples=examples(400), deadline=None)
@given(raw=growth_books(max_people=10), max_hops=st.integers(1, 5))
def test_one_pass_finds_what_one_ban_per_step_finds(raw, max_hops):
    new, old = both(network_of(raw), max_hops)
    assert new == old  # the same steps, companies and order, so the same findings


def single_points(network, max_hops=4):
    return [f for f in reach(network, today=TODAY, max_hops=max_hops).findings
            if f.kind == "single-point"]


def detour_book():
    """Ann -> Bob at Acme, and a way round Ann through Cy, Dee and Eve: 4 hops to Bob."""
    return book({
        "ann": {"name": "Ann", "closeness": 5, "seen_my_work": 3, "knows": {"bob": 5}},
        "cy": {"name": "Cy", "closeness": 1, "knows": {"dee": 1}},
        "dee": {"name": "Dee", "knows": {"eve": 1}},
        "eve": {"name": "Eve", "knows": {"bob": 1}},
        "bob": {"name": "Bob", "company": "acme", "hiring": True},
    }, targets=["acme"])


def test_a_detour_exactly_one_hop_too_long():
    network = detour_book()
    (finding,) = single_points(network, max_hops=3)
    assert finding.people == ("ann",) and finding.companies == ("acme",)
    assert "reachable only through Ann: every chain within 3 hops passes there" \
        in finding.message
    assert single_points(network, max_hops=4) == []
    for max_hops in (2, 3, 4, 5):
        new, old = both(network, max_hops)
        assert new == old


def test_a_community_as_the_single_point():
    network = book(
        {"maya": {"name": "Maya", "company": "acme", "hiring": True, "communities": ["pyb"]},
         "ann": {"name": "Ann", "closeness": 3, "knows": {"zed": 3}},
         "zed": {"name": "Zed"}},
        communities={"pyb": {"name": "PyBites", "kind": "meetup", "joinable": True}},
        targets=["acme"])
    (finding,) = single_points(network)
    assert finding.communities == ("pyb",) and finding.people == ()
    assert "reachable only through PyBites" in finding.message
    new, old = both(network, 4)
    assert new == old == [((NodeKind.COMMUNITY, "pyb"), ["acme"])]


def test_a_target_i_know_directly_hangs_on_nobody():
    network = book({
        "bob": {"name": "Bob", "closeness": 4, "company": "acme", "hiring": True},
    }, targets=["acme"])
    assert single_points(network) == []
    new, old = both(network, 4)
    assert new == old == []


def test_a_colleague_reached_only_through_a_target():
    # me -> Maya (Acme) -> Sofia (Acme): the best chain may pass Maya to Sofia; banning
    # Maya bans her as a target too, and nobody else at Acme is left within reach.
    network = book({
        "maya": {"name": "Maya", "closeness": 2, "company": "acme", "knows": {"sofia": 5}},
        "sofia": {"name": "Sofia", "company": "acme", "hiring": True},
    }, targets=["acme"])
    maya = ((NodeKind.PERSON, "maya"), ["acme"])
    for max_hops, expected in ((1, []), (2, [maya]), (3, [maya])):
        new, old = both(network, max_hops)
        assert new == old == expected
