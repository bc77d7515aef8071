"""``netreach next`` (this week's list) and ``netreach status`` (each target's chains and
where their steps stand), for the terminal and as JSON.

Book data goes through ``safe.clean`` into ``Text`` (never parsed as markup).
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from netreach.outreach.agenda import Agenda, Item, Task, Urgency
from netreach.outreach.plan import Plan, PlanChain, PlanStep
from netreach.render import plan_words as w
from netreach.render.plan_json import company_json, contact_json, step_json
from netreach.render.plan_text import Hang
from netreach.render.safe import clean

HEADINGS = {
    Urgency.OVERDUE: "Overdue: follow up now",
    Urgency.DUE: "Due this week",
    Urgency.START: "Not started yet: ask when you are ready (best chains first)",
    Urgency.REWARM: "Ties to re-warm: catch up with no ask attached",
    Urgency.LATER: "Asked, follow up later",
}
_STATE_MARK = {"done": "[x]", "asked": "[~]", "open": "[ ]"}


def _task_line(task: Task, today: Any) -> str:
    step = task.step
    also = "".join(f" and {rank}" for rank in task.also)
    where = (f"{task.company.name}, chain {task.chain}{also}, step {step.number} of {task.of}"
             if not task.also else f"{task.company.name}, chains {task.chain}{also}")
    when = (f"asked {w.day(step.asked.date)}, follow up {w.day(step.follow_up)} "
            f"({w.due(step.follow_up, today)})" if step.asked and step.follow_up
            else "not started")
    return f"{where}: {step.request}; {when}. Record it: {step.command}"


def _item(agenda: Agenda, item: Item) -> list[RenderableType]:
    head = Text()
    head.append(clean(item.person.name), style="bold")
    if item.date is not None:
        head.append(f"  {w.day(item.date)}, {w.due(item.date, agenda.today)}",
                    style="bold yellow" if item.urgency is Urgency.OVERDUE else "")
    parts: list[RenderableType] = [head]
    if item.warm is not None:
        parts.append(Hang(Text(clean(f"Warm the tie first: {w.warm_line(item.warm)}")),
                          indent=4))
    for task in item.tasks:
        parts.append(Hang(Text(clean(_task_line(task, agenda.today))), Text("•"), 4))
    return parts


def agenda_view(agenda: Agenda) -> RenderableType:
    """``netreach next``: one item per person, grouped by urgency."""
    parts: list[RenderableType] = []
    group: Urgency | None = None
    for item in agenda.items:
        if item.urgency is not group:
            group = item.urgency
            if parts:
                parts.append(Text(""))
            parts.append(Text(HEADINGS[group], style="bold underline"))
        parts.extend(_item(agenda, item))
    if not agenda.items:
        parts.append(Text("Nothing to do next: every chain is done, or there is none."))
    for cid, rank in agenda.complete:
        parts.append(Text(clean(f"Done: {cid} chain {rank}, every step recorded")))
    for company in agenda.unreachable:
        parts.append(Text(clean(f"No chain to {company.name}: 'netreach plan {company.id}' "
                                "says what would open one")))
    return Group(*parts)


def _task_json(agenda: Agenda, task: Task) -> dict[str, Any]:
    step = task.step
    return {
        "company": company_json(task.company),
        "chain": task.chain,
        "also_chains": list(task.also),
        "chain_score": task.score,
        "step": step.number,
        "of": task.of,
        "state": step.state,
        "urgency": task.urgency.label,
        "asked": step.asked.date.isoformat() if step.asked else None,
        "follow_up": step.follow_up.isoformat() if step.follow_up else None,
        "ask": step.ask.value,
        "leads_to": step.leads_to.id if step.leads_to else None,
        "action": step.action,
        "request": step.request,
        "command": step.command,
    }


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    """``netreach next --json``: one item per person, most urgent first."""
    return {
        "today": agenda.today.isoformat(),
        "week": agenda.week,
        "items": [{
            "person": contact_json(item.person),
            "urgency": item.urgency.label,
            "date": item.date.isoformat() if item.date else None,
            "rewarm": None if item.warm is None else {
                "last_contact": (item.warm.person.last_contact.isoformat()
                                 if item.warm.person.last_contact else None),
                "days": item.warm.days},
            "tasks": [_task_json(agenda, t) for t in item.tasks],
        } for item in agenda.items],
        "complete": [{"company": cid, "chain": rank} for cid, rank in agenda.complete],
        "unreachable": [company_json(c) for c in agenda.unreachable],
    }


def _step_status(plan: Plan, step: PlanStep) -> str:
    if step.done is not None:
        return w.done_line(step)
    line = w.state_line(step, plan.today)
    return line + (" (looks done: confirm it)" if step.looks_done else "")


def _chain_status(plan: Plan, chain: PlanChain, title: str) -> list[RenderableType]:
    parts: list[RenderableType] = [Text("  " + clean(title), style="bold"),
                                   Text("    " + clean(w.route(chain)))]
    for step in chain.steps:
        parts.append(Hang(Text(clean(f"{step.person.name}: {step.request}")),
                          Text(f"{_STATE_MARK[step.state]} {step.number}."), 4))
        parts.append(Hang(Text(clean(_step_status(plan, step))), indent=11))
    return parts


def status_view(plans: tuple[Plan, ...]) -> RenderableType:
    """``netreach status``: each target's chains with their step states and dates."""
    parts: list[RenderableType] = []
    for plan in plans:
        if parts:
            parts.append(Text(""))
        company = plan.target.company
        parts.append(Text(clean(f"{company.name} ({company.id}): {w.best_line(plan)}"),
                          style="bold"))
        for chain in plan.chains:
            done = sum(1 for s in chain.steps if s.done is not None)
            parts.extend(_chain_status(plan, chain, f"{w.chain_title(plan, chain)}; "
                                                    f"{done} of {len(chain.steps)} done"))
        for chain in plan.dropped:
            parts.append(Hang(Text(clean(f"Dropped: {w.dropped_line(chain)}"), style="dim"),
                              indent=2))
        if not plan.chains:
            parts.append(Text(clean(f"  No chain: 'netreach plan {company.id}' says what "
                                    "would open one")))
    return Group(*parts)


def status_json(plans: tuple[Plan, ...]) -> dict[str, Any]:
    """``netreach status --json``: per company, each chain's steps with state and dates."""
    def chain(c: PlanChain) -> dict[str, Any]:
        keep = ("number", "person", "ask", "leads_to", "request", "state", "asked",
                "follow_up", "done", "looks_done", "command")
        return {"rank": c.rank, "score": c.score, "strength": c.strength,
                "route": [{"kind": n.kind.value, "id": n.id, "name": n.name} for n in c.route],
                "steps": [{k: v for k, v in step_json(s).items() if k in keep}
                          for s in c.steps],
                "dropped": None if c.dropped is None else {
                    "person": c.dropped.person, "outcome": c.dropped.outcome.value,
                    "date": c.dropped.date.isoformat()}}

    return {"today": plans[0].today.isoformat() if plans else None,
            "companies": [{"company": company_json(p.target.company),
                           "chains": [chain(c) for c in p.chains],
                           "dropped": [chain(c) for c in p.dropped]} for p in plans]}
