"""The plan's referral checklist names the referrer the score takes its referral from.

The score (``ranking.score_chain``) takes the referral quality from the step that
brings me into the target's company; colleagues after it only pass me on. The
checklist, the referrer's ask and the colleagues' asks must tell the same story.
"""

from __future__ import annotations

from netreach.analysis.ranking import Chain, best_chains, score_chain
from netreach.book.network import Network
from netreach.graph import scoring
from netreach.graph.hops import NodeKind
from netreach.outreach.plan import plan_chain
from netreach.outreach.plan_rules import Ask
from netreach.outreach.referral import checklist, level
from tests.plan.conftest import TARGETS, TODAY, network_of


def _every_chain(network: Network) -> list[Chain]:
    found: list[Chain] = []
    for company in TARGETS:
        result = best_chains(network, network.companies[company], today=TODAY, k=200,
                             diverse=False)
        found.extend(result.chains)
    return found


def test_the_checklist_referrer_is_the_one_the_credibility_factor_names(example):
    chains = _every_chain(example)
    passed_on = 0
    for chain in chains:
        checks = checklist(example, chain)
        factors = {f.name: f for f in chain.factors}
        entry = [s.id for s in chain.steps].index(checks.entry)
        before = chain.steps[entry - 1]
        passed_on += checks.entry != chain.target
        if before.kind is NodeKind.PERSON:
            credibility = example.ties[before.id][checks.entry].credibility
            assert checks.referrer == before.id
            assert f"trusts {checks.referrer}'s word" in factors["credibility"].reason
            assert factors["credibility"].value == scoring.credibility_factor(credibility)
            assert checks.items[1].level is level(credibility)
            assert checks.subject == checks.referrer
        elif before.kind is NodeKind.ME:
            # I reach the company myself: no credibility factor, and the entry person's
            # own fields are the referral quality, in the score and in the checklist.
            assert "credibility" not in factors
            assert checks.referrer == checks.subject == checks.entry
            assert factors["seen_my_work"].reason.startswith(f"{checks.entry} ")
        else:
            assert checks.referrer is None
            assert factors["credibility"].value == scoring.credibility_factor(0)
            assert checks.subject == checks.entry
    # The example book has chains that continue inside the company (Kofi -> Lea -> Jan).
    assert passed_on > 0


def test_the_referrer_step_carries_the_checklist_ask_and_colleagues_pass_me_on(example):
    for chain in _every_chain(example):
        company = example.companies[example.person_company[chain.target]]
        planned = plan_chain(example, company, 1, chain, TODAY)
        checks = planned.checklist
        for step in planned.steps:
            if step.person.id == checks.referrer:
                assert step.ask is checks.ask
                if step.ask is not Ask.ADVICE:
                    assert step.leads_to is not None
                    assert step.leads_to.id == checks.toward
            elif step.person.id == chain.target:
                assert step.ask is Ask.ADVICE
            else:
                # Before the referrer, or a colleague after the entry: an introduction.
                assert step.ask is Ask.INTRODUCTION


# me -> kofi (ready to refer) -> lea (at acme) -> jan (hires at acme); and cara, my own
# contact at acme, who works with jan.
PASSED_ON = """\
    netreach: 1
    me: {name: Sam Lee}
    companies:
      acme: {name: Acme, outlook: growing}
    people:
      kofi:
        name: Kofi Mensah
        company: Other Co
        closeness: 5
        seen_my_work: 5
        vouch: 5
        last_contact: 2026-11-01
        knows: {lea: {strength: 4, credibility: 5}}
      lea:
        name: Lea Hoffmann
        company: acme
        knows: {jan: {strength: 4, credibility: 4}}
      cara:
        name: Cara Voss
        company: acme
        closeness: 2
        seen_my_work: 1
        vouch: 1
        last_contact: 2026-11-01
        knows: {jan: {strength: 4, credibility: 5}}
      jan:
        name: Jan Petersen
        company: acme
        hiring: true
"""


def test_a_ready_referrer_into_the_company_is_asked_for_the_referral_not_the_colleague():
    network = network_of(PASSED_ON)
    chain = score_chain(network, ("me", "person:kofi", "person:lea", "person:jan"), TODAY)
    planned = plan_chain(network, network.companies["acme"], 1, chain, TODAY)
    kofi, lea, jan = planned.steps
    assert planned.checklist.referrer == "kofi" and planned.checklist.ready
    assert (kofi.ask, kofi.leads_to and kofi.leads_to.id) == (Ask.REFERRAL, "lea")
    assert (lea.ask, lea.leads_to and lea.leads_to.id) == (Ask.INTRODUCTION, "jan")
    assert jan.ask is Ask.ADVICE
    assert "Lea Hoffmann" in planned.checklist_for and "Jan Petersen" in planned.checklist_for


def test_my_own_contact_at_the_company_is_the_one_who_passes_me_on():
    network = network_of(PASSED_ON)
    chain = score_chain(network, ("me", "person:cara", "person:jan"), TODAY)
    checks = checklist(network, chain)
    # The score takes cara's own fields (no credibility): so does the checklist.
    assert "credibility" not in {f.name for f in chain.factors}
    assert (checks.referrer, checks.entry, checks.toward) == ("cara", "cara", "jan")
    planned = plan_chain(network, network.companies["acme"], 1, chain, TODAY)
    cara, jan = planned.steps
    assert cara.ask is checks.ask is Ask.INTRODUCTION  # cara would not vouch yet
    assert cara.leads_to is not None and cara.leads_to.id == "jan"
    assert jan.ask is Ask.ADVICE
