"""Tracking: which `netreach log` entries mark a step done, and the follow-up dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from netreach.book.model import LogEntry
from netreach.book.network import Network
from netreach.outreach import plan_rules
from netreach.outreach.agenda import agenda
from netreach.outreach.tracking import find_done
from tests.plan.conftest import TODAY, plan_for


def with_log(network: Network, pid: str, *entries: tuple[str, str]) -> Network:
    """The network with ``entries`` (date, note) appended to ``pid``'s log."""
    book = network.book
    person = book.people[pid]
    log = [*person.log, *(LogEntry(date=dt.date.fromisoformat(d), note=n) for d, n in entries)]
    people = {**book.people, pid: person.model_copy(update={"log": log})}
    return dataclasses.replace(network, book=book.model_copy(update={"people": people}))


def first_chain_steps(network: Network):
    return plan_for(network, "acme").chains[0].steps  # me -> ana -> ben


@pytest.mark.parametrize("note", [
    "Asked her for an intro to Ben",       # the words, and the first name
    "Asked about Ben Ode at coffee",       # the full name
    "she knows ben well",                  # the id
    "Introduced me by email",              # introduc...
    "Will send a referral",                # referr...
    "BEN ODE said hi",                     # names are matched ignoring case
])
def test_an_entry_that_names_the_next_person_or_the_ask_marks_the_step_done(small, note):
    ana, ben = first_chain_steps(with_log(small, "ana", ("2026-11-18", note)))
    assert ana.done is not None
    assert ana.done.date == dt.date(2026, 11, 18) and ana.done.note == note
    assert ana.done.person == "ana" and not ana.done.implied
    assert ana.follow_up is None
    # The next step is due a working week after the day the step was done.
    assert ben.done is None
    assert ben.follow_up == plan_rules.add_business_days(dt.date(2026, 11, 18), 5)


@pytest.mark.parametrize(("date", "note"), [
    ("2026-11-18", "Birthday drinks"),                  # says nothing about the ask
    ("2026-11-18", "Sent my references to a recruiter"),  # "references" is not "refer"
    ("2026-11-18", "Talked about Benjamin Franklin"),   # a name inside a longer word
    ("2026-05-01", "Asked for an intro to Ben"),        # older than the tracking window
    ("2026-11-25", "Asked for an intro to Ben"),        # after today
])
def test_other_entries_do_not(small, date, note):
    ana, _ = first_chain_steps(with_log(small, "ana", (date, note)))
    assert ana.done is None
    assert ana.follow_up == plan_rules.add_business_days(TODAY, 5)


def test_the_earliest_matching_entry_in_the_window_counts(small):
    network = with_log(small, "ana", ("2026-11-19", "intro to Ben sent"),
                       ("2026-11-10", "asked for the intro"), ("2026-04-01", "intro, last year"))
    ana, _ = first_chain_steps(network)
    assert ana.done is not None and ana.done.date == dt.date(2026, 11, 10)


def test_an_advice_step_is_done_by_any_entry_and_marks_earlier_steps_done(small):
    network = with_log(small, "ben", ("2026-11-20", "Call: 20 minutes about the SRE team"))
    ana, ben = first_chain_steps(network)
    assert ben.done is not None and ben.done.date == dt.date(2026, 11, 20)
    assert ana.done is not None and ana.done.implied and ana.done.person == "ben"
    chain = plan_for(network, "acme").chains[0]
    assert chain.next_step is None


def test_find_done_reads_the_log_only():
    log = [LogEntry(date=dt.date(2026, 11, 1), note="x")]
    assert find_done("p", log, leads_to=None, any_entry=True, today=TODAY) is not None
    assert find_done("p", log, leads_to=("q", "Quinn"), any_entry=False, today=TODAY) is None
    assert find_done("p", [], leads_to=None, any_entry=True, today=TODAY) is None


def test_the_tracking_window_is_inclusive(small):
    oldest = TODAY - dt.timedelta(days=plan_rules.TRACKING_WINDOW_DAYS)
    ana, _ = first_chain_steps(with_log(small, "ana", (oldest.isoformat(), "intro")))
    assert ana.done is not None
    ana, _ = first_chain_steps(with_log(small, "ana", (TODAY.isoformat(), "intro")))
    assert ana.done is not None


def test_agenda_lists_the_next_step_of_each_chain_soonest_first(example):
    companies = [example.companies[c] for c in example.targets]
    result = agenda(example, companies, today=TODAY)
    dates = [i.follow_up for i in result.steps]
    assert dates == sorted(dates)
    first = result.steps[0]
    assert (first.company.id, first.chain, first.step.person.id) == \
        ("nordlicht", 1, "tobias-lang")
    assert result.due(first) and not result.due(result.steps[1])
    # Same day: the order of me.seeking.companies, then the chain's rank.
    same_day = [(i.company.id, i.chain) for i in result.steps
                if i.follow_up == dt.date(2026, 11, 27)]
    assert same_day == [("nordlicht", 2), ("nordlicht", 3), ("kiezbank", 1), ("kiezbank", 2),
                        ("kiezbank", 3)]
    assert result.complete == () and result.unreachable == ()


def test_agenda_reports_complete_chains_and_unreachable_companies(small):
    network = with_log(small, "ben", ("2026-11-20", "Call with Ben"))
    other = dataclasses.replace(network.companies["acme"], id="nowhere", name="Nowhere")
    network = dataclasses.replace(network, companies={**network.companies, "nowhere": other})
    result = agenda(network, [network.companies["acme"], other], today=TODAY)
    assert ("acme", 1) in result.complete
    assert [c.id for c in result.unreachable] == ["nowhere"]
    assert all(i.chain != 1 for i in result.steps)
