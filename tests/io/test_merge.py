"""Merging imported contacts into the book: match, fill only what is empty, never lose."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from netreach.book.model import Person
from netreach.cached import bookfile
from netreach.errors import NotFound
from netreach.transfer import merge
from netreach.transfer.importers import ImportFormat, run_import
from tests.io.conftest import fixture, import_file, network_of, plan_for

ALL_FIXTURES = [
    ("linkedin", "linkedin_connections.csv"),
    ("linkedin", "linkedin_old_layout.csv"),
    ("linkedin", "linkedin_long_preamble.csv"),
    ("vcard", "contacts_v3.vcf"),
    ("vcard", "contacts_v4.vcf"),
    ("google", "google_contacts.csv"),
    ("google", "google_old_layout.csv"),
]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_linkedin_import_adds_updates_and_reviews(book: Path):
    plan = import_file(book, "linkedin", "linkedin_connections.csv")
    assert [c.id for c in plan.added] == ["zoe-angstrom", "siobhan-o-brien", "amara-ezeh",
                                          "ravi-iyer-globex", "jurgen-weiss", "wei-zhang"]
    assert [c.id for c in plan.updated] == ["mira-schulz", "tobias-lang"]
    # namesakes without identifiers to tell them apart: added, marked for triage
    assert [(r.name, r.candidate, r.id) for r in plan.to_review] == [
        ("Amara Ezeh", "amara-eze", "amara-ezeh"), ("Ravi Iyer", "ravi-iyer", "ravi-iyer-globex")]
    assert [s.reason for s in plan.skipped] == ["no name (LinkedIn hides some members)",
                                               "this is you"]
    net = network_of(book)
    zoe = net.people["zoe-angstrom"]
    # closeness unknown: a direct contact from the import, not "we talked a few times"
    assert zoe.closeness is None and zoe.is_direct and zoe.closeness_unknown
    assert zoe.imported == "linkedin"
    assert zoe.title == 'Head of "Fun" Projects'
    assert zoe.hiring == "likely"  # "Head of": a guess, not a yes
    assert str(zoe.connected_on) == "2025-01-07" and zoe.last_contact is None
    assert net.people["jurgen-weiss"].hiring == "likely"  # Geschäftsführer
    assert net.people["wei-zhang"].hiring is False  # Data Engineer
    assert net.people["tobias-lang"].hiring is True  # set by hand: never replaced by a guess
    assert net.people["ravi-iyer-globex"].may_be == "ravi-iyer"
    assert net.person_company["siobhan-o-brien"] == "kiezbank"  # "Kiezbank AG" is an alias
    assert net.people["siobhan-o-brien"].company == "kiezbank"
    assert net.companies[net.person_company["jurgen-weiss"]].name == "Ölwerk Süd"
    assert net.people["ravi-iyer"].may_be is None


def test_hand_set_fields_are_never_overwritten(book: Path):
    before = network_of(book).people["mira-schulz"]
    import_file(book, "linkedin", "linkedin_connections.csv")
    after = network_of(book).people["mira-schulz"]
    # the file says "Staff SRE", connected 2021: the book's own values stay
    assert after.title == before.title == "Senior SRE"
    assert after.last_contact == before.last_contact
    assert after.closeness == 5
    assert after.url == "https://www.linkedin.com/in/mira-schulz-sre"  # was empty: filled


@pytest.mark.parametrize(("fmt", "name"), ALL_FIXTURES)
@pytest.mark.parametrize("via", [None, "kofi-mensah"])
def test_import_never_loses_what_the_book_holds(book: Path, fmt: str, name: str,
                                                via: str | None):
    before_text = book.read_text(encoding="utf-8")
    before = network_of(book)
    import_file(book, fmt, name, via=via)
    after_text = book.read_text(encoding="utf-8")
    after = network_of(book)
    for pid, person in before.people.items():
        now = after.people[pid]
        for field in Person.model_fields:
            old = getattr(person, field)
            if field == "communities":
                assert set(old) <= set(now.communities)
            elif field == "knows":
                for other, tie in old.items():
                    assert now.knows[other] == tie
            elif old not in (None, "", [], {}, 0, False):
                assert getattr(now, field) == old, (pid, field)
        for other, tie in before.ties[pid].items():
            assert after.ties[pid][other] == tie
    # Only lines added, or a flow mapping extended ({a: 1} -> {a: 1, b: 2}): every
    # line the person wrote is still there, in order.
    diff = list(difflib.ndiff(before_text.splitlines(), after_text.splitlines()))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    for line in removed:
        assert line.endswith("}") and any(new.startswith(line[:-1] + ", ") for new in added), line


@pytest.mark.parametrize(("fmt", "name"), ALL_FIXTURES)
@pytest.mark.parametrize("via", [None, "mira-schulz"])
def test_importing_twice_changes_nothing(book: Path, fmt: str, name: str, via: str | None):
    import_file(book, fmt, name, via=via)
    once = book.read_bytes()
    outcome = run_import(book, ImportFormat(fmt), fixture(name), via=via)
    assert (len(outcome.plan.added), len(outcome.plan.updated)) == (0, 0)
    assert outcome.plan.ties == () and outcome.plan.communities == ()
    assert outcome.written is False
    assert book.read_bytes() == once


def test_match_by_email_despite_another_name_and_company(book: Path, tmp_path: Path):
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER +
                 "Mira,Schulz-Weber,,MIRA@example.com,Elsewhere,Boss,01 Jan 2024\n")
    plan = plan_for(book, "linkedin", path)
    assert plan.added == () and plan.to_review == ()
    # the one field Mira's entry lacks: when we connected (never her last contact)
    assert [(c.id, dict(c.fields)) for c in plan.updated] == [
        ("mira-schulz", {"connected_on": dt.date(2024, 1, 1)})]


@pytest.mark.parametrize("url", ["https://example.org/~sanne", "http://www.example.org/~sanne/",
                                 "HTTPS://EXAMPLE.ORG/~sanne?trk=x"])
def test_match_by_profile_url(book: Path, tmp_path: Path, url: str):
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER +
                 f"Sanne,Vries,{url},,Another Co,Engineer,01 Jan 2024\n")
    plan = plan_for(book, "linkedin", path)
    assert [c.id for c in (*plan.unchanged, *plan.updated)] == ["sanne-de-vries"]
    assert plan.added == ()


def test_match_by_name_at_same_company_via_alias_and_accents(book: Path, tmp_path: Path):
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER +
                 "Ines,MOREAU,,,Helio,Engineering Manager,01 Jan 2024\n"
                 "Mehmet,Yilmaz,,,Datawerk,Architect,01 Jan 2024\n"
                 "Chloe,Martin,,,brightcart,Analyst,01 Jan 2024\n")
    plan = plan_for(book, "linkedin", path)
    assert plan.added == () and plan.to_review == ()
    assert sorted(c.id for c in plan.updated) == ["chloe-martin", "ines-moreau", "mehmet-yilmaz"]


def test_near_match_goes_to_review_and_is_not_merged(book: Path, tmp_path: Path):
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER +
                 "Tobias,Lange,,,Nordlicht Energy,Manager,01 Jan 2024\n"
                 "Oskar,Lind,,,Physio Plus,Physiotherapist,01 Jan 2024\n")
    before = book.read_bytes()
    plan = import_file(book, "linkedin", path)
    reasons = {r.candidate: r.reason for r in plan.to_review}
    assert reasons["tobias-lang"].startswith("similar name at the same company")
    assert reasons["oskar-lind"].startswith("same name; the book gives no company")
    # added as people of their own, marked for `netreach triage`; nobody merged
    assert plan.updated == ()
    net = network_of(book)
    assert net.people["tobias-lange"].may_be == "tobias-lang"
    assert net.people["oskar-lind-physio-plus"].may_be == "oskar-lind"
    assert net.people["tobias-lang"].name == "Tobias Lang"
    assert book.read_bytes().startswith(before.rstrip(b"\n"))


def test_duplicates_in_one_file_merge_into_one_person(empty_book: Path, tmp_path: Path):
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER +
                 "Ana,Ruiz,https://linkedin.example/in/ana,,Acme,Boss,01 Jan 2024\n"
                 "Ana,Ruiz,,ana@example.com,Acme,Boss,01 Jan 2024\n")
    plan = import_file(empty_book, "linkedin", path)
    assert [c.id for c in plan.added] == ["ana-ruiz"]
    assert [s.reason for s in plan.skipped] == ["same person as line 2 (ana-ruiz); merged into it"]
    ana = network_of(empty_book).people["ana-ruiz"]
    assert (ana.email, ana.url) == ("ana@example.com", "https://linkedin.example/in/ana")


def test_same_name_at_different_companies_in_one_file(empty_book: Path, tmp_path: Path):
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER +
                 "Ana,Ruiz,,,Acme,Boss,01 Jan 2024\nAna,Ruiz,,,Globex,Boss,01 Jan 2024\n")
    plan = plan_for(empty_book, "linkedin", path)
    assert [c.id for c in plan.added] == ["ana-ruiz", "ana-ruiz-globex"]
    assert [(r.candidate, r.id) for r in plan.to_review] == [("ana-ruiz", "ana-ruiz-globex")]


def test_via_makes_second_degree_ties_not_direct_contacts(book: Path):
    plan = import_file(book, "linkedin", "linkedin_old_layout.csv", via="mira-schulz")
    net = network_of(book)
    noor = net.people["noor-haddad"]
    assert noor.closeness is None and not noor.is_direct
    assert noor.last_contact is None  # their connection date is not my last contact
    assert net.ties["noor-haddad"]["mira-schulz"].strength == merge.VIA_STRENGTH
    assert net.ties["emeka-obi"]["mira-schulz"].strength == merge.VIA_STRENGTH
    # Lukas is already in the book and already Mira's tie (strength 3): no duplicate,
    # no new tie, and the strength the person chose stays.
    assert "lukas-meyer-2" not in net.people
    assert net.ties["lukas-meyer"]["mira-schulz"].strength == 3
    assert [c.id for c in plan.unchanged] == ["lukas-meyer"]
    assert {(t.person, t.other) for t in plan.ties} == {("noor-haddad", "mira-schulz"),
                                                       ("emeka-obi", "mira-schulz")}


def test_via_ties_existing_people_without_making_them_direct(book: Path):
    # Tobias (not my contact) and Mira (my contact) are both Kofi's connections now.
    plan = import_file(book, "linkedin", "linkedin_connections.csv", via="kofi-mensah")
    net = network_of(book)
    assert net.people["tobias-lang"].closeness is None
    assert net.ties["tobias-lang"]["kofi-mensah"].strength == merge.VIA_STRENGTH
    assert net.ties["mira-schulz"]["kofi-mensah"].strength == merge.VIA_STRENGTH
    assert net.people["mira-schulz"].closeness == 5
    assert all(net.people[c.id].closeness is None for c in plan.added)
    assert "this is you" in [s.reason for s in plan.skipped]


def test_via_skips_the_friend_themself(book: Path):
    plan = plan_for(book, "linkedin", "linkedin_connections.csv", via="mira-schulz")
    assert "this is mira-schulz themself" in [s.reason for s in plan.skipped]
    assert "mira-schulz" not in [c.id for c in (*plan.updated, *plan.unchanged)]


def test_via_unknown_person_is_refused(book: Path):
    with pytest.raises(NotFound, match="--via: no person 'nobody'"):
        plan_for(book, "linkedin", "linkedin_old_layout.csv", via="nobody")


def test_vcard_related_becomes_ties_and_categories_map_to_communities(book: Path):
    plan = import_file(book, "vcard", "contacts_v4.vcf")
    net = network_of(book)
    assert net.ties["ingrid-halvorsen"]["tariq-rahman"].strength == merge.RELATED_STRENGTH
    assert net.ties["ingrid-halvorsen"]["mira-schulz"].strength == merge.RELATED_STRENGTH
    assert net.people["ingrid-halvorsen"].communities == ["pydata-berlin"]  # by name
    assert plan.communities == ()
    assert net.people["ingrid-halvorsen"].email == "ingrid@fjord.example"


def test_google_labels_create_missing_communities_only(book: Path):
    plan = import_file(book, "google", "google_contacts.csv")
    net = network_of(book)
    assert [(c.id, c.name) for c in plan.communities] == [
        ("sailing-club-wannsee", "Sailing Club Wannsee")]
    assert net.communities["sailing-club-wannsee"].kind.value == "other"
    assert set(net.members["sailing-club-wannsee"]) == {"sven-eriksson", "soren-the-fixer-madsen"}
    karla = net.people["karla-neumann"]  # matched by email
    assert karla.title == "Teacher and Code Club organiser"  # kept
    assert karla.notes == "Organises the code club, Saturdays.\nAsk about mentoring."  # filled
    assert karla.phone == "+49 170 5550100"
    assert karla.communities == ["code-club-kreuzberg"]


def test_labels_extend_existing_membership_lists(book: Path, tmp_path: Path):
    path = write(tmp_path, "g.csv",
                 "First Name,Last Name,E-mail 1 - Value,Labels\r\n"
                 "Mira,Schulz,mira@example.com,* myContacts ::: PyData Berlin ::: Chess\r\n")
    import_file(book, "google", path)
    text = book.read_text(encoding="utf-8")
    assert "communities: [tu-berlin-alumni, platform-eng-berlin, pydata-berlin, chess]" in text


def test_company_text_that_looks_like_a_mistyped_id_gets_an_entry(book: Path, tmp_path: Path):
    # "data-werk" beside the id "datawerk" would read as a typo and make the book invalid.
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER + "Ana,Ruiz,,,data-werk,Boss,01 Jan 2024\n")
    plan = import_file(book, "linkedin", path)
    assert [(c.id, c.name) for c in plan.companies] == [("data-werk", "data-werk")]
    assert network_of(book).person_company["ana-ruiz"] == "data-werk"


def test_import_into_an_empty_book(empty_book: Path):
    plan = import_file(empty_book, "vcard", "contacts_v3.vcf")
    assert len(plan.added) == 4
    net = network_of(empty_book)
    assert net.people["greta-vogel"].communities == ["hpi-alumni-network"]
    assert net.communities["hpi-alumni-network"].name == "HPI Alumni Network"


def test_new_people_follow_an_import_comment(book: Path):
    import_file(book, "linkedin", "linkedin_long_preamble.csv")
    text = book.read_text(encoding="utf-8")
    assert "  # imported from linkedin linkedin_long_preamble.csv\n  marek-nowak:\n" in text


def test_ids_never_collide_with_me_or_existing_people(empty_book: Path, tmp_path: Path):
    path = write(tmp_path, "c.csv", LINKEDIN_HEADER + "Me,,,,,,\n李,雷,,,,,\n李,明,,,,,\n")
    plan = import_file(empty_book, "linkedin", path)
    assert [c.id for c in plan.added] == ["me-2", "person", "person-2"]


def test_progress_reports_each_stage(book: Path):
    seen: list[str] = []
    run_import(book, ImportFormat.LINKEDIN, fixture("linkedin_connections.csv"),
               progress=lambda stage, done, total: seen.append(stage))
    assert seen[0] == "match" and "apply" in seen and seen[-1] == "save"


def test_dry_run_writes_nothing_but_validates(book: Path):
    before = book.read_bytes()
    outcome = run_import(book, ImportFormat.LINKEDIN, fixture("linkedin_connections.csv"),
                         dry_run=True)
    assert len(outcome.plan.added) == 6 and outcome.written is False
    assert book.read_bytes() == before
    assert not list(book.parent.glob("*.tmp"))


def test_apply_plan_is_the_only_writer_and_writes_once(book: Path, monkeypatch):
    from netreach.book import storage

    calls: list[Path] = []
    real = storage.atomic_replace
    monkeypatch.setattr(storage, "atomic_replace",
                        lambda path, data, unchanged=None: (calls.append(path),
                                                            real(path, data, unchanged)))
    import_file(book, "google", "google_contacts.csv")
    assert calls == [book]


def test_plan_is_computed_against_the_network_not_the_disk(book: Path):
    network = bookfile.open_book(book).network
    parsed_plan = plan_for(book, "linkedin", "linkedin_connections.csv")
    assert parsed_plan.summary()["added"] == 6
    assert network.people["mira-schulz"].url is None  # planning changed nothing
