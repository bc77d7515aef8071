"""Property: an edit of random fields of a random book, written in random styles,
changes no line outside the entries it edits, and reads back as intended."""

from __future__ import annotations

import datetime as dt
import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netreach.book import editing, loading
from netreach.book.splice import TextEdit
from tests.styled_books import COMMUNITIES, COMPANIES, styled_books

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _outside(before: str, after: str, spans: list[tuple[int, int]]) -> list[str]:
    """Lines changed outside ``spans`` (an insertion may sit at a span's end)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    bad = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                        autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if not any(first <= i1 and i2 <= end for first, end in spans):
            bad.append(f"{tag} {old[i1:i2]!r} -> {new[j1:j2]!r}")
    return bad


@SETTINGS
@given(book=styled_books(), data=st.data())
def test_an_edit_touches_only_its_entries(book, data):
    net = loading.load(book.text.encode(), "b")
    edit = TextEdit.read(book.text)
    pid = data.draw(st.sampled_from(book.people))
    other = data.draw(st.sampled_from([p for p in book.people if p != pid]))
    action = data.draw(st.sampled_from(["title", "unset", "closeness", "company", "join",
                                        "leave", "log", "link"]))
    touched = [pid]
    if action == "title":
        title = data.draw(st.sampled_from(["Lead", "0123", "a: b", "two\nlines", "Zoë"]))
        editing.set_fields(edit, "people", pid, {"title": title})
    elif action == "unset":
        field = data.draw(st.sampled_from(["title", "notes", "log", "knows", "communities",
                                           "company"]))
        editing.set_fields(edit, "people", pid, {field: None})
    elif action == "closeness":
        editing.set_fields(edit, "people", pid, {"closeness": data.draw(st.integers(1, 5))})
    elif action == "company":
        editing.set_fields(edit, "people", pid,
                           {"company": data.draw(st.sampled_from(COMPANIES))})
    elif action in ("join", "leave"):
        have = list(net.people[pid].communities)
        cid = data.draw(st.sampled_from(COMMUNITIES))
        wanted = [c for c in have if c != cid] if action == "leave" else (
            have + ([cid] if cid not in have else []))
        editing.set_fields(edit, "people", pid, {"communities": wanted or None})
    elif action == "log":
        editing.append_log(edit, pid, dt.date(2026, 11, 1), "coffee: NO news")
    else:
        editing.link(edit, net, pid, other, data.draw(st.integers(1, 5)), None)
        touched.append(other)
    after = edit.dump()
    assert _outside(book.text, after, [book.spans[p] for p in touched]) == []
    new = loading.load(after.encode(), "b")
    for p in set(book.people) - set(touched):
        assert new.people[p] == net.people[p]
    assert new.book.me == net.book.me
    person = new.people[pid]
    if action == "title":
        assert person.title == title
    elif action == "unset":
        assert field not in person.model_fields_set
    elif action == "log":
        assert person.log[-1].note == "coffee: NO news"
        assert person.last_contact is not None
    elif action == "link":
        assert new.ties[pid][other].strength == new.ties[other][pid].strength
