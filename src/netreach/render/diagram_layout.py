"""Where the boxes and arrows of a picture go: a chain diagram (one row, left to right)
and the network map (one column per hop from me). Pure geometry over plain data.

Nothing here reads a book, draws or escapes: the cards (``render/diagram_cards``)
hold the text that will be shown, already cleaned; this module measures it, wraps or
truncates it to fit a box, and places boxes, arrows and labels. The same cards give
the same picture: every order is fixed by the chains' own order and stable keys,
never by hash or dictionary order of anything else.

Text is measured by ``text_fit`` (a conservative estimate of DejaVu Sans): a label
that fits here fits in the browser, and one that does not is wrapped or cut with
"…", its full text kept as a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netreach.render.text_fit import wrap

# Sizes in CSS pixels. A4 and Letter with 15 mm margins leave 180 mm (680 px) of
# width: a chain of five boxes fits that at full size.
PAGE_WIDTH = 680.0
NAME_SIZE = 11.0  # a box's name, bold
DETAIL_SIZE = 9.5  # title, company, community kind
MARK_SIZE = 9.0  # "hires", "target", "join first"
LABEL_SIZE = 9.0  # arrow labels
LINE_GAP = 1.3  # line height, as a multiple of the font size
PAD = 7.0  # inside a box
GAP = 48.0  # between two boxes of a chain: room for "intro" / "0.83" / "weakest"
BOX_MIN, BOX_MAX = 92.0, 150.0  # a chain box's width range
MAP_BOX = 156.0  # a map box's width
MAP_GAP = 76.0  # between two map columns
MAP_ROW_GAP = 14.0  # between two boxes of a map column
MAP_HEADER = 30.0  # the column headings above the map
MARGIN = 4.0

@dataclass(frozen=True)
class Card:
    """One box: me, a person, a community or a company, with the text it shows."""

    key: str  # unique in a picture: "me", "person:ID", "community:ID", "company:ID"
    kind: str  # "me" | "person" | "community" | "company"
    name: str
    details: tuple[str, ...] = ()  # title and company; a community's kind
    marks: tuple[str, ...] = ()  # "hires", "target", "join first": shown last, highlighted
    hiring: bool = False
    target: bool = False  # works at the target company (or is it)
    joins: bool = False  # a community I would have to join
    tone: str = ""  # an extra CSS class (a company's outlook on the reach chart)


@dataclass(frozen=True)
class Hop:
    """One arrow of a chain: how the next box is reached, and its chance."""

    kind: str  # "ask" | "intro" | "join" | "meet"
    probability: float


@dataclass(frozen=True)
class PictureChain:
    """A chain ready to draw: ``len(hops) == len(cards) - 1``."""

    id: str  # unique in a picture, e.g. "nordlicht-1"
    cards: tuple[Card, ...]
    hops: tuple[Hop, ...]
    weakest: int  # index into hops
    score: float
    goal: Card | None = None  # the target company, drawn after the chain on the map


@dataclass(frozen=True)
class Label:
    """A line of text at a point (``y`` is the baseline)."""

    text: str
    x: float
    y: float
    size: float
    role: str  # a CSS class: "name", "detail", "mark", "hop", "chance", "weak", "heading"
    anchor: str = "start"  # "start" | "middle" | "end"


@dataclass(frozen=True)
class Box:
    card: Card
    x: float
    y: float
    w: float
    h: float
    labels: tuple[Label, ...]
    cut: bool  # some text was cut: the full text goes in the tooltip
    column: int
    chains: tuple[str, ...]  # ids of the chains through it


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    kind: str  # a hop kind, or "works" (a target person to their company, on the map)
    probability: float | None
    weak_in: tuple[str, ...]  # the chains whose weakest hop this is
    x1: float
    y1: float
    x2: float
    y2: float
    labels: tuple[Label, ...]
    chains: tuple[str, ...]
    exit: int = 1  # leaves its source to the right (1) or to the left (-1)
    enter: int = 1  # comes into its target from the left, pointing right (1), or from the right

    @property
    def weakest(self) -> bool:
        return bool(self.weak_in)


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    headings: tuple[Label, ...] = ()


def box_lines(card: Card, width: float) -> tuple[list[tuple[str, float, str]], bool]:
    """(text, size, role) of each line a card shows in a box ``width`` wide."""
    inner = width - 2 * PAD
    name, cut = wrap(card.name, inner, NAME_SIZE, bold=True, lines=2)
    out = [(line, NAME_SIZE, "name") for line in name]
    for i, detail in enumerate(card.details):
        lines, more = wrap(detail, inner, DETAIL_SIZE, lines=2 if i == 0 else 1)
        out += [(line, DETAIL_SIZE, "detail") for line in lines]
        cut = cut or more
    if card.marks:
        marks, more = wrap(" · ".join(card.marks), inner, MARK_SIZE, bold=True, lines=1)
        out += [(line, MARK_SIZE, "mark") for line in marks]
        cut = cut or more
    return out, cut


def box_height(lines: Sequence[tuple[str, float, str]]) -> float:
    return 2 * PAD + sum(size * LINE_GAP for _, size, _ in lines)


def place_text(lines: Sequence[tuple[str, float, str]], x: float, y: float) -> tuple[Label, ...]:
    labels = []
    baseline = y + PAD
    for text, size, role in lines:
        baseline += size * LINE_GAP
        labels.append(Label(text, x + PAD, round(baseline - size * 0.3, 1), size, role))
    return tuple(labels)


def layout_chain(chain: PictureChain, max_width: float = PAGE_WIDTH) -> Layout:
    """One chain left to right: equal boxes, an arrow between each two, labelled with the
    hop's kind and chance; the weakest hop flagged. Five boxes fit ``max_width``; longer
    chains are wider (the picture scales down to the page)."""
    n = len(chain.cards)
    width = max(BOX_MIN, min(BOX_MAX, (max_width - 2 * MARGIN - (n - 1) * GAP) / n))
    texts = [box_lines(card, width) for card in chain.cards]
    height = max(max(box_height(lines) for lines, _ in texts), 4 * LABEL_SIZE * LINE_GAP + 2 * PAD)
    boxes = []
    for i, (card, (lines, cut)) in enumerate(zip(chain.cards, texts, strict=True)):
        x = MARGIN + i * (width + GAP)
        boxes.append(Box(card, round(x, 1), MARGIN, round(width, 1), round(height, 1),
                         place_text(lines, x, MARGIN), cut, i, (chain.id,)))
    mid = MARGIN + height / 2
    arrows = []
    for i, hop in enumerate(chain.hops):
        x1 = MARGIN + i * (width + GAP) + width
        x2 = x1 + GAP
        centre = round((x1 + x2) / 2, 1)
        weak = i == chain.weakest and len(chain.hops) > 1
        labels = [Label(hop.kind, centre, round(mid - 5, 1), LABEL_SIZE, "hop", "middle"),
                  Label(f"{hop.probability:.2f}", centre, round(mid + LABEL_SIZE + 4, 1),
                        LABEL_SIZE, "weak" if weak else "chance", "middle")]
        if weak:
            labels.append(Label("weakest", centre, round(mid + 2 * LABEL_SIZE + 6, 1),
                                LABEL_SIZE - 1, "weak", "middle"))
        arrows.append(Arrow(chain.cards[i].key, chain.cards[i + 1].key, hop.kind,
                            hop.probability, (chain.id,) if weak else (), round(x1, 1),
                            round(mid, 1), round(x2, 1), round(mid, 1), tuple(labels),
                            (chain.id,)))
    total = 2 * MARGIN + n * width + (n - 1) * GAP
    return Layout(round(total, 1), round(height + 2 * MARGIN, 1), tuple(boxes), tuple(arrows))


# Crossing reduction on the map: this many sweeps of the barycentre heuristic.
SWEEPS = 4


def _columns(chains: Sequence[PictureChain]) -> tuple[dict[str, Card], dict[str, int],
                                                      dict[str, list[str]]]:
    """Every card once (first seen wins), its column (fewest hops from me on any chain
    drawn), and the chains through it, in the chains' order."""
    cards: dict[str, Card] = {}
    column: dict[str, int] = {}
    through: dict[str, list[str]] = {}
    for chain in chains:
        for position, card in enumerate(chain.cards):
            cards.setdefault(card.key, card)
            column[card.key] = min(column.get(card.key, position), position)
            through.setdefault(card.key, []).append(chain.id)
    last = max(column.values(), default=0) + 1
    for chain in chains:
        if chain.goal is not None:
            cards.setdefault(chain.goal.key, chain.goal)
            column[chain.goal.key] = last
            through.setdefault(chain.goal.key, []).append(chain.id)
    return cards, column, {k: list(dict.fromkeys(v)) for k, v in through.items()}


Edges = dict[tuple[str, str], tuple["Hop | None", list[str], list[str]]]


def _edges(chains: Sequence[PictureChain]) -> Edges:
    """Each (source, target) pair once: its hop (None for "works at"), the chains whose
    weakest hop it is, and the chains that use it."""
    edges: Edges = {}
    for chain in chains:
        pairs: list[tuple[str, str, Hop | None, bool]] = [
            (chain.cards[i].key, chain.cards[i + 1].key, hop,
             i == chain.weakest and len(chain.hops) > 1)
            for i, hop in enumerate(chain.hops)]
        if chain.goal is not None:
            pairs.append((chain.cards[-1].key, chain.goal.key, None, False))
        for source, target, hop, weak in pairs:
            old_hop, weak_in, ids = edges.get((source, target), (hop, [], []))
            edges[(source, target)] = (old_hop, [*weak_in, chain.id] if weak else weak_in,
                                       [*ids, chain.id])
    return edges


def _mean(values: Sequence[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _order(column: dict[str, int], first: dict[str, int],
           edges: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Nodes of each column, top to bottom: first by the best chain through them, then
    sweeps that move each node toward the mean row of its neighbours (fewer crossings)."""
    count = max(column.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(count)]
    for key in sorted(column, key=lambda k: first[k]):
        rows[column[key]].append(key)
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    for source, target in edges:
        after.setdefault(source, []).append(target)
        before.setdefault(target, []).append(source)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        cols = range(1, count) if forward else range(count - 2, -1, -1)
        neighbours = before if forward else after
        for c in cols:
            at = {k: i / max(1, len(r) - 1) for r in rows for i, k in enumerate(r)}
            own = {k: i for i, k in enumerate(rows[c])}
            centre = {k: _mean([at[n] for n in neighbours.get(k, ()) if column[n] != c],
                               at[k]) for k in rows[c]}
            rows[c].sort(key=lambda k: (centre[k], own[k]))
    return rows


def layout_map(chains: Sequence[PictureChain]) -> Layout:
    """The map: me on the left, one column per hop, the target companies on the right;
    every card of every chain once, every hop once (shared by the chains that use it)."""
    cards, column, through = _columns(chains)
    if not cards:
        return Layout(2 * MARGIN, 2 * MARGIN, (), ())
    edges = _edges(chains)
    first = {key: i for i, key in enumerate(cards)}
    rows = _order(column, first, list(edges))
    texts = {key: box_lines(card, MAP_BOX) for key, card in cards.items()}
    height = max(box_height(lines) for lines, _ in texts.values())
    tallest = max(len(r) for r in rows)
    body = tallest * height + (tallest - 1) * MAP_ROW_GAP
    boxes: dict[str, Box] = {}
    headings = []
    last = len(rows) - 1
    has_goal = any(c.goal is not None for c in chains)
    for c, keys in enumerate(rows):
        x = MARGIN + c * (MAP_BOX + MAP_GAP)
        heading = ("you" if c == 0 else "companies" if has_goal and c == last
                   else f"{c} hop{'s' if c > 1 else ''}")
        headings.append(Label(heading, round(x + MAP_BOX / 2, 1), MARGIN + 16, 11.0,
                              "heading", "middle"))
        span = len(keys) * height + (len(keys) - 1) * MAP_ROW_GAP
        top = MARGIN + MAP_HEADER + (body - span) / 2
        for r, key in enumerate(keys):
            y = round(top + r * (height + MAP_ROW_GAP), 1)
            lines, cut = texts[key]
            boxes[key] = Box(cards[key], round(x, 1), y, MAP_BOX, round(height, 1),
                             place_text(lines, x, y), cut, c, tuple(through[key]))
    arrows = []
    for (source, target), (hop, weak_in, ids) in edges.items():
        a, b = boxes[source], boxes[target]
        # Forward: right side to left side. Within a column (a chain that reaches someone
        # later than another chain does): an arc on the column's right. Backward: from
        # the left side to the right side. So no hop runs through its own boxes.
        exit, enter = (1, 1) if b.column > a.column else (1, -1) if b.column == a.column \
            else (-1, -1)
        arrows.append(Arrow(source, target, hop.kind if hop else "works",
                            hop.probability if hop else None, tuple(weak_in),
                            a.x + a.w if exit > 0 else a.x, round(a.y + a.h / 2, 1),
                            b.x if enter > 0 else b.x + b.w, round(b.y + b.h / 2, 1),
                            (), tuple(ids), exit, enter))
    width = 2 * MARGIN + len(rows) * MAP_BOX + (len(rows) - 1) * MAP_GAP
    return Layout(round(width, 1), round(2 * MARGIN + MAP_HEADER + body, 1),
                  tuple(boxes[k] for r in rows for k in r), tuple(arrows), tuple(headings))


def overlaps(boxes: Sequence[Box]) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap (none, in any layout made here)."""
    found = []
    ordered = sorted(boxes, key=lambda b: (b.x, b.y))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.x >= a.x + a.w:
                break
            if a.y < b.y + b.h and b.y < a.y + a.h:
                found.append((a.card.key, b.card.key))
    return found
