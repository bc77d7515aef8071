"""``netreach reach`` and ``netreach suggest`` through the CLI: output, JSON shape
(SPEC §4), exit codes.

Golden files: run with NETREACH_UPDATE_GOLDEN=1 to rewrite them, then review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netreach.render.growth import bar
from tests import golden

GOLDEN = Path(__file__).parent / "golden"
TODAY = ["--today", "2026-11-22"]


def check_golden(name: str, text: str) -> None:
    golden.check_golden(GOLDEN / name, text)


@pytest.mark.parametrize(("args", "golden"), [
    (["reach"], "reach.txt"),
    (["suggest"], "suggest.txt"),
])
def test_golden(invoke, example_book, args, golden):
    res = invoke(*args, *TODAY, "--book", example_book)
    assert res.code == 0, res.stderr
    check_golden(golden, res.stdout)


def test_reach_json_has_the_spec_shape(invoke, example_book):
    res = invoke("reach", "--json", *TODAY, "--book", example_book)
    assert res.code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["by_hops"] == {"1": 15, "2": 25, "3": 6, "4": 4}
    assert data["reachable"] == 50 and data["people"] == 50
    assert data["share_hiring"] == pytest.approx(0.28)
    assert data["out_of_reach"] == []
    for row in data["companies"]:
        assert {"id", "hops", "best_score"} <= set(row)
        assert 0 < row["best_score"] <= 1
    nordlicht = next(r for r in data["companies"] if r["id"] == "nordlicht")
    assert nordlicht["hops"] == 2
    assert nordlicht["best_chain"] == ["mira-schulz", "tobias-lang"]
    assert [f["kind"] for f in data["findings"]] == ["unseen", "stale"]
    assert set(data["findings"][0]) == {"kind", "message", "people", "companies",
                                        "communities"}
    assert res.stderr == ""


def test_reach_max_hops_sets_the_keys(invoke, example_book):
    res = invoke("reach", "--max-hops", "2", "--json", *TODAY, "--book", example_book)
    data = json.loads(res.stdout)
    assert data["by_hops"] == {"1": 15, "2": 25}
    assert data["out_of_reach"] == ["kiezbank"]


def test_suggest_json_has_the_spec_shape(invoke, example_book):
    res = invoke("suggest", "--json", *TODAY, "--book", example_book)
    assert res.code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["targets"] == ["nordlicht", "kiezbank", "helio-maps"]
    first = data["communities"][0]
    assert first["id"] == "code-club-kreuzberg"
    assert first["gain"] > 0
    assert "ines-moreau" in first["opens"]
    assert first["chains"][0]["hops"][1] == {
        "id": "code-club-kreuzberg", "kind": "community", "name": "Code Club Kreuzberg",
        "via": "join", "probability": 0.5}
    ids = [c["id"] for c in data["communities"]]
    assert "hpi-alumni" not in ids  # not joinable
    assert not {"tu-berlin-alumni", "pydata-berlin", "tempelhof-runners"} & set(ids)  # mine
    assert data["rewarm"][1] == {"id": "felix-braun", "name": "Felix Braun",
                                 "last_contact": "2025-01-15",
                                 "warmth": pytest.approx(0.7297, abs=1e-4),
                                 "loss": pytest.approx(0.0168, abs=1e-4),
                                 "companies": ["kiezbank"]}


def test_suggest_for_one_company_matches_fuzzily(invoke, example_book):
    res = invoke("suggest", "helio map", "-k", "1", "--json", *TODAY, "--book", example_book)
    assert res.code == 0
    assert "matched 'helio map' to Helio Maps (helio-maps)" in res.stderr
    data = json.loads(res.stdout)
    assert data["targets"] == ["helio-maps"]
    assert [c["id"] for c in data["communities"]] == ["code-club-kreuzberg"]
    assert data["rewarm"] == []


def test_suggest_without_any_gain_says_so(invoke, example_book):
    res = invoke("suggest", "nordlicht", *TODAY, "--book", example_book)
    assert res.code == 0
    assert "No community you could join would improve those chains." in res.stdout


def test_suggest_unknown_company_fails(invoke, example_book):
    res = invoke("suggest", "zzzzqqq", *TODAY, "--book", example_book)
    assert res.code == 1
    assert "no company" in res.stderr
    assert res.stdout == ""


def test_suggest_without_targets_says_what_to_do(invoke, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme: {name: Me}\npeople:\n  ann: {name: Ann, closeness: 2}\n",
                    encoding="utf-8")
    res = invoke("suggest", *TODAY, "--book", path)
    assert res.code == 0
    assert "no targets" in res.stderr
    res = invoke("suggest", "--json", *TODAY, "--book", path)
    assert json.loads(res.stdout) == {"targets": [], "max_hops": 4, "baseline": {},
                                      "communities": [], "rewarm": []}


@pytest.mark.parametrize("args", [["reach", "--max-hops", "0"], ["suggest", "-k", "0"],
                                  ["reach", "--today", "yesterday"]])
def test_usage_errors_exit_2(invoke, example_book, args):
    res = invoke(*args, "--book", example_book)
    assert res.code == 2
    assert res.stdout == ""


def test_invalid_book_exits_65(run, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme: {name: Me}\npeople:\n  ann: {name: Ann, closenes: 2}\n",
                    encoding="utf-8")
    for command in ("reach", "suggest"):
        res = run(command, "--book", path)
        assert res.code == 65
        assert "unknown field" in res.stderr
        assert res.stdout == ""


def test_reach_as_a_subprocess(run, example_book):
    res = run("reach", *TODAY, "--book", example_book)
    assert res.code == 0, res.stderr
    assert res.stdout.startswith("People within 4 hops of you")
    assert "Gaps" in res.stdout


def test_bars():
    assert bar(0, 10) == ""
    assert bar(10, 10, width=5) == "█████"
    assert bar(5, 10, width=5) == "██▌"
    assert bar(1, 1000, width=5) == "▏"  # a non-zero count always shows
    assert len(bar(7, 9)) <= 40


def test_readme_lists_both_commands():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "| `netreach reach` |" in readme
    assert "| `netreach suggest [COMPANY]` |" in readme
    assert "## Reach and what to join" in readme
