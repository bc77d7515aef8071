"""`netreach plan` and `netreach next` through the CLI: formats, files, tracking, JSON."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
TODAY = ("--today", "2026-11-22")


def test_plan_prints_text_to_the_terminal(invoke, example_book):
    res = invoke("plan", "nordlicht", *TODAY, "--book", example_book)
    assert res.code == 0, res.stderr
    assert res.stdout.startswith("Outreach plan: Nordlicht Energy\n")
    assert "[x] 1. Contact Mira Schulz" in res.stdout
    assert "Follow up by 2026-11-06 (Fri), overdue by 16 days" in res.stdout
    assert res.stderr == ""


def test_plan_says_which_company_a_fuzzy_name_matched(invoke, example_book):
    res = invoke("plan", "nordlict", *TODAY, "--book", example_book)
    assert res.code == 0
    assert "matched 'nordlict' to Nordlicht Energy (nordlicht)" in res.stderr


@pytest.mark.parametrize(("fmt", "golden"), [("markdown", "plan_nordlicht.md"),
                                              ("text", "plan_nordlicht.txt")])
def test_plan_on_stdout_is_the_golden_file(invoke, example_book, tmp_path, fmt, golden):
    expected = (GOLDEN / golden).read_text(encoding="utf-8")
    if fmt == "markdown":
        res = invoke("plan", "nordlicht", "--format", fmt, *TODAY, "--book", example_book)
        assert res.code == 0 and res.stdout == expected
    out = tmp_path / "plan.out"
    res = invoke("plan", "nordlicht", "-f", fmt, "-o", out, *TODAY, "--book", example_book)
    assert res.code == 0 and res.stdout == ""
    assert out.read_text(encoding="utf-8") == expected


def test_plan_is_deterministic(invoke, example_book):
    runs = [invoke("plan", "kiezbank", "--json", *TODAY, "--book", example_book).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    assert json.loads(runs[0])["company"]["id"] == "kiezbank"


def test_plan_writes_a_file_whose_format_follows_its_name(invoke, book, tmp_path):
    out = tmp_path / "nordlicht.html"
    res = invoke("plan", "nordlicht", "-o", out, *TODAY, "--book", book)
    assert res.code == 0, res.stderr
    assert res.stdout == ""
    assert f"wrote the html plan for Nordlicht Energy to {out}" in res.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Tobias Lang" in page
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # it holds names from the book
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_plan_replaces_a_file_and_keeps_its_mode(invoke, book, tmp_path):
    out = tmp_path / "plan.md"
    out.write_text("old plan\n")
    out.chmod(0o644)
    res = invoke("plan", "nordlicht", "-o", out, *TODAY, "--book", book)
    assert res.code == 0
    assert out.read_text(encoding="utf-8").startswith("# Outreach plan: Nordlicht Energy")
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_plan_never_writes_over_the_book(run, book, tmp_path):
    before = book.read_bytes()
    link = tmp_path / "link.html"
    link.symlink_to(book)
    # The path, a link to it, the path relative to the cwd, and the book's lock file.
    for target in (book, link, book.name, f"{book.name}.lock"):
        res = run("plan", "nordlicht", "-o", target, "-f", "html", *TODAY, "--book", book,
                  cwd=tmp_path)
        assert res.code == 1, res.stderr
        assert "is the contact book" in res.stderr
        assert "Traceback" not in res.stderr
    assert book.read_bytes() == before


def test_plan_into_a_missing_directory_fails_cleanly(invoke, book, tmp_path):
    res = invoke("plan", "nordlicht", "-o", tmp_path / "nope" / "plan.md", "--book", book)
    assert res.code == 1
    assert "not written" in res.stderr


def test_plan_of_an_unknown_company_fails(invoke, example_book):
    res = invoke("plan", "no-such-company-xyz", "--book", example_book)
    assert res.code == 1
    assert "no company" in res.stderr


def test_json_flag_is_the_json_format(invoke, example_book):
    a = invoke("plan", "helio-maps", "--json", *TODAY, "--book", example_book).stdout
    b = invoke("plan", "helio-maps", "-f", "json", *TODAY, "--book", example_book).stdout
    assert a == b
    data = json.loads(a)
    assert data["chains"][0]["route"][1] == {"kind": "community", "id": "code-club-kreuzberg",
                                              "name": "Code Club Kreuzberg", "join": True}


def test_a_logged_introduction_marks_its_step_done(invoke, book):
    res = invoke("log", "sanne-de-vries", "Sanne will introduce me to Pieter",
                 "--date", "2026-11-20", "--book", book)
    assert res.code == 0, res.stderr
    data = json.loads(invoke("plan", "nordlicht", "--json", *TODAY, "--book", book).stdout)
    sanne, pieter = data["chains"][1]["steps"]
    assert sanne["person"]["id"] == "sanne-de-vries"
    assert sanne["done"] == {"date": "2026-11-20", "note": "Sanne will introduce me to Pieter",
                             "person": "sanne-de-vries", "implied": False}
    assert pieter["done"] is None and pieter["follow_up"] == "2026-11-27"
    text = invoke("plan", "nordlicht", *TODAY, "--book", book).stdout
    assert "[x] 1. Contact Sanne de Vries" in text
    assert "Done 2026-11-20 (Fri) (logged on sanne-de-vries)" in text


def test_next_lists_the_next_step_of_each_chain_soonest_first(invoke, example_book):
    res = invoke("next", *TODAY, "--book", example_book)
    assert res.code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].startswith("2026-11-06 (Fri)  overdue by 16 days  Nordlicht Energy, "
                               "chain 1, step 2 of 2")
    assert "Contact Tobias Lang, introduced by Mira Schulz" in lines[1]
    dates = [line[:10] for line in lines if line[:4] == "2026"]
    assert dates == sorted(dates) and len(dates) == 9  # three chains for each of 3 targets


def test_next_json_shape(invoke, example_book):
    res = invoke("next", "--json", *TODAY, "--book", example_book)
    assert res.code == 0
    data = json.loads(res.stdout)
    assert set(data) == {"today", "steps", "complete", "unreachable"}
    first = data["steps"][0]
    assert {"company", "chain", "chain_score", "step", "of", "follow_up", "due", "person",
            "via", "ask", "leads_to", "action", "request"} <= set(first)
    assert (first["company"]["id"], first["chain"], first["step"]) == ("nordlicht", 1, 2)
    assert first["due"] is True and first["follow_up"] == "2026-11-06"
    assert first["person"]["id"] == "tobias-lang" and first["ask"] == "advice"
    assert [s["due"] for s in data["steps"]].count(True) == 1
    dates = [s["follow_up"] for s in data["steps"]]
    assert dates == sorted(dates)


def test_next_for_chosen_companies_and_after_a_log(invoke, book):
    invoke("log", "tobias-lang", "20 minutes on the phone about the platform team",
           "--date", "2026-11-21", "--book", book)
    res = invoke("next", "--json", "-c", "nordlicht", "--company", "Nordlicht Energy",
                 *TODAY, "--book", book)
    assert res.code == 0, res.stderr
    data = json.loads(res.stdout)
    assert {s["company"]["id"] for s in data["steps"]} == {"nordlicht"}
    assert data["complete"] == [{"company": "nordlicht", "chain": 1}]
    assert [s["chain"] for s in data["steps"]] == [2, 3]


def test_next_without_targets_says_what_to_do(invoke, tmp_path):
    book = tmp_path / "contacts.yaml"
    book.write_text("netreach: 1\nme: {name: Sam}\n", encoding="utf-8")
    res = invoke("next", "--book", book)
    assert res.code == 2
    assert "me.seeking.companies" in res.stderr and "--company" in res.stderr


@pytest.mark.parametrize("command", ["plan", "next"])
def test_help_has_an_example(invoke, command):
    res = invoke(command, "--help")
    assert res.code == 0
    assert f"netreach {command}" in res.stdout.split("Example")[1]


def test_plan_and_next_follow_netreach_today(run, example_book):
    env = {"NETREACH_TODAY": "2026-11-22"}
    a = run("next", "--json", "--book", example_book, env=env)
    b = run("next", "--json", *TODAY, "--book", example_book)
    assert a.code == b.code == 0 and a.stdout == b.stdout
