"""The cache an edit writes from the cached network (``cached.repack``) equals the
cache a cold parse of the edited file gives, section by section, for every editing
command (people's, me's, companies', communities'), on random books in random
styles; and those edits take that warm path."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netreach.book import editing, storage
from netreach.book import sections as book_sections
from netreach.book.bookmap import BookMap
from netreach.book.loading import load
from netreach.book.network import Network
from netreach.cached import bookfile, cache, edits
from netreach.cached.packed import FORMAT, Packed, pack
from netreach.errors import Refused
from tests.styled_books import COMMUNITIES, COMPANIES, styled_books


def sections(payload: bytes | memoryview) -> dict[str, Any]:
    """Every section of a packed book, decoded (entries one by one: marshal may write
    equal values as different bytes)."""
    packed = Packed(payload)
    out: dict[str, Any] = {}
    for name, (_start, _length, typecode) in packed._table.items():
        data = packed.section(name)
        if typecode:
            out[name] = data.tolist()
        elif name.endswith(".data"):
            offsets = packed.section(f"{name}.off")
            out[name] = [marshal.loads(data[offsets[i]:offsets[i + 1]])
                         for i in range(len(offsets) - 1)]
        elif name.endswith(".ids"):
            out[name] = bytes(data)
        else:
            out[name] = marshal.loads(data)
    return out


def warm_spy(warm: list[bool]) -> Callable[[Packed, Any], Any]:
    """``edits.repacked`` that also notes in ``warm`` whether the edit stayed warm."""
    repacked = edits.repacked

    def spy(packed: Packed, edit: Any) -> Any:
        result = repacked(packed, edit)
        warm.append(result is not None)
        return result

    return spy


def cold(data: bytes) -> dict[str, Any]:
    """The sections a cold parse of ``data`` packs."""
    where = BookMap()
    return sections(pack(load(data, "book", where), where))


Change = Callable[[Any, Network], bool]
named_only: list[bool] = []  # an import made companies named only by its people
cold_only: list[bool] = []  # an edit the warm path leaves to a full load, by design
communities: list[str] = []  # the book's, those made by earlier steps included


def other_command(data: st.DataObject, kind: str) -> Change:
    """An edit of me, a company or the communities (the commands ``me``, ``target``,
    ``join``, ``leave``, ``edit COMPANY``, ``community add``)."""
    if kind == "me":
        headline = data.draw(st.sampled_from([None, "Engineer", "Data person"]))
        return lambda doc, _n: book_sections.set_me(doc.root, {"headline": headline})
    if kind in ("join", "leave"):
        cid = data.draw(st.sampled_from(communities))
        return lambda doc, _n: book_sections.set_membership(doc.root, cid, member=kind == "join")
    if kind == "target":
        text = data.draw(st.sampled_from(["acme", "Globex Inc", "GLOBEX", "Initech"]))
        drop = data.draw(st.booleans())

        def target(doc: Any, _n: Network) -> bool:
            # A company the book does not have becomes one named only by me (cold).
            cold_only.append(text == "Initech")
            return book_sections.extend_me_list(doc.root, "seeking.companies",
                                           [] if drop else [text], [text] if drop else [])

        return target
    if kind == "company edit":
        cid = data.draw(st.sampled_from(COMPANIES))
        fields = {"outlook": data.draw(st.sampled_from(["growing", "shrinking", None])),
                  "industry": data.draw(st.sampled_from(["software", None]))}
        alias = data.draw(st.sampled_from([None, f"{cid} Robotics", "Globex Inc", "acme"]))
        if alias is not None:
            fields["aliases"] = [alias]

        def company(doc: Any, net: Network) -> bool:
            # A key another company has: a full load says which (cold).
            cold_only.append(alias is not None and alias.split()[0].lower() != cid)
            return editing.set_fields(doc.root, "companies", cid, fields)

        return company
    new = f"group-{data.draw(st.integers(0, 10**6))}"
    joinable, join = data.draw(st.booleans()), data.draw(st.booleans())

    def community(doc: Any, _n: Network) -> bool:
        book_sections.add_community(doc.root, new, {"name": f"Group {new}", "kind": "meetup",
                                               "joinable": joinable})
        if join:
            book_sections.set_membership(doc.root, new, member=True)
        communities.append(new)
        return True

    return community


PEOPLE_KINDS = ["log", "edit", "unset", "company", "communities", "link", "add", "rm",
                "import"]
OTHER_KINDS = ["me", "join", "leave", "target", "company edit", "community add"]


def command(data: st.DataObject, people: list[str], kinds: list[str]) -> tuple[str, Change]:
    pid = data.draw(st.sampled_from(people))
    other = data.draw(st.sampled_from(people))
    kind = data.draw(st.sampled_from(kinds))
    if kind in OTHER_KINDS:
        return kind, other_command(data, kind)
    if kind == "log":
        day = dt.date(2026, data.draw(st.integers(1, 12)), 1)
        return kind, lambda doc, _n: editing.append_log(doc.root, pid, day, "coffee")
    if kind == "edit":
        fields = {"title": data.draw(st.sampled_from(["Lead", "CTO"])),
                  "closeness": data.draw(st.sampled_from([None, 1, 5])),
                  "hiring": data.draw(st.booleans()),
                  "seen_my_work": data.draw(st.integers(0, 5))}
        fields = {k: v for k, v in fields.items() if v is not None}
        return kind, lambda doc, _n: editing.set_fields(doc.root, "people", pid, fields)
    if kind == "unset":
        field = data.draw(st.sampled_from(["closeness", "knows", "company", "title",
                                           "communities", "last_contact"]))
        return kind, lambda doc, _n: editing.set_fields(doc.root, "people", pid, {field: None})
    if kind == "company":
        company = data.draw(st.sampled_from(COMPANIES))
        return kind, lambda doc, _n: editing.set_fields(doc.root, "people", pid,
                                                        {"company": company})
    if kind == "communities":
        groups = data.draw(st.lists(st.sampled_from(communities), unique=True, max_size=3))
        return kind, lambda doc, _n: editing.set_fields(doc.root, "people", pid,
                                                        {"communities": groups or None})
    if kind == "link":
        strength = data.draw(st.integers(1, 5))
        credibility = data.draw(st.sampled_from([None, 1, 4]))
        if pid == other:
            return "log", lambda doc, _n: editing.append_log(doc.root, pid,
                                                             dt.date(2026, 1, 1), "x")
        return kind, lambda doc, net: editing.link(doc.root, net, pid, other, strength,
                                                   credibility)
    if kind == "import":  # what an import writes: new companies, people who work there
        n = data.draw(st.integers(0, 10**6))
        names = data.draw(st.lists(st.sampled_from(["Initech", "Umbrella Corp", "Hooli",
                                                    "Acme Inc"]),
                                   unique=True, min_size=1, max_size=3))
        declare = data.draw(st.booleans())  # or name them only (companies made on load)

        def imported(doc: Any, _net: Network) -> bool:
            named_only.append(not declare)
            for k, name in enumerate(names):
                cid = f"{name.split()[0].lower()}-{n}"
                if declare:
                    editing.add_entry(doc.root, "companies", cid, {"name": f"{name} {n}"})
                editing.add_entry(doc.root, "people", f"i{n}-{k}",
                                  {"name": f"Imported {k}", "company": f"{name} {n}"
                                   if name != "Acme Inc" else name,
                                   "knows": {other: 1}}, "imported from x")
            editing.set_fields(doc.root, "people", pid, {"title": f"Seen {n}"})
            return True

        return kind, imported
    if kind == "add":
        prefix = data.draw(st.sampled_from(["n", "p1", "q"]))  # before, among, after p ids
        new = f"{prefix}{data.draw(st.integers(0, 10**6))}"
        fields = {"name": "New Person", "company": data.draw(st.sampled_from([None, "acme"])),
                  "communities": data.draw(st.sampled_from([None, ["choir"]])),
                  "closeness": data.draw(st.sampled_from([None, 3])),
                  "knows": {other: 2} if data.draw(st.booleans()) else None}
        return kind, lambda doc, _n: editing.add_entry(doc.root, "people", new, fields) or True
    return kind, lambda doc, net: bool(
        editing.remove_person(doc.root, pid, list(net.ties[pid]))) or True


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(book=styled_books(), data=st.data())
def test_the_updated_cache_equals_a_cold_parse(book, data):
    check_edits(book, data, [*PEOPLE_KINDS, *OTHER_KINDS])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(book=styled_books(max_people=5), data=st.data())
def test_edits_of_me_companies_and_communities_update_the_cache_as_a_cold_parse(book, data):
    check_edits(book, data, [*OTHER_KINDS, "communities", "add"])


def check_edits(book: Any, data: st.DataObject, kinds: list[str]) -> None:
    """Edit ``book`` one to three times; after each edit, the cache equals a cold parse
    of the new bytes, and came from the warm path unless the edit is one it leaves to
    a full load."""
    with tempfile.TemporaryDirectory() as folder, mock.patch.dict(
            os.environ, {"NETREACH_CACHE_DIR": str(Path(folder) / "cache")}):
        os.environ.pop("NETREACH_NO_CACHE", None)
        path = Path(folder) / "contacts.yaml"
        path.write_bytes(book.text.encode())
        people = list(book.people)
        named_only.clear()
        cold_only.clear()
        communities[:] = COMMUNITIES
        warm: list[bool] = []
        spy = warm_spy(warm)

        for _step in range(data.draw(st.integers(1, 3))):
            kind, change = command(data, people, kinds)
            warm.clear()
            with bookfile.open_for_edit(path) as opened, mock.patch.object(
                    edits, "repacked", spy):
                assert opened.cached
                written = bookfile.edit_book(opened, change)
            new = path.read_bytes()
            if written and not any(named_only[:-1] if kind == "import" else named_only) and (
                    not any(cold_only)):
                # Declared companies and communities: the warm path. (Removing the one
                # person who names a company, the company goes: a full load.)
                assert warm == [True], kind
            payload = cache.read(path, storage.Snapshot(path, new).digest, FORMAT)
            assert payload is not None, kind
            assert sections(payload) == cold(new), kind
            people = list(load(new, "book").people)
            if len(people) < 2:
                break


def test_a_person_added_among_a_companys_people_joins_its_row(tmp_path, monkeypatch):
    """The warm path inserts a new person into their company's people in id order."""
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NETREACH_NO_CACHE", raising=False)
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme: {name: Me}\ncompanies:\n  acme: {name: Acme}\n"
                    "people:\n  p0: {name: A, company: acme}\n  p5: {name: B, company: acme}\n"
                    "  p9: {name: C, company: acme}\n")
    with bookfile.open_for_edit(path) as opened:
        assert bookfile.edit_book(opened, lambda doc, _n: editing.add_entry(
            doc.root, "people", "p3", {"name": "D", "company": "acme"}) or True)
    new = path.read_bytes()
    payload = cache.read(path, storage.Snapshot(path, new).digest, FORMAT)
    assert payload is not None
    assert sections(payload) == cold(new)
    assert Packed(payload).network.employees["acme"] == ("p0", "p3", "p5", "p9")


def test_an_edit_the_cached_network_refuses_leaves_the_book(tmp_path, monkeypatch):
    """Checked on the warm path: a tie to nobody, a strength that conflicts with the
    mirrored tie, a score out of range. Nothing is written; the fields are named."""
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NETREACH_NO_CACHE", raising=False)
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme: {name: Me}\npeople:\n  a:\n    name: A\n"
                    "    knows: {b: 2}\n  b:\n    name: B\n")
    before = path.read_bytes()
    for change, field in (({"knows": {"nobody": 3}}, "people.b.knows.nobody"),
                          ({"knows": {"a": 5}}, "people.b.knows.a"),
                          ({"closeness": 9}, "people.b.closeness")):
        with bookfile.open_for_edit(path) as opened, pytest.raises(Refused) as refused:
            assert opened.cached
            bookfile.edit_book(opened, lambda doc, _n, change=change: editing.set_fields(
                doc.root, "people", "b", change))
        assert field in str(refused.value)
        assert path.read_bytes() == before


def test_an_edit_of_me_the_cached_network_refuses_leaves_the_book(tmp_path, monkeypatch):
    """Checked on the warm path too: joining a community the book does not have, a
    headline that is not text. Nothing is written; the field is named."""
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NETREACH_NO_CACHE", raising=False)
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme:\n  name: Me\n  communities: [choir]\n"
                    "communities:\n  choir: {name: Choir}\npeople:\n  a: {name: A}\n")
    before = path.read_bytes()
    warm: list[bool] = []
    repacked = edits.repacked

    def spy(packed: Packed, edit: Any) -> Any:
        try:
            result = repacked(packed, edit)
        except edits.Invalid:
            warm.append(True)
            raise
        warm.append(result is not None)
        return result

    for change, field in (
            (lambda doc, _n: book_sections.set_membership(doc.root, "nowhere", member=True),
             "me.communities.1"),
            (lambda doc, _n: editing.set_fields(doc.root, "me", None, {"headline": [1]}),
             "me.headline")):
        warm.clear()
        with bookfile.open_for_edit(path) as opened, pytest.raises(Refused) as refused, \
                mock.patch.object(edits, "repacked", spy):
            assert opened.cached
            bookfile.edit_book(opened, change)
        assert field in str(refused.value)
        assert warm == [True]
        assert path.read_bytes() == before


def test_a_person_added_under_a_new_alias_works_at_that_company(tmp_path, monkeypatch):
    """An edit that gives a company a new alias and adds someone naming it by that
    alias: on the warm path, the person works there (no company of their own)."""
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NETREACH_NO_CACHE", raising=False)
    path = tmp_path / "contacts.yaml"
    path.write_text("netreach: 1\nme: {name: Me}\ncompanies:\n  acme:\n    name: Acme\n"
                    "people:\n  a:\n    name: A\n    company: acme\n")

    def change(doc: Any, _n: Network) -> bool:
        editing.set_fields(doc.root, "companies", "acme", {"aliases": ["Roadrunner Ltd"]})
        editing.add_entry(doc.root, "people", "b", {"name": "B", "company": "Roadrunner"})
        return True

    with bookfile.open_for_edit(path) as opened:
        assert bookfile.edit_book(opened, change)
    new = path.read_bytes()
    payload = cache.read(path, storage.Snapshot(path, new).digest, FORMAT)
    assert payload is not None
    assert sections(payload) == cold(new)
    assert Packed(payload).network.employees["acme"] == ("a", "b")


@pytest.mark.parametrize("me", [
    "me: {name: Me, communities: [choir]}\n",
    "me: {name: Me,\n     communities: [choir]}   # flow, over two lines\n",
    "me:\n    name: Me   # four spaces\n    communities:\n    - choir\n",
    "? me\n: name: Me\n  communities: [choir]\n",
    "me:\r\n  name: Me\r\n  communities: [choir]\r\n",
])
def test_joining_and_leaving_in_any_style_of_me_is_warm(tmp_path, monkeypatch, me):
    """me's keys are read again from its new text, whatever its style: the cache after
    each edit equals a cold parse."""
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NETREACH_NO_CACHE", raising=False)
    path = tmp_path / "contacts.yaml"
    path.write_bytes(("netreach: 1\n" + me + "communities:\n  choir: {name: Choir}\n"
                      "  runners: {name: Runners, joinable: false}\n"
                      "people:\n  a: {name: A, communities: [runners]}\n").encode())
    warm: list[bool] = []
    spy = warm_spy(warm)

    for change in (
            lambda doc, _n: book_sections.set_membership(doc.root, "runners", member=True),
            lambda doc, _n: book_sections.set_me(doc.root, {"headline": "Data person"}),
            lambda doc, _n: book_sections.set_membership(doc.root, "choir", member=False)):
        warm.clear()
        with bookfile.open_for_edit(path) as opened, mock.patch.object(edits, "repacked", spy):
            assert bookfile.edit_book(opened, change)
        assert warm == [True]
        new = path.read_bytes()
        payload = cache.read(path, storage.Snapshot(path, new).digest, FORMAT)
        assert payload is not None
        assert sections(payload) == cold(new)
