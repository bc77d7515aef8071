"""Where the parts of the reach chart go: a bar per hop count, and the companies in
one lane per distance, as chips that flow left to right and wrap. Pure geometry, like
``diagram_layout`` (whose boxes and text measures it reuses)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netreach.render.diagram_layout import (
    MARGIN,
    PAD,
    PAGE_WIDTH,
    Box,
    Card,
    Label,
    box_height,
    box_lines,
    place_text,
)
from netreach.render.text_fit import text_width

BAR_LABEL = 64.0  # room for "4 hops" left of the bars
BAR_HEIGHT = 22.0
BAR_GAP = 8.0
COUNT_ROOM = 44.0  # right of the longest bar, for its count
CHIP_MIN, CHIP_MAX = 96.0, 200.0
CHIP_GAP = 8.0
LANE_GAP = 12.0
LANE_LABEL = 64.0


@dataclass(frozen=True)
class Bar:
    label: Label  # "2 hops"
    count: Label  # "25"
    x: float
    y: float
    w: float  # 0 for an empty hop count
    h: float


@dataclass(frozen=True)
class Lane:
    label: Label  # "1 hop"
    y: float
    h: float
    chips: tuple[Box, ...]


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: tuple[Bar, ...] = ()
    lanes: tuple[Lane, ...] = ()


def hops_word(n: int) -> str:
    return f"{n} hop{'s' if n != 1 else ''}"


def layout_bars(counts: Sequence[int], width: float = PAGE_WIDTH) -> Chart:
    """One bar per hop count (``counts[0]`` is 1 hop), scaled to the largest."""
    top = max(counts, default=0)
    room = width - 2 * MARGIN - BAR_LABEL - COUNT_ROOM
    bars = []
    for i, count in enumerate(counts):
        y = MARGIN + i * (BAR_HEIGHT + BAR_GAP)
        w = round(room * count / top, 1) if top else 0.0
        x = MARGIN + BAR_LABEL
        base = round(y + BAR_HEIGHT / 2 + 4, 1)
        bars.append(Bar(Label(hops_word(i + 1), x - 8, base, 11.0, "axis", "end"),
                        Label(str(count), round(x + w + 6, 1), base, 11.0, "count"),
                        x, round(y, 1), w, BAR_HEIGHT))
    height = 2 * MARGIN + len(counts) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    return Chart(width, round(max(height, 2 * MARGIN), 1), bars=tuple(bars))


def layout_lanes(lanes: Sequence[tuple[int, Sequence[Card]]],
                 width: float = PAGE_WIDTH) -> Chart:
    """Companies by distance: a lane per hop count, its chips (cards) in the order given,
    wrapping to a new row when the lane is full. Chips never overlap."""
    left = MARGIN + LANE_LABEL
    right = width - MARGIN
    placed = []
    y = MARGIN
    for hops, cards in lanes:
        sized = []
        for card in cards:
            w = min(CHIP_MAX, max(CHIP_MIN, max(
                [text_width(card.name, 11.0, bold=True)]
                + [text_width(d, 9.5) for d in card.details]) + 2 * PAD + 2))
            lines, cut = box_lines(card, w)
            sized.append((card, w, lines, cut))
        row_h = max((box_height(lines) for _, _, lines, _ in sized), default=24.0)
        chips = []
        x, top = left, y
        for card, w, lines, cut in sized:
            if x + w > right and x > left:
                x, top = left, top + row_h + CHIP_GAP
            chips.append(Box(card, round(x, 1), round(top, 1), round(w, 1), round(row_h, 1),
                             place_text(lines, x, top), cut, hops, ()))
            x += w + CHIP_GAP
        h = (top - y) + row_h
        placed.append(Lane(Label(hops_word(hops), MARGIN, round(y + 16, 1), 11.0, "axis"),
                           round(y, 1), round(h, 1), tuple(chips)))
        y += h + LANE_GAP
    return Chart(width, round(y - LANE_GAP + MARGIN, 1), lanes=tuple(placed))
