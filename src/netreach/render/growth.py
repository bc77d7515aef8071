"""``reach`` and ``suggest`` in the terminal (a bar per hop count, findings as
bullets, tables) and as stable JSON (SPEC §4)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from netreach.analysis.gaps import Finding, hops, names
from netreach.analysis.ranking import Chain
from netreach.analysis.reach import Reach
from netreach.analysis.suggest import Opening, Rewarm, Suggestions
from netreach.book.network import Network
from netreach.graph.hops import NodeKind
from netreach.render.chains import chain_json, company_json
from netreach.render.safe import cell, clean

BAR_WIDTH = 40  # characters of the longest bar
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, top: int, width: int = BAR_WIDTH) -> str:
    """A horizontal bar ``value / top`` of ``width`` characters, to an eighth; a non-zero
    value always shows at least a sliver."""
    if value <= 0 or top <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def _name(network: Network, kind: NodeKind, ident: str) -> str:
    if kind is NodeKind.COMMUNITY:
        return network.communities[ident].name
    return network.people[ident].name


def _via(network: Network, chain: Chain, start: int = 1) -> str:
    """The people and communities from step ``start`` on, to the target."""
    return " → ".join(_name(network, s.kind, s.id) for s in chain.steps[start:])


def _companies(network: Network, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(network.companies[c].name for c in ids)


def findings_view(findings: tuple[Finding, ...]) -> Table:
    """Findings as bullet lines (wrapped lines stay under their bullet)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="yellow", no_wrap=True)
    table.add_column()
    for finding in findings:
        table.add_row("•", cell(finding.message))
    return table


def reach_view(network: Network, result: Reach) -> RenderableType:
    """The hop histogram, the hiring share, companies by distance, targets out of reach
    and the gaps."""
    parts: list[RenderableType] = [Text(f"People within {hops(result.max_hops)} of you",
                                        style="bold")]
    bars = Table(box=None, pad_edge=False, show_header=False)
    bars.add_column(justify="right", no_wrap=True)
    bars.add_column(no_wrap=True)
    bars.add_column(justify="right", no_wrap=True)
    top = max(result.by_hops, default=0)
    for n, count in enumerate(result.by_hops, start=1):
        bars.add_row(hops(n), Text(bar(count, top), style="cyan"), str(count))
    parts.append(bars)
    parts.append(Text(f"{result.reachable} of {result.people} people in your book are within "
                      f"reach; {len(result.hiring)} of them can hire "
                      f"({result.share_hiring:.0%})."))
    if result.companies:
        parts.append(Text("\nCompanies by distance", style="bold"))
        table = Table(box=None, pad_edge=False, header_style="bold")
        for name, justify in (("hops", "right"), ("company", "left"), ("outlook", "left"),
                              ("best", "right"), ("people", "right"), ("best chain", "left")):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for row in result.companies:
            table.add_row(str(row.hops), cell(row.company.name), cell(row.company.outlook.value),
                          f"{row.best.score:.3f}", str(row.people), cell(_via(network, row.best)))
        parts.append(table)
    if result.out_of_reach:
        parts.append(Text(f"\nTargets out of reach within {hops(result.max_hops)}: "
                          f"{clean(_companies(network, result.out_of_reach))}"))
    parts.append(Text("\nGaps", style="bold"))
    parts.append(findings_view(result.findings) if result.findings
                 else Text("No gaps found: every check passed.", style="green"))
    return Group(*parts)


def finding_json(finding: Finding) -> dict[str, Any]:
    return {"kind": finding.kind, "message": finding.message, "people": list(finding.people),
            "companies": list(finding.companies), "communities": list(finding.communities)}


def reach_json(network: Network, result: Reach) -> dict[str, Any]:
    """SPEC §4 ``reach --json``: ``by_hops`` keyed "1".."max_hops", companies, and more."""
    return {
        "max_hops": result.max_hops,
        "by_hops": {str(h): n for h, n in enumerate(result.by_hops, start=1)},
        "people": result.people,
        "reachable": result.reachable,
        "share_hiring": result.share_hiring,
        "hiring": list(result.hiring),
        "companies": [
            {**company_json(row.company), "hops": row.hops, "best_score": row.best.score,
             "best_hops": row.best.hops, "people": row.people,
             "best_chain": [s.id for s in row.best.steps[1:]]}
            for row in result.companies
        ],
        "targets": list(result.targets),
        "out_of_reach": list(result.out_of_reach),
        "findings": [finding_json(f) for f in result.findings],
    }


def _targets_line(network: Network, result: Suggestions) -> str:
    return names([network.companies[c].name for c in result.targets]) or "no company"


def _openings_table(network: Network, openings: list[Opening]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in (("#", "right"), ("community", "left"), ("kind", "left"),
                          ("gain", "right"), ("opens", "left"), ("best new chain", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for rank, opening in enumerate(openings, start=1):
        community = network.communities[opening.community]
        best = opening.chains[0] if opening.chains else None
        table.add_row(str(rank), cell(community.name), cell(community.kind.value),
                      f"+{opening.gain:.3f}",
                      cell(", ".join(network.people[p].name for p in opening.opens)),
                      cell(_new_chain(network, best) if best else ""))
    return table


def _new_chain(network: Network, chain: Chain) -> str:
    """After joining: whom I meet there, on to the target, with the target's company."""
    company = network.company_of(chain.target)
    where = f" at {company.name}" if company else ""
    return f"{_via(network, chain, start=2)}{where} ({chain.score:.3f})"


def _rewarm_table(network: Network, rewarm: list[Rewarm]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in (("#", "right"), ("person", "left"), ("last contact", "left"),
                          ("warmth", "right"), ("loses", "right"), ("on chains to", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for rank, tie in enumerate(rewarm, start=1):
        table.add_row(str(rank), cell(network.people[tie.person].name),
                      tie.last_contact.isoformat() if tie.last_contact else "not recorded",
                      f"{tie.warmth:.2f}", f"-{tie.loss:.3f}",
                      cell(_companies(network, tie.companies)))
    return table


def suggest_view(network: Network, result: Suggestions, k: int) -> RenderableType:
    """The top ``k`` communities by gain and the top ``k`` ties to re-warm."""
    openings = [o for o in result.communities if o.gain > 0][:k]
    rewarm = list(result.rewarm[:k])
    parts: list[RenderableType] = [Text(
        f"Communities to join, by how much they raise your best chains to "
        f"{clean(_targets_line(network, result))}", style="bold")]
    if openings:
        parts.append(_openings_table(network, openings))
    else:
        parts.append(Text("No community you could join would improve those chains."))
    parts.append(Text("\nTies to re-warm (stale contacts on your best chains)", style="bold"))
    if rewarm:
        parts.append(_rewarm_table(network, rewarm))
    elif any(score > 0 for _, score in result.baseline) or openings:
        parts.append(Text("None: the first contacts on your best chains are all warm."))
    else:
        parts.append(Text("None: no chain reaches them yet."))
    return Group(*parts)


def suggest_json(network: Network, result: Suggestions, k: int) -> dict[str, Any]:
    """SPEC §4 ``suggest --json``: ``communities`` [{id, gain, opens}], ``rewarm``
    [{id, last_contact}], and more."""
    return {
        "targets": list(result.targets),
        "max_hops": result.max_hops,
        "baseline": dict(result.baseline),
        "communities": [
            {"id": o.community, "name": network.communities[o.community].name,
             "kind": network.communities[o.community].kind.value, "gain": o.gain,
             "gains": dict(o.gains), "opens": list(o.opens),
             "chains": [chain_json(network, c) for c in o.chains]}
            for o in result.communities if o.gain > 0
        ][:k],
        "rewarm": [
            {"id": r.person, "name": network.people[r.person].name,
             "last_contact": r.last_contact.isoformat() if r.last_contact else None,
             "warmth": r.warmth, "loss": r.loss, "companies": list(r.companies)}
            for r in result.rewarm[:k]
        ],
    }
