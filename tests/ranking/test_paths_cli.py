"""`netreach paths` and `netreach companies` through the CLI: output, JSON, exit codes.

Golden files: run with NETREACH_UPDATE_GOLDEN=1 to rewrite them, then review the diff.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests import golden

GOLDEN = Path(__file__).parent / "golden"
TODAY = ["--today", "2026-11-22"]


def check_golden(name: str, text: str) -> None:
    golden.check_golden(GOLDEN / name, text)


@pytest.mark.parametrize(("args", "golden"), [
    (["paths", "nordlicht"], "paths_nordlicht.txt"),
    (["paths", "kiezbank", "-k", "3", "--explain"], "paths_kiezbank_explain.txt"),
    (["companies"], "companies.txt"),
])
def test_golden_tables(invoke, example_book, args, golden):
    res = invoke(*args, *TODAY, "--book", example_book)
    assert res.code == 0, res.stderr
    check_golden(golden, res.stdout)


def test_paths_json_matches_the_spec_shape(invoke, example_book):
    res = invoke("paths", "nordlicht", "--json", *TODAY, "--book", example_book)
    assert res.code == 0
    data = json.loads(res.stdout)
    assert data["company"] == {"id": "nordlicht", "name": "Nordlicht Energy",
                               "outlook": "growing"}
    assert 1 <= len(data["chains"]) <= 5
    scores = [c["score"] for c in data["chains"]]
    assert scores == sorted(scores, reverse=True)
    for chain in data["chains"]:
        hops = chain["hops"]
        assert hops[0] == {"id": "me", "kind": "me"}
        assert hops[-1]["kind"] == "person"
        assert hops[-1]["company"] == "nordlicht"
        assert {"id", "kind", "name", "company", "hiring"} <= set(hops[-1])
        assert math.isclose(math.prod(chain["factors"].values()), chain["score"],
                            rel_tol=1e-9)


def test_default_chains_do_not_all_lean_on_one_first_contact(invoke, example_book):
    res = invoke("paths", "nordlicht", "--json", *TODAY, "--book", example_book)
    chains = json.loads(res.stdout)["chains"]
    firsts = [c["hops"][1]["id"] for c in chains]
    assert len(set(firsts)) > 1
    people_between = [h["id"] for c in chains for h in c["hops"][1:-1] if h["kind"] == "person"]
    assert len(people_between) == len(set(people_between))


def test_all_gives_the_plain_top_k(invoke, example_book):
    plain = json.loads(invoke("paths", "nordlicht", "--all", "--json", "-k", "5", *TODAY,
                              "--book", example_book).stdout)["chains"]
    diverse = json.loads(invoke("paths", "nordlicht", "--json", "-k", "5", *TODAY,
                                "--book", example_book).stdout)["chains"]
    assert plain[0] == diverse[0]
    assert [c["score"] for c in plain] == sorted((c["score"] for c in plain), reverse=True)
    assert sum(c["score"] for c in plain) >= sum(c["score"] for c in diverse)


def test_fuzzy_company_match_says_what_it_matched(invoke, example_book):
    res = invoke("paths", "Nordlict", *TODAY, "--book", example_book)
    assert res.code == 0
    assert "matched 'Nordlict' to Nordlicht Energy (nordlicht)" in res.stderr


def test_alias_matches_exactly(invoke, example_book):
    res = invoke("paths", "TRAMLINE", "--json", *TODAY, "--book", example_book)
    assert res.code == 0
    assert json.loads(res.stdout)["company"]["id"] == "tramline"


def test_unknown_company_exits_1(invoke, example_book):
    res = invoke("paths", "zzzzqqq", *TODAY, "--book", example_book)
    assert res.code == 1
    assert "no company" in res.stderr
    assert res.stdout == ""


def test_no_chain_is_an_answer_with_hints(invoke, book):
    text = book.read_text(encoding="utf-8")
    book.write_text(text.replace("  ana-costa:\n", "  ana-costa:\n", 1), encoding="utf-8")
    res = invoke("paths", "helio", "--max-hops", "1", *TODAY, "--book", book)
    assert res.code == 0
    assert "No chain to Helio Maps within 1 hops" in res.stdout
    assert "try --max-hops" in res.stdout
    data = json.loads(invoke("paths", "helio", "--max-hops", "1", "--json", *TODAY,
                             "--book", book).stdout)
    assert data["chains"] == []
    assert data["hints"]


def test_companies_json(invoke, example_book):
    data = json.loads(invoke("companies", "--json", *TODAY, "--book", example_book).stdout)
    rows = data["companies"]
    assert rows and {"id", "name", "outlook", "best_score", "hops", "people"} <= set(rows[0])
    scores = [r["best_score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    by_id = {r["id"]: r for r in rows}
    best = json.loads(invoke("paths", "kiezbank", "--json", *TODAY, "--book",
                             example_book).stdout)["chains"][0]
    assert math.isclose(by_id["kiezbank"]["best_score"], best["score"], rel_tol=1e-12)
