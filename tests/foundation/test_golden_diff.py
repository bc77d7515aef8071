"""Golden diffs: each editing command changes only its own lines of a hand-written,
commented book (fixtures/commented.yaml), and the same edit twice changes nothing."""

from __future__ import annotations

import pytest

from netreach.book import loading
from tests.golden import check_edit
from tests.golden import edit_diff as diff

from .conftest import COMMENTED

# (command, expected diff, exit code of the second, identical run)
CASES = {
    "add": (
        ["add", "Gus Grant", "--company", "acme robotics", "--title", "CTO: robots",
         "--community", "runners", "--knows", "eli-park=4", "--notes", "NO, on",
         "--closeness", "3", "--last-contact", "2026-10-01"],
        ["@@ -70,0 +71,9 @@",
         "+  gus-grant:",
         "+    name: Gus Grant",
         "+    company: acme",
         "+    title: 'CTO: robots'",
         "+    communities: [runners]",
         "+    closeness: 3",
         "+    last_contact: 2026-10-01",
         "+    knows: {eli-park: 4}",
         "+    notes: 'NO, on'"],
        1,  # refused the second time: a near-duplicate of gus-grant
    ),
    "link-new-tie-in-block-map": (
        ["link", "dana-kim", "ben-ortiz", "--strength", "2"],
        ["@@ -44,0 +45 @@",
         "+      ben-ortiz: 2"],
        0,
    ),
    "link-new-tie-in-flow-map": (
        ["link", "eli-park", "ben-ortiz", "--strength", "5", "--credibility", "1"],
        ["@@ -69 +69 @@",
         "-    knows: {farah-ali: 4}",
         "+    knows: {farah-ali: 4, ben-ortiz: {strength: 5, credibility: 1}}"],
        0,
    ),
    "link-first-tie-of-a-person": (
        ["link", "ben-ortiz", "farah-ali"],
        ["@@ -54,0 +55,2 @@",
         "+    knows:",
         "+      farah-ali: 3"],
        0,
    ),
    "link-existing-tie-keeps-its-comment": (
        ["link", "dana-kim", "farah-ali", "--strength", "4"],
        ["@@ -44 +44 @@",
         "-      farah-ali: 2     # met once",
         "+      farah-ali: 4     # met once"],
        0,
    ),
    "link-tie-declared-under-the-other-person": (
        # eli-park -- dana-kim is written under dana-kim: changed there, not duplicated.
        ["link", "eli-park", "dana-kim", "--strength", "4"],
        ["@@ -43 +43 @@",
         "-      eli-park: {strength: 3, credibility: 5}",
         "+      eli-park: {strength: 4, credibility: 5}"],
        0,
    ),
    "link-credibility-in-the-other-direction": (
        # How much dana trusts farah's word is said under farah (a flow entry).
        ["link", "farah-ali", "dana-kim", "--credibility", "5"],
        ["@@ -70 +70 @@",
         '-  farah-ali: {name: Farah Ali, company: globex, title: "Recruiter"}',
         '+  farah-ali: {name: Farah Ali, company: globex, title: "Recruiter", knows: '
         '{dana-kim: {strength: 2, credibility: 5}}}'],
        0,
    ),
    "edit-set-keeps-quotes-and-comment": (
        ["edit", "dana-kim", "--title", "Director", "--closeness", "5"],
        ["@@ -33 +33 @@",
         "-    title: 'Engineering Manager'",
         "+    title: 'Director'",
         "@@ -37 +37 @@",
         "-    closeness: 4       # we worked together",
         "+    closeness: 5       # we worked together"],
        0,
    ),
    "edit-new-field-in-place": (
        ["edit", "ben-ortiz", "--title", "0123"],
        ["@@ -53,0 +54 @@",
         "+    title: '0123'"],
        0,
    ),
    "edit-flow-entry": (
        ["edit", "farah-ali", "--title", "Head of Talent", "--hiring"],
        ["@@ -70 +70 @@",
         '-  farah-ali: {name: Farah Ali, company: globex, title: "Recruiter"}',
         '+  farah-ali: {name: Farah Ali, company: globex, title: "Head of Talent", '
         "hiring: true}"],
        0,
    ),
    "edit-unset-block-scalar": (
        ["edit", "dana-kim", "--unset", "notes"],
        ["@@ -45,3 +44,0 @@",
         "-    notes: |",
         "-      Met at PyData 2024.",
         "-      Likes: NO meetings before 10, on Fridays."],
        0,
    ),
    "edit-unset-last-field-keeps-the-heading-after-it": (
        ["edit", "ben-ortiz", "--unset", "extra"],
        ["@@ -58,3 +57,0 @@",
         "-    extra:",
         "-      postcode: 01067      # stays text",
         "-      shoe: NO"],
        0,
    ),
    "edit-block-list": (
        ["edit", "dana-kim", "--add-community", "runners"],
        ["@@ -36,0 +37 @@",
         "+      - runners"],
        0,
    ),
    "edit-company": (
        ["edit", "acme", "--outlook", "stable", "--alias", "Acme Inc"],
        ["@@ -17,2 +17,2 @@",
         "-    aliases: [Acme, ACME Robotics GmbH]",
         "-    outlook: growing   # hiring all year",
         "+    aliases: [Acme, ACME Robotics GmbH, Acme Inc]",
         "+    outlook: stable    # hiring all year"],
        0,
    ),
    "edit-community": (
        ["edit", "runners", "--not-joinable"],
        ["@@ -25,0 +26 @@",
         "+    joinable: false"],
        0,
    ),
    "log": (
        ["log", "dana-kim", "Lunch: NO news", "--date", "2026-10-01"],
        ["@@ -40 +40 @@",
         "-    last_contact: 2026-09-14",
         "+    last_contact: 2026-10-01",
         "@@ -49,0 +50 @@",
         "+      - {date: 2026-10-01, note: 'Lunch: NO news'}"],
        0,
    ),
    "log-first-entry": (
        ["log", "ben-ortiz", "first", "--date", "2026-10-02"],
        ["@@ -54,0 +55 @@",
         "+    last_contact: 2026-10-02",
         "@@ -57,0 +59,2 @@",
         "+    log:",
         "+      - {date: 2026-10-02, note: first}"],
        0,
    ),
    "log-older-date-keeps-last-contact": (
        ["log", "dana-kim", "Old coffee", "--date", "2026-01-01"],
        ["@@ -49,0 +50 @@",
         "+      - {date: 2026-01-01, note: Old coffee}"],
        0,
    ),
    "rm-removes-ties-pointing-at-the-person": (
        ["rm", "eli-park", "--yes"],
        ["@@ -43 +42,0 @@",
         "-      eli-park: {strength: 3, credibility: 5}",
         "@@ -64,6 +62,0 @@",
         "-  eli-park:",
         "-    name: Eli Park",
         "-    company: ACME          # matched to acme by its alias, ignoring case",
         "-    title: VP Engineering",
         "-    hiring: true",
         "-    knows: {farah-ali: 4}"],
        1,  # no person eli-park the second time
    ),
    "rm-last-tie-removes-knows": (
        ["rm", "farah-ali", "--yes"],
        ["@@ -44 +43,0 @@",
         "-      farah-ali: 2     # met once",
         "@@ -69,2 +67,0 @@",
         "-    knows: {farah-ali: 4}",
         '-  farah-ali: {name: Farah Ali, company: globex, title: "Recruiter"}'],
        1,
    ),
    "rm-keeps-the-heading-before-the-next-entry": (
        ["rm", "ben-ortiz", "--yes"],
        ["@@ -51,10 +50,0 @@",
         "-  ben-ortiz:",
         "-    name: Ben Ortiz",
         "-    company: Globex Corp   # free text, not a listed company",
         "-    closeness: 2",
         "-    notes: >-",
         "-      Neighbour; folded",
         "-      block scalar.",
         "-    extra:",
         "-      postcode: 01067      # stays text",
         "-      shoe: NO"],
        1,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_edit_changes_only_its_own_lines(invoke, commented, name):
    args, expected, second_code = CASES[name]
    check_edit(invoke, commented, args, expected, second_code)


def test_untouched_book_round_trips_byte_for_byte():
    from netreach.book.bookmap import BookMap
    from netreach.book.splice import TextEdit
    from netreach.book.yamlread import parse

    text = COMMENTED.read_text()
    where = BookMap()
    parse(text.encode(), "b", where)
    edit = TextEdit(text, where)
    for pid in where.entries["people"]:
        assert edit.get("people", pid, "name")  # every entry read, none changed
    assert edit.dump() == text


def test_edits_compose_without_disturbing_each_other(invoke, commented):
    """The cases one after another: every line they do not touch survives."""
    original = commented.read_text()
    for args in (["link", "dana-kim", "ben-ortiz"], ["edit", "ben-ortiz", "--unset", "extra"],
                 ["log", "ben-ortiz", "hello", "--date", "2026-10-02"],
                 ["rm", "eli-park", "--yes"], ["add", "Gus Grant", "--company", "Globex"]):
        assert invoke(*args, "--book", commented).code == 0
    final = commented.read_text()
    removed = {line[1:] for line in diff(original, final) if line.startswith("-")}
    assert all(line.lstrip().startswith("#") is False or line.split("#")[0].strip()
               for line in removed), "a comment line was lost"
    for heading in ("# --- direct contacts", "# --- friends of friends",
                    "# --- the end of the book", "# Eli trusts Dana's word"):
        assert heading in final


UNTOUCHED = """\
netreach: 1
me: {name: A}
people:
  a:
    name: A
    phone: +4930123456
    hiring: True
    title: null
    url: ~
    extra: {met: 2001-12-14t21:59:43.10-05:00, n: -1_0, x: .NaN, y: 0x_1F, z: +.5, w: 1.10}
  b: {name: B, phone: 030 1234, closeness: 03}
"""


def test_untouched_values_stay_exactly_as_written(invoke, write_book):
    """ruamel's own typing would write +4930123456 back as 4930123456, True as true,
    null and ~ as nothing: data loss in lines nobody edited."""
    path = write_book(UNTOUCHED)
    assert invoke("add", "Zed", "--closeness", "3", "--book", path).code == 0
    assert invoke("link", "zed", "b", "--strength", "2", "--book", path).code == 0
    assert invoke("edit", "b", "--title", "CTO", "--book", path).code == 0
    after = path.read_text()
    assert diff(UNTOUCHED, after) == [
        "@@ -11 +11,6 @@",
        "-  b: {name: B, phone: 030 1234, closeness: 03}",
        "+  b: {name: B, title: CTO, phone: 030 1234, closeness: 03}",
        "+  zed:",
        "+    name: Zed",
        "+    closeness: 3",
        "+    knows:",
        "+      b: 2",
    ]
    net = loading.load(after.encode(), "book.yaml")
    assert net.people["a"].phone == "+4930123456"


def test_windows_line_ends_are_kept(invoke, write_book):
    text = "netreach: 1\r\nme:\r\n  name: A\r\npeople:\r\n  a:\r\n    name: A   # c\r\n"
    path = write_book(text)
    assert invoke("edit", "a", "--title", "T", "--book", path).code == 0
    assert path.read_bytes() == (text + "    title: T\r\n").encode()


def test_a_missing_final_line_end_stays_missing(invoke, write_book):
    path = write_book("netreach: 1\nme: {name: A}\npeople:\n  a: {name: A}")
    assert invoke("edit", "a", "--title", "T", "--book", path).code == 0
    assert path.read_text() == "netreach: 1\nme: {name: A}\npeople:\n  a: {name: A, title: T}"


@pytest.mark.parametrize("value, written", [
    ("NO", "'NO'"), ("on", "'on'"), ("0123", "'0123'"), ("1:20", "'1:20'"), ("null", "'null'"),
    ("~", "'~'"), ("0o17", "'0o17'"), ("3", "'3'"), ("true", "'true'"),
    ("a: b", "'a: b'"), ("x # y", "'x # y'"), ("two\nlines", '"two\\nlines"'),
    ("plain text", "plain text"), ("Zoë", "Zoë"),
])
def test_text_written_so_every_yaml_tool_reads_text(invoke, write_book, value, written):
    """Values an edit writes are quoted when YAML 1.1 or 1.2 tools would read them
    as something else, so the file means the same outside netreach too."""
    path = write_book(MINIMAL_BOOK)
    assert invoke("edit", "dana-kim", "--notes", value, "--book", path).code == 0
    assert f"    notes: {written}\n" in path.read_text()
    assert loading.load(path.read_bytes(), "b").people["dana-kim"].notes == value


MINIMAL_BOOK = "netreach: 1\nme:\n  name: A\npeople:\n  dana-kim:\n    name: Dana Kim\n"


@pytest.mark.parametrize("head, tail", [
    ("---\n", ""),
    ("# my contacts\n\n--- # start\n", ""),
    ("%YAML 1.1\n---\n", ""),
    ("", "...\n"),
    ("---\n", "...\n# kept after the end marker\n"),
])
def test_document_markers_and_the_comments_around_them_are_kept(invoke, write_book, head,
                                                                 tail):
    body = "netreach: 1\nme: {name: A}\npeople:\n  a: {name: A}\n"
    path = write_book(head + body + tail)
    assert invoke("edit", "a", "--title", "T", "--book", path).code == 0
    edited = body.replace("  a: {name: A}\n", "  a: {name: A, title: T}\n")
    assert path.read_text() == head + edited + tail


def test_a_tab_before_a_comment_is_edited_around(run, write_book):
    """libyaml reads a tab before a comment (ruamel refused to rewrite such a book):
    the edit goes in, the line with the tab stays as it was."""
    text = "netreach: 1\nme: {name: A}\npeople:\n  a:\n    name: A\t# tab\n"
    path = write_book(text)
    assert run("validate", "--book", path).code == 0
    res = run("edit", "a", "--title", "T", "--book", path)
    assert res.code == 0, res.stderr
    assert path.read_text() == text + "    title: T\n"
