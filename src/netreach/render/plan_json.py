"""Plans and the ``next`` agenda as stable JSON (field names are a contract; new fields
may be added)."""

from __future__ import annotations

from typing import Any

from netreach.book.resolved import CompanyView
from netreach.outreach.plan import Contact, Plan, PlanChain, PlanStep


def company_json(company: CompanyView) -> dict[str, Any]:
    """A company: id, name, outlook, industry."""
    return {"id": company.id, "name": company.name, "outlook": company.outlook.value,
            "industry": company.industry}


def contact_json(contact: Contact) -> dict[str, Any]:
    """A person as a plan shows them."""
    return {"id": contact.id, "name": contact.name, "title": contact.title,
            "company": contact.company, "hiring": contact.hiring, "direct": contact.direct,
            "email": contact.email,
            "last_contact": contact.last_contact.isoformat() if contact.last_contact else None}


def step_json(step: PlanStep) -> dict[str, Any]:
    """One step: whom, through whom, what to ask, what to offer, the draft, dates."""
    done = step.done
    return {
        "number": step.number,
        "person": contact_json(step.person),
        "via": {"kind": step.via.kind.value, "id": step.via.id, "name": step.via.name,
                "member": step.via.member},
        "ask": step.ask.value,
        "leads_to": contact_json(step.leads_to) if step.leads_to else None,
        "action": step.action,
        "request": step.request,
        "offer": list(step.offer),
        "message": list(step.message),
        "state": step.state,
        "asked": step.asked.date.isoformat() if step.asked else None,
        "follow_up": step.follow_up.isoformat() if step.follow_up else None,
        "done": None if done is None else {
            "date": done.date.isoformat(), "note": done.note, "person": done.person,
            "implied": done.implied,
            "outcome": done.outcome.value if done.outcome else None},
        "looks_done": None if step.looks_done is None else {
            "date": step.looks_done.date.isoformat(), "note": step.looks_done.note,
            "command": step.looks_done.command},
        "command": step.command,
    }


def chain_json(chain: PlanChain) -> dict[str, Any]:
    """A chosen chain: score, route, steps and the referral checklist."""
    checks = chain.checklist
    return {
        "rank": chain.rank,
        "score": chain.score,
        "strength": chain.strength,
        "route": [{"kind": n.kind.value, "id": n.id, "name": n.name, "join": n.joins}
                  for n in chain.route],
        "steps": [step_json(s) for s in chain.steps],
        "dropped": None if chain.dropped is None else {
            "person": chain.dropped.person, "outcome": chain.dropped.outcome.value,
            "date": chain.dropped.date.isoformat(), "note": chain.dropped.note},
        "checklist": {
            "referrer": checks.referrer,
            "subject": checks.subject,
            "target": checks.target,
            "ready": checks.ready,
            "items": [{"letter": i.letter, "label": i.label, "status": i.level.value,
                       "evidence": i.evidence, "todo": list(i.todo)} for i in checks.items],
        },
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    """The whole plan as JSON-ready data."""
    return {
        "company": company_json(plan.target.company),
        "today": plan.today.isoformat(),
        "me": {"name": plan.me, "headline": plan.headline, "roles": list(plan.roles)},
        "target": {"outlook_note": plan.target.outlook_note, "people": plan.target.people,
                   "hiring": [contact_json(c) for c in plan.target.hiring]},
        "best_score": plan.best_score,
        "chains": [chain_json(c) for c in plan.chains],
        "warm_first": [{"person": contact_json(t.person), "days": t.days,
                        "chains": list(t.chains)} for t in plan.warm_first],
        "hints": list(plan.hints),
        "dropped": [chain_json(c) for c in plan.dropped],
        "tips": [{"ask": a.value, "tip": t} for a, t in plan.tips],
        "max_hops": plan.max_hops,
        "follow_up_business_days": plan.follow_up_days,
        "tracking_rule": plan.tracking_rule,
    }
