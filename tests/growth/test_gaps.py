"""Gap findings are computed from the book: change the book and the finding changes,
and each one names the people and companies behind it."""

from __future__ import annotations

from netreach.analysis.gaps import names
from netreach.analysis.reach import reach
from tests.growth.books import TODAY, book


def findings(network, kind, max_hops=4):
    return [f for f in reach(network, today=TODAY, max_hops=max_hops).findings
            if f.kind == kind]


def dana_book(extra_way_in=False):
    """Five targets: three reachable only through Dana, one through Ola, one with
    nobody in the book."""
    people = {
        "dana": {"name": "Dana Kim", "closeness": 4, "seen_my_work": 3, "vouch": 3,
                 "last_contact": "2026-11-01", "knows": {"a1": 4, "b1": 3, "c1": 3}},
        "ola": {"name": "Ola", "closeness": 3, "seen_my_work": 3, "last_contact": "2026-11-01",
                "knows": {"d1": 4}},
        "a1": {"name": "A One", "company": "a", "hiring": True},
        "b1": {"name": "B One", "company": "b", "hiring": True},
        "c1": {"name": "C One", "company": "c", "hiring": True},
        "d1": {"name": "D One", "company": "d", "hiring": True},
    }
    if extra_way_in:
        people["ola"]["knows"]["a1"] = 2
    companies = {c: {"name": c.upper() + " Corp", "outlook": "growing"}
                 for c in ("a", "b", "c", "d", "e")}
    return book(people, companies=companies, targets=["a", "b", "c", "d", "e"])


def test_targets_reachable_only_through_one_person():
    dana, ola = findings(dana_book(), "single-point")
    assert dana.message.startswith(
        "3 of your 5 targets (A Corp, B Corp and C Corp) are reachable only through Dana Kim")
    assert dana.people == ("dana",)
    assert dana.companies == ("a", "b", "c")
    assert ola.message.startswith("1 of your 5 targets (D Corp) is reachable only through Ola")
    dana, ola = findings(dana_book(extra_way_in=True), "single-point")
    assert dana.message.startswith("2 of your 5 targets (B Corp and C Corp)")


def test_target_with_nobody_in_the_book():
    (finding,) = findings(dana_book(), "nobody-there")
    assert "nobody in your book works at E Corp" in finding.message
    assert finding.companies == ("e",)


def test_out_of_reach_names_the_people_there():
    (finding,) = findings(dana_book(), "out-of-reach", max_hops=1)
    assert finding.companies == ("a", "b", "c", "d")
    assert "4 of your 5 targets are out of reach within 1 hop" in finding.message
    assert findings(dana_book(), "out-of-reach") == []


def growing_ring_book(direct_at_growing):
    people = {
        "ann": {"name": "Ann", "closeness": 3, "company": "slow", "knows": {"bob": 3}},
        "bob": {"name": "Bob", "company": "slow", "knows": {"cy": 3}},
        "cy": {"name": "Cy", "company": "rocket"},
    }
    if direct_at_growing:
        people["ann"]["company"] = "rocket"
    companies = {"slow": {"name": "Slow", "outlook": "shrinking"},
                 "rocket": {"name": "Rocket", "outlook": "growing"}}
    return book(people, companies=companies)


def test_no_contact_at_a_growing_company():
    found = findings(growing_ring_book(False), "growing")
    assert [f.message for f in found] == [
        "none of your 1 direct contacts works at a growing company (nearest: Rocket at 3 hops)",
        "none of your 1 2-hop contacts (friends of friends) works at a growing company "
        "(nearest: Rocket at 3 hops)",
    ]
    assert found[0].companies == ("rocket",)
    assert findings(growing_ring_book(True), "growing")[0].message.startswith(
        "none of your 1 2-hop contacts")
    assert len(findings(growing_ring_book(True), "growing")) == 1


def seen_book(seen):
    return book({
        "ann": {"name": "Ann", "closeness": 3, "seen_my_work": seen,
                "last_contact": "2026-11-01", "knows": {"bob": 4}},
        "bob": {"name": "Bob", "company": "acme", "hiring": True},
    }, targets=["acme"])


def test_nobody_on_the_chain_has_seen_my_work():
    (finding,) = findings(seen_book(1), "unseen")
    assert "nobody on your best chain to Acme has seen your work (first contacts: Ann)" \
        in finding.message
    assert finding.people == ("ann",) and finding.companies == ("acme",)
    assert findings(seen_book(2), "unseen") == []


def stale_book(last_contact):
    return book({
        "ann": {"name": "Ann", "closeness": 3, "seen_my_work": 3, "last_contact": last_contact,
                "knows": {"bob": 4}},
        "bob": {"name": "Bob", "company": "acme", "hiring": True},
    }, targets=["acme"])


def test_stale_first_contact_on_the_best_chain():
    (finding,) = findings(stale_book("2024-01-01"), "stale")
    assert finding.message.startswith("Ann (last contact 2024-01-01) has gone quiet but starts "
                                      "your best chain to Acme")
    assert finding.people == ("ann",)
    assert findings(stale_book("2026-10-01"), "stale") == []


def test_nobody_reachable_can_hire():
    network = book({
        "ann": {"name": "Ann", "closeness": 3, "knows": {"bob": 4}},
        "bob": {"name": "Bob", "company": "acme"},
        "cat": {"name": "Cat", "company": "acme", "hiring": True},
    }, targets=["acme"])
    (finding,) = findings(network, "no-hiring")
    assert finding.message == ("nobody you can reach at Acme can hire (Bob would have to "
                               "pass you on); Cat can, beyond 4 hops")
    assert finding.people == ("bob", "cat")


def test_example_book_findings(example_book):
    from netreach.book.loading import load

    network = load(example_book.read_bytes(), str(example_book))
    found = reach(network, today=TODAY).findings
    kinds = [f.kind for f in found]
    assert kinds == ["unseen", "stale"]
    assert found[1].people == ("felix-braun",)


def test_names_lists_read_as_prose():
    assert names([]) == ""
    assert names(["A"]) == "A"
    assert names(["A", "B"]) == "A and B"
    assert names(["A", "B", "C"]) == "A, B and C"
    assert names(list("ABCDEF")) == "A, B, C, D and 2 more"
