"""Honest defaults for imported people (issue 17): marked, unrated, cold, maybe hiring."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netreach.analysis.ranking import best_chains
from netreach.analysis.suggest import suggest
from netreach.book.resolved import CompanyIndex
from netreach.cached.bookfile import open_book
from netreach.cached.packed_network import PackedNetwork
from netreach.graph import scoring
from netreach.graph.hops import HopKind
from netreach.outreach.drafts import draft
from netreach.outreach.plan import Ask
from netreach.transfer.guesses import likely_hires, real_company
from tests.io.conftest import TODAY, import_file, network_of


def test_imported_contacts_are_marked_unrated_and_keep_their_connection_date(book: Path):
    import_file(book, "linkedin", "friend_export.csv")
    net = network_of(book)
    greta = net.people["greta-nilsson"]
    assert greta.imported == "linkedin" and greta.is_direct
    assert greta.closeness is None and greta.closeness_unknown
    assert greta.connected_on == dt.date(2022, 5, 2) and greta.last_contact is None
    text = book.read_text(encoding="utf-8")
    assert "    imported: linkedin\n" in text and "    connected_on: 2022-05-02\n" in text


def test_via_imports_are_marked_and_not_direct(book: Path):
    import_file(book, "linkedin", "friend_export.csv", via="mira-schulz")
    greta = network_of(book).people["greta-nilsson"]
    assert greta.imported == "via-linkedin" and not greta.is_direct
    assert greta.connected_on is None


def test_hiring_is_guessed_from_titles_in_four_languages(empty_book: Path):
    import_file(empty_book, "linkedin", "titles_four_languages.csv")
    people = {p.name: p for p in network_of(empty_book).people.values()}
    likely = sorted(name for name, p in people.items() if p.hiring == "likely")
    assert likely == ["Anna Berg", "Ben Cole", "Cara Diaz", "Dirk Engel", "Elke Frank",
                      "Fabien Gros", "Gaëlle Hue", "Hugo Ibarra", "Inés Jara"]
    for name in ("Jon Kent", "Kai Lenz", "Lina Mora", "Maud Noir"):
        assert people[name].hiring is False and not people[name].may_hire


@pytest.mark.parametrize("title", ["CTO", "Head of Talent", "Director of Platform",
                                   "Engineering Manager", "Co-Founder", "Owner", "Partner",
                                   "Recruiter", "Abteilungsleiter IT", "Responsable RH",
                                   "Gerente de ventas", "VP Sales"])
def test_titles_that_suggest_hiring(title: str):
    assert likely_hires(title)


@pytest.mark.parametrize("title", ["Data Engineer", "Product Manager", "Intern", "Analyst",
                                   "Partner Manager", "Assistant to the Director", ""])
def test_titles_that_do_not(title: str):
    assert not likely_hires(title)


def test_what_the_person_set_wins_over_the_guess(book: Path):
    # Tobias is an "Engineering Manager, Platform" in the export; the book says no.
    text = book.read_text(encoding="utf-8")
    assert "    hiring: true\n" in text
    book.write_text(text.replace("    hiring: true\n", "    hiring: false\n"), encoding="utf-8")
    import_file(book, "linkedin", "friend_export.csv")
    net = network_of(book)
    assert net.people["tobias-lang"].hiring is False
    assert net.people["greta-nilsson"].hiring == "likely"  # Director of Platform, new


def test_placeholders_are_not_companies(empty_book: Path):
    import_file(empty_book, "linkedin", "placeholders.csv")
    net = network_of(empty_book)
    with_company = {p.name for pid, p in net.people.items() if pid in net.person_company}
    assert with_company == {"Zoe Adler"}
    assert [c.name for c in net.companies.values()] == ["Acme GmbH"]
    for text in ("Self-employed", "Freelance", "Stealth", "Stealth Startup", "Confidential",
                 "Retired", "--", "", "  ", "Selbstständig", "N/A"):
        assert real_company(text) is None, text


def test_company_text_lands_where_the_books_normaliser_puts_it(book: Path, tmp_path: Path):
    # One normaliser: whatever the book's CompanyIndex matches, the import matches.
    net = network_of(book)
    index = CompanyIndex(net.book.companies)
    texts = ["Kiezbank AG", "KIEZBANK", "Helio", "Nordlicht Energy GmbH", "Brightcart",
             "Datawerk Consulting"]
    path = tmp_path / "c.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
                    "".join(f"Person,N{i},,,{t},Engineer,01 Jan 2024\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    import_file(book, "linkedin", path)
    after = network_of(book)
    for i, text in enumerate(texts):
        pid = f"person-n{i}"
        expected = index.match(text)
        if expected is not None:
            assert after.person_company[pid] == expected, text
            assert after.people[pid].company == expected


def test_likely_hiring_scores_between_yes_and_no():
    assert scoring.hiring_factor(True) > scoring.hiring_factor("likely") > \
        scoring.hiring_factor(False)


def test_explain_and_plan_say_from_import(book: Path):
    import_file(book, "linkedin", "friend_export.csv")
    net = network_of(book)
    result = best_chains(net, net.companies["nordlicht"], today=TODAY, k=10)
    direct = [c for c in result.chains if c.steps[1].id == "greta-nilsson"]
    assert direct, "a cold connection at the target is still a chain"
    reasons = " ".join(f.reason for f in direct[0].factors)
    assert "from import" in reasons and "may hire (guessed from title)" in reasons
    assert abs(direct[0].score - _product(direct[0].factors)) < 1e-12


def _product(factors) -> float:
    out = 1.0
    for f in factors:
        out *= f.value
    return out


def test_drafts_do_not_pretend_we_have_talked(book: Path):
    import_file(book, "linkedin", "friend_export.csv")
    net = network_of(book)
    text = " ".join(draft(net, "greta-nilsson", via=HopKind.CONTACT, via_id=None,
                          ask=Ask.ADVICE, leads_to=None, company=net.companies["nordlicht"],
                          today=TODAY))
    assert "It has been a while" not in text and "not had the chance to talk" in text


def test_rewarm_never_lists_connection_dates(book: Path):
    import_file(book, "linkedin", "friend_export.csv")
    net = network_of(book)
    imported = {p for p, person in net.people.items() if person.closeness_unknown}
    result = suggest(net, today=TODAY)
    assert imported and not imported & {r.person for r in result.rewarm}


def test_the_cache_round_trips_every_new_field(book: Path, tmp_path: Path, monkeypatch):
    import_file(book, "linkedin", "namesakes.csv")
    import_file(book, "linkedin", "friend_export.csv", via="mira-schulz")
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NETREACH_NO_CACHE", "1")
    fresh = open_book(book).network
    monkeypatch.delenv("NETREACH_NO_CACHE")
    open_book(book)
    cached = open_book(book).network
    assert isinstance(cached, PackedNetwork)
    for pid, person in fresh.people.items():
        got = cached.people[pid]
        assert got == person and got.model_fields_set == person.model_fields_set
        assert (got.is_direct, got.closeness_unknown, got.may_hire) == (
            person.is_direct, person.closeness_unknown, person.may_hire)
    for cid in ("nordlicht", "kiezbank"):
        a = best_chains(fresh, fresh.companies[cid], today=TODAY)
        b = best_chains(cached, cached.companies[cid], today=TODAY)
        assert [(c.score, [s.id for s in c.steps]) for c in a.chains] == \
            [(c.score, [s.id for s in c.steps]) for c in b.chains]


def test_a_friends_connection_in_my_own_export_becomes_my_contact(book: Path):
    import_file(book, "linkedin", "friend_export.csv", via="mira-schulz")
    import_file(book, "linkedin", "friend_export.csv")
    net = network_of(book)
    greta = net.people["greta-nilsson"]
    assert greta.imported == "linkedin" and greta.is_direct and greta.closeness is None
    assert "mira-schulz" in net.ties["greta-nilsson"]  # Mira's tie stays
    assert net.people["mira-schulz"].closeness == 5  # rated by hand: untouched
