"""The new commands' behaviour beyond their diffs: refusals leave the book untouched,
messages say what to do, and every id argument goes through the one resolver."""

from __future__ import annotations

import pytest

from netreach.book import loading

BOOK = """\
netreach: 1
me: {name: Alex, seeking: {companies: [acme, orbital]}}
companies:
  acme: {name: Acme Robotics, aliases: [Acme]}
  helix-bio: {name: Helix Bio}
communities:
  climbers: {name: Berlin Climbers, kind: club}
people:
  priya-raman: {name: Priya Raman, company: acme, closeness: 4, knows: {marcus-weber: 4}}
  marcus-weber: {name: Marcus Weber, company: Orbital Labs GmbH}
  lena-vogt: {name: Lena Vogt, company: Orbital Labs}
"""


@pytest.fixture
def book(write_book):
    return write_book(BOOK)


def test_unknown_community_off_a_terminal_prints_the_command_and_writes_nothing(invoke, book):
    res = invoke("add", "Gus Grant", "--community", "berlin-runners", "--book", book)
    assert res.code == 1 and book.read_text() == BOOK
    command = res.stderr.split("create it: ")[1].strip()
    assert command.startswith("netreach community add 'Berlin Runners' --id berlin-runners "
                              "--kind other --book ")
    args = command.split(" ", 1)[1].replace("'Berlin Runners'", "Berlin_Runners").split()
    args = [a.replace("Berlin_Runners", "Berlin Runners") for a in args]
    assert invoke(*args).code == 0
    assert invoke("add", "Gus Grant", "--community", "berlin-runners", "--book", book).code == 0
    assert loading.load(book.read_bytes(), "b").people["gus-grant"].communities == [
        "berlin-runners"]


def test_unknown_community_on_a_terminal_is_created_with_the_person(invoke, book, monkeypatch):
    from netreach.cli import book_options

    monkeypatch.setattr(book_options, "interactive", lambda: True)
    res = invoke("add", "Gus Grant", "--closeness", "3", "--company", "Acme",
                 "--title", "x", "--community", "berlin-runners", "--book", book,
                 input="y\nBerlin Runners\nclub\n")
    assert res.code == 0, res.stderr
    net = loading.load(book.read_bytes(), "b")
    assert net.communities["berlin-runners"].kind == "club"
    assert net.members["berlin-runners"] == ("gus-grant",)


def test_a_company_near_an_existing_one_asks_did_you_mean(invoke, book):
    res = invoke("add", "Test Person", "--company", "helix", "--book", book)
    assert res.code == 1 and "did you mean Helix Bio (helix-bio)?" in res.stderr
    assert "--new-company" in res.stderr and book.read_text() == BOOK
    res = invoke("add", "Test Person", "--company", "helix", "--new-company", "--book", book)
    assert res.code == 0
    assert "company: helix\n" in book.read_text()


def test_legal_suffixes_land_on_the_known_company(invoke, book):
    assert invoke("add", "Gus Grant", "--company", "ACME ROBOTICS GmbH", "--book", book).code == 0
    assert "    company: acme\n" in book.read_text()
    assert invoke("add", "Ina Ott", "--company", "orbital labs inc.", "--book", book).code == 0
    net = loading.load(book.read_bytes(), "b")
    assert net.employees["orbital-labs"] == ("ina-ott", "lena-vogt", "marcus-weber")


def test_an_implicit_company_gets_its_entry_on_the_first_edit(invoke, book):
    res = invoke("edit", "orbital-labs", "--outlook", "growing", "--book", book)
    assert res.code == 0, res.stderr
    assert ("  orbital-labs:\n    name: Orbital Labs GmbH\n    outlook: growing\n"
            in book.read_text())
    net = loading.load(book.read_bytes(), "b")
    assert not net.companies["orbital-labs"].implicit
    assert net.employees["orbital-labs"] == ("lena-vogt", "marcus-weber")
    assert invoke("edit", "Orbital Labs", "--outlook", "growing", "--book", book).code == 0


def test_company_rm_is_refused_while_people_work_there(invoke, book):
    res = invoke("company", "rm", "acme", "--book", book)
    assert res.code == 1 and "--force" in res.stderr and book.read_text() == BOOK
    assert invoke("company", "rm", "acme", "--force", "--book", book).code == 0
    net = loading.load(book.read_bytes(), "b")
    assert net.people["priya-raman"].company == "Acme Robotics"
    assert net.book.me.seeking.companies == ["Acme Robotics", "orbital"]


def test_community_rm_is_refused_while_it_has_members(invoke, book):
    assert invoke("join", "climbers", "--book", book).code == 0
    joined = book.read_text()
    res = invoke("community", "rm", "climbers", "--book", book)
    assert res.code == 1 and "you" in res.stderr and book.read_text() == joined
    assert invoke("community", "rm", "climbers", "--force", "--book", book).code == 0
    assert loading.load(book.read_bytes(), "b").me.communities == []


@pytest.mark.parametrize("args, expected", [
    (["show", "priya"], 0),
    (["show", "Marcus Weber"], 0),
    (["link", "priya", "lena", "--strength", "2"], 0),
    (["log", "marcus", "coffee", "--date", "2026-01-02"], 0),
    (["list", "--company", "orbital labs"], 0),
    (["list", "--company", "Acme Robotics AG"], 0),
    (["list", "--community", "berlin climbers"], 0),
    (["target", "rm", "Acme Robotics Inc."], 0),
    (["show", "prya ramen"], 1),  # too far to take: "did you mean priya-raman"
    (["show", "zed"], 1),
])
def test_every_id_argument_takes_names(invoke, book, args, expected):
    res = invoke(*args, "--book", book)
    assert res.code == expected, res.stderr


def test_an_unknown_id_gets_suggestions(invoke, book):
    res = invoke("show", "priyanka", "--book", book)
    assert res.code == 1 and "did you mean priya-raman (Priya Raman, Acme Robotics)" in \
        res.stderr


def test_link_says_what_changed(invoke, book):
    res = invoke("link", "priya-raman", "marcus", "--strength", "2", "--book", book)
    assert res.code == 0 and "changed strength 4 → 2" in res.stderr
    res = invoke("link", "priya-raman", "lena-vogt", "--book", book)
    assert "linked priya-raman and lena-vogt" in res.stderr


def test_log_refuses_a_date_in_the_future(invoke, book, monkeypatch):
    monkeypatch.setenv("NETREACH_TODAY", "2026-11-30")
    res = invoke("log", "priya", "will meet", "--date", "2026-12-01", "--book", book)
    assert res.code == 2 and "future" in res.stderr and book.read_text() == BOOK
    assert invoke("log", "priya", "met", "--date", "2026-11-30", "--book", book).code == 0


def test_validate_warns_about_a_target_nobody_works_at(invoke, book):
    res = invoke("validate", "--book", book)
    assert res.code == 0
    (warning,) = [line for line in res.stderr.splitlines() if "warning:" in line]
    assert "'orbital'" in warning and "orbital-labs" in warning


def test_target_add_takes_a_company_the_book_does_not_know_yet(invoke, book):
    res = invoke("target", "add", "Quantum Bakery", "orbital labs", "--book", book)
    assert res.code == 0, res.stderr
    assert "nobody in your book works there yet" in res.stderr
    net = loading.load(book.read_bytes(), "b")
    assert net.book.me.seeking.companies == ["acme", "orbital", "Quantum Bakery",
                                             "Orbital Labs GmbH"]


def test_edit_me_points_to_netreach_me(invoke, book):
    res = invoke("edit", "me", "--title", "x", "--book", book)
    assert res.code == 2 and "netreach me" in res.stderr


def test_counts_are_grammatical(invoke, write_book):
    path = write_book("netreach: 1\nme: {name: A}\npeople:\n  a: {name: A, company: X}\n")
    assert invoke("validate", "--book", path).stderr.endswith(
        "ok: 1 person, 1 company, 0 communities\n")
    assert invoke("list", "--book", path).stderr == "1 person of 1\n"


def test_init_says_where_and_not_found_lists_the_places_in_order(invoke, tmp_path,
                                                                 monkeypatch):
    path = tmp_path / "new.yaml"
    res = invoke("init", "--name", "A", "--book", path)
    assert res.code == 0 and str(path.absolute()) in res.stderr
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    res = invoke("list")
    assert res.code == 1
    order = ["--book", "$NETREACH_BOOK", str(tmp_path / "contacts.yaml"), "contacts.yaml"]
    positions = [res.stderr.index(place) for place in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("words", [
    ("company", "add"), ("company", "rm"), ("community", "add"), ("community", "rm"),
    ("target", "add"), ("target", "rm"), ("target", "list"), ("join",), ("leave",), ("me",),
])
def test_every_new_command_has_an_example_in_its_help(invoke, words):
    res = invoke(*words, "--help")
    assert res.code == 0
    assert "Example" in res.stdout and f"netreach {' '.join(words)}" in res.stdout


def test_a_person_argument_naming_a_company_says_so(invoke, book):
    res = invoke("rm", "helix-bio", "--yes", "--book", book)
    assert res.code == 1 and "'helix-bio' is a company" in res.stderr
    assert book.read_text() == BOOK


def test_edit_add_community_unknown_off_a_terminal_writes_nothing(invoke, book):
    res = invoke("edit", "priya", "--add-community", "Chess Club", "--title", "CTO",
                 "--book", book)
    assert res.code == 1 and book.read_text() == BOOK
    assert "netreach community add 'Chess Club' --id chess-club --kind other" in res.stderr


def test_renaming_a_company_keeps_the_old_name_as_an_alias(invoke, book):
    res = invoke("edit", "Orbital Labs", "--name", "Orbital", "--book", book)
    assert res.code == 0, res.stderr
    net = loading.load(book.read_bytes(), "b")
    assert net.companies["orbital-labs"].name == "Orbital"
    assert net.companies["orbital-labs"].aliases == ("Orbital Labs GmbH",)
    assert net.employees["orbital-labs"] == ("lena-vogt", "marcus-weber")


def test_edit_me_changes_name_and_communities_in_one_write(invoke, book):
    res = invoke("edit", "me", "--name", "Alex R", "--add-community", "berlin climbers",
                 "--book", book)
    assert res.code == 0, res.stderr
    me = loading.load(book.read_bytes(), "b").me
    assert (me.name, me.communities) == ("Alex R", ["climbers"])
    before = book.read_text()
    res = invoke("edit", "me", "--name", "Alex Q", "--add-community", "chess", "--book", book)
    assert res.code == 1 and book.read_text() == before  # nothing half-written


HOSTILE = "[bold red]Evil\x1b[31m Corp\u202e"


@pytest.mark.parametrize("args", [
    ["company", "add", HOSTILE], ["community", "add", HOSTILE, "--kind", "club"],
    ["target", "add", HOSTILE], ["me", "--name", HOSTILE],
])
def test_hostile_names_are_kept_exactly_and_echoed_inert(invoke, book, args):
    from tests.adversarial.test_hostile_data import assert_inert_terminal

    res = invoke(*args, "--book", book)
    assert res.code == 0, res.stderr
    assert_inert_terminal(res.stdout + res.stderr)
    net = loading.load(book.read_bytes(), "b")
    held = {net.me.name, *(c.name for c in net.companies.values()),
            *(c.name for c in net.communities.values()), *net.book.me.seeking.companies}
    assert HOSTILE in held
    assert_inert_terminal(invoke("me", "--book", book).stdout)
    assert_inert_terminal(invoke("target", "list", "--book", book).stdout)
