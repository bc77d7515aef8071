"""The import and export commands: exit codes, stdout and stderr, files written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.io.conftest import fixture

SUMMARY = ("linkedin linkedin_connections.csv: 6 added, 2 updated, 0 unchanged, 2 to review, "
           "2 skipped")


def test_import_prints_a_summary_on_stderr(invoke, book: Path):
    res = invoke("import", "linkedin", fixture("linkedin_connections.csv"), "--book", book)
    assert res.code == 0, res.stderr
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert lines[0] == SUMMARY
    assert lines[1].startswith("  review line 9: Amara Ezeh looks like amara-eze (Amara Eze)")
    assert "  skipped line 12: Alex Rivera: this is you" in lines


def test_second_import_changes_nothing(invoke, book: Path):
    invoke("import", "linkedin", fixture("linkedin_connections.csv"), "--book", book)
    before = book.read_bytes()
    res = invoke("import", "linkedin", fixture("linkedin_connections.csv"), "--book", book)
    assert res.code == 0
    assert res.stderr.startswith("linkedin linkedin_connections.csv: 0 added, 0 updated, "
                                 "8 unchanged, 0 to review")
    assert "nothing to change; the book is as it was" in res.stderr
    assert book.read_bytes() == before


def test_dry_run_shows_changes_and_writes_nothing(invoke, book: Path):
    before = book.read_bytes()
    stamp = book.stat().st_mtime_ns
    res = invoke("import", "linkedin", fixture("linkedin_connections.csv"), "--dry-run",
                 "--book", book)
    assert res.code == 0, res.stderr
    assert book.read_bytes() == before and book.stat().st_mtime_ns == stamp
    assert "zoe-angstrom" in res.stdout and "update" in res.stdout
    assert "url: https://www.linkedin.com/in/mira-schulz-sre" in res.stdout
    assert "review" in res.stdout
    assert res.stderr.splitlines()[0] == SUMMARY
    assert "dry run: nothing was written" in res.stderr


def test_json_summary_for_scripts(invoke, book: Path):
    res = invoke("import", "linkedin", fixture("linkedin_old_layout.csv"), "--via",
                 "mira-schulz", "--json", "--book", book)
    assert res.code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["summary"] == {"added": 2, "updated": 0, "unchanged": 1, "to_review": 0,
                               "skipped": 0, "communities_created": 0, "ties_added": 2}
    assert data["via"] == "mira-schulz" and data["written"] is True
    assert data["added"][0] == {"id": "noor-haddad", "name": "Noor Haddad", "line": 3,
                                "fields": {"name": "Noor Haddad", "company": "datawerk",
                                           "title": "Consultant, Data",
                                           "email": "noor@example.org",
                                           "imported": "via-linkedin"},
                                "ties": ["mira-schulz"]}
    assert data["unchanged"] == [{"id": "lukas-meyer", "name": "Lukas Meyer", "line": 2}]


def test_json_dry_run(invoke, book: Path):
    before = book.read_bytes()
    res = invoke("import", "vcard", fixture("contacts_v4.vcf"), "--json", "--dry-run",
                 "--book", book)
    data = json.loads(res.stdout)
    assert data["dry_run"] is True and data["written"] is False
    assert data["added"][0]["fields"]["communities"] == ["pydata-berlin"]
    assert {"a": "ingrid-halvorsen", "b": "tariq-rahman", "strength": 3} in data["ties_added"]
    assert book.read_bytes() == before


@pytest.mark.parametrize(("fmt", "name", "where"), [
    ("linkedin", "not_linkedin.csv", "not_linkedin.csv:1: no LinkedIn header row"),
    ("linkedin", "bad_quotes.csv", "bad_quotes.csv:2: not readable as CSV"),
    ("linkedin", "latin1.csv", "latin1.csv:2:4: not UTF-8 text"),
    ("vcard", "broken.vcf", "broken.vcf:8: not a valid vCard"),
    ("google", "linkedin_connections.csv", "linkedin_connections.csv:1: not a Google Contacts"),
])
def test_bad_import_file_exits_65_naming_file_and_line(invoke, book: Path, fmt: str, name: str,
                                                      where: str):
    before = book.read_bytes()
    res = invoke("import", fmt, fixture(name), "--book", book)
    assert res.code == 65
    assert res.stdout == ""
    assert res.stderr.startswith(str(fixture(name)))
    assert where in res.stderr
    assert "the book is unchanged" in res.stderr
    assert "Traceback" not in res.stderr
    assert book.read_bytes() == before


def test_missing_import_file_exits_1(invoke, book: Path, tmp_path: Path):
    res = invoke("import", "vcard", tmp_path / "nope.vcf", "--book", book)
    assert res.code == 1
    assert "nope.vcf: no such file" in res.stderr


def test_unknown_via_exits_1(invoke, book: Path):
    before = book.read_bytes()
    res = invoke("import", "linkedin", fixture("linkedin_old_layout.csv"), "--via", "nobody",
                 "--book", book)
    assert res.code == 1 and "--via: no person 'nobody'" in res.stderr
    assert book.read_bytes() == before


def test_unknown_format_is_a_usage_error(invoke, book: Path):
    res = invoke("import", "outlook", fixture("linkedin_old_layout.csv"), "--book", book)
    assert res.code == 2


def test_invalid_book_is_not_imported_into(invoke, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("netreach: 1\nme: {name: X}\npeople:\n  a: {name: A, knows: {b: 3}}\n")
    res = invoke("import", "linkedin", fixture("linkedin_old_layout.csv"), "--book", bad)
    assert res.code == 65 and "unknown person 'b'" in res.stderr


@pytest.mark.parametrize(("fmt", "start"), [
    ("graphml", b"<?xml"), ("gexf", b"<?xml"), ("json", b"{"), ("vcard", b"BEGIN:VCARD"),
    ("csv", b"id,name,"),
])
def test_export_writes_a_private_file(invoke, book: Path, tmp_path: Path, fmt: str,
                                      start: bytes):
    out = tmp_path / f"out.{fmt}"
    res = invoke("export", fmt, out, "--book", book, "--today", "2026-11-22")
    assert res.code == 0, res.stderr
    assert res.stdout == ""
    assert res.stderr.strip() == f"wrote {out} ({fmt}, 50 people)"
    assert out.read_bytes().startswith(start)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".out.*.tmp"))


def test_export_keeps_the_mode_of_a_file_it_replaces(invoke, book: Path, tmp_path: Path):
    out = tmp_path / "people.csv"
    out.write_text("old")
    os.chmod(out, 0o644)
    assert invoke("export", "csv", out, "--book", book).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert out.read_text().startswith("id,name")


def test_export_to_stdout(invoke, book: Path):
    res = invoke("export", "json", "-", "--book", book)
    assert res.code == 0, res.stderr
    assert len(json.loads(res.stdout)["people"]) == 50
    assert res.stderr == ""


@pytest.mark.parametrize("target", ["same", "symlink", "lock"])
def test_export_refuses_to_overwrite_the_book(invoke, book: Path, target: str):
    before = book.read_bytes()
    if target == "same":
        out = book
    elif target == "symlink":
        out = book.parent / "link.yaml"
        out.symlink_to(book)
    else:
        out = Path(str(book) + ".lock")
    res = invoke("export", "csv", out, "--book", book)
    assert res.code == 1
    assert "is the contact book itself" in res.stderr
    assert book.read_bytes() == before


def test_export_to_a_missing_directory_fails_cleanly(invoke, book: Path, tmp_path: Path):
    res = invoke("export", "csv", tmp_path / "no" / "such" / "out.csv", "--book", book)
    assert res.code == 1 and "not written" in res.stderr


def test_export_to_a_directory_fails_cleanly(invoke, book: Path, tmp_path: Path):
    res = invoke("export", "csv", tmp_path, "--book", book)
    assert res.code == 1 and "is a directory" in res.stderr


@pytest.mark.parametrize("command", ["import", "export"])
def test_help_has_an_example(invoke, command: str):
    res = invoke(command, "--help")
    assert res.code == 0
    assert f"netreach {command} " in res.stdout and "Example" in res.stdout


def test_no_progress_bar_when_stderr_is_not_a_terminal(run, book: Path, tmp_path: Path):
    rows = "".join(f"First{i},Last{i},,,Company {i},Engineer,01 Jan 2024\n"
                   for i in range(600))
    path = tmp_path / "c.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    + rows)
    res = run("import", "linkedin", path, "--book", book)
    assert res.code == 0, res.stderr
    assert res.stderr.splitlines() == ["linkedin c.csv: 600 added, 0 updated, 0 unchanged, "
                                       "0 to review, 0 skipped",
                                       "next: 'netreach triage' to rate the new contacts "
                                       "(closeness, hiring)"]
