"""Properties of plans over random books (hypothesis): every plan is well formed, follows
the ranking, renders in every format, and its tracking is consistent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains
from netreach.graph.hops import HopKind, NodeKind
from netreach.outreach.plan import compose_plan
from netreach.outreach.plan_rules import Ask
from netreach.render.plan_formats import PlanFormat, render
from tests.ranking.books import TODAY, network_of, raw_books
from tests.tiers import examples

OUTCOMES = ["asked", "introduced", "referred", "met", "applied", "interview", "offer"]
"""Not declined / no-reply: those change which chains a plan follows (test_tracking)."""

NOTES = ["coffee", "asked for an intro", "talked about {other}", "referral sent",
         "{other} says hi", "nothing much"]


@st.composite
def books_with_logs(draw: st.DrawFn) -> dict[str, Any]:
    raw = draw(raw_books())
    pids = sorted(raw["people"])
    for pid in pids:
        entries = []
        for _ in range(draw(st.integers(0, 2))):
            day = TODAY - dt.timedelta(days=draw(st.integers(-30, 400)))
            note = draw(st.sampled_from(NOTES)).format(other=draw(st.sampled_from(pids)))
            entry = {"date": day.isoformat(), "note": note}
            companies = sorted(raw.get("companies") or {})
            if companies and draw(st.booleans()):
                entry.update({"outcome": draw(st.sampled_from(OUTCOMES)),
                              "for": draw(st.sampled_from(companies))})
                if draw(st.booleans()):
                    entry["to"] = draw(st.sampled_from(pids))
            entries.append(entry)
        if entries:
            raw["people"][pid]["log"] = entries
    return raw


@settings(max_examples=examples(150), deadline=None)
@given(raw=books_with_logs(), k=st.integers(1, 4))
def test_plans_are_well_formed(raw, k):
    network = network_of(raw)
    for cid in sorted(network.employees):
        company = network.companies[cid]
        plan = compose_plan(network, company, today=TODAY, k=k)
        ranked = best_chains(network, company, today=TODAY, k=k)
        assert [[n.id for n in c.route] for c in plan.chains] == \
            [[s.id for s in c.steps] for c in ranked.chains]
        assert plan == compose_plan(network, company, today=TODAY, k=k)
        for chain in plan.chains:
            people = [n.id for n in chain.route if n.kind is NodeKind.PERSON]
            assert [s.person.id for s in chain.steps] == people
            assert [s.number for s in chain.steps] == list(range(1, len(people) + 1))
            last = chain.steps[-1]
            assert last.ask in (Ask.ADVICE, Ask.REFERRAL) and last.leads_to is None
            for step, nxt in zip(chain.steps, chain.steps[1:], strict=False):
                assert step.leads_to is not None and step.leads_to.id == nxt.person.id
                assert step.ask in (Ask.INTRODUCTION, Ask.REFERRAL)
            # The referrer into the company (the score's referral step) carries the
            # checklist's ask; every other step before the target asks to be passed on.
            checks = chain.checklist
            for step in chain.steps:
                if step.person.id == checks.referrer:
                    assert (step.ask is Ask.REFERRAL) == checks.ready
                elif step is not last:
                    assert step.ask is Ask.INTRODUCTION
            seen_done_after = False
            for step in reversed(chain.steps):
                assert (step.state == "asked") == (step.follow_up is not None)
                if step.done is not None:
                    assert step.done.date <= TODAY
                    seen_done_after = True
                else:
                    assert not seen_done_after  # a later done step marks earlier ones done
            # One decision per step: the step, the checklist and the draft agree.
            checks = chain.checklist
            for step in chain.steps:
                if step.person.id == checks.referrer:
                    assert step.ask is checks.ask
                ask_line = step.message[2]
                assert ("your advice" in ask_line) == (step.ask is Ask.ADVICE)
                assert ("introduce me" in ask_line) == (step.ask is Ask.INTRODUCTION)
            todos = " ".join(t for i in checks.items for t in i.todo)
            assert ("not a referral" in todos) <= (checks.ask is not Ask.REFERRAL)
            if chain.steps[0].via.kind is HopKind.MEET:
                assert chain.route[1].kind is NodeKind.COMMUNITY
        for fmt in PlanFormat:
            assert render(plan, fmt)
