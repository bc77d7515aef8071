"""Tracking from structure: asks and outcomes in the log, never words in a note."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from netreach.book.model import LogEntry, Outcome
from netreach.book.network import Network
from netreach.outreach import drafts, plan_rules
from netreach.outreach.agenda import Urgency, agenda
from netreach.outreach.plan import Plan, compose_plan
from netreach.outreach.plan_rules import Ask
from tests.plan.conftest import TARGETS, TODAY, plan_for


def entry(date: str, note: str | None = None, **fields: Any) -> LogEntry:
    data: dict[str, Any] = {"date": date, "note": note, **fields}
    if "for_" in data:
        data["for"] = data.pop("for_")
    return LogEntry.model_validate({k: v for k, v in data.items() if v is not None})


def with_log(network: Network, pid: str, *entries: LogEntry) -> Network:
    """The network with ``entries`` appended to ``pid``'s log."""
    book = network.book
    person = book.people[pid]
    people = {**book.people, pid: person.model_copy(update={"log": [*person.log, *entries]})}
    return dataclasses.replace(network, book=book.model_copy(update={"people": people}))


def first_chain_steps(network: Network):
    return plan_for(network, "acme").chains[0].steps  # me -> ana -> ben


def test_an_outcome_for_the_person_company_and_target_marks_the_step_done(small):
    net = with_log(small, "ana", entry("2026-11-18", outcome="introduced", for_="acme",
                                       to="ben"))
    ana, ben = first_chain_steps(net)
    assert ana.done is not None and ana.done.outcome is Outcome.INTRODUCED
    assert ana.done.date == dt.date(2026, 11, 18) and not ana.done.implied
    assert ben.state == "open" and ben.follow_up is None
    # Ben's draft now says who suggested the message, because the log shows it.
    assert "Ana Ruiz suggested I write to you." in ben.message[1]


def test_outcomes_for_another_company_or_target_change_nothing(small):
    before = first_chain_steps(small)
    for e in (entry("2026-11-18", outcome="introduced", for_="other-co", to="ben"),
              entry("2026-11-18", outcome="introduced", for_="acme", to="cara"),
              entry("2026-11-18", outcome="introduced", for_="acme"),  # no target: not this
              entry("2026-05-01", outcome="introduced", for_="acme", to="ben"),  # too old
              entry("2026-11-25", outcome="introduced", for_="acme", to="ben")):  # future
        assert first_chain_steps(with_log(small, "ana", e)) == before, e


def test_a_free_text_note_only_looks_done(small):
    net = with_log(small, "ana", entry("2026-11-18", "Coffee; Ana will introduce me to Ben"))
    ana, _ = first_chain_steps(net)
    assert ana.done is None and ana.state == "open"
    assert ana.looks_done is not None
    assert ana.looks_done.command == "netreach outcome ana introduced --for acme --to ben"


def test_an_ask_starts_the_step_and_an_unanswered_ask_becomes_overdue(small):
    net = with_log(small, "ana", entry("2026-11-10", outcome="asked", for_="acme", to="ben"))
    ana, ben = first_chain_steps(net)
    assert ana.state == "asked" and ana.asked is not None
    assert ana.follow_up == plan_rules.add_business_days(dt.date(2026, 11, 10), 5)
    assert ana.follow_up < TODAY  # 2026-11-17: overdue on the 22nd
    result = agenda(net, [net.companies["acme"]], today=TODAY)
    assert result.items[0].person.id == "ana" and result.items[0].urgency is Urgency.OVERDUE
    # A step not asked never slides forward: it is "not started", with no date.
    assert ben.follow_up is None
    later = agenda(small, [small.companies["acme"]], today=dt.date(2026, 12, 20))
    assert all(i.urgency in (Urgency.START, Urgency.REWARM) for i in later.items)


def test_a_later_step_started_marks_earlier_ones_done(small):
    net = with_log(small, "ben", entry("2026-11-20", outcome="asked", for_="acme"))
    ana, ben = first_chain_steps(net)
    assert ana.done is not None and ana.done.implied
    assert ben.state == "asked"


def test_a_decline_moves_the_plan_to_a_chain_without_that_person(small):
    before = plan_for(small, "acme")
    assert any(s.person.id == "ana" for c in before.chains for s in c.steps)
    net = with_log(small, "ana", entry("2026-11-20", outcome="declined", for_="acme", to="ben"))
    after = plan_for(net, "acme")
    assert all(s.person.id != "ana" for c in after.chains for s in c.steps)
    assert after.chains  # cara still reaches acme
    assert {c.dropped.person for c in after.dropped if c.dropped} == {"ana"}
    # A later success for the same company takes the person back.
    back = with_log(net, "ana", entry("2026-11-21", outcome="introduced", for_="acme", to="ben"))
    assert plan_for(back, "acme").dropped == ()


def test_referral_draft_names_the_referrer_and_a_while_needs_earlier_contact(example):
    net = with_log(example, "mira-schulz", entry("2026-11-20", outcome="referred",
                                                 for_="nordlicht", to="tobias-lang"))
    tobias = plan_for(net, "nordlicht").chains[0].steps[1]
    assert tobias.message[1].startswith("Mira Schulz referred me to you.")
    # Someone I know but never logged talking to is not told "it has been a while".
    book = example.book
    people = {**book.people,
              "mira-schulz": book.people["mira-schulz"].model_copy(update={"last_contact": None})}
    fresh = dataclasses.replace(example, book=book.model_copy(update={"people": people}))
    first = plan_for(fresh, "nordlicht").chains[0].steps[0]
    assert drafts.A_WHILE not in first.message[1]


# --- properties ---------------------------------------------------------------------

OUTCOMES = [o.value for o in Outcome]


def _step_view(plan: Plan) -> list[Any]:
    return [(c.route, [(s.state, s.done, s.asked, s.follow_up, s.looks_done, s.message, s.ask)
                       for s in c.steps], c.checklist) for c in plan.chains]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_entry_for_company_a_never_changes_a_plan_for_company_b(example, data):
    a, b = data.draw(st.permutations(TARGETS))[:2]
    pid = data.draw(st.sampled_from(sorted(example.people)))
    to = data.draw(st.sampled_from([None, *sorted(example.people)]))
    outcome = data.draw(st.sampled_from(OUTCOMES))
    day = TODAY - dt.timedelta(days=data.draw(st.integers(0, 30)))
    net = with_log(example, pid, entry(day.isoformat(), "a note", outcome=outcome, for_=a,
                                       to=to))
    # last_contact is what `ask`/`outcome` also change; the entry itself must not touch B.
    assert _step_view(plan_for(net, b)) == _step_view(plan_for(example, b))


EVENT = {drafts.INTRODUCED: Outcome.INTRODUCED, drafts.REFERRED: Outcome.REFERRED,
         drafts.MET: Outcome.MET}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_draft_sentence_that_claims_an_event_has_it_in_the_log(example, data):
    net = example
    for _ in range(data.draw(st.integers(0, 4))):
        pid = data.draw(st.sampled_from(sorted(net.people)))
        net = with_log(net, pid, entry("2026-11-20", outcome=data.draw(st.sampled_from(OUTCOMES)),
                                       for_=data.draw(st.sampled_from(TARGETS)),
                                       to=data.draw(st.sampled_from(sorted(net.people)))))
    for company in TARGETS:
        for chain in plan_for(net, company).chains:
            for step in chain.steps:
                text = step.message[1]
                for phrase, outcome in EVENT.items():
                    if phrase not in text:
                        continue
                    if outcome is Outcome.MET:
                        sources = [(step.person.id, None)]
                    else:
                        who = re.match(rf"(.*) {phrase}", text)
                        assert who is not None and step.via.id is not None
                        assert who.group(1) == step.via.name
                        sources = [(step.via.id, step.person.id)]
                    assert any(e.outcome is outcome and e.for_ == company
                               and (to is None or e.to == to)
                               for pid, to in sources for e in net.people[pid].log), text
                if drafts.A_WHILE in text:
                    assert step.person.last_contact is not None
                    assert step.person.direct


def test_the_ask_of_every_step_agrees_in_step_checklist_and_draft(example, small):
    words = {Ask.REFERRAL: "referring me|putting me forward", Ask.INTRODUCTION: "introduce me",
             Ask.ADVICE: "advice"}
    for net, companies in ((example, TARGETS), (small, ("acme",))):
        for company in companies:
            plan = compose_plan(net, net.companies[company], today=TODAY, k=5)
            for chain in plan.chains:
                checks = chain.checklist
                for step in chain.steps:
                    ask_line = step.message[2]
                    assert re.search(words[step.ask], ask_line), (step.ask, ask_line)
                    for other, word in words.items():
                        if other is not step.ask and other is not Ask.ADVICE:
                            assert not re.search(word, ask_line)
                    if step.person.id == checks.referrer:
                        assert step.ask is checks.ask
                todos = " ".join(t for i in checks.items for t in i.todo)
                if checks.ask is Ask.REFERRAL:
                    assert "not a referral" not in todos and "not a vouch" not in todos
                else:
                    assert "comfortable referring you" not in todos
                assert (checks.ask is Ask.REFERRAL) == checks.ready or \
                    checks.referrer is None


def test_advice_is_said_once(example):
    for company in TARGETS:
        plan = plan_for(example, company)
        for chain in plan.chains:
            bullets = [o for s in chain.steps for o in s.offer]
            todos = {t for i in chain.checklist.items for t in i.todo}
            assert len(bullets) == len(set(bullets))
            assert not todos & set(bullets)  # the checklist says it; the step points to it
        tips = [t for _, t in plan.tips]
        assert len(tips) == len(set(tips))
        assert {a for a, _ in plan.tips} == {s.ask for c in plan.chains for s in c.steps
                                             if s.done is None}


def test_the_headline_is_never_lowercased_mid_sentence(example):
    headline = example.me.headline
    assert headline is not None
    for company in TARGETS:
        for chain in plan_for(example, company).chains:
            for step in chain.steps:
                assert headline in step.message[1]
                assert headline[0].lower() + headline[1:] not in step.message[1]


def test_next_orders_overdue_due_not_started_rewarm_with_one_item_per_person(example):
    today = dt.date(2026, 12, 2)
    net = with_log(example, "sanne-de-vries",  # asked 2026-11-20: follow up 11-27, overdue
                   entry("2026-11-20", outcome="asked", for_="nordlicht", to="pieter-jansen"))
    net = with_log(net, "felix-braun",  # asked 12-01: follow up 12-08, due this week
                   entry("2026-12-01", outcome="asked", for_="kiezbank", to="greta-vogel"))
    companies = [net.companies[c] for c in TARGETS]
    result = agenda(net, companies, today=today)
    order = [(i.person.id, i.urgency) for i in result.items]
    # Mira (the example's ask, follow-up 11-09) is more overdue than Sanne (11-27).
    assert order[:3] == [("mira-schulz", Urgency.OVERDUE), ("sanne-de-vries", Urgency.OVERDUE),
                         ("felix-braun", Urgency.DUE)]
    urgencies = [u for _, u in order]
    assert urgencies == sorted(urgencies)
    assert Urgency.START in urgencies
    people = [p for p, _ in order]
    assert len(people) == len(set(people))
    starts = [i for i in result.items if i.urgency is Urgency.START]
    scores = [i.best_score for i in starts]
    assert scores == sorted(scores, reverse=True)
    # Kofi: a stale tie on a kiezbank chain; with --week the later follow-ups go.
    assert any(i.warm is not None for i in result.items)
    week = agenda(net, companies, today=today, week=True)
    assert all(t.urgency is not Urgency.LATER for i in week.items for t in i.tasks)
