"""``netreach reach --format html``: how far the network reaches, as one offline page
with two SVG charts (people at each hop count; companies by distance), the targets
out of reach and the gaps. No script; the plans' Content-Security-Policy."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from netreach import __version__
from netreach.analysis.reach import Reach
from netreach.book.network import Network
from netreach.render.chart_layout import Chart, layout_bars, layout_lanes
from netreach.render.diagram_cards import company_card
from netreach.render.diagram_layout import Card
from netreach.render.diagram_svg import box_svg, label_svg, num
from netreach.render.plan_html import environment
from netreach.render.safe import clean


def _svg(chart: Chart, css_class: str, label: str, inner: str) -> Markup:
    return Markup(
        f'<svg class="diagram {css_class}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {num(chart.width)} {num(chart.height)}" width="{num(chart.width)}" '
        f'height="{num(chart.height)}" aria-label="{escape(clean(label))}">{inner}</svg>')


def bars_svg(chart: Chart, label: str) -> Markup:
    """People at each hop count as horizontal bars, with their counts."""
    inner = "".join(
        f'<g class="bar">{label_svg(b.label)}<rect x="{num(b.x)}" y="{num(b.y)}" '
        f'width="{num(b.w)}" height="{num(b.h)}" rx="3"/>{label_svg(b.count)}</g>'
        for b in chart.bars)
    return _svg(chart, "reach-bars", label, inner)


def lanes_svg(chart: Chart, label: str) -> Markup:
    """Companies in a lane per distance, coloured by outlook, targets marked."""
    inner = ""
    for lane in chart.lanes:
        inner += (f'<g class="lane"><rect class="band" x="0" y="{num(lane.y - 4)}" '
                  f'width="{num(chart.width)}" height="{num(lane.h + 8)}"/>'
                  f'{label_svg(lane.label)}' + "".join(box_svg(c) for c in lane.chips) + "</g>")
    return _svg(chart, "reach-lanes", label, inner)


def _chip(network: Network, result: Reach, index: int) -> Card:
    row = result.companies[index]
    card = company_card(row.company)
    target = row.company.id in result.targets
    people = f"{row.people} {'person' if row.people == 1 else 'people'}"
    return Card(card.key, "company", card.name, (f"best {row.best.score:.3f} · {people}",),
                ("target",) if target else (), target=target,
                tone=f"outlook-{row.company.outlook.value}")


def reach_html(network: Network, result: Reach, *, today: dt.date) -> str:
    """The whole reach page."""
    bars = layout_bars(result.by_hops)
    lanes: dict[int, list[Card]] = {}
    for i, row in enumerate(result.companies):
        lanes.setdefault(row.hops, []).append(_chip(network, result, i))
    chart = layout_lanes(sorted(lanes.items()))
    template = environment().get_template("reach.html.j2")
    return template.render(
        r=result, me=network.me.name, today=today, version=__version__,
        bars=bars_svg(bars, "People within reach at each hop count"),
        lanes=lanes_svg(chart, "Companies by distance") if result.companies else None,
        out_of_reach=[network.companies[c].name for c in result.out_of_reach],
        outlooks=["growing", "stable", "unknown", "shrinking", "frozen"])
