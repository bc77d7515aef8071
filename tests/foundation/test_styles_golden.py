"""Golden diffs on a book in every style YAML allows (fixtures/styles.yaml): 4-space
indent, flow lists over several lines with comments inside, ``>-``, ``|-``, ``>+`` and
a final ``|+`` block, explicit ``? key`` entries and fields, escapes, trailing spaces
and CRLF line ends among LF ones. Each editing command's diff holds only lines of the
entry it changes, and every other entry reads back exactly as before."""

from __future__ import annotations

import difflib

import pytest

from netreach.book import loading

from .conftest import FIXTURES

STYLES = FIXTURES / "styles.yaml"


def diff(before: bytes, after: bytes) -> list[str]:
    """The changed lines, line ends included (a CRLF that became LF shows)."""
    lines = difflib.unified_diff(before.decode().splitlines(keepends=True),
                                 after.decode().splitlines(keepends=True), n=0)
    return [line for line in lines if not line.startswith(("---", "+++"))]


CASES: dict[str, tuple[list[str], list[str]]] = {
    'add': (
        ['add', 'Gus Grant', '--company', 'acme', '--title', 'CTO: robots', '--community',
         'runners', '--knows', 'eli-park=4', '--closeness', '3'],
        ['@@ -64,0 +65,7 @@\n',
         '+    gus-grant:\n',
         '+        name: Gus Grant\n',
         '+        company: acme\n',
         "+        title: 'CTO: robots'\n",
         '+        communities: [runners]\n',
         '+        closeness: 3\n',
         '+        knows: {eli-park: 4}\n'],
    ),
    'link': (
        ['link', 'dana-kim', 'farah-ali', '--strength', '2'],
        ['@@ -39,0 +40 @@\n',
         '+            farah-ali: 2\n'],
    ),
    'link-flow': (
        ['link', 'eli-park', 'farah-ali', '--strength', '5'],
        ['@@ -55 +55 @@\n',
         '-        knows: {ben-ortiz: 4}\r\n',
         '+        knows: {ben-ortiz: 4, farah-ali: 5}\r\n'],
    ),
    'link-explicit': (
        ['link', 'ben-ortiz', 'farah-ali', '--strength', '1'],
        ['@@ -48,0 +49,2 @@\n',
         '+        knows:\n',
         '+            farah-ali: 1\n'],
    ),
    'edit': (
        ['edit', 'dana-kim', '--title', 'Director', '--closeness', '5', '--add-community',
         'runners'],
        ['@@ -30,3 +30 @@\n',
         '-        title: >-\n',
         '-            Engineering\n',
         '-            Manager\n',
         '+        title: Director\n',
         '@@ -36 +34 @@\n',
         '-        closeness: 4    \n',
         '+        closeness: 5    \n'],
    ),
    'edit-flow-list': (
        ['edit', 'farah-ali', '--add-community', 'runners', '--company', 'Globex'],
        ['@@ -61 +61,2 @@\n',
         '-        : acme\n',
         '+        : Globex\n',
         '+        communities: [runners]\n'],
    ),
    'edit-unset': (
        ['edit', 'dana-kim', '--unset', 'notes', '--unset', 'communities'],
        ['@@ -33,3 +32,0 @@\n',
         '-        communities: [\n',
         '-            runners,   # since 2024\n',
         '-        ]\n',
         '@@ -40,3 +36,0 @@\n',
         '-        notes: |-\n',
         '-            Met at PyData.\n',
         '-            Likes coffee.\n'],
    ),
    'edit-unset-explicit': (
        ['edit', 'farah-ali', '--unset', 'company'],
        ['@@ -60,2 +59,0 @@\n',
         '-        ? company\n',
         '-        : acme\n'],
    ),
    'edit-crlf': (
        ['edit', 'eli-park', '--title', 'CTO', '--hiring'],
        ['@@ -54 +54,2 @@\n',
         '-        title: VP Engineering   \r\n',
         '+        title: CTO   \r\n',
         '+        hiring: true\r\n'],
    ),
    'rm': (
        ['rm', 'eli-park', '--yes'],
        ['@@ -38,2 +37,0 @@\n',
         '-        knows:\n',
         '-            eli-park: 3\n',
         '@@ -52,5 +49,0 @@\n',
         '-    eli-park:\r\n',
         '-        name: Eli Park\r\n',
         '-        title: VP Engineering   \r\n',
         '-        knows: {ben-ortiz: 4}\r\n',
         # ben-ortiz's `>+` notes keep the blank lines before the next entry: the one
         # after eli-park goes with it, so ben's text stays exactly as it was.
         '-\n'],
    ),
    'rm-last': (
        ['rm', 'farah-ali', '--yes'],
        ['@@ -58,7 +57,0 @@\n',
         '-    farah-ali:\n',
         '-        name: Farah Ali\n',
         '-        ? company\n',
         '-        : acme\n',
         '-        notes: |+\n',
         '-            ends with kept blank lines\n',
         '-\n'],
    ),
    'log': (
        ['log', 'dana-kim', 'Lunch: NO news', '--date', '2026-10-01'],
        ['@@ -37 +37 @@\n',
         '-        last_contact: 2026-09-14\n',
         '+        last_contact: 2026-10-01\n',
         '@@ -44,0 +45 @@\n',
         "+            - {date: 2026-10-01, note: 'Lunch: NO news'}\n"],
    ),
    'log-first': (
        ['log', 'ben-ortiz', 'first', '--date', '2026-10-02'],
        ['@@ -48,0 +49 @@\n',
         '+        last_contact: 2026-10-02\n',
         '@@ -51,0 +53,2 @@\n',
         '+        log:\n',
         '+            - {date: 2026-10-02, note: first}\n'],
    ),
}


# The entries each case changes (the others must read back exactly as before).
CHANGED = {"add": {"gus-grant"}, "link": {"dana-kim"}, "link-flow": {"eli-park"},
           "link-explicit": {"ben-ortiz"}, "edit": {"dana-kim"},
           "edit-flow-list": {"farah-ali"}, "edit-unset": {"dana-kim"},
           "edit-unset-explicit": {"farah-ali"}, "edit-crlf": {"eli-park"},
           "rm": {"eli-park", "dana-kim"}, "rm-last": {"farah-ali"},
           "log": {"dana-kim"}, "log-first": {"ben-ortiz"}}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_command_changes_only_its_entry(invoke, tmp_path, name):
    args, expected = CASES[name]
    book = tmp_path / "contacts.yaml"
    before = STYLES.read_bytes()
    book.write_bytes(before)
    res = invoke(*args, "--book", book)
    assert res.code == 0, res.stderr
    after = book.read_bytes()
    assert diff(before, after) == expected
    old, new = loading.load(before, "before"), loading.load(after, "after")
    assert new.book.me == old.book.me
    assert new.book.companies == old.book.companies
    for pid in set(old.people) - CHANGED[name]:
        assert new.people[pid] == old.people[pid], pid
    again = invoke(*args, "--book", book)
    if args[0] in ("rm", "add"):
        assert again.code != 0  # gone, or a near-duplicate now
    else:
        assert again.code == 0, again.stderr
    assert book.read_bytes() == after  # the same edit twice changes nothing
