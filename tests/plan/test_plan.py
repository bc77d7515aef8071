"""The plan's core without the CLI: steps, asks, checklist, follow-ups, warm ties."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from netreach.graph.hops import HopKind
from netreach.outreach import plan_rules
from netreach.outreach.plan import compose_plan
from netreach.outreach.plan_rules import Ask, add_business_days
from netreach.outreach.referral import Level
from tests.plan.conftest import TARGETS, TODAY, network_of, plan_for


def test_nordlicht_best_chain_asks_mira_for_a_referral_then_tobias_for_advice(example):
    plan = plan_for(example, "nordlicht")
    chain = plan.chains[0]
    assert [n.id for n in chain.route] == ["me", "mira-schulz", "tobias-lang"]
    mira, tobias = chain.steps
    assert mira.via.kind is HopKind.CONTACT and mira.ask is Ask.REFERRAL
    assert mira.leads_to is not None and mira.leads_to.id == "tobias-lang"
    assert tobias.via.kind is HopKind.INTRO and tobias.via.id == "mira-schulz"
    assert tobias.ask is Ask.ADVICE and tobias.leads_to is None
    assert chain.checklist.ready
    assert [i.level for i in chain.checklist.items] == [Level.MET] * 5


def test_the_example_ask_is_overdue_and_the_older_note_is_not_ticked(example):
    # people.mira-schulz.log: 2026-10-30 "Offered to introduce me to Tobias at Nordlicht",
    # then 2026-11-02 {outcome: asked, for: nordlicht, to: tobias-lang}
    mira, tobias = plan_for(example, "nordlicht").chains[0].steps
    assert mira.done is None and mira.state == "asked"
    assert mira.follow_up == dt.date(2026, 11, 9)  # a working week after the ask
    assert mira.looks_done is None  # the note is older than the ask
    # Nothing asked yet, so nothing can be late.
    assert tobias.state == "open" and tobias.follow_up is None and tobias.looks_done is None


def test_every_target_gets_chains_steps_drafts_and_dates(example):
    for company in TARGETS:
        plan = plan_for(example, company)
        assert plan.target.company.id == company
        assert 1 <= len(plan.chains) <= 3
        assert [c.rank for c in plan.chains] == list(range(1, len(plan.chains) + 1))
        scores = [c.score for c in plan.chains]
        assert scores == sorted(scores, reverse=True)
        for chain in plan.chains:
            people = [n for n in chain.route if n.kind.value == "person"]
            assert [s.person.id for s in chain.steps] == [n.id for n in people]
            assert chain.steps[-1].ask is not Ask.INTRODUCTION
            for step in chain.steps:
                assert step.message[0].startswith("Hi ")
                assert step.message[-1] == "Alex"
                assert (step.state == "asked") == (step.follow_up is not None)


def test_plans_follow_the_diverse_ranking_of_paths(example):
    from netreach.analysis.ranking import best_chains

    for company in TARGETS:
        ranked = best_chains(example, example.companies[company], today=TODAY, k=3)
        plan = plan_for(example, company)
        assert [[n.id for n in c.route] for c in plan.chains] == \
            [[s.id for s in c.steps] for c in ranked.chains]


def test_plans_are_deterministic_for_a_fixed_today(example):
    for company in TARGETS:
        assert plan_for(example, company) == plan_for(example, company)


def test_helio_maps_is_reached_by_joining_the_code_club(example):
    chain = plan_for(example, "helio-maps").chains[0]
    assert chain.route[1].id == "code-club-kreuzberg" and chain.route[1].joins
    first = chain.steps[0]
    assert first.via.kind is HopKind.MEET and not first.via.member
    assert "join it first" in first.action
    assert first.follow_up is None  # not asked yet
    # Karla volunteers at the code club: volunteering there is the upfront exchange, said
    # once, in the checklist the step points to.
    assert any("referral checklist below" in o for o in first.offer)
    checks = chain.checklist
    c = next(i for i in checks.items if i.letter == "c")
    assert any("Volunteer where Karla Neumann volunteers" in t for t in c.todo)
    assert checks.referrer == "karla-neumann" and not checks.ready
    assert first.ask is Ask.INTRODUCTION


def test_kiezbank_warms_felix_and_kofi_first(example):
    plan = plan_for(example, "kiezbank")
    warm = {t.person.id: t for t in plan.warm_first}
    assert set(warm) == {"felix-braun", "kofi-mensah"}
    assert warm["felix-braun"].person.last_contact == dt.date(2025, 1, 15)
    assert warm["felix-braun"].days == (TODAY - dt.date(2025, 1, 15)).days
    assert plan.warm_first[0].person.id == "felix-braun"  # the coldest first
    first = plan.chains[0].steps[0]
    assert first.person.id == "felix-braun"
    assert any(o.startswith("Warm the tie first") for o in first.offer)


def test_fresh_ties_are_not_listed_to_warm(example):
    # Of Nordlicht's first contacts (Mira, Sanne, Kofi) only Kofi has gone quiet.
    warm = plan_for(example, "nordlicht").warm_first
    assert [(t.person.id, t.chains) for t in warm] == [("kofi-mensah", (3,))]


def test_missing_criteria_come_with_the_upfront_exchange(small):
    chain = plan_for(small, "acme").chains[0]
    checks = chain.checklist
    assert checks.referrer == "ana"
    levels = {i.letter: i.level for i in checks.items}
    assert levels == {"a": Level.MET, "b": Level.MET, "c": Level.MISSING, "d": Level.MET,
                      "e": Level.PARTLY}
    c = next(i for i in checks.items if i.letter == "c")
    # Volunteer where they volunteer (their volunteer and club groups), a trial project,
    # work they can see.
    assert any("join Community Garden" in t for t in c.todo)
    assert any("Makers Club (you are a member" in t for t in c.todo)
    assert any("small trial project" in t for t in c.todo)
    assert any(t.startswith("Share work Ana Ruiz can see") for t in c.todo)
    assert not checks.ready
    assert chain.steps[0].ask is Ask.INTRODUCTION
    for item in checks.items:
        assert bool(item.todo) == (item.level is not Level.MET)


def test_a_ready_direct_colleague_is_asked_to_put_me_forward(small):
    chain = next(c for c in plan_for(small, "acme").chains if len(c.steps) == 1)
    (step,) = chain.steps
    assert step.person.id == "cara" and step.ask is Ask.REFERRAL and step.leads_to is None
    assert chain.checklist.referrer == "cara" and chain.checklist.ready
    a = chain.checklist.items[0]
    assert a.level is Level.PARTLY  # Cara cannot hire: ask who decides
    assert any("who decides" in t for t in a.todo)
    assert any("(a)" in o and "referral checklist below" in o for o in step.offer)


def test_raising_vouch_and_seen_makes_the_referrer_ready(small):
    book = small.book
    ana = book.people["ana"].model_copy(update={"seen_my_work": 4, "vouch": 4})
    better = dataclasses.replace(
        small, book=book.model_copy(update={"people": {**book.people, "ana": ana}}))
    chain = plan_for(better, "acme").chains[0]
    assert chain.checklist.ready
    assert chain.steps[0].ask is Ask.REFERRAL


def test_a_company_out_of_reach_gets_a_plan_with_hints():
    network = network_of("""\
        netreach: 1
        me: {name: Sam}
        companies: {acme: {name: Acme}}
        people:
          ben: {name: Ben, company: acme, hiring: true}
    """)
    plan = compose_plan(network, network.companies["acme"], today=TODAY)
    assert plan.chains == () and plan.warm_first == ()
    assert plan.best_score is None
    assert [c.name for c in plan.target.hiring] == ["Ben"]


@pytest.mark.parametrize(("start", "days", "end"), [
    ("2026-11-22", 5, "2026-11-27"),  # Sunday + 5 working days = Friday
    ("2026-11-20", 1, "2026-11-23"),  # Friday + 1 = Monday
    ("2026-11-21", 1, "2026-11-23"),  # Saturday + 1 = Monday
    ("2026-11-23", 5, "2026-11-30"),  # Monday + 5 = next Monday
    ("2026-11-23", 0, "2026-11-23"),
    ("2026-11-23", 20, "2026-12-21"),
])
def test_business_days(start, days, end):
    assert add_business_days(dt.date.fromisoformat(start), days) == dt.date.fromisoformat(end)


def test_strength_words():
    assert plan_rules.strength(0.5) == "strong"
    assert plan_rules.strength(plan_rules.STRONG_CHAIN) == "strong"
    assert plan_rules.strength(0.2) == "fair"
    assert plan_rules.strength(0.05) == "a long shot"
