"""Who is who (issue 17): different identifiers are different people; namesakes stay apart."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netreach.transfer.matching import normal_url
from tests.io.conftest import import_file, network_of, plan_for

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def test_namesakes_with_different_identifiers_are_different_people(empty_book: Path):
    plan = import_file(empty_book, "linkedin", "namesakes.csv")
    net = network_of(empty_book)
    mullers = sorted(p for p, person in net.people.items() if person.name == "Michael Müller")
    # the VP of Engineering is kept, under a readable id of their own
    assert mullers == ["michael-muller", "michael-muller-siemens"]
    assert net.people["michael-muller-siemens"].title == "VP of Engineering"
    assert net.people["michael-muller-siemens"].url == (
        "https://www.linkedin.com/in/michael-mueller-vp")
    assert net.people["michael-muller"].email == "michael.mueller@siemens.example"
    # no identifier conflicts, same name at the same company: that row is one of
    # them, but which? only the person can say: not imported
    ambiguous = [r for r in plan.to_review if r.line == 4]
    assert ambiguous and ambiguous[0].id == "" and "2 people of this name" in ambiguous[0].reason
    assert not any(s.name == "Michael Müller" for s in plan.skipped)


def test_same_name_same_company_without_conflict_is_one_person(empty_book: Path,
                                                               tmp_path: Path):
    path = tmp_path / "c.csv"
    path.write_text(_csv([
        ["Ana", "Ruiz", "https://linkedin.example/in/ana", "", "Acme", "Engineer", ""],
        ["Ana", "Ruiz", "", "ana@example.com", "ACME", "Engineer", ""],
    ]), encoding="utf-8")
    plan = import_file(empty_book, "linkedin", path)
    assert [c.id for c in plan.added] == ["ana-ruiz"]
    ana = network_of(empty_book).people["ana-ruiz"]
    assert (ana.url, ana.email) == ("https://linkedin.example/in/ana", "ana@example.com")


def test_different_emails_at_one_company_are_two_people(empty_book: Path, tmp_path: Path):
    path = tmp_path / "c.csv"
    path.write_text(_csv([
        ["Ana", "Ruiz", "", "ana@acme.example", "Acme", "Engineer", ""],
        ["Ana", "Ruiz", "", "ana.ruiz@acme.example", "Acme", "Director", ""],
    ]), encoding="utf-8")
    plan = import_file(empty_book, "linkedin", path)
    assert [c.id for c in plan.added] == ["ana-ruiz", "ana-ruiz-acme"]
    assert plan.to_review == ()


def test_namesakes_without_identifiers_go_to_review_and_are_kept(empty_book: Path):
    plan = import_file(empty_book, "linkedin", "namesakes.csv")
    net = network_of(empty_book)
    # Laura Weber at Bosch, then at Zalando, nothing to tell them apart: a review
    laura = {r.id: r for r in plan.to_review if r.name == "Laura Weber"}
    assert list(laura) == ["laura-weber-zalando"]
    assert laura["laura-weber-zalando"].candidate == "laura-weber"
    assert net.people["laura-weber-zalando"].may_be == "laura-weber"
    # the third Laura (same name, same company, a URL the second lacks): no conflict, so
    # the same person as the second, and the URL fills her empty field
    assert "laura-weber-zalando-2" not in net.people
    assert net.people["laura-weber-zalando"].url == (
        "https://www.linkedin.com/in/laura-weber-zalando-2")


def test_reimporting_namesakes_changes_nothing(empty_book: Path):
    import_file(empty_book, "linkedin", "namesakes.csv")
    before = empty_book.read_bytes()
    plan = import_file(empty_book, "linkedin", "namesakes.csv")
    assert plan.added == () and plan.updated == ()
    assert empty_book.read_bytes() == before


def test_a_friends_export_with_overlapping_people(book: Path):
    import_file(book, "linkedin", "namesakes.csv")
    plan = import_file(book, "linkedin", "friend_export.csv", via="mira-schulz")
    net = network_of(book)
    # people the book has are tied to Mira, not duplicated; new ones are hers, not mine
    assert "pieter-jansen" in {t.person for t in plan.ties}
    assert "tobias-lang" in net.ties["mira-schulz"]
    assert "tobias-lang-2" not in net.people and "pieter-jansen-2" not in net.people
    # the VP matched by URL (an identifier), not a namesake-by-name
    assert "michael-muller-siemens" in net.ties["mira-schulz"]
    greta = net.people["greta-nilsson"]
    assert greta.imported == "via-linkedin" and not greta.is_direct
    assert greta.connected_on is None  # her connection date with Mira is not mine


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_every_distinct_profile_url_stays_a_person(tmp_path_factory, seed: int):
    """The small version of the 50,000-connection scenario: friends' exports that
    overlap, namesakes at one company; every distinct URL ends up as a person."""
    rng = random.Random(seed)
    tmp = tmp_path_factory.mktemp("via")
    book = tmp / "book.yaml"
    book.write_text("netreach: 1\nme:\n  name: Alex Rivera\npeople:\n" + "".join(
        f"  friend-{i}:\n    name: Friend {i}\n    closeness: 4\n" for i in range(3)),
        encoding="utf-8")
    pool = []
    for i in range(120):
        first, last = rng.choice(["Ana", "Ben", "Michael"]), rng.choice(["Müller", "Kim"])
        company = rng.choice(["Siemens", "Siemens AG", "Bosch", "Acme", ""])
        pool.append([first, last, f"https://www.linkedin.com/in/p{i}", "", company,
                     rng.choice(["CTO", "Engineer"]), "01 Jan 2024"])
    urls: set[str] = set()
    for i in range(3):
        rows = rng.sample(pool, 60)
        urls.update(normal_url(r[2]) for r in rows)
        path = tmp / f"f{i}.csv"
        path.write_text(_csv(rows), encoding="utf-8")
        import_file(book, "linkedin", path, via=f"friend-{i}")
    net = network_of(book)
    kept = {normal_url(p.url) for p in net.people.values() if p.url}
    assert kept == urls
    assert len(net.people) == 3 + len(urls)


def test_plan_reports_namesakes_added_not_held_back(empty_book: Path):
    plan = plan_for(empty_book, "linkedin", "namesakes.csv")
    assert {c.id for c in plan.added} >= {"michael-muller", "michael-muller-siemens",
                                          "laura-weber", "laura-weber-zalando"}
