"""The layout without a browser: text fits its box, boxes never overlap, every card and
hop of every chain is placed, and the same chains always give the same picture."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from netreach.render import map_html
from netreach.render.diagram_cards import picture
from netreach.render.diagram_layout import (
    PAD,
    PAGE_WIDTH,
    Card,
    Hop,
    Layout,
    PictureChain,
    layout_chain,
    layout_map,
    overlaps,
)
from netreach.render.text_fit import text_width, wrap
from tests.conftest import EXAMPLE, cli_env
from tests.pictures.books import TODAY, long_network, results
from tests.plan.conftest import example  # noqa: F401 (a fixture)

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@given(texts, st.floats(20, 300), st.integers(1, 3))
def test_wrapped_lines_fit_and_say_when_cut(text, width, lines):
    out, cut = wrap(text, width, 11.0, bold=True, lines=lines)
    assert len(out) <= lines
    assert all(text_width(line, 11.0, bold=True) <= width for line in out)
    if not cut:  # nothing lost but the spaces it broke at
        assert "".join(out).replace(" ", "") == "".join(text.split()).replace(" ", "")
    else:
        assert out[-1].endswith("…")


def test_short_text_is_kept_whole():
    assert wrap("Tobias Lang", 100, 11.0) == (("Tobias Lang",), False)


def check_layout(layout: Layout) -> None:
    """No overlaps; every label inside its box and the picture; arrows between boxes."""
    assert overlaps(layout.boxes) == []
    keys = {b.card.key for b in layout.boxes}
    assert len(keys) == len(layout.boxes)
    for box in layout.boxes:
        assert box.x >= 0 and box.y >= 0
        assert box.x + box.w <= layout.width and box.y + box.h <= layout.height
        for label in box.labels:
            assert box.x + PAD <= label.x
            bold = label.role in ("name", "mark")
            assert label.x + text_width(label.text, label.size, bold=bold) <= box.x + box.w
            assert box.y < label.y - label.size * 0.7 and label.y < box.y + box.h
    for arrow in layout.arrows:
        assert arrow.source in keys and arrow.target in keys


def test_a_chain_of_five_long_names_fits_the_page():
    network = long_network()
    (result,) = results(network, ("longco",))
    chain = result.chains[0]
    assert len(chain.steps) == 5
    layout = layout_chain(picture(network, chain, result.company, "c"))
    check_layout(layout)
    assert layout.width <= PAGE_WIDTH
    assert [b.card.key for b in layout.boxes] == [
        "me", "community:guild", "person:maxi", "person:zhang", "person:wide"]
    assert all(b.cut for b in layout.boxes[2:])  # shortened, full text in the tooltip
    (weak,) = [a for a in layout.arrows if a.weakest]
    assert weak.probability == min(s.probability for s in chain.steps[1:])


def test_the_example_map_draws_every_card_and_hop_once(example):  # noqa: F811
    found = results(example, ("nordlicht", "kiezbank", "helio-maps"))
    the_map = map_html.network_map(example, found)
    layout = the_map.layout
    check_layout(layout)
    drawn = {b.card.key for b in layout.boxes}
    hops = {(a.source, a.target) for a in layout.arrows}
    for result in found:
        for chain in result.chains:
            keys = ["me"] + [f"{s.kind.value}:{s.id}" for s in chain.steps[1:]]
            assert set(keys) <= drawn
            assert set(itertools.pairwise(keys)) <= hops
        assert f"company:{result.company.id}" in drawn
    # Columns: me first, the companies last, everyone else at their fewest hops.
    column = {b.card.key: b.column for b in layout.boxes}
    assert column["me"] == 0
    assert len({column[f"company:{r.company.id}"] for r in found}) == 1


def chains_strategy() -> st.SearchStrategy[list[PictureChain]]:
    people = st.sampled_from([f"person:p{i}" for i in range(14)])
    names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)

    @st.composite
    def one(draw: st.DrawFn, i: int) -> PictureChain:
        keys = draw(st.lists(people, min_size=1, max_size=5, unique=True))
        cards = (Card("me", "me", "You"),
                 *(Card(k, "person", draw(names), (draw(names),)) for k in keys))
        hops = tuple(Hop("intro", draw(st.floats(0.01, 1))) for _ in keys)
        goal = Card(f"company:c{draw(st.integers(0, 2))}", "company", draw(names))
        return PictureChain(f"x{i}", cards, hops, draw(st.integers(0, len(hops) - 1)), 0.5,
                            goal)

    return st.integers(1, 8).flatmap(lambda n: st.tuples(*(one(i) for i in range(n)))
                                     ).map(list)


@settings(max_examples=60, deadline=None)
@given(chains_strategy())
def test_any_map_has_no_overlaps_and_is_the_same_twice(chains):
    layout = layout_map(chains)
    check_layout(layout)
    assert {c.key for ch in chains for c in ch.cards} <= {b.card.key for b in layout.boxes}
    assert layout_map(chains) == layout
    assert layout_map(list(chains)) == layout


def test_the_map_is_capped_and_says_how_much_it_left_out(example, monkeypatch):  # noqa: F811
    monkeypatch.setattr(map_html, "MAX_NODES", 8)
    found = results(example, ("nordlicht", "kiezbank", "helio-maps"))
    the_map = map_html.network_map(example, found)
    assert len(the_map.layout.boxes) <= 8
    assert the_map.left_out > 0
    ranks = [d.rank for d in the_map.chains]
    assert ranks == sorted(ranks) and ranks[0] == 1  # best chains first, across companies


def test_the_same_book_gives_the_same_pages_whatever_the_hash_seed(tmp_path):
    pages = []
    for seed in ("1", "2"):
        out = []
        for args in (["map", "-o", "-"], ["reach", "--format", "html"],
                     ["plan", "nordlicht", "--format", "html"]):
            proc = subprocess.run(
                [sys.executable, "-m", "netreach", *args, "--book", str(EXAMPLE),
                 "--today", TODAY.isoformat()],
                capture_output=True, text=True, check=True, timeout=120,
                env=cli_env(PYTHONHASHSEED=seed, NETREACH_NO_CACHE="1"))
            out.append(proc.stdout)
        pages.append(out)
    assert pages[0] == pages[1]
    assert all("<svg" in page for page in pages[0])
    assert os.environ.get("PYTHONHASHSEED") != "x"  # the runs above set it themselves
