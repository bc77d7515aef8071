"""Entries that edits append read back exactly, and go where the file's own style says."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.book import yamlread
from netreach.book.editing import add_entry
from netreach.book.splice import TextEdit
from tests.tiers import examples

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40) | \
    st.sampled_from(["NO", "yes", "~", "null", "- x", "#tag", "@h", "=1+1", "a: b", "a #b",
                     "'q'", '"', "0123", "1:20", "!tag", "&a", "*b", "[x]", "{y}", "? k",
                     "%dir", "x:", " lead", "trail ", "\u2028", "\ufeffbom", "\x85", "\\"])


@settings(max_examples=examples(300), deadline=None)
@given(name=TEXT, title=TEXT, notes=TEXT, ids=st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}",
                                                                      fullmatch=True),
                                                      max_size=3))
def test_emitted_entries_read_back_exactly(name: str, title: str, notes: str, ids: list[str]):
    fields = {"name": name, "title": title, "notes": notes, "communities": ids,
              "closeness": 2, "last_contact": dt.date(2024, 3, 15),
              "knows": {i: 3 for i in ids}}
    doc = TextEdit.read("netreach: 1\npeople:\n")
    doc.add("people", "p-1", fields, "imported")
    doc.add("people", "123", {"name": title}, "imported")
    text = doc.dump()
    people = yamlread.parse(text.encode("utf-8"), "t.yaml")["people"]
    assert people["p-1"] == {**fields, "closeness": "2", "last_contact": "2024-03-15",
                             "knows": {i: "3" for i in ids}}
    assert people["123"] == {"name": title}
    assert text.count("# imported") == 1


def test_append_entries_into_an_empty_section():
    doc = TextEdit.read("netreach: 1\nme: {name: X}\npeople:\n")
    add_entry(doc, "people", "ana", {"name": "Ana"}, "imported from x")
    assert doc.dump() == ("netreach: 1\nme: {name: X}\npeople:\n  # imported from x\n"
                          "  ana:\n    name: Ana\n")


def test_append_entries_into_a_flow_section_stays_flow():
    doc = TextEdit.read("netreach: 1\nme: {name: X}\npeople: {bo: {name: Bo}}\n")
    add_entry(doc, "people", "ana", {"name": "Ana", "communities": ["a"]})
    text = doc.dump()
    assert text == ("netreach: 1\nme: {name: X}\npeople: {bo: {name: Bo}, "
                    "ana: {name: Ana, communities: [a]}}\n")


def test_append_keeps_the_files_indentation():
    doc = TextEdit.read("netreach: 1\nme:\n    name: X\npeople:\n    bo:\n        name: Bo\n"
                        "companies: {}\n")
    add_entry(doc, "people", "ana", {"name": "Ana"})
    assert doc.dump() == ("netreach: 1\nme:\n    name: X\npeople:\n    bo:\n        name: Bo\n"
                          "    ana:\n        name: Ana\ncompanies: {}\n")


def test_an_empty_flow_section_becomes_a_block():
    doc = TextEdit.read("netreach: 1\nme:\n  name: X\npeople: {}   # none yet\n")
    add_entry(doc, "people", "ana", {"name": "Ana"})
    assert doc.dump() == ("netreach: 1\nme:\n  name: X\npeople:   # none yet\n"
                          "  ana:\n    name: Ana\n")
