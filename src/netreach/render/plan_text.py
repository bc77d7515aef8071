"""The plan for the terminal (rich): headings, steps with their drafts, the checklist.

Every piece of book data goes through ``safe.clean`` into a ``Text`` (never parsed
as markup), so names and notes cannot style, move or hide anything.
"""

from __future__ import annotations

import io

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.segment import Segment
from rich.text import Text

from netreach.outreach.plan import Plan, PlanChain, PlanStep
from netreach.outreach.referral import Level
from netreach.render import plan_words as w
from netreach.render.safe import clean

WIDTH = 100  # of the plain-text file written by -o, and of the golden files
_LEVEL_STYLE = {Level.MET: "green", Level.PARTLY: "yellow", Level.MISSING: "red"}


class Hang:
    """Text after a marker, wrapped so that continuation lines hang under the text:

        • Offer Greta Vogel a small trial project: a few hours on something their
          team needs, so they see your work first-hand

    Much cheaper than a padded ``Table.grid`` (a plan has hundreds of these).
    """

    def __init__(self, text: Text, marker: Text | None = None, indent: int = 0) -> None:
        self.text = text
        self.marker = marker or Text("")
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lead = self.marker.cell_len + (1 if self.marker.cell_len else 0)
        width = max(10, options.max_width - self.indent - lead)
        lines = self.text.wrap(console, width) if self.text.plain else [Text("")]
        for i, line in enumerate(lines):
            if self.indent:
                yield Segment(" " * self.indent)
            if lead and i == 0:
                yield from self.marker.render(console)
                yield Segment(" ")
            elif lead:
                yield Segment(" " * lead)
            yield from line.render(console)
            yield Segment.line()


def _line(text: str, style: str = "", indent: int = 0) -> RenderableType:
    """A line of (cleaned) text that wraps under its own indentation."""
    return Hang(Text(clean(text), style=style), indent=indent)


def _heading(text: str) -> RenderableType:
    return Rule(Text(clean(text), style="bold"), align="left", characters="─")


def _hang(rows: list[tuple[str, Text]], indent: int, *, label_style: str = "") -> RenderableType:
    """Rows of ``label  text`` where wrapped text hangs under itself, not under the label."""
    width = max(len(label) for label, _ in rows)
    return Group(*(Hang(text, Text(label.ljust(width), style=label_style), indent)
                   for label, text in rows))


def _bullets(items: tuple[str, ...] | list[str], indent: int) -> RenderableType:
    return _hang([("•", Text(clean(item))) for item in items], indent)


def _step(plan: Plan, step: PlanStep) -> list[RenderableType]:
    done = step.done is not None
    head = Text(clean(step.action), style="bold")
    parts: list[RenderableType] = [
        _hang([(f"{w.CHECKBOX[done]} {step.number}.", head)], 2, label_style="bold")]
    request = step.request[0].upper() + step.request[1:]
    parts.append(_line(request, indent=9))
    if step.done is not None:
        parts.append(_line(w.done_line(step), style="green", indent=9))
        return parts
    overdue = step.follow_up is not None and step.follow_up < plan.today
    parts.append(_line(w.state_line(step, plan.today), style="yellow" if overdue else "",
                       indent=9))
    if (looks := w.looks_done_line(step)) is not None:
        parts.append(_line(looks, style="yellow", indent=9))
    parts.append(_line(w.record_line(step), indent=9))
    if step.person.email:
        parts.append(_line(f"Write to {step.person.email}", indent=9))
    if step.offer:
        parts.append(_line("First:", style="bold", indent=9))
        parts.append(_bullets(step.offer, 9))
    parts.append(_line("Message draft:", style="bold", indent=9))
    for i, paragraph in enumerate(step.message):
        parts.append(_line(paragraph, style="italic", indent=11))
        if i < len(step.message) - 2:
            parts.append(Text(""))
    return parts


def _checklist(chain: PlanChain) -> list[RenderableType]:
    checks = chain.checklist
    parts: list[RenderableType] = [
        _line(f"Referral checklist: {chain.checklist_for}", style="bold", indent=2),
        _line(w.readiness(checks), indent=4),
    ]
    for item in checks.items:
        marker = Text(f"({item.letter}) ")
        marker.append(f"{w.STATUS[item.level]:<7}", style=_LEVEL_STYLE[item.level])
        text = Text(f"{item.label}: {clean(item.evidence)}")
        for todo in item.todo:
            text.append("\n→ " + clean(todo), style="dim")
        parts.append(Hang(text, marker, 4))
    return parts


def _chain(plan: Plan, chain: PlanChain) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(""),
        _heading(w.chain_title(plan, chain)),
        _line(w.route(chain), indent=2),
    ]
    for step in chain.steps:
        parts.append(Text(""))
        parts.extend(_step(plan, step))
    parts.append(Text(""))
    parts.extend(_checklist(chain))
    return parts


def plan_view(plan: Plan) -> RenderableType:
    """The whole plan as one rich renderable."""
    target = plan.target
    company = target.company
    facts = [("Outlook", target.outlook_note)]
    if company.industry:
        facts.append(("Industry", company.industry))
    facts.append(("In your book", f"{w.people_there(target.people)}; {w.hiring_line(plan)}"))
    facts.append(("Best chain", w.best_line(plan)))
    parts: list[RenderableType] = [
        _line(f"Outreach plan: {company.name}", style="bold"),
        _line(w.byline(plan)),
        Text(""),
        _heading(f"Why {company.name}"),
        _hang([(label, Text(clean(value))) for label, value in facts], 2, label_style="bold"),
    ]
    if plan.hints:
        parts.extend([_line("What would open a chain:", style="bold", indent=2),
                      _bullets(plan.hints, 2)])
    if plan.warm_first:
        parts.extend([Text(""), _heading("Warm these ties first"),
                      _bullets([f"{w.who(t.person)}: {w.warm_line(t)}" for t in plan.warm_first],
                               2)])
    if plan.dropped:
        parts.extend([Text(""), _heading("Chains dropped"),
                      _bullets([w.dropped_line(c) for c in plan.dropped], 2)])
    if plan.tips:
        parts.extend([Text(""), _heading("How to ask"),
                      _bullets([tip for _, tip in plan.tips], 2)])
    for chain in plan.chains:
        parts.extend(_chain(plan, chain))
    parts.extend([Text(""), _heading("How tracking works"),
                  _line(plan.tracking_rule, indent=2),
                  _line("Message drafts are a start: make them yours before you send them.",
                        indent=2)])
    return Group(*parts)


def plan_text(plan: Plan) -> str:
    """The plan as plain text (no colour), ``WIDTH`` columns wide."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, color_system=None, force_terminal=False,
                      highlight=False, emoji=False, markup=False, legacy_windows=False)
    console.print(plan_view(plan))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
