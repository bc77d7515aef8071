"""Edges of the calendar and of lines (issue 18): ``--today`` at the calendar's ends is
a usage error, not an OverflowError; dates in the book that close to the ends plan
fine; error lines count only \\n, \\r\\n and \\r; a tab that YAML allows is read."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from netreach.book.loading import load
from netreach.book.model import LogEntry
from netreach.errors import BookInvalid
from netreach.outreach import plan_rules, tracking
from tests.adversarial.conftest import TODAY, Cmd, cli, copy_example, need
from tests.adversarial.hostile import EXAMPLE_BYTES

DATED = {
    "plan": ("plan", "nordlicht"),
    "plan-md": ("plan", "nordlicht", "--format", "markdown"),
    "next": ("next",),
    "paths": ("paths", "nordlicht"),
    "companies": ("companies",),
    "reach": ("reach",),
    "suggest": ("suggest",),
    "export-graphml": ("export", "graphml", "-"),
}


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("which", list(DATED))
def test_today_at_the_ends_of_the_calendar_is_a_usage_error(which: str, day: str,
                                                            tmp_path: Path):
    args = DATED[which]
    need(Cmd(which, args[:1]))
    book = copy_example(tmp_path)
    res = cli(*args, "--today", day, "--book", book)  # an exception would fail the test
    assert res.code == 2, res.stderr
    assert "--today" in res.stderr and res.stdout == ""
    env = cli(*args, "--book", book, env={"NETREACH_TODAY": day})
    assert env.code == 2


@pytest.mark.parametrize("day", ["9998-12-31", "0002-01-01"])
@pytest.mark.parametrize("which", ["plan", "plan-md", "next"])
def test_the_last_and_first_days_allowed_plan_fine(which: str, day: str, tmp_path: Path):
    res = cli(*DATED[which], "--today", day, "--book", copy_example(tmp_path))
    assert res.code == 0, res.stderr


def test_book_dates_at_the_ends_of_the_calendar_plan_fine(tmp_path: Path):
    """Dates the book may hold, next to the calendar's ends: no overflow anywhere."""
    text = EXAMPLE_BYTES.decode("utf-8")
    text = text.replace("last_contact: 2026-10-30", "last_contact: 9999-12-31", 1)
    text = re.sub(r"\{date: 2026-\d\d-\d\d, ", "{date: 0001-01-01, ", text, count=3)
    text = re.sub(r"\{date: 2026-\d\d-\d\d, ", "{date: 9998-12-30, ", text, count=3)
    book = tmp_path / "contacts.yaml"
    book.write_text(text, encoding="utf-8")
    for day in ("9998-12-31", "0002-01-01", TODAY):
        for which in ("plan", "next", "paths"):
            res = cli(*DATED[which], "--today", day, "--book", book)
            assert res.code == 0, (which, day, res.stderr)


def test_date_arithmetic_clamps_at_the_ends():
    last = dt.date.max
    assert plan_rules.add_business_days(last - dt.timedelta(days=3), 10) == last
    first = LogEntry(date=dt.date.min, note="x")
    assert tracking.in_window(first, dt.date(1, 1, 5))


# --- line numbers --------------------------------------------------------------------------

def _line_of(err: BookInvalid, message: str) -> int | None:
    (problem,) = [p for p in err.problems if message in p.message]
    return problem.line


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_lines_count_only_real_line_breaks(odd: str, eol: str):
    """U+2028, U+2029 and NEL in a note are text, not line breaks (YAML 1.2, editors)."""
    lines = ["netreach: 1", "me:", f'  name: "Al{odd}ex{odd}{odd}R"', f'  headline: "a{odd}b"',
             "  nickname: 1", "me: again"]
    with pytest.raises(BookInvalid) as dup:
        load(eol.join(lines).encode("utf-8") + eol.encode(), "b.yaml")
    assert _line_of(dup.value, "duplicate key") == 6
    with pytest.raises(BookInvalid) as unknown:  # located after validation (another path)
        load(eol.join(lines[:5]).encode("utf-8") + eol.encode(), "b.yaml")
    assert _line_of(unknown.value, "unknown field") == 5
    with pytest.raises(BookInvalid) as broken:  # not UTF-8, after the odd characters
        load(eol.join(lines[:4]).encode("utf-8") + eol.encode() + b"  x: \xff\n", "b.yaml")
    (problem,) = broken.value.problems
    assert (problem.line, problem.column) == (5, 6)
    with pytest.raises(BookInvalid) as bad:  # invalid YAML, from the parser
        load(eol.join([*lines[:4], "  x: [1,"]).encode("utf-8"), "b.yaml")
    assert bad.value.problems[0].line in (5, 6)  # at the cut or at the end of the file


# --- tabs in block scalars -----------------------------------------------------------------

TABBED = "    notes: |\n      \tTabbed first line\n      second line\n"


def test_a_tab_starting_a_block_scalar_line_is_read_as_yaml_allows(tmp_path: Path):
    """YAML allows a tab inside a block scalar's content, also on its first line;
    libyaml alone refuses that, so the book would be refused although valid."""
    text = EXAMPLE_BYTES.decode("utf-8")
    text = text.replace("    notes: Former teammate at Brightcart, left for Spreewald in 2025.\n",
                        "")
    text = text.replace("  mira-schulz:\n    name: Mira Schulz\n",
                        "  mira-schulz:\n    name: Mira Schulz\n" + TABBED, 1)
    book = tmp_path / "contacts.yaml"
    book.write_text(text, encoding="utf-8")
    network = load(book.read_bytes(), str(book))
    assert network.people["mira-schulz"].notes == "\tTabbed first line\nsecond line\n"
    assert cli("validate", "--book", book).code == 0
    res = cli("edit", "mira-schulz", "--title", "Staff SRE", "--book", book)
    assert res.code == 0, res.stderr
    assert TABBED in book.read_text(encoding="utf-8")  # kept byte for byte
    assert cli("paths", "nordlicht", "--today", TODAY, "--book", book).code == 0


def test_a_tab_used_as_indentation_is_still_refused_with_its_line():
    with pytest.raises(BookInvalid) as err:
        load(b"netreach: 1\nme:\n\tname: Alex\n", "b.yaml")
    assert err.value.problems[0].line == 3
