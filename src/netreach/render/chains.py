"""Chains as a table, with ``--explain`` factors, and as stable JSON (SPEC §4).

rich is imported by the table renderers only: ``--json`` output never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netreach.analysis.ranking import Chain, CompanyReach, PathsResult, Step
from netreach.book.network import Network
from netreach.graph.hops import HopKind, NodeKind
from netreach.render.safe import cell, clean

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

_VIA = {HopKind.CONTACT: "ask", HopKind.INTRO: "intro", HopKind.JOIN: "join",
        HopKind.MEET: "meet"}


def _step_label(network: Network, step: Step) -> str:
    if step.kind is NodeKind.ME:
        return "me"
    if step.kind is NodeKind.COMMUNITY:
        community = network.communities[step.id]
        member = step.id in network.me.communities
        return f"[{community.name}{'' if member else ', join'}]"
    person = network.people[step.id]
    company = network.company_of(step.id)
    extra = ", ".join(x for x in (person.title, company.name if company else None) if x)
    hiring = (" (hires)" if person.can_hire else
              " (may hire — guessed from title)" if person.may_hire else "")
    return f"{person.name}{hiring}" + (f" — {extra}" if extra else "")


def chain_text(network: Network, chain: Chain) -> Text:
    """One chain on a few lines: each hop with its kind, the weakest one flagged."""
    from rich.text import Text

    text = Text()
    weakest = chain.weakest
    for i, step in enumerate(chain.steps):
        if i > 1:
            text.append("\n   ")
        if i:
            text.append(f" ─{_VIA[step.via] if step.via else ''}→ ", style="dim")
        text.append(clean(_step_label(network, step)),
                    style="bold" if i == len(chain.steps) - 1 else "")
        if i and i == weakest and len(chain.steps) > 2:
            text.append(f" ◀ weakest {step.probability:.2f}", style="yellow")
    return text


def paths_view(network: Network, result: PathsResult, *, explain: bool) -> RenderableType:
    """The ranked chains as a table; with ``explain``, every factor under each chain."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not result.chains:
        lines = Text(f"No chain to {clean(result.company.name)} within {result.max_hops} hops.")
        for hint in result.hints:
            lines.append("\n  • " + clean(hint.message))
        return lines
    table = Table(box=None, pad_edge=False, header_style="bold", show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("chain")
    for rank, chain in enumerate(result.chains, start=1):
        body: RenderableType = chain_text(network, chain)
        if explain:
            body = Group(body, factors_table(chain))
        table.add_row(str(rank), f"{chain.score:.3f}", body)
    return table


def factors_table(chain: Chain) -> Table:
    """Every factor of a chain's score; they multiply to the score shown."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column(justify="right", style="dim")
    table.add_column(justify="right")
    table.add_column()
    for factor in chain.factors:
        table.add_row(factor.name, f"{factor.value:.4f}", cell(factor.reason))
    table.add_row("= score", f"{chain.score:.4f}", Text("product of the factors above",
                                                         style="dim"))
    return table


def company_json(result_company: Any) -> dict[str, Any]:
    return {"id": result_company.id, "name": result_company.name,
            "outlook": result_company.outlook.value}


def chain_json(network: Network, chain: Chain) -> dict[str, Any]:
    """A chain as SPEC §4 JSON: score, hops (me ... target) and factors."""
    hops: list[dict[str, Any]] = []
    for step in chain.steps:
        entry: dict[str, Any] = {"id": step.id, "kind": step.kind.value}
        if step.kind is NodeKind.PERSON:
            person = network.people[step.id]
            entry["name"] = person.name
            entry["company"] = network.person_company.get(step.id)
            entry["hiring"] = person.hiring
            entry["title"] = person.title
        elif step.kind is NodeKind.COMMUNITY:
            entry["name"] = network.communities[step.id].name
        if step.via is not None:
            entry["via"] = step.via.value
            entry["probability"] = step.probability
        hops.append(entry)
    return {
        "score": chain.score,
        "hops": hops,
        "factors": {f.name: f.value for f in chain.factors},
        "weakest_hop": chain.weakest,
    }


def paths_json(network: Network, result: PathsResult) -> dict[str, Any]:
    return {
        "company": company_json(result.company),
        "max_hops": result.max_hops,
        "employees": result.employees,
        "chains": [chain_json(network, c) for c in result.chains],
        "hints": [h.message for h in result.hints],
    }


def companies_view(network: Network, reach: list[CompanyReach]) -> Table:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in (("company", "left"), ("outlook", "left"), ("best", "right"),
                          ("hops", "right"), ("people", "right"), ("best chain via", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in reach:
        best = row.best
        via = ""
        if best is not None and best.hops > 1:
            via = " → ".join(_step_label(network, s).split(" — ")[0] for s in best.steps[1:-1])
        table.add_row(
            cell(row.company.name), cell(row.company.outlook.value),
            f"{best.score:.3f}" if best else "-", str(best.hops) if best else "-",
            str(row.people), cell(via),
        )
    return table


def companies_json(reach: list[CompanyReach]) -> dict[str, Any]:
    return {"companies": [
        {**company_json(r.company), "best_score": r.best.score if r.best else None,
         "hops": r.best.hops if r.best else None, "people": r.people}
        for r in reach
    ]}
