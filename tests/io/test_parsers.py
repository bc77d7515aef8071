"""The parsers read each real format, edge cases included, into Contact records."""

from __future__ import annotations

import datetime as dt

import pytest

from netreach.errors import ExitCode, ImportInvalid
from netreach.transfer.importers import ImportFormat, parse
from netreach.transfer.importers.linkedin import parse_date
from tests.io.conftest import fixture, parse_fixture


def by_name(parsed):
    return {c.name: c for c in parsed.contacts}


# --- LinkedIn -----------------------------------------------------------------


def test_linkedin_current_layout_with_preamble_and_crlf():
    assert b"\r\n" in fixture("linkedin_connections.csv").read_bytes()
    parsed = parse_fixture("linkedin", "linkedin_connections.csv")
    people = by_name(parsed)
    assert len(parsed.contacts) == 9
    tobias = people["Tobias Lang"]
    assert tobias.company == "Nordlicht Energy GmbH"
    assert tobias.title == "Engineering Manager, Platform"  # quoted comma
    assert tobias.emails == ()  # mostly empty emails
    assert tobias.urls == ("https://www.linkedin.com/in/tobias-lang-nl",)
    assert tobias.connected_on == dt.date(2024, 3, 15)
    assert tobias.line == 6  # the preamble is 3 lines, the header is line 4


def test_linkedin_quotes_and_non_ascii():
    people = by_name(parse_fixture("linkedin", "linkedin_connections.csv"))
    zoe = people["Zoë Ångström"]
    assert zoe.company == "Smith, Jones & Partners"
    assert zoe.title == 'Head of "Fun" Projects'  # doubled quotes
    assert people["Siobhán O'Brien"].emails == ("siobhan@example.net",)
    assert people["Jürgen Weiß"].company == "Ölwerk Süd"


def test_linkedin_row_without_name_is_skipped_with_its_line():
    parsed = parse_fixture("linkedin", "linkedin_connections.csv")
    assert [(s.line, s.name) for s in parsed.skipped] == [(11, "")]


def test_linkedin_older_layout_without_url_column():
    parsed = parse_fixture("linkedin", "linkedin_old_layout.csv")
    people = by_name(parsed)
    assert sorted(people) == ["Emeka Obi", "Lukas Meyer", "Noor Haddad"]
    assert people["Lukas Meyer"].urls == ()
    assert people["Lukas Meyer"].connected_on == dt.date(2024, 3, 15)
    assert people["Noor Haddad"].title == "Consultant, Data"
    assert people["Emeka Obi"].company is None
    assert people["Lukas Meyer"].line == 2


def test_linkedin_longer_preamble_and_bom():
    data = fixture("linkedin_long_preamble.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = parse_fixture("linkedin", "linkedin_long_preamble.csv")
    people = by_name(parsed)
    assert sorted(people) == ["Marek Nowak", "Paula Jung"]
    assert people["Marek Nowak"].company == 'Nowak "& Sons"'
    assert people["Paula Jung"].line == 9


@pytest.mark.parametrize("preamble_lines", [0, 1, 2, 5, 12])
def test_linkedin_header_found_after_any_preamble(preamble_lines: int):
    preamble = "".join(f'"Note {i}: some text, with a comma"\r\n' for i in range(preamble_lines))
    text = (preamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            "Ana,Ruiz,,ana@example.com,Acme,Boss,01 Jan 2024\r\n")
    parsed = parse(ImportFormat.LINKEDIN, text.encode(), "c.csv")
    assert [c.name for c in parsed.contacts] == ["Ana Ruiz"]
    assert parsed.contacts[0].line == preamble_lines + 2


def test_linkedin_columns_found_by_name_in_any_order():
    text = "Connected On,Company,Last Name,First Name\n15 Mar 2024,Acme,Ruiz,Ana\n"
    contact = parse(ImportFormat.LINKEDIN, text.encode(), "c.csv").contacts[0]
    assert (contact.name, contact.company) == ("Ana Ruiz", "Acme")
    assert contact.connected_on == dt.date(2024, 3, 15)


@pytest.mark.parametrize(("text", "date"), [
    ("15 Mar 2024", dt.date(2024, 3, 15)),
    ("5 Aug 2024", dt.date(2024, 8, 5)),
    ("3/15/24", dt.date(2024, 3, 15)),
    ("2024-03-15", dt.date(2024, 3, 15)),
    ("someday", None),
    ("", None),
])
def test_linkedin_dates(text: str, date: dt.date | None):
    assert parse_date(text) == date


@pytest.mark.parametrize(("name", "line", "words"), [
    ("not_linkedin.csv", 1, "no LinkedIn header row"),
    ("bad_quotes.csv", 2, "not readable as CSV"),
    ("latin1.csv", 2, "not UTF-8"),
])
def test_linkedin_bad_files_name_file_and_line(name: str, line: int, words: str):
    with pytest.raises(ImportInvalid) as err:
        parse_fixture("linkedin", name)
    assert err.value.exit_code == ExitCode.INVALID_INPUT == 65
    first = str(err.value).splitlines()[0]
    assert first.startswith(f"{fixture(name)}:{line}:")
    assert words in first


def test_linkedin_nul_byte_never_reaches_a_name():
    text = b"First Name,Last Name,Company\nA\x00na,B,C\n"
    assert parse(ImportFormat.LINKEDIN, text, "c.csv").contacts[0].name == "A na B"


def test_control_characters_are_removed_from_names():
    text = "First Name,Last Name,Company\nAn\x1b[31ma,Ru\x07iz,Ac\tme\n"
    contact = parse(ImportFormat.LINKEDIN, text.encode(), "c.csv").contacts[0]
    assert contact.name == "An [31ma Ru iz"
    assert contact.company == "Ac me"


def test_utf16_with_bom_is_read():
    text = "First Name,Last Name,Company\nZoë,Ångström,Acme\n"
    contact = parse(ImportFormat.LINKEDIN, text.encode("utf-16"), "c.csv").contacts[0]
    assert contact.name == "Zoë Ångström"


# --- vCard --------------------------------------------------------------------


def test_vcard3_many_cards_folding_and_escapes():
    parsed = parse_fixture("vcard", "contacts_v3.vcf")
    people = by_name(parsed)
    assert sorted(people) == ["Chidi Okafor", "Greta Vogel", "Hélène Dubois",
                              "nameless@example.com"]
    greta = people["Greta Vogel"]
    assert greta.company == "Datawerk Consulting"  # the organisation, not its unit
    assert greta.phones == ("+49 30 5550199",)
    # a folded line, with escaped comma and semicolon
    assert greta.notes == ("Met at the HPI summer fest. Knows everyone in the Berlin data "
                           "scene, and says so; often.")
    assert greta.communities == ("HPI Alumni Network",)
    helene = people["Hélène Dubois"]
    assert helene.company == "Muster, Beispiel & Co."
    assert helene.title == "Head of Data; Analytics"
    assert helene.emails == ("helene@example.fr", "h.dubois@example.org")
    assert helene.communities == ("Chess Club Kreuzberg", "Book Club, Thursdays")
    assert helene.notes is not None and helene.notes.startswith("First line\nSecond line")
    assert "must be folded over two lines" in helene.notes
    assert helene.line == 13


def test_vcard_name_from_n_when_fn_is_missing_and_email_as_last_resort():
    people = by_name(parse_fixture("vcard", "contacts_v3.vcf"))
    assert people["Chidi Okafor"].company == "Tramline Mobility"
    assert people["nameless@example.com"].emails == ("nameless@example.com",)


def test_vcard4_related_uid_and_several_values():
    people = by_name(parse_fixture("vcard", "contacts_v4.vcf"))
    ingrid = people["Ingrid Halvorsen"]
    assert ingrid.uid == "urn:uuid:5d1b8a6e-0001-4c1e-9a51-6f2a9b0c0001"
    assert ingrid.related == ("urn:uuid:5d1b8a6e-0002-4c1e-9a51-6f2a9b0c0002", "Mira Schulz")
    assert ingrid.emails == ("ingrid@fjord.example", "ingrid.h@example.no")
    assert ingrid.communities == ("PyData Berlin",)
    assert ingrid.notes == ("Met at PyData Berlin 2025; talked about data contracts, lakehouses "
                            "and the Oslo meetup.")  # folded, with escapes
    assert people["Tariq Rahman"].notes == "Runs the Fjord platform guild, hires for it in 2027."


def test_vcard_broken_card_names_its_line():
    with pytest.raises(ImportInvalid) as err:
        parse_fixture("vcard", "broken.vcf")
    assert str(err.value).startswith(f"{fixture('broken.vcf')}:8: not a valid vCard")


@pytest.mark.parametrize("text", ["", "hello\n", "BEGIN:VCALENDAR\nEND:VCALENDAR\n"])
def test_vcard_without_cards_is_an_error(text: str):
    with pytest.raises(ImportInvalid):
        parse(ImportFormat.VCARD, text.encode(), "x.vcf")


def test_vcard_unclosed_card_is_an_error():
    with pytest.raises(ImportInvalid, match=r"x.vcf:\d+: not a valid vCard"):
        parse(ImportFormat.VCARD, b"BEGIN:VCARD\nVERSION:3.0\nFN:A\n", "x.vcf")


# --- Google -------------------------------------------------------------------


def test_google_numbered_columns_and_multi_values():
    parsed = parse_fixture("google", "google_contacts.csv")
    people = by_name(parsed)
    sven = people["Sven Eriksson"]
    assert sven.emails == ("sven@nordlicht.example", "sven.e@example.se",
                           "sven.private@example.se")
    assert sven.phones == ("+46 70 5550101", "+49 30 5550102")
    assert sven.urls == ("https://example.se/sven",)
    assert sven.company == "Nordlicht Energy"
    assert sven.title == "Head of Grid Software"


def test_google_labels_become_communities_without_system_labels():
    people = by_name(parse_fixture("google", "google_contacts.csv"))
    assert people["Sven Eriksson"].communities == ("Sailing Club Wannsee",)
    assert people["Karla Neumann"].communities == ("Code Club Kreuzberg",)
    assert people["Karla Neumann"].notes == (
        "Organises the code club, Saturdays.\nAsk about mentoring.")
    assert people['Søren "The Fixer" Madsen'].company == "Smith, Jones & Partners"


def test_google_empty_row_is_skipped():
    parsed = parse_fixture("google", "google_contacts.csv")
    assert [(s.line, s.reason) for s in parsed.skipped] == [(7, "no name and no email")]


def test_google_older_layout():
    people = by_name(parse_fixture("google", "google_old_layout.csv"))
    farid = people["Farid Aziz"]
    assert farid.company == "Quellcode Health"
    assert farid.title == "Backend Engineer"
    assert farid.communities == ("Tempelhof Runners",)
    assert farid.emails == ("farid@example.com",)
    assert people["Nadia Petrova"].company == "Kiezbank"  # name from Given/Family Name


def test_google_refuses_another_csv():
    with pytest.raises(ImportInvalid, match=r"linkedin_connections\.csv:1: not a Google"):
        parse_fixture("google", "linkedin_connections.csv")
