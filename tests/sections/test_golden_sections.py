"""Golden diffs for the commands that keep companies, communities, targets and ``me``:
each changes only its own lines of the hand-written book, and the same command twice
changes nothing (or is refused, changing nothing)."""

from __future__ import annotations

import pytest

from tests.golden import check_edit

# (command, expected diff, exit code of the second, identical run)
CASES = {
    "company-add": (
        ["company", "add", "Initech", "--alias", "Initech AG", "--outlook", "growing",
         "--industry", "software"],
        ["@@ -19,0 +20,5 @@",
         "+  initech:",
         "+    name: Initech",
         "+    aliases: [Initech AG]",
         "+    outlook: growing",
         "+    industry: software"],
        1,  # the second time: in the book already
    ),
    "company-rm-force-moves-people-to-free-text": (
        ["company", "rm", "globex", "--force"],
        ["@@ -19 +18,0 @@",
         "-  globex: {name: Globex, outlook: frozen}",
         "@@ -53 +52 @@",
         "-    company: Globex Corp   # free text, not a listed company",
         "+    company: Globex        # free text, not a listed company",
         "@@ -70 +69 @@",
         '-  farah-ali: {name: Farah Ali, company: globex, title: "Recruiter"}',
         '+  farah-ali: {name: Farah Ali, company: Globex, title: "Recruiter"}'],
        1,  # now an implicit company: no entry to remove
    ),
    "community-add": (
        ["community", "add", "Berlin Climbers", "--kind", "club", "--not-joinable"],
        ["@@ -25,0 +26,4 @@",
         "+  berlin-climbers:",
         "+    name: Berlin Climbers",
         "+    kind: club",
         "+    joinable: false"],
        1,
    ),
    "community-rm": (
        ["community", "rm", "runners"],
        ["@@ -23,3 +22,0 @@",
         "-  runners:",
         "-    name: Tempelhof Runners",
         "-    kind: club"],
        1,
    ),
    "join": (
        ["join", "Tempelhof Runners"],
        ["@@ -12 +12 @@",
         "-  communities: [pydata]",
         "+  communities: [pydata, runners]"],
        0,
    ),
    "leave": (
        ["leave", "pydata"],
        ["@@ -12 +12 @@",
         "-  communities: [pydata]",
         "+  communities: []"],
        0,
    ),
    "target-add": (
        ["target", "add", "Globex Corp."],
        ["@@ -10 +10 @@",
         "-  seeking: {roles: [platform engineer], companies: [acme]}",
         "+  seeking: {roles: [platform engineer], companies: [acme, globex]}"],
        0,
    ),
    "target-rm": (
        ["target", "rm", "ACME Robotics GmbH"],
        ["@@ -10 +10 @@",
         "-  seeking: {roles: [platform engineer], companies: [acme]}",
         "+  seeking: {roles: [platform engineer], companies: []}"],
        0,
    ),
    "me": (
        ["me", "--headline", "Platform engineer", "--skill", "python", "--skill", "go",
         "--role", "data engineer"],
        ["@@ -9,3 +9,3 @@",
         '-  headline: "Data engineer: platform next"   # double-quoted on purpose',
         "-  seeking: {roles: [platform engineer], companies: [acme]}",
         "-  skills: [python, sql]",
         '+  headline: "Platform engineer"              # double-quoted on purpose',
         "+  seeking: {roles: [platform engineer, data engineer], companies: [acme]}",
         "+  skills: [python, sql, go]"],
        0,
    ),
    "edit-me-name": (
        ["edit", "me", "--name", "Alex R. Rivera"],
        ["@@ -8 +8 @@",
         "-  name: Alex Rivera",
         "+  name: Alex R. Rivera"],
        0,
    ),
    "add-with-a-new-community-is-refused-off-a-terminal": (
        ["add", "Lena Vogt", "--community", "berlin-climbers"],
        None,  # exit 1, nothing written
        1,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_changes_only_its_own_lines(invoke, commented, name):
    args, expected, second_code = CASES[name]
    if expected is None:
        before = commented.read_text()
        assert invoke(*args, "--book", commented).code == 1
        assert commented.read_text() == before
        return
    check_edit(invoke, commented, args, expected, second_code)
