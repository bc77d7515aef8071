"""Properties: whatever text a person gives, what netreach writes it reads back the
same, and a one-field change is a one-line diff."""

from __future__ import annotations

import datetime as dt
import difflib

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netreach.book import editing, loading
from netreach.book.splice import TextEdit
from tests.tiers import examples

# Text that YAML loves to reinterpret, mixed into arbitrary Unicode (no surrogates:
# they cannot be encoded as UTF-8 at all).
AWKWARD = [" lead", "trail ", " both ", "two\nlines", "trailing newline\n", "\nleading",
           "it's", '"quoted"', "'single'", "# hash", "a #b", "key: value", "a:b", "NO", "on",
           "0123", "1:20", "- dash", "[flow]", "{map}", "!tag", "&anchor", "*alias", "%",
           "@", "`", "|", ">", "? q", "\ttab", "cr\r\nlf", "nel\x85", "ls\u2028ps\u2029",
           "\ufeffbom", "~", "null", "", " ", "...", "---", "=", "<<", "\x00\x07\x1b",
           "\u202eevil", "日本語", "emoji 🎉", "\U0010ffff", "\ufffe\uffff"]

text = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.lists(st.sampled_from(AWKWARD), min_size=2, max_size=4).map("".join),
)
people = st.lists(st.tuples(text, text, text), min_size=1, max_size=5)

SETTINGS = settings(max_examples=examples(75), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def build(me: str, entries: list[tuple[str, str, str]]) -> str:
    """A book made only through the editing functions, as the commands make it."""
    doc = TextEdit.read(editing.new_book_text(me))
    for i, (name, title, note) in enumerate(entries):
        editing.add_entry(doc.root, "people", f"p{i}",
                          {"name": name, "title": title, "notes": note,
                           "extra": {"note": note, "list": [title, note]}})
        editing.append_log(doc.root, f"p{i}", dt.date(2026, 1, 1 + i), note or "x")
    return doc.dump()


@SETTINGS
@given(me=text, entries=people)
@example(me="NO", entries=[(" Dana ", "0123", "line one\nline two\n")])
def test_written_text_reads_back_identical(me, entries):
    written = build(me, entries)
    net = loading.load(written.encode("utf-8"), "book.yaml")
    assert net.book.me.name == me
    for i, (name, title, note) in enumerate(entries):
        person = net.people[f"p{i}"]
        assert (person.name, person.title, person.notes) == (name, title, note)
        assert person.extra == {"note": note, "list": [title, note]}
        assert person.log[0].note == (note or "x")
        assert person.last_contact == dt.date(2026, 1, 1 + i)


@SETTINGS
@given(entries=people, new_title=text)
def test_one_field_change_is_a_one_line_diff(entries, new_title):
    before = build("Me", entries)
    doc = TextEdit.read(before)
    assert doc.dump() == before  # untouched, the file comes back byte for byte
    changed = editing.set_fields(doc.root, "people", "p0", {"title": new_title})
    after = doc.dump()
    net = loading.load(after.encode("utf-8"), "book.yaml")
    assert net.people["p0"].title == new_title
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    if not changed:
        assert after == before
    elif "\n" not in entries[0][1] + new_title and "\r" not in entries[0][1] + new_title:
        # A title without line breaks is written on one line, before and after.
        assert len(diff) == 2, diff
        assert diff[0].startswith("-    title:") and diff[1].startswith("+    title:")


@SETTINGS
@given(entries=people)
def test_the_same_edit_twice_changes_nothing(entries):
    doc = TextEdit.read(build("Me", entries))
    _name, title, note = entries[0]
    editing.set_fields(doc.root, "people", "p0", {"title": title + "!", "notes": None})
    once = doc.dump()
    doc = TextEdit.read(once)
    assert not editing.set_fields(doc.root, "people", "p0", {"title": title + "!", "notes": None})
    assert not editing.append_log(doc.root, "p0", dt.date(2026, 1, 1), note or "x")
    assert doc.dump() == once


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(name=text.filter(lambda s: s.strip()), note=text.filter(lambda s: s.strip()))
def test_add_and_edit_through_the_cli_read_back_identical(invoke, tmp_path, name, note):
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme:\n  name: Me\npeople:\n")
    # "--" ends the options: a name like "- dash" or "--x" is still the name.
    res = invoke("add", "--new", "--id", "p", f"--notes={note}", "--book", path, "--", name)
    assert res.code == 0, res.stderr
    res = invoke("edit", "p", f"--title={note}", "--book", path)
    assert res.code == 0, res.stderr
    person = loading.load(path.read_bytes(), str(path)).people["p"]
    assert person.name == name.strip()  # add trims the name it is given
    assert person.notes == note and person.title == note
    path.unlink()
