"""`netreach ask` and `netreach outcome`, the book format they write, and `plan -o` formats."""

from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path

import pytest

from netreach.book.model import Outcome
from netreach.cached.bookfile import open_book
from netreach.cached.packed_network import PackedNetwork

TODAY = ("--today", "2026-11-22")


def log_of(book: Path, pid: str) -> list:
    return list(open_book(book).network.people[pid].log)


def test_ask_appends_a_structured_entry_and_updates_last_contact(invoke, book):
    before = book.read_text(encoding="utf-8")
    res = invoke("ask", "sanne-de-vries", "--for", "nordlicht", "--to", "pieter-jansen",
                 "--date", "2026-11-20", "Asked over lunch", *TODAY, "--book", book)
    assert res.code == 0, res.stderr
    assert "follow up by 2026-11-27" in res.stderr
    after = book.read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert sorted(diff) == sorted([
        "+    log:",
        "+      - {date: 2026-11-20, outcome: asked, for: nordlicht, to: pieter-jansen, "
        "note: Asked over lunch}",
        "-    last_contact: 2026-11-10", "+    last_contact: 2026-11-20"])
    last = log_of(book, "sanne-de-vries")[-1]
    assert (last.outcome, last.for_, last.to, last.note) == (
        Outcome.ASKED, "nordlicht", "pieter-jansen", "Asked over lunch")
    # The same command again writes nothing.
    again = invoke("ask", "sanne-de-vries", "--for", "nordlicht", "--to", "pieter-jansen",
                   "--date", "2026-11-20", "Asked over lunch", *TODAY, "--book", book)
    assert again.code == 0 and "nothing changed" in again.stderr
    assert book.read_text(encoding="utf-8") == after


def test_ids_resolve_by_name_and_near_misses_say_did_you_mean(invoke, book):
    res = invoke("outcome", "Sanne de Vries", "introduced", "--for", "Nordlicht Energy",
                 "--to", "Pieter Jansen", *TODAY, "--book", book)
    assert res.code == 0, res.stderr
    last = log_of(book, "sanne-de-vries")[-1]
    assert (last.outcome, last.for_, last.to) == (Outcome.INTRODUCED, "nordlicht",
                                                  "pieter-jansen")
    before = book.read_bytes()
    for args, wanted in ((("sane-de-vries", "met", "--for", "nordlicht"), "sanne-de-vries"),
                         (("sanne-de-vries", "met", "--for", "nordlict"), "nordlicht"),
                         (("sanne-de-vries", "met", "--for", "nordlicht", "--to", "pieter"),
                          "pieter-jansen")):
        res = invoke("outcome", *args, *TODAY, "--book", book)
        assert res.code == 1, res.stderr
        assert "did you mean" in res.stderr and wanted in res.stderr
    assert book.read_bytes() == before


@pytest.mark.parametrize("args", [
    ("outcome", "mira-schulz", "intro", "--for", "nordlicht"),
    ("ask", "mira-schulz", "--for", "nordlicht", "--date", "2026-11-23"),
    ("outcome", "mira-schulz", "met", "--for", "nordlicht", "--date", "2026-12-01"),
    ("ask", "mira-schulz", "--for", "nordlicht", "--date", "23.11.2026"),
    ("ask", "mira-schulz"),  # --for is required
])
def test_unknown_outcomes_and_future_dates_are_usage_errors(invoke, book, args):
    before = book.read_bytes()
    res = invoke(*args, *TODAY, "--book", book)
    assert res.code == 2
    assert book.read_bytes() == before
    if "intro" in args:
        assert all(o.value in res.stderr for o in Outcome)


@pytest.mark.parametrize(("entry", "field"), [
    ("{date: 2026-11-01, outcome: asked, for: nowhere-inc}", "log.0.for"),
    ("{date: 2026-11-01, outcome: asked, for: acme, to: nobody}", "log.0.to"),
    ("{date: 2026-11-01, outcome: maybe, for: acme}", "log.0.outcome"),
    ("{date: 2026-11-01, outcome: asked}", "log.0"),
    ("{date: 2026-11-01}", "log.0"),
])
def test_bad_structured_entries_are_validation_errors_naming_the_entry(invoke, tmp_path,
                                                                       entry, field):
    path = tmp_path / "contacts.yaml"
    path.write_text(textwrap.dedent(f"""\
        netreach: 1
        me: {{name: Sam}}
        companies: {{acme: {{name: Acme}}}}
        people:
          ana:
            name: Ana
            log:
              - {entry}
        """), encoding="utf-8")
    res = invoke("validate", "--book", path)
    assert res.code == 65
    assert f"people.ana.{field}" in res.stderr and ":8:" in res.stderr


def test_old_books_and_free_text_notes_stay_valid(invoke, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme: {name: Sam}\npeople:\n  ana:\n    name: Ana\n"
                    "    log:\n      - {date: 2026-11-01, note: Coffee}\n", encoding="utf-8")
    assert invoke("validate", "--book", path).code == 0
    assert invoke("ask", "ana", "--for", "Acme", *TODAY, "--book", path).code == 1  # no Acme


def test_the_cache_round_trips_structured_entries(book, tmp_path, monkeypatch):
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NETREACH_NO_CACHE", "1")  # first a fresh load, then the cached one
    fresh = open_book(book).network
    monkeypatch.delenv("NETREACH_NO_CACHE")
    open_book(book)
    cached = open_book(book).network
    assert isinstance(cached, PackedNetwork)
    structured = [(pid, e) for pid, p in fresh.people.items() for e in p.log if e.outcome]
    assert structured  # the example book teaches the format with some
    for pid, e in structured:
        got = cached.people[pid].log[fresh.people[pid].log.index(e)]
        assert got == e and got.__pydantic_fields_set__ == e.__pydantic_fields_set__
        assert isinstance(got.outcome, Outcome)


# --- plan -o: the format follows the file name -----------------------------------------

@pytest.mark.parametrize(("name", "start"), [
    ("plan.txt", "Outreach plan: Nordlicht"), ("plan.md", "# Outreach plan: Nordlicht"),
    ("plan.html", "<!doctype html>"), ("plan.json", "{"),
])
def test_the_extension_picks_the_format(invoke, book, tmp_path, name, start):
    out = tmp_path / name
    res = invoke("plan", "nordlicht", "-o", out, *TODAY, "--book", book)
    assert res.code == 0, res.stderr
    assert out.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(("args", "hint"), [
    (("-o", "plan.xyz"), "--format"),
    (("-o", "plan"), ".html"),
    (("-o", "plan.html", "--format", "markdown"), ".md"),
    (("-o", "plan.html", "--json"), ".json"),
    (("--format", "html", "--json"), "give one"),
    (("-o", "plan.pdf", "--format", "html"), "drop the option"),
])
def test_unknown_extensions_and_conflicts_are_usage_errors(invoke, book, tmp_path, args, hint):
    args = tuple(str(tmp_path / a) if a.startswith("plan") else a for a in args)
    res = invoke("plan", "nordlicht", *args, *TODAY, "--book", book)
    assert res.code == 2, res.stderr
    assert hint in res.stderr
    assert not list(tmp_path.glob("plan*"))


def test_dash_is_stdout(invoke, book):
    res = invoke("plan", "nordlicht", "-o", "-", "--format", "json", *TODAY, "--book", book)
    assert res.code == 0 and json.loads(res.stdout)["company"]["id"] == "nordlicht"


def test_pdf_is_a_pdf_or_the_error_names_the_html_route(invoke, book, tmp_path, monkeypatch):
    from netreach.render import plan_pdf

    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(plan_pdf, "BROWSERS", ("no-such-browser-xyz",))
    res = invoke("plan", "nordlicht", "-o", out, *TODAY, "--book", book)
    assert res.code == 1 and "-o plan.html" in res.stderr and not out.exists()
    monkeypatch.undo()
    if plan_pdf.browser() is None:  # the HTML route is all there is: checked above
        return
    res = invoke("plan", "nordlicht", "-o", out, *TODAY, "--book", book)
    assert res.code == 0, res.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_show_and_export_spell_the_company_for(invoke, example_book, tmp_path):
    data = json.loads(invoke("show", "mira-schulz", "--json", "--book", example_book).stdout)
    asked = [e for e in data["log"] if e.get("outcome") == "asked"]
    assert asked == [{"date": "2026-11-02", "outcome": "asked", "for": "nordlicht",
                      "to": "tobias-lang"}]
    out = tmp_path / "book.json"
    assert invoke("export", "json", out, "--book", example_book).code == 0
    text = out.read_text(encoding="utf-8")
    assert '"for": "nordlicht"' in text and '"for_"' not in text


@pytest.mark.parametrize("note", ["NO", "~", ": x", "? x", "0123", "a\u2028b",
                                  "[bold red]x[/] \x1b[31m\u202e <script>"])
def test_any_note_reads_back_exactly_and_prints_inert(invoke, book, note):
    res = invoke("outcome", "mira-schulz", "met", "--for", "nordlicht", note, *TODAY,
                 "--book", book)
    assert res.code == 0, res.stderr
    assert log_of(book, "mira-schulz")[-1].note == note
    status = invoke("status", "nordlicht", *TODAY, "--book", book)
    assert status.code == 0 and "\x1b" not in status.stdout and "\u202e" not in status.stdout


def test_when_every_chain_is_dropped_the_plan_says_why(invoke, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(textwrap.dedent("""\
        netreach: 1
        me: {name: Sam}
        companies: {acme: {name: Acme, outlook: growing}}
        people:
          ana:
            name: Ana
            closeness: 4
            knows: {ben: 4}
            log:
              - {date: 2026-11-20, outcome: no-reply, for: acme, to: ben}
          ben: {name: Ben, company: acme, hiring: true}
        """), encoding="utf-8")
    data = json.loads(invoke("plan", "acme", "--json", *TODAY, "--book", path).stdout)
    assert data["chains"] == []
    assert [c["dropped"]["outcome"] for c in data["dropped"]] == ["no-reply"]
    assert "declined or did not reply" in data["hints"][0]
