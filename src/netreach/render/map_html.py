"""``netreach map``: the best chains to one company or to every target as one
self-contained HTML page: me, the people and communities on those chains, one column
per hop, the target companies on the right.

No script at all: hovering a box highlights the chains through it (CSS ``:has``),
and clicking it (a link to ``#d-N``) shows its details, the chains through it and
every ``--explain`` factor of each (CSS ``:target``). The page has the plans'
Content-Security-Policy, which forbids loading anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from netreach import __version__
from netreach.analysis.ranking import Chain, PathsResult
from netreach.book.network import Network
from netreach.render.diagram_cards import HOP_WORDS, picture
from netreach.render.diagram_layout import Box, Layout, PictureChain, layout_map
from netreach.render.diagram_svg import map_svg
from netreach.render.plan_html import environment

# A map draws at most this many boxes: past it, lower-ranked chains are left out (and
# the page says how many), so a huge book's map still opens at once.
MAX_NODES = 300


@dataclass(frozen=True)
class DrawnChain:
    """A chain on the map, with what its detail panels show."""

    index: int  # its CSS class is "k" + index
    company: str  # the company's name
    rank: int
    chain: Chain
    route: str  # "me —ask 0.95→ Mira Schulz —intro 0.83→ Tobias Lang"
    picture: PictureChain


@dataclass(frozen=True)
class Detail:
    """The panel a click on a box opens."""

    id: str
    box: Box
    chains: tuple[DrawnChain, ...]


@dataclass(frozen=True)
class NetworkMap:
    """Everything the map page shows."""

    companies: tuple[str, ...]  # names, in the order asked
    unreachable: tuple[str, ...]  # names of companies no chain reaches
    chains: tuple[DrawnChain, ...]
    left_out: int  # chains not drawn (MAX_NODES)
    layout: Layout
    details: tuple[Detail, ...]


def _route(network: Network, chain: Chain) -> str:
    parts = ["me"]
    for step in chain.steps[1:]:
        name = (network.communities[step.id].name if step.kind.value == "community"
                else network.people[step.id].name)
        assert step.via is not None
        parts.append(f"—{HOP_WORDS[step.via]} {step.probability:.2f}→ {name}")
    return " ".join(parts)


def _select(network: Network, results: Sequence[PathsResult]) -> tuple[list[DrawnChain], int]:
    """Chains by rank across the companies (every company's best first), while the
    boxes stay within MAX_NODES."""
    drawn: list[DrawnChain] = []
    keys: set[str] = set()
    left_out = 0
    deepest = max((len(r.chains) for r in results), default=0)
    for rank in range(1, deepest + 1):
        for result in results:
            if rank > len(result.chains):
                continue
            chain = result.chains[rank - 1]
            pic = picture(network, chain, result.company, f"{result.company.id}-{rank}")
            new = {c.key for c in pic.cards} | {pic.goal.key if pic.goal else ""}
            if len(keys | new) > MAX_NODES:
                left_out += 1
                continue
            keys |= new
            drawn.append(DrawnChain(len(drawn), result.company.name, rank, chain,
                                    _route(network, chain), pic))
    return drawn, left_out


def network_map(network: Network, results: Sequence[PathsResult]) -> NetworkMap:
    """The map of the best chains in ``results`` (one per company), laid out."""
    drawn, left_out = _select(network, results)
    layout = layout_map([d.picture for d in drawn])
    by_id = {d.picture.id: d for d in drawn}
    details = tuple(Detail(str(i), box, tuple(by_id[c] for c in box.chains))
                    for i, box in enumerate(layout.boxes, start=1))
    return NetworkMap(tuple(r.company.name for r in results),
                      tuple(r.company.name for r in results if not r.chains),
                      tuple(drawn), left_out, layout, details)


def _highlight_css(the_map: NetworkMap) -> str:
    """One rule per box: hovering it, or having opened it, lights up its chains.

    Only generated ids and class names appear here (numbers), never book data.
    """
    rules = []
    for detail in the_map.details:
        chains = ",".join(f".k{d.index}" for d in detail.chains)
        weak = ",".join(f".w{d.index}" for d in detail.chains)
        hover, opened = f"#map:has(#n-{detail.id}:hover)", f"body:has(#d-{detail.id}:target) #map"
        rules.append(f"{hover} :is({chains}), {opened} :is({chains}) {{ opacity: 1; }}")
        rules.append(f"{hover} :is({weak}) .line, {opened} :is({weak}) .line "
                     "{ stroke: #c2410c; stroke-width: 2.8; stroke-dasharray: none; }")
        rules.append(f"{hover} :is({weak}) .head, {opened} :is({weak}) .head "
                     "{ fill: #c2410c; }")
        rules.append(f"body:has(#d-{detail.id}:target) #n-{detail.id} rect"
                     " { stroke: #111; stroke-width: 3; }")
    return "\n".join(rules)


def map_html(network: Network, results: Sequence[PathsResult], *, today: dt.date) -> str:
    """The whole map page."""
    the_map = network_map(network, results)
    ids = {d.box.card.key: d.id for d in the_map.details}
    index = {d.picture.id: d.index for d in the_map.chains}
    svg = map_svg(the_map.layout, "Map of your best chains to " + ", ".join(the_map.companies),
                  ids, index)
    template = environment().get_template("map.html.j2")
    return template.render(m=the_map, me=network.me.name, svg=svg, today=today,
                           highlight=Markup(_highlight_css(the_map)), max_nodes=MAX_NODES,
                           version=__version__)
