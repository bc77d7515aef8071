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
    assert "[ ] 1. Contact Mira Schulz" in res.stdout  # a free-text note is never ticked
    assert "Asked 2026-11-02 (Mon); follow up by 2026-11-09 (Mon), overdue by 13 days" \
        in res.stdout
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


def test_plan_never_writes_over_the_book(invoke, book, tmp_path, monkeypatch):
    before = book.read_bytes()
    link = tmp_path / "link.html"
    link.symlink_to(book)
    monkeypatch.chdir(tmp_path)
    # The path, a link to it, the path relative to the cwd, and the book's lock file.
    for target in (book, link, book.name, f"{book.name}.lock"):
        res = invoke("plan", "nordlicht", "-o", target, "-f", "html", *TODAY, "--book", book)
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


def test_a_free_text_log_only_looks_done_and_only_for_its_own_step(invoke, book):
    res = invoke("log", "sanne-de-vries", "Sanne will introduce me to Pieter",
                 "--date", "2026-11-20", "--book", book)
    assert res.code == 0, res.stderr
    data = json.loads(invoke("plan", "nordlicht", "--json", *TODAY, "--book", book).stdout)
    sanne, pieter = data["chains"][1]["steps"]
    assert sanne["person"]["id"] == "sanne-de-vries"
    assert sanne["done"] is None and sanne["state"] == "open"
    assert sanne["looks_done"]["command"] == ("netreach outcome sanne-de-vries referred "
                                              "--for nordlicht --to pieter-jansen")
    assert pieter["looks_done"] is None and pieter["follow_up"] is None
    for company in ("kiezbank", "helio-maps"):  # no other company's plan reads it
        other = json.loads(invoke("plan", company, "--json", *TODAY, "--book", book).stdout)
        assert all(s["looks_done"] is None for c in other["chains"] for s in c["steps"]
                   if s["person"]["id"] == "sanne-de-vries")


def test_next_groups_by_person_and_json_shape(invoke, example_book):
    res = invoke("next", "--json", *TODAY, "--book", example_book)
    assert res.code == 0
    data = json.loads(res.stdout)
    assert set(data) == {"today", "week", "items", "complete", "unreachable"}
    people = [i["person"]["id"] for i in data["items"]]
    assert len(people) == len(set(people))  # one item per person
    first = data["items"][0]
    assert {"person", "urgency", "date", "rewarm", "tasks"} <= set(first)
    assert {"company", "chain", "chain_score", "step", "of", "state", "urgency", "asked",
            "follow_up", "ask", "leads_to", "action", "request", "command"} <= \
        set(first["tasks"][0])
    # The example book's one ask (Mira, 2026-11-02) is overdue; the rest is to start.
    assert first["person"]["id"] == "mira-schulz" and first["urgency"] == "overdue"
    assert {i["urgency"] for i in data["items"][1:]} <= {"start", "rewarm"}
    text = invoke("next", *TODAY, "--book", example_book).stdout
    assert text.startswith("Overdue: follow up now\nMira Schulz  2026-11-09 (Mon)")


def test_next_without_targets_says_what_to_do(invoke, tmp_path):
    book = tmp_path / "contacts.yaml"
    book.write_text("netreach: 1\nme: {name: Sam}\n", encoding="utf-8")
    res = invoke("next", "--book", book)
    assert res.code == 2
    assert "me.seeking.companies" in res.stderr and "--company" in res.stderr


@pytest.mark.parametrize("command", ["plan", "next", "status", "ask", "outcome"])
def test_help_has_an_example(invoke, command):
    res = invoke(command, "--help")
    assert res.code == 0
    assert f"netreach {command}" in res.stdout.split("Example")[1]


def test_plan_and_next_follow_netreach_today(invoke, example_book, monkeypatch):
    b = invoke("next", "--json", *TODAY, "--book", example_book)
    monkeypatch.setenv("NETREACH_TODAY", "2026-11-22")
    a = invoke("next", "--json", "--book", example_book)
    assert a.code == b.code == 0 and a.stdout == b.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_plan_byline_says_nothing_about_me_the_book_does_not(invoke, tmp_path, fmt):
    """A book with no headline and no roles: the byline ends at the date, no dangling
    space or separator."""
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme: {name: Alex Kim}\ncompanies:\n  acme: {name: Acme}\n"
                    "people:\n  ana: {name: Ana, company: acme, closeness: 4}\n")
    res = invoke("plan", "acme", "--format", fmt, *TODAY, "--book", path)
    assert res.code == 0, res.stderr
    byline = next(line for line in res.stdout.splitlines() if "made" in line)
    assert byline.rstrip(" *_").endswith(")."), byline
    assert byline == byline.rstrip(), byline
