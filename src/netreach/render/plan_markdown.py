"""The plan as Markdown that reads well on GitHub (and in any CommonMark viewer).

Every piece of book data goes through ``safe.md``: control and bidi characters
made visible, and Markdown syntax (emphasis, links, raw HTML, tables, list and
heading markers) backslash-escaped, so a name can never become markup.
"""

from __future__ import annotations

from netreach.outreach.plan import Plan, PlanChain, PlanStep
from netreach.render import plan_words as w
from netreach.render.safe import md


def _step(plan: Plan, step: PlanStep) -> list[str]:
    done = step.done is not None
    lines = [f"### {w.CHECKBOX[done]} Step {step.number}. {md(step.action)}", ""]
    request = step.request[0].upper() + step.request[1:]
    lines.append(f"**{md(request)}.**")
    lines.append("")
    if step.done is not None:
        lines += [f"✓ {md(w.done_line(step))}", ""]
        return lines
    lines.append(f"{md(w.state_line(step, plan.today))}."
                 + (f" Write to {md(step.person.email)}." if step.person.email else ""))
    lines.append("")
    if (looks := w.looks_done_line(step)) is not None:
        lines += [md(looks), ""]
    lines += [md(w.record_line(step)), ""]
    if step.offer:
        lines += ["First:", ""]
        lines += [f"- {md(item)}" for item in step.offer]
        lines.append("")
    lines += ["Message draft:", ""]
    last = len(step.message) - 1
    for i, paragraph in enumerate(step.message):
        if i == last - 1:  # "Thank you," and the name: one paragraph, a hard line break
            lines.append(f"> {md(paragraph)}\\")
            continue
        lines.append(f"> {md(paragraph)}")
        if i < last:
            lines.append(">")
    lines.append("")
    return lines


def _checklist(chain: PlanChain) -> list[str]:
    checks = chain.checklist
    lines = [f"### Referral checklist: {md(chain.checklist_for)}", "",
             md(w.readiness(checks)), "",
             "| | criterion | status | why |", "| --- | --- | --- | --- |"]
    for item in checks.items:
        lines.append(f"| ({item.letter}) | {md(item.label)} | {w.STATUS[item.level]} | "
                     f"{md(item.evidence)} |")
    todo = [(item.letter, t) for item in checks.items for t in item.todo]
    if todo:
        lines += ["", "What to do first:", ""]
        lines += [f"- ({letter}) {md(t)}" for letter, t in todo]
    lines.append("")
    return lines


def _chain(plan: Plan, chain: PlanChain) -> list[str]:
    lines = [f"## {md(w.chain_title(plan, chain))}", "", md(w.route(chain)), ""]
    for step in chain.steps:
        lines += _step(plan, step)
    lines += _checklist(chain)
    return lines


def plan_markdown(plan: Plan) -> str:
    """The whole plan as one Markdown document."""
    target = plan.target
    company = target.company
    lines = [
        f"# Outreach plan: {md(company.name)}", "",
        w.byline(plan, md), "",
        f"## Why {md(company.name)}", "",
        f"- **Outlook:** {md(target.outlook_note)}",
    ]
    if company.industry:
        lines.append(f"- **Industry:** {md(company.industry)}")
    lines.append(f"- **In your book:** {w.people_there(target.people)}; "
                 f"{md(w.hiring_line(plan))}")
    lines.append(f"- **Best chain:** {w.best_line(plan)}")
    lines.append("")
    if plan.hints:
        lines += ["What would open a chain:", ""]
        lines += [f"- {md(h)}" for h in plan.hints]
        lines.append("")
    if plan.warm_first:
        lines += ["## Warm these ties first", "",
                  "| person | last contact | on chains |", "| --- | --- | --- |"]
        for tie in plan.warm_first:
            last = tie.person.last_contact
            when = f"{last.isoformat()} ({tie.days} days ago)" if last else "not recorded"
            lines.append(f"| {md(w.who(tie.person))} | {when} | "
                         f"{', '.join(str(c) for c in tie.chains)} |")
        lines.append("")
    if plan.dropped:
        lines += ["## Chains dropped", ""]
        lines += [f"- {md(w.dropped_line(c))}" for c in plan.dropped]
        lines.append("")
    if plan.tips:
        lines += ["## How to ask", ""]
        lines += [f"- {md(tip)}" for _, tip in plan.tips]
        lines.append("")
    for chain in plan.chains:
        lines += _chain(plan, chain)
    lines += ["## How tracking works", "", md(plan.tracking_rule), "",
              "Message drafts are a start: make them yours before you send them.", ""]
    return "\n".join(lines)
