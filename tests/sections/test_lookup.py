"""The one resolver on a table of spellings: exact ids, names, aliases, legal suffixes,
accents, case, near misses and namesakes; and company keys, which imports share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netreach.book import lookup
from netreach.book.loading import load
from netreach.book.names import LEGAL_SUFFIXES, company_key
from netreach.errors import Ambiguous, NotFound

BOOK = """\
netreach: 1
me: {name: Alex Rivera, seeking: {companies: [orbital]}}
companies:
  nordwind: {name: Nordwind Robotics, aliases: [NWR]}
  nordwind-logistics: {name: Nordwind Logistics}
  helix-bio: {name: Helix Bio}
  zuerich: {name: Zürich Versicherung AG}
  orbital-labs: {name: Orbital Labs}
  procter: {name: Procter & Gamble Co.}
communities:
  berlin-climbers: {name: Berlin Climbers, kind: club}
  pydata-berlin: {name: PyData Berlin, kind: meetup}
people:
  priya-raman: {name: Priya Raman, company: nordwind}
  priya-raman-2: {name: Priya Raman, company: helix-bio}
  marcus-weber: {name: Marcus Weber, company: Orbital Labs GmbH}
  soren-kjaer: {name: Søren Kjær, company: NORDWIND ROBOTICS GMBH}
  lena-vogt: {name: Lena Vogt, company: Kollektiv Sieben}
"""


@pytest.fixture(scope="module")
def network():
    return load(BOOK.encode(), "book.yaml")


RAISES = {"?": NotFound, "*": Ambiguous}
TABLE = [
    # companies: id, name, alias, suffixes, case, accents, punctuation, fuzzy
    ("company", "nordwind", "nordwind"),
    ("company", "Nordwind Robotics GmbH", "nordwind"),
    ("company", "nordwind robotics", "nordwind"),
    ("company", "NWR Inc.", "nordwind"),
    ("company", "Nordwind Logistics", "nordwind-logistics"),  # never a substring match
    ("company", "nordwind logistics S.A.", "nordwind-logistics"),
    ("company", "Zurich Versicherung", "zuerich"),
    ("company", "zürich versicherung ag", "zuerich"),
    ("company", "Procter and Gamble", "procter"),
    ("company", "procter & gamble", "procter"),
    ("company", "Helix-Bio Ltd", "helix-bio"),
    ("company", "helix", "helix-bio"),  # a clear fuzzy match
    ("company", "Nordwind Robotix", "nordwind"),
    ("company", "Zurich Versicherungen", "zuerich"),
    ("company", "Orbital Labz", "*"),  # Orbital Labs, or the target "orbital" (no one there)
    ("company", "kollektiv sieben", "kollektiv-sieben"),  # an implicit company
    ("company", "nordwind l", "*"),  # close to both Nordwind companies
    ("company", "helx", "?"),  # too far to take: "did you mean helix-bio?"
    ("company", "Quantum Bakery", "?"),
    ("company", "  ", "?"),
    # people: id, name, namesakes, accents, fuzzy first names
    ("person", "priya-raman", "priya-raman"),  # an exact id wins over a shared name
    ("person", "Priya Raman", "*"),  # namesakes: listed, never guessed
    ("person", "priya", "*"),
    ("person", "marcus", "marcus-weber"),
    ("person", "MARCUS WEBER", "marcus-weber"),
    ("person", "Soren Kjaer", "soren-kjaer"),
    ("person", "søren", "soren-kjaer"),
    ("person", "Lena Voigt", "lena-vogt"),
    ("person", "nobody at all", "?"),
    # communities
    ("community", "Berlin Climbers", "berlin-climbers"),
    ("community", "berlin climber", "berlin-climbers"),
    ("community", "pydata", "pydata-berlin"),
    ("community", "chess club", "?"),
]


@pytest.mark.parametrize("kind, query, expected", TABLE)
def test_spellings(network, kind, query, expected):
    resolve = {"person": lookup.resolve_person, "community": lookup.resolve_community,
               "company": lambda n, q: lookup.resolve_company(n, q).company.id}[kind]
    if expected in RAISES:
        with pytest.raises(RAISES[expected]):
            resolve(network, query)
    else:
        assert resolve(network, query) == expected


def test_unknown_names_suggest_at_most_three(network):
    with pytest.raises(NotFound) as err:
        lookup.resolve_person(network, "Priyanka Ramanathan Weber")
    assert "did you mean" in str(err.value)
    assert str(err.value).count("(") <= 3


def test_namesakes_are_listed_with_their_companies(network):
    with pytest.raises(Ambiguous) as err:
        lookup.resolve_person(network, "priya raman ")
    assert "Nordwind Robotics" in str(err.value) and "Helix Bio" in str(err.value)


def test_spellings_of_one_employer_are_one_company(network):
    assert network.person_company["soren-kjaer"] == "nordwind"
    assert network.person_company["marcus-weber"] == "orbital-labs"
    assert network.employees["nordwind"] == ("priya-raman", "soren-kjaer")


def test_validate_warns_about_a_target_nobody_works_at(network):
    from netreach.book.checks import warnings

    (line,) = warnings(network)
    assert "'orbital'" in line and "orbital-labs" in line


def test_validate_warns_about_an_alias_two_companies_share():
    from netreach.book.checks import warnings

    net = load(BOOK.replace("aliases: [NWR]", "aliases: [NWR, Helix Bio]").encode(), "b")
    assert any("'Helix Bio' also names helix-bio" in w for w in warnings(net))


def test_imports_use_the_same_company_keys(network):
    from netreach.transfer.matching import CompanyKeys

    keys = CompanyKeys(network.companies)
    assert keys.key("Nordwind Robotics GmbH") == keys.key("nordwind") == "nordwind"
    assert keys.key("Kollektiv Sieben UG") == "kollektiv-sieben"
    assert keys.key("Nordwind Logistics") != keys.key("Nordwind Robotics")


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=1, max_size=8)


@given(st.lists(words, min_size=1, max_size=4), st.sampled_from(sorted(LEGAL_SUFFIXES)),
       st.sampled_from(["", ".", ","]))
def test_a_legal_suffix_never_changes_the_key(name_words, suffix, punctuation):
    name = " ".join(name_words)
    if name_words[-1] in LEGAL_SUFFIXES or company_key(name) in LEGAL_SUFFIXES:
        return  # "Foo AG" and "Foo" are one company; "AG" alone keeps its word
    assert company_key(f"{name}{punctuation} {suffix.upper()}") == company_key(name)


@given(st.lists(words, min_size=2, max_size=4), words)
def test_a_different_word_is_a_different_key(name_words, other):
    name = " ".join(name_words)
    changed = " ".join([*name_words[:-1], other])
    if company_key(other) == company_key(name_words[-1]) or other in LEGAL_SUFFIXES or \
            name_words[-1] in LEGAL_SUFFIXES:
        return
    assert company_key(changed) != company_key(name)


def test_a_cached_book_finds_people_by_name_like_a_fresh_one(tmp_path):
    """The packed cache carries the names column the resolver reads."""
    from netreach.cached.bookfile import open_book

    path = tmp_path / "contacts.yaml"
    path.write_text(BOOK)
    fresh = load(BOOK.encode(), "b")
    open_book(path)  # stores the packed form
    cached = open_book(path).network
    assert type(cached).__name__ == "PackedNetwork"
    assert dict(cached.person_names()) == dict(fresh.person_names())
    for query in ("Priya Raman", "marcus", "Soren Kjaer", "nobody at all"):
        assert lookup.find(cached, "person", query) == lookup.find(fresh, "person", query)


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéø ", min_size=1, max_size=12).filter(
    lambda s: s.strip() != "")


@given(st.lists(names, min_size=1, max_size=8))
def test_every_id_finds_itself_and_every_unshared_name_its_entry(people):
    from netreach.book.names import fold

    lines = [f"  p{i}: {{name: '{name}'}}" for i, name in enumerate(people)]
    net = load(("netreach: 1\nme: {name: Me}\npeople:\n" + "\n".join(lines) + "\n").encode(),
               "b")
    for i, name in enumerate(people):
        assert lookup.resolve_person(net, f"p{i}") == f"p{i}"
        sharing = [j for j, other in enumerate(people) if fold(other) == fold(name)]
        if len(sharing) == 1 and not any(fold(name) == f"p{j}" for j in range(len(people))):
            assert lookup.resolve_person(net, name.upper()) == f"p{i}"
        elif len(sharing) > 1:
            with pytest.raises(Ambiguous):
                lookup.resolve_person(net, name)
