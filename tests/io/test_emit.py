"""Entries appended by libyaml-free fast emission read back exactly, by both YAML readers."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.book import yamlread
from netreach.book.yamlwrite import Document, emit_entries
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
    block = emit_entries([("p-1", fields), ("123", {"name": title})], 2, "  ", "imported")
    text = "netreach: 1\npeople:\n" + block
    people = yamlread.parse(text.encode("utf-8"), "t.yaml")["people"]
    assert people["p-1"] == {**fields, "closeness": "2", "last_contact": "2024-03-15",
                             "knows": {i: "3" for i in ids}}
    assert people["123"] == {"name": title}
    # the next edit reads the book with ruamel and must write it back unchanged
    assert Document(text).dump() == text


def test_document_append_entries_into_an_empty_section():
    doc = Document("netreach: 1\nme: {name: X}\npeople:\n")
    doc.append_entries("people", [("ana", {"name": "Ana"})], "imported from x")
    assert doc.dump() == ("netreach: 1\nme: {name: X}\npeople:\n  # imported from x\n"
                          "  ana:\n    name: Ana\n")


def test_document_append_entries_into_a_flow_section_falls_back_to_ruamel():
    doc = Document("netreach: 1\nme: {name: X}\npeople: {bo: {name: Bo}}\n")
    doc.append_entries("people", [("ana", {"name": "Ana", "communities": ["a"]})])
    text = doc.dump()
    assert yamlread.parse(text.encode(), "t")["people"] == {
        "bo": {"name": "Bo"}, "ana": {"name": "Ana", "communities": ["a"]}}


def test_document_append_keeps_the_files_indentation():
    doc = Document("netreach: 1\nme:\n    name: X\npeople:\n    bo:\n        name: Bo\n"
                   "companies: {}\n")
    doc.append_entries("people", [("ana", {"name": "Ana"})])
    assert doc.dump() == ("netreach: 1\nme:\n    name: X\npeople:\n    bo:\n        name: Bo\n"
                          "    ana:\n        name: Ana\ncompanies: {}\n")
