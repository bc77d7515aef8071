"""Hostile files to import, and outputs aimed at the book: the book never loses anything.

SPEC §6: import never loses what the book already holds. Skipped until `import`
and `export` are on the branch.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from netreach.book.loading import load
from netreach.book.model import Person
from tests.adversarial.conftest import TODAY, Cmd, cli, copy_example, need, snapshot_dir
from tests.adversarial.hostile import EXAMPLE_BYTES, HOSTILE_TEXT

IMPORT = Cmd("import", ("import",), probe=("import", "linkedin"))
EXPORT = Cmd("export", ("export",))
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"

BAD_IMPORTS: dict[str, bytes] = {
    "empty": b"",
    "garbage": bytes(range(256)) * 20,
    "latin-1": (LINKEDIN_HEADER + "Jos\xe9,M\xfcller,,,Acme,CTO,15 Mar 2024\r\n").encode(
        "latin-1"),
    "utf-16": (LINKEDIN_HEADER + "Ann,Lee,,,Acme,CTO,15 Mar 2024\r\n").encode("utf-16"),
    "unclosed-quote": (LINKEDIN_HEADER + '"Ann,Lee,,,Acme,CTO,15 Mar 2024\r\n' * 3).encode(),
    "huge-field": (LINKEDIN_HEADER + "Ann,Lee,,," + "x" * 300_000 + ",CTO,\r\n").encode(),
    "vcard-nested-5000": b"BEGIN:VCARD\r\n" * 5000 + b"FN:x\r\n" + b"END:VCARD\r\n" * 5000,
    "vcard-unclosed": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n",
    "vcard-bad-line": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n:::\r\nEND:VCARD\r\n",
    "vcard-bad-base64": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n"
                        b"PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64\r\nEND:VCARD\r\n",
    "yaml-bomb-as-csv": b"a: &a [x,x]\nb: &b [*a,*a]\n",
}


@pytest.mark.parametrize("fmt", ["linkedin", "vcard", "google"])
@pytest.mark.parametrize("name", list(BAD_IMPORTS))
def test_a_bad_file_to_import_leaves_the_book_alone(fmt: str, name: str, book_dir: Path,
                                                    tmp_path: Path):
    need(IMPORT)
    book = copy_example(book_dir)
    source = tmp_path / f"input.{'vcf' if fmt == 'vcard' else 'csv'}"
    source.write_bytes(BAD_IMPORTS[name])
    before = snapshot_dir(book_dir)
    res = cli("import", fmt, source, "--book", book)
    assert "Traceback" not in res.stderr
    assert res.stdout == "" or res.code == 0
    if res.code != 0:
        assert res.code in (1, 65), res.stderr
        assert snapshot_dir(book_dir) == before
    else:  # read as something harmless: the old book is all still there
        assert_nothing_lost(book)


@pytest.mark.parametrize("source", ["directory", "/dev/null", "/dev/zero", "missing"])
def test_odd_paths_to_import(source: str, book_dir: Path, tmp_path: Path):
    need(IMPORT)
    book = copy_example(book_dir)
    path = {"directory": str(tmp_path), "missing": str(tmp_path / "nope.csv")}.get(source,
                                                                                   source)
    res = cli("import", "linkedin", path, "--book", book)
    assert res.code in (1, 65), res.stderr
    assert "Traceback" not in res.stderr
    assert book.read_bytes() == EXAMPLE_BYTES


def assert_nothing_lost(book: Path) -> None:
    """Every field the example book sets is still set to the same value; every tie stays."""
    old = load(EXAMPLE_BYTES, "example").people
    new = load(book.read_bytes(), str(book))
    for pid, person in old.items():
        assert pid in new.people, f"{pid} lost"
        after = new.people[pid]
        for field in person.model_dump(exclude_defaults=True):
            if field == "knows":
                for other, tie in person.knows.items():
                    assert other in after.knows and after.knows[other] == tie, (pid, other)
            elif field == "log":
                assert after.log[:len(person.log)] == person.log, pid
            else:
                assert getattr(after, field) == getattr(person, field), (pid, field)


def _linkedin(rows: list[list[str]]) -> str:
    out = io.StringIO()
    out.write("Notes:\r\n\"Exported for a test\"\r\n\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                     "Position", "Connected On"])
    writer.writerows(rows)
    return out.getvalue()


HOSTILE_ROWS = [
    [t, "Doe", "", "", "=cmd|' /C calc'!A0", t, "15 Mar 2024"] for t in HOSTILE_TEXT
] + [
    # Someone already in the book, with other values for fields the book sets.
    ["Mira", "Schulz", "https://www.linkedin.com/in/mira", "mira@example.com",
     "Evil Corp", "Intern", "1 Jan 2020"],
    ["Tobias", "Lang", "", "", "[bold]Nordlicht[/bold]", "\x1b[31mCEO", "2 Feb 2021"],
]


@pytest.mark.parametrize("via", [None, "mira-schulz"], ids=["direct", "via"])
def test_importing_hostile_rows_never_loses_or_rewrites_what_the_book_holds(
        via: str | None, book_dir: Path, tmp_path: Path, monkeypatch):
    need(IMPORT)
    book = copy_example(book_dir)
    source = tmp_path / "Connections.csv"
    source.write_text(_linkedin(HOSTILE_ROWS), encoding="utf-8", newline="")
    args = ["import", "linkedin", source, "--book", book] + (["--via", via] if via else [])
    res = cli(*args)
    assert res.code == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert_nothing_lost(book)
    again = book.read_bytes()
    assert cli(*args).code == 0
    assert book.read_bytes() == again  # importing the same file twice changes nothing
    monkeypatch.setenv("COLUMNS", "400")
    for command in (("list",), ("paths", "nordlicht", "--today", TODAY)):
        shown = cli(*command, "--book", book)
        assert shown.code == 0
        assert "\x1b" not in shown.stdout and "\u202e" not in shown.stdout


@pytest.mark.parametrize("args", [
    ("export", "json", "{book}"),
    ("export", "csv", "{book}"),
    ("export", "graphml", "{lock}"),
    ("plan", "nordlicht", "--format", "html", "-o", "{book}"),
    ("plan", "nordlicht", "--format", "markdown", "-o", "{link}"),
], ids=["json-over-book", "csv-over-book", "graphml-over-lock", "plan-over-book",
        "plan-over-link-to-book"])
def test_an_output_aimed_at_the_book_is_refused(args: tuple[str, ...], book_dir: Path):
    need(Cmd(args[0], args[:1]))
    book = copy_example(book_dir)
    link = book_dir / "alias.yaml"
    link.symlink_to(book)
    fill = {"book": str(book), "lock": f"{book}.lock", "link": str(link)}
    res = cli(*[a.format(**fill) for a in args], "--book", book)
    assert res.code != 0, res.stderr
    assert "Traceback" not in res.stderr
    assert book.read_bytes() == EXAMPLE_BYTES
    assert link.is_symlink()


def test_export_to_a_directory_or_a_missing_folder_is_a_clean_error(book_dir: Path,
                                                                    tmp_path: Path):
    need(EXPORT)
    book = copy_example(book_dir)
    for target in (tmp_path, tmp_path / "no" / "such" / "folder" / "out.csv"):
        res = cli("export", "csv", target, "--book", book)
        assert res.code != 0
        assert "Traceback" not in res.stderr
    assert book.read_bytes() == EXAMPLE_BYTES


def test_people_keep_their_types_through_an_import(book_dir: Path, tmp_path: Path):
    """Imported text that looks like YAML (NO, 0123, ~, 1:20) stays text in the book."""
    need(IMPORT)
    book = copy_example(book_dir)
    rows = [[first, "Tricky", "", "", company, title, "15 Mar 2024"] for first, company, title
            in [("NO", "0123", "~"), ("on", "1:20", "null"), ("Yes", "- x", "? y")]]
    source = tmp_path / "Connections.csv"
    source.write_text(_linkedin(rows), encoding="utf-8", newline="")
    assert cli("import", "linkedin", source, "--book", book).code == 0
    people = load(book.read_bytes(), str(book)).people
    imported = {p.name: p for p in people.values() if p.name.endswith("Tricky")}
    assert set(imported) == {"NO Tricky", "on Tricky", "Yes Tricky"}
    titles = {p.title for p in imported.values()}
    assert titles == {"~", "null", "? y"}
    assert all(isinstance(p, Person) for p in imported.values())
