"""Format 1 and the strict loader, without the CLI: ``loading.load(bytes, filename)``."""

from __future__ import annotations

import datetime as dt
import gc
import re

import pytest

from netreach.book import loading, yamlread
from netreach.book.model import Outlook
from netreach.book.network import Network
from netreach.book.resolved import TieView
from netreach.errors import BookInvalid, Problem
from tests.badbooks import TOO_DEEP, bad_book_params

from .conftest import MINIMAL, book_text

LOCATED = re.compile(r"^book\.yaml:(\d+):(\d+): ")


def load(text: str) -> Network:
    return loading.load(text.encode("utf-8"), "book.yaml")


def problems(text: str | bytes) -> list[str]:
    """Every problem line of a book that must not load; each must be located."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(BookInvalid) as caught:
        loading.load(data, "book.yaml")
    lines = str(caught.value).splitlines()
    assert lines, "a BookInvalid must say what is wrong"
    for line in lines:
        assert LOCATED.match(line), f"not FILE:LINE:COL: {line!r}"
    return lines


def where(line: str) -> tuple[int, int]:
    match = LOCATED.match(line)
    assert match is not None
    return int(match[1]), int(match[2])


# --- text stays text ---------------------------------------------------------------

TRICKY = ["NO", "no", "on", "off", "yes", "Y", "0123", "1:20", "1:20:05", "0x1F", "1e3",
          ".inf", "2026-09-14", "null?", "true", "~x", "+1", "0o17"]


@pytest.mark.parametrize("value", TRICKY)
def test_text_fields_keep_what_was_written(value):
    net = load(book_text(f"""\
        p:
          name: {value}
          title: {value}
          company: {value}
          phone: {value}
          notes: {value}
          log: [{{date: 2026-01-02, note: {value}}}]
        """, me=f"  name: {value}\n  headline: {value}\n  skills: [{value}]\n"))
    person = net.people["p"]
    assert (person.name, person.title, person.company, person.phone, person.notes) == (
        value, value, value, value, value)
    assert person.log[0].note == value
    assert net.book.me.name == value and net.book.me.headline == value
    assert net.book.me.skills == [value]
    assert net.companies[net.person_company["p"]].name == value


def test_extra_keeps_text_at_every_depth():
    net = load(book_text("""\
        p:
          name: P
          extra:
            a: NO
            b: on
            c: 0123
            d: 1:20
            e: [NO, 0123, {f: on}]
            g: ~
            h: "~"
            i:
        """))
    assert net.people["p"].extra == {
        "a": "NO", "b": "on", "c": "0123", "d": "1:20", "e": ["NO", "0123", {"f": "on"}],
        "g": None, "h": "~", "i": None,
    }


def test_schema_decides_numbers_flags_and_dates():
    person = load(book_text("""\
        p:
          name: P
          hiring: true
          closeness: 4
          seen_my_work: '2'
          last_contact: 2026-09-14
        """)).people["p"]
    assert person.hiring is True
    assert person.closeness == 4 and person.seen_my_work == 2
    assert person.last_contact == dt.date(2026, 9, 14)
    assert person.is_direct


@pytest.mark.parametrize("empty", ["", "~", "null", "Null", "NULL"])
def test_empty_value_means_unset(empty):
    person = load(book_text(f"""\
        p:
          name: P
          title: {empty}
          closeness: {empty}
          last_contact: {empty}
          knows: {empty}
        """)).people["p"]
    assert person.title is None and person.closeness is None
    assert person.last_contact is None and person.knows == {}
    assert not person.is_direct


def test_quoted_empty_and_null_stay_text():
    person = load(book_text("""\
        p: {name: P, title: 'null', notes: ""}
        """)).people["p"]
    assert person.title == "null" and person.notes == ""


@pytest.mark.parametrize("bad", ["0", "1700000000", "2026-1-2", "2026-01-02T00:00:00",
                                 "14.09.2026", "2026-02-30", "20260914"])
def test_dates_are_iso_dates(bad):
    (line,) = problems(book_text(f"p: {{name: P, last_contact: {bad}}}\n"))
    assert "people.p.last_contact" in line


def test_a_fresh_book_with_empty_sections_loads():
    net = load("netreach: 1\nme:\n  name: Me\ncompanies:\ncommunities:\npeople:\n")
    assert dict(net.people) == {} and dict(net.companies) == {}


# --- ties ----------------------------------------------------------------------------

def test_tie_counts_both_ways_with_directional_credibility():
    net = load(book_text("""\
        dana:
          name: Dana
          knows:
            eli: {strength: 3, credibility: 5}
            farah: 2
        eli: {name: Eli}
        farah: {name: Farah}
        """))
    # Listed under dana: eli trusts dana's word 5; the other way defaults to the strength.
    assert net.ties["dana"]["eli"] == TieView(strength=3, credibility=5)
    assert net.ties["eli"]["dana"] == TieView(strength=3, credibility=3)
    assert net.ties["dana"]["farah"] == TieView(2, 2)
    assert net.ties["farah"]["dana"] == TieView(2, 2)
    assert dict(net.ties["eli"]) == {"dana": TieView(3, 3)}


def test_tie_declared_under_both_keeps_each_credibility():
    net = load(book_text("""\
        a: {name: A, knows: {b: {strength: 4, credibility: 2}}}
        b: {name: B, knows: {a: {strength: 4, credibility: 5}}}
        """))
    assert net.ties["a"]["b"] == TieView(4, 2)
    assert net.ties["b"]["a"] == TieView(4, 5)


def test_conflicting_duplicate_tie_names_both_places():
    text = book_text("""\
        a:
          name: A
          knows: {b: 3}
        b:
          name: B
          knows:
            a: 2
        """)
    (line,) = problems(text)
    assert where(line) == (11, 7)  # the second declaration, at its key
    assert "people.b.knows.a" in line and "people.a.knows.b" in line
    assert "strength 2" in line and "strength 3" in line


def test_knowing_oneself_is_refused():
    (line,) = problems(book_text("a: {name: A, knows: {a: 3}}\n"))
    assert "cannot know themselves" in line


@pytest.mark.parametrize("tie", ["0", "6", "{strength: 3, credibility: 9}", "{credibility: 3}",
                                 "lots", "{strength: 3, trust: 4}"])
def test_bad_tie_values(tie):
    lines = problems(book_text(f"a: {{name: A, knows: {{b: {tie}}}}}\nb: {{name: B}}\n"))
    assert all("people.a.knows.b" in line for line in lines)


# --- companies --------------------------------------------------------------------

COMPANIES = """\
acme:
  name: Acme Robotics
  aliases: [Acme, ACME Robotics GmbH]
  outlook: growing
"""


@pytest.mark.parametrize("text", ["acme", "ACME", "Acme Robotics", "acme robotics",
                                  "acme robotics gmbh", "  Acme  ", "Acmé"])
def test_free_text_company_matches_id_name_or_alias(text):
    net = load(book_text(f"p: {{name: P, company: '{text}'}}\n", companies=COMPANIES))
    assert net.person_company["p"] == "acme"
    assert not net.companies["acme"].implicit
    assert list(net.companies) == ["acme"]


def test_unknown_company_is_created_once_for_every_spelling():
    net = load(book_text("""\
        p: {name: P, company: Initech}
        q: {name: Q, company: INITECH}
        r: {name: R, company: Acme}
        """, companies=COMPANIES))
    assert net.person_company == {"p": "initech", "q": "initech", "r": "acme"}
    initech = net.companies["initech"]
    assert initech.implicit and initech.name == "Initech" and initech.outlook is Outlook.UNKNOWN
    assert net.employees == {"acme": ("r",), "initech": ("p", "q")}


def test_implicit_company_never_takes_a_listed_id():
    net = load(book_text("p: {name: P, company: Acme.Robotics}\n",
                         companies="acme-robotics: {name: Other}\n"))
    cid = net.person_company["p"]
    assert cid != "acme-robotics" and net.companies[cid].implicit


def test_company_id_with_a_typo_is_an_error_not_a_new_company():
    (line,) = problems(book_text("p: {name: P, company: acme-robtics}\n",
                                 companies="acme-robotics: {name: Acme}\n"))
    assert "people.p.company" in line and "'acme-robotics'" in line


def test_seeking_companies_resolve_to_targets():
    net = load(book_text("", companies=COMPANIES,
                         me="  name: A\n  seeking: {companies: [acme, Acme, Initech]}\n"))
    assert net.targets == ("acme", "initech")


# --- references and fields --------------------------------------------------------

def test_dangling_ids_name_the_entry_and_the_missing_id():
    lines = problems(book_text("""\
        p:
          name: P
          communities: [pydata, nope]
          knows: {ghost: 3}
        """, communities="pydata: {name: PyData}\n",
        me="  name: A\n  communities: [pydata, gone]\n"))
    assert len(lines) == 3
    text = "\n".join(lines)
    assert "me.communities.1: unknown community 'gone'" in text
    assert "people.p.communities.1: unknown community 'nope'" in text
    assert "people.p.knows.ghost: unknown person 'ghost'" in text


def test_unknown_fields_are_located_at_the_key():
    lines = problems(book_text("""\
        p:
          name: P
          closenes: 3
        """) + "peoples: {}\n")
    assert [where(line) for line in lines] == [(7, 5), (8, 1)]
    assert all("unknown field" in line and "extra:" in line for line in lines)


def test_me_is_reserved():
    (line,) = problems(book_text("me: {name: Someone}\n"))
    assert "people.me" in line and "reserved" in line


@pytest.mark.parametrize("text, expected", [
    ("me: {name: A}\n", "netreach: required field is missing"),
    ("netreach: 1\n", "me: required field is missing"),
    ("netreach: 2\nme: {name: A}\n", "format version 2 is not supported"),
    ("netreach: 1\nme: {name: A}\npeople: {p: {title: T}}\n", "people.p.name: required"),
    ("netreach: 1\nme: {name: A}\npeople: [a, b]\n", "people: Input should be a valid dict"),
    ("netreach: 1\nme: {name: A}\npeople: {Dana Kim: {name: D}}\n", "not a valid id"),
    ("netreach: 1\nme: {name: A}\npeople: {p: {name: P, closeness: 6}}\n", "less than or equal"),
])
def test_schema_errors(text, expected):
    assert any(expected in line for line in problems(text))


def test_every_problem_reported_at_once_in_file_order():
    lines = problems(book_text("""\
        a: {name: A, closeness: 9}
        b: {name: B, vouch: -1, hiring: maybe}
        c: {title: no name}
        """))
    assert len(lines) == 4
    assert [where(line) for line in lines] == sorted(where(line) for line in lines)


def test_free_text_is_not_echoed_into_errors_unasked():
    # A message names fields, not the private notes that sit next to them.
    lines = problems(book_text("p: {name: P, notes: secret diary, closeness: 9}\n"))
    assert "secret diary" not in "\n".join(lines)


# --- the reader ------------------------------------------------------------------

def test_duplicate_keys_are_all_reported():
    lines = problems(MINIMAL + "  dana-kim:\n    name: Again\nnetreach: 1\n")
    assert [where(line) for line in lines] == [(7, 3), (9, 1)]
    assert all("duplicate key" in line for line in lines)


def test_duplicate_keys_inside_an_entry():
    (line,) = problems(book_text("p:\n  name: P\n  name: Q\n"))
    assert where(line) == (7, 5) and "duplicate key 'name'" in line


@pytest.mark.parametrize("text, expected", [
    ("netreach: 1\nme: &me {name: A}\npeople: {p: *me}\n", "anchors and aliases"),
    ("netreach: 1\nme: &me {name: A}\n", "anchors and aliases"),
    ("netreach: 1\nme: {name: !!python/object/apply:os.system [true]}\n", "YAML tags"),
    ("netreach: 1\nme: {name: !custom A}\n", "YAML tags"),
    ("netreach: 1\nme: !!map {name: A}\n", "YAML tags"),
    ("netreach: 1\nme: {name: A}\n---\nnetreach: 1\n", "several YAML documents"),
    ("netreach: 1\nme: {name: A}\n--- \n", "several YAML documents"),
    ("netreach: 1\nme: {name: A\n", "invalid YAML"),
    ("netreach: 1\n  me: x\n", "invalid YAML"),
    ("- netreach\n- 1\n", "must be a mapping"),
    ("just text\n", "must be a mapping"),
    ("? [a, b]\n: c\n", "keys must be plain text"),
    ("netreach: 1\n? \n: empty key\n", "empty key"),
    ("netreach: 1\nme: {name: A\x07}\n", "U+0007"),
    ("# only a comment\n", "the book is empty"),
    ("---\n", "the book is empty"),
    ("", "the book is empty"),
    ("  \n\n", "the book is empty"),
])
def test_hostile_or_broken_yaml(text, expected):
    lines = problems(text)
    assert any(expected in line for line in lines), lines


def test_python_tag_runs_nothing(tmp_path):
    sentinel = tmp_path / "pwned"
    text = f"netreach: 1\nme: !!python/object/apply:os.system ['touch {sentinel}']\n"
    problems(text)
    assert not sentinel.exists()


def test_alias_bomb_is_refused_without_expanding():
    # Nine levels of nine aliases: 387 million strings if anything expanded them.
    lines = ["netreach: 1", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 1000
    (line,) = problems(text)  # expanding it would take minutes and gigabytes
    assert where(line) == (2, 5) and "anchors and aliases" in line


@pytest.mark.parametrize("bad", [b for b in bad_book_params() if b.id.startswith("deep-")])
def test_deep_nesting_is_refused_without_crashing(bad, tmp_path):
    """One located problem in netreach's words: its own 64-level limit, or the parser's
    refusal under netreach's ``invalid YAML:`` prefix (PyYAML 6.0.4 stops deep flow
    nesting itself). The parser's own sentence is not netreach's to promise."""
    data = bad.make(tmp_path, tmp_path / "sentinel").read_bytes()
    (line,) = problems(data)
    message = LOCATED.sub("", line)
    assert message.startswith(TOO_DEEP), line


def test_nesting_up_to_the_limit_is_fine():
    depth = yamlread.MAX_DEPTH - 4  # the book, people, p and extra are four levels
    text = book_text(f"p: {{name: P, extra: {{x: {'[' * depth}{']' * depth}}}}}\n")
    nested: list[object] = []
    for _ in range(depth - 1):
        nested = [nested]
    assert load(text).people["p"].extra == {"x": nested}
    (line,) = problems(text.replace("[", "[[", 1).replace("]", "]]", 1))
    assert "nested deeper than 64 levels" in line


def test_too_big_a_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_BOOK_BYTES", 64)
    (line,) = problems(MINIMAL + "#" * 64 + "\n")
    assert where(line) == (1, 1) and "larger than a book may be (64 bytes)" in line


def test_too_long_a_value_is_refused(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_SCALAR_CHARS", 1000)
    (line,) = problems(book_text(f"p: {{name: P, notes: {'x' * 1001}}}\n"))
    assert where(line) == (5, 23) and "longer than 1,000 characters" in line


@pytest.mark.parametrize("data, expected, at", [
    (b"\xef\xbb\xbfnetreach: 1\nme: {name: A}\n", "byte-order mark", (1, 1)),
    (b"netreach: 1\nme: {name: Ren\xe9}\n", "not UTF-8", (2, 15)),
    (b"netreach: 1\nme: {name: \xff\xfe}\n", "not UTF-8", (2, 12)),
    (b"\xff\xfen\x00e\x00", "not UTF-8", (1, 1)),
    (b"netreach: 1\x00\n", "U+0000", (1, 12)),
])
def test_bytes_that_are_not_a_utf8_book(data, expected, at):
    (line,) = problems(data)
    assert expected in line and where(line) == at


def test_problem_render_without_location():
    assert Problem("x").render("f") == "f: x"
    assert Problem("x", 3).render("f") == "f:3: x"
    assert Problem("x", 3, 4, ("people", "p")).render("f") == "f:3:4: people.p: x"


def test_load_leaves_the_garbage_collector_as_it_was():
    assert gc.isenabled()
    load(MINIMAL)
    assert gc.isenabled()
    problems("netreach: 1\nnetreach: 1\n")
    assert gc.isenabled()


def test_example_book_loads(example_book):
    net = loading.load(example_book.read_bytes(), str(example_book))
    assert len(net.people) == 50
    assert {c.outlook for c in net.companies.values()} == set(Outlook)
    assert net.people["kofi-mensah"].extra == {"pb_half_marathon": "1:20:05"}
    assert net.people["ben-schwarz"].phone == "0305550123"
