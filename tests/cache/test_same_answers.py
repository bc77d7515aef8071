"""A cached load gives exactly the network and the rankings a fresh load gives."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
from pathlib import Path

import pytest
from bench.generate import generate

from netreach.analysis.ranking import best_chains, companies_in_reach
from netreach.book.network import Network
from netreach.book.resolved import ResolvedNetwork
from netreach.cached.bookfile import open_book
from netreach.cached.packed_network import PackedNetwork
from netreach.graph.adjacency import build_index
from tests.tiers import deep

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(params=["example", "generated"])
def any_book(request, book: Path, tmp_path: Path) -> Path:
    if request.param == "example":
        return book
    path = tmp_path / "generated.yaml"
    path.write_text(generate(600, seed=7), encoding="utf-8")
    return path


def _fresh_and_cached(path: Path, monkeypatch) -> tuple[Network, Network, object, object]:
    monkeypatch.setenv("NETREACH_NO_CACHE", "1")
    fresh = open_book(path)
    monkeypatch.delenv("NETREACH_NO_CACHE")
    open_book(path)  # writes the cache
    cached = open_book(path)
    assert isinstance(cached.network, PackedNetwork)
    return fresh.network, cached.network, fresh, cached


def test_every_part_of_the_network_is_equal(any_book, cache_dir, monkeypatch):
    fresh, cached, _, _ = _fresh_and_cached(any_book, monkeypatch)
    assert list(cached.people) == list(fresh.people)
    for pid, person in fresh.people.items():
        got = cached.people[pid]
        assert got == person
        assert got.__pydantic_fields_set__ == person.__pydantic_fields_set__
        assert got.model_dump(exclude_unset=True) == person.model_dump(exclude_unset=True)
    for name in ("companies", "person_company", "members", "employees", "communities"):
        got, want = getattr(cached, name), getattr(fresh, name)
        assert list(got.items()) == list(want.items()), name
    assert {k: list(v.items()) for k, v in cached.ties.items()} == \
        {k: list(v.items()) for k, v in fresh.ties.items()}
    assert cached.targets == fresh.targets
    assert cached.me == fresh.me
    assert cached.book == fresh.book
    assert cached.book.model_dump_json() == fresh.book.model_dump_json()
    assert "nobody" not in cached.people and "nobody" not in cached.ties
    for cid in [*fresh.members, "nobody"]:
        assert cached.member_count(cid) == fresh.member_count(cid)
    for folded in ("nordlicht energy", "kiezbank", "co-3", "nobody"):
        assert cached.company_keys(folded) == fresh.company_keys(folded)


def test_the_cached_index_equals_a_built_one_on_any_day(any_book, cache_dir, monkeypatch):
    fresh, _, _, opened = _fresh_and_cached(any_book, monkeypatch)
    for today in (TODAY, dt.date(2020, 1, 1), dt.date(2031, 6, 30)):
        cached = opened.index(today)
        built = build_index(fresh, today)
        assert list(cached.nodes) == built.nodes
        for u in range(len(built.nodes)):
            assert list(cached.out[u]) == built.out[u]
            assert list(cached.into[u]) == built.into[u]
            assert cached.in_degree(u) == len(built.into[u])
        assert list(cached.referral_cost) == built.referral_cost
        assert list(cached.direct_cost) == built.direct_cost
        assert list(cached.hiring_cost) == built.hiring_cost
        assert {k: list(v) for k, v in cached.employees.items()} == built.employees
        assert {n: cached.position[n] for n in built.position} == built.position
        # Node i is person i (book order): analysis/reach counts on it.
        assert built.nodes[1:len(fresh.people) + 1] == [f"person:{p}" for p in fresh.people]
        assert cached.cheapest_out() == built.cheapest_out()
        assert cached.cheapest_in() == built.cheapest_in()
        room = [1.0 + (i % 5) / 4 for i in range(len(built.nodes))]
        slot = [i % 3 for i in range(len(built.nodes))]
        for u in range(len(built.nodes)):
            for key in (None, slot):
                assert cached.out_within(u, 0.2, room, 1.5, key) == \
                    built.out_within(u, 0.2, room, 1.5, key)


def _answers(network, index):
    out = []
    for cid, company in network.companies.items():
        for diverse in (True, False):
            r = best_chains(network, company, today=TODAY, diverse=diverse, index=index)
            out.append((cid, diverse, [([s.id for s in c.steps], c.score, c.factors)
                                       for c in r.chains], r.hints, r.employees))
    reach = companies_in_reach(network, today=TODAY, index=index)
    out.append([(r.company, [s.id for s in r.best.steps] if r.best else None, r.people)
                for r in reach])
    return out


def test_rankings_are_the_same(any_book, cache_dir, monkeypatch):
    fresh, cached, _, opened = _fresh_and_cached(any_book, monkeypatch)
    assert _answers(cached, opened.index(TODAY)) == _answers(fresh, build_index(fresh, TODAY))


def test_copies_and_replace_give_plain_networks(book, cache_dir, monkeypatch):
    fresh, cached, _, _ = _fresh_and_cached(book, monkeypatch)
    assert copy.copy(cached) is cached and copy.deepcopy(cached) is cached
    replaced = dataclasses.replace(cached.resolved(), targets=())
    assert type(replaced) is ResolvedNetwork and replaced.book == fresh.book
    restored = pickle.loads(pickle.dumps(cached))
    assert type(restored) is ResolvedNetwork and restored == fresh


CLI_ARGS = (("paths", "nordlicht", "--explain"), ("paths", "kiezbank", "--all", "--json"),
            ("companies",), ("companies", "--json"), ("list", "--json"))


@pytest.mark.slow
@pytest.mark.parametrize("real", [True, False], ids=["real-process", "in-process"])
def test_cli_output_is_the_same_cold_and_warm(real, run, invoke, book, cache_dir):
    """Cold (the book just changed), warm and with the cache off: the same output.

    Every command in-process; the first also in real processes, where a warm run is a
    new interpreter reading the cache file (the deep tier runs them all that way)."""
    env = {"NETREACH_CACHE_DIR": str(cache_dir), "NETREACH_TODAY": "2026-11-22"}
    every = real and deep()
    for args in CLI_ARGS[:1] if real and not every else CLI_ARGS:
        cli = run if real else invoke
        with open(book, "a", encoding="utf-8") as fh:
            fh.write("# new bytes: a cold run\n")
        cold = cli(*args, "--book", book, env=env)
        warm = cli(*args, "--book", book, env=env)
        off = cli(*args, "--book", book, env={**env, "NETREACH_NO_CACHE": "1"})
        assert cold.code == warm.code == off.code == 0, cold.stderr
        assert cold.stdout == warm.stdout == off.stdout
        assert cold.stderr == warm.stderr == off.stderr
