"""Layouts (``diagram_layout``) as inline SVG: boxes, arrows, labels; no script.

Every piece of text is escaped here (``markupsafe.escape``, quotes included) after
the cards cleaned it, like any other HTML output of netreach; a box whose text was
cut carries the whole text as its ``<title>`` (the browser's tooltip). Styling is by
class (``templates/diagram.css``), so the SVG holds no colours and prints as the
page's stylesheet says.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

from netreach.render.diagram_layout import Arrow, Box, Label, Layout
from netreach.render.safe import clean

HEAD = 7.0  # arrowhead length


def num(value: float) -> str:
    """A coordinate: one decimal at most, no trailing zeros (stable golden files)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def label_svg(label: Label) -> str:
    anchor = f' text-anchor="{label.anchor}"' if label.anchor != "start" else ""
    return (f'<text class="{label.role}" x="{num(label.x)}" y="{num(label.y)}" '
            f'font-size="{num(label.size)}"{anchor}>{escape(label.text)}</text>')


def tooltip(box: Box) -> str:
    """Everything a box says, on one line (its tooltip and accessible name)."""
    card = box.card
    return clean(" — ".join([card.name, *card.details, *card.marks]))


def _classes(box: Box) -> str:
    card = box.card
    flags = [name for name, on in (("hiring", card.hiring), ("target", card.target),
                                   ("joins", card.joins)) if on]
    return " ".join(["node", card.kind, *flags, *([card.tone] if card.tone else [])])


def box_svg(box: Box, *, link: str | None = None, node_id: str | None = None,
            extra: str = "") -> str:
    """One box; on the map, a link (``href``) to its details."""
    body = (f'<title>{escape(tooltip(box))}</title>'
            f'<rect x="{num(box.x)}" y="{num(box.y)}" width="{num(box.w)}" '
            f'height="{num(box.h)}" rx="6"/>' + "".join(label_svg(t) for t in box.labels))
    classes = f"{_classes(box)} {extra}".strip()
    if link is None:
        return f'<g class="{classes}">{body}</g>'
    return (f'<a class="{classes}" id="{escape(node_id or "")}" href="#{escape(link)}">'
            f'{body}</a>')


def _head(x: float, y: float, direction: int = 1) -> str:
    """An arrowhead with its tip at (x, y), pointing right (1) or left (-1)."""
    base = x - direction * HEAD
    return (f'<path class="head" d="M{num(x)} {num(y)} L{num(base)} {num(y - 4)} '
            f'L{num(base)} {num(y + 4)} Z"/>')


def arrow_svg(arrow: Arrow, *, curved: bool = False, extra: str = "") -> str:
    """A hop: a line (or, on the map, a curve) with its head, and its labels; ``extra``
    classes after its own (on the map: its chains, and the chains it is weakest in)."""
    weak = " weakest" if arrow.weakest else ""
    classes = f"edge {arrow.kind}{weak} {extra}".strip()
    end = arrow.x2 - arrow.enter * (HEAD - 1)
    if curved:
        bend = (36.0 if arrow.exit != arrow.enter
                else max(30.0, abs(arrow.x2 - arrow.x1) / 2))
        d = (f"M{num(arrow.x1)} {num(arrow.y1)} C{num(arrow.x1 + arrow.exit * bend)} "
             f"{num(arrow.y1)} {num(end - arrow.enter * bend)} {num(arrow.y2)} {num(end)} "
             f"{num(arrow.y2)}")
    else:
        d = f"M{num(arrow.x1)} {num(arrow.y1)} L{num(end)} {num(arrow.y2)}"
    chance = "" if arrow.probability is None else f" {arrow.probability:.2f}"
    what = "works at" if arrow.kind == "works" else arrow.kind
    return (f'<g class="{classes}"><title>{escape(what + chance)}</title>'
            f'<path class="line" d="{d}"/>{_head(arrow.x2, arrow.y2, arrow.enter)}'
            + "".join(label_svg(t) for t in arrow.labels) + "</g>")


def _svg(layout: Layout, css_class: str, label: str, inner: str) -> Markup:
    return Markup(
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {num(layout.width)} {num(layout.height)}" width="{num(layout.width)}" '
        f'height="{num(layout.height)}" aria-label="{escape(clean(label))}">{inner}</svg>'
    )


def chain_svg(layout: Layout, label: str) -> Markup:
    """A chain diagram: boxes left to right, labelled arrows, the weakest hop flagged."""
    inner = ("".join(arrow_svg(a) for a in layout.arrows)
             + "".join(box_svg(b) for b in layout.boxes))
    return _svg(layout, "diagram chain-diagram", label, inner)


def map_svg(layout: Layout, label: str, node_ids: Mapping[str, str],
            chain_index: Mapping[str, int]) -> Markup:
    """The map: each box a link to its details (``#d-`` + its id); each box and hop has
    the class ``kN`` of every chain N through it, and each hop ``wN`` of every chain
    whose weakest hop it is, so that CSS alone can light a chain up."""
    def classes(prefix: str, chains: tuple[str, ...]) -> str:
        return " ".join(f"{prefix}{chain_index[c]}" for c in chains)

    inner = "".join(label_svg(h) for h in layout.headings)
    inner += "".join(arrow_svg(a, curved=True, extra=f"{classes('k', a.chains)} "
                               f"{classes('w', a.weak_in)}")
                     for a in layout.arrows)
    inner += "".join(box_svg(b, link=f"d-{node_ids[b.card.key]}",
                             node_id=f"n-{node_ids[b.card.key]}", extra=classes("k", b.chains))
                     for b in layout.boxes)
    return _svg(layout, "diagram network-map", label, inner)
