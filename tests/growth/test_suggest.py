"""``suggest``: what-if gains against brute force, the communities it may and may not
name, and the ties to re-warm."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains
from netreach.analysis.reach import goal_companies, target_sets
from netreach.analysis.suggest import joinable, score_of_cost, suggest
from netreach.book.loading import load
from netreach.book.network import Network
from netreach.graph.adjacency import build_index
from netreach.graph.chain_search import ranked
from tests.growth.books import TODAY, best_score_brute, book, growth_books, network_of
from tests.tiers import examples


def unjoined(network: Network) -> set[str]:
    mine = set(network.book.me.communities)
    return {c for c, g in network.communities.items() if g.joinable and c not in mine}


def brute_gain(network, company, community, max_hops):
    """Rise of the best score when ``community`` alone of the unjoined ones may be used:
    every simple chain enumerated, twice."""
    others = unjoined(network)
    base = best_score_brute(network, company, max_hops, others)
    joined = best_score_brute(network, company, max_hops, others - {community})
    return joined - base


@settings(max_examples=examples(100), deadline=None)
@given(raw=growth_books(max_people=8), max_hops=st.integers(1, 5))
def test_gains_match_brute_force_per_company(raw, max_hops):
    network = network_of(raw)
    index = build_index(network, TODAY)
    for cid in network.employees:
        result = suggest(network, today=TODAY, company=network.companies[cid],
                         max_hops=max_hops, index=index)
        assert {o.community for o in result.communities} == unjoined(network)
        for opening in result.communities:
            assert opening.gain >= 0
            expected = brute_gain(network, cid, opening.community, max_hops)
            assert math.isclose(opening.gain, expected, abs_tol=1e-12), opening
            for chain in opening.chains:  # the improved chain runs through the community
                assert chain.steps[1].id == opening.community


@settings(max_examples=examples(100), deadline=None)
@given(raw=growth_books(max_people=8))
def test_gains_are_summed_over_the_targets(raw):
    network = network_of(raw)
    goals = goal_companies(network)
    result = suggest(network, today=TODAY)
    assert result.targets == goals
    for opening in result.communities:
        expected = sum(brute_gain(network, cid, opening.community, 4) for cid in goals)
        assert math.isclose(opening.gain, expected, abs_tol=1e-12)
        assert math.isclose(opening.gain, sum(rise for _, rise in opening.gains), abs_tol=1e-15)
        assert all(rise > 0 for _, rise in opening.gains)


def test_gains_also_match_the_ban_and_search_recomputation(example_book):
    network = load(example_book.read_bytes(), str(example_book))
    index = build_index(network, TODAY)
    candidates = joinable(network, index)
    sets = target_sets(network, index)
    result = {o.community: o for o in suggest(network, today=TODAY, index=index).communities}
    for c in candidates:
        total = 0.0
        for cid in network.targets:
            outlook = network.companies[cid].outlook
            people = set(sets[cid])
            base = ranked(index, people, people, 1, 4, banned=set(candidates))
            new = ranked(index, people, people, 1, 4, banned=set(candidates) - {c})
            b = score_of_cost(base[0][0], outlook) if base else 0.0
            n = score_of_cost(new[0][0], outlook) if new else 0.0
            total += n - b
        assert math.isclose(result[index.nodes[c].split(":")[1]].gain, total, abs_tol=1e-12)


def target_book(**changes):
    """Acme's hiring manager Eve is reachable only by joining the volunteer group;
    the other groups lead nowhere near Acme, and the closed circle is not open to me."""
    people = {
        "ann": {"name": "Ann", "closeness": 4, "last_contact": "2026-11-01",
                "communities": ["mine"], "knows": {"bob": 3}},
        "bob": {"name": "Bob", "company": "other", "communities": ["chess", "online"]},
        "eve": {"name": "Eve", "company": "acme", "hiring": True,
                "communities": ["helpers", "circle", "mine"]},
        "fay": {"name": "Fay", "company": "other", "communities": ["chess"]},
        "gus": {"name": "Gus", "communities": ["helpers"], "knows": {"eve": 4}},
    }
    communities = {
        "mine": {"name": "Mine", "kind": "club"},
        "helpers": {"name": "Helpers", "kind": "volunteer"},
        "chess": {"name": "Chess Club", "kind": "club"},
        "online": {"name": "Online", "kind": "online"},
        "circle": {"name": "Inner Circle", "kind": "club", "joinable": False},
    }
    for key, value in changes.items():
        people["eve"][key] = value
    return book(people, communities=communities, mine=["mine"], targets=["acme"])


def test_the_one_community_that_leads_in_comes_first():
    network = target_book(communities=["helpers", "circle"])
    result = suggest(network, today=TODAY)
    first = result.communities[0]
    assert first.community == "helpers"
    assert first.gain > 0
    assert set(first.opens) == {"eve", "gus"}
    assert [s.id for s in first.chains[0].steps] == ["me", "helpers", "gus", "eve"]
    assert all(o.gain == 0 for o in result.communities[1:])


def test_never_a_community_i_am_in_or_cannot_join():
    network = target_book(communities=["helpers", "circle", "mine"])
    result = suggest(network, today=TODAY)
    named = {o.community for o in result.communities}
    assert named == {"helpers", "chess", "online"}
    assert "mine" not in named and "circle" not in named
    # Through "mine" Eve is already reachable, so the baseline counts it.
    assert dict(result.baseline)["acme"] > 0


def test_walk_that_is_not_a_chain_is_searched_exactly():
    # Through the volunteer group I meet Tia (acme). The cheapest *walk* goes on to her
    # trusted friend Xavi and back to her (his word counts more than my own approach).
    network = book(
        {"tia": {"name": "Tia", "company": "acme", "hiring": True, "communities": ["club"]},
         "xavi": {"name": "Xavi", "knows": {"tia": {"strength": 5, "credibility": 5}}}},
        communities={"club": {"name": "Club", "kind": "volunteer"}}, targets=["acme"])
    result = suggest(network, today=TODAY)
    (opening,) = result.communities
    assert [s.id for s in opening.chains[0].steps] == ["me", "club", "tia"]
    assert math.isclose(opening.gain, brute_gain(network, "acme", "club", 4), abs_tol=1e-12)


def test_rewarm_ranks_stale_first_contacts_by_what_the_chains_lose(example_book):
    network = load(example_book.read_bytes(), str(example_book))
    result = suggest(network, today=TODAY)
    # Kofi starts chains to two targets (Nordlicht through Lea, and Kiezbank).
    assert [r.person for r in result.rewarm] == ["kofi-mensah", "felix-braun", "clara-fischer"]
    assert result.rewarm[0].companies == ("nordlicht", "kiezbank")
    felix = result.rewarm[1]
    assert felix.companies == ("kiezbank",)
    assert felix.last_contact == dt.date(2025, 1, 15)
    # The loss is the score the chain would have if the tie were warm, minus its score.
    chain = next(c for c in best_chains(network, network.companies["kiezbank"], today=TODAY)
                 .chains if c.first_contact == "felix-braun")
    assert math.isclose(felix.loss, chain.score / felix.warmth - chain.score)
    assert losses_sorted(result)


def losses_sorted(result):
    losses = [r.loss for r in result.rewarm]
    return losses == sorted(losses, reverse=True) and all(x > 0 for x in losses)


def test_a_warm_tie_is_not_suggested(example_book):
    network = load(example_book.read_bytes(), str(example_book))
    people = dict(network.book.people)
    people["felix-braun"] = people["felix-braun"].model_copy(update={"last_contact": TODAY})
    warm = dataclasses.replace(network, book=network.book.model_copy(update={"people": people}))
    result = suggest(warm, today=TODAY)
    assert "felix-braun" not in [r.person for r in result.rewarm]
    assert result.rewarm  # Clara and Kofi are still cold


def test_without_targets_growing_companies_are_the_goal():
    network = book(
        {"ann": {"name": "Ann", "closeness": 3, "company": "acme"},
         "bob": {"name": "Bob", "company": "slow"}},
        companies={"acme": {"name": "Acme", "outlook": "growing"},
                   "slow": {"name": "Slow", "outlook": "shrinking"}})
    assert suggest(network, today=TODAY).targets == ("acme",)
    assert suggest(network, today=TODAY, company=network.companies["slow"]).targets == \
        ("slow",)


def test_max_hops_one_has_no_community_chains():
    network = target_book(communities=["helpers"])
    result = suggest(network, today=TODAY, max_hops=1)
    assert all(o.gain == 0 for o in result.communities)
