"""The pictures in a real browser: headless Chromium opens the plan, the map and the
reach page, and the DOM says every box of every chain is drawn, no two boxes overlap,
every label is inside its box and the page, and nothing is requested but the page
itself. Each page leaves a screenshot in the test's temporary folder.

Skipped without Chromium on a workstation; a failure under CI (``tests/browser.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netreach.analysis.reach import reach
from netreach.render.map_html import map_html
from netreach.render.plan_formats import PlanFormat, render
from netreach.render.reach_html import reach_html
from netreach.render.safe import clean
from tests.browser import Browser, require_chromium
from tests.pictures.books import TODAY, hostile_network, long_network, results
from tests.plan.conftest import example, plan_for  # noqa: F401 (a fixture)

# A4 and Letter less 15 mm margins, in CSS pixels (96 per inch).
PRINT_WIDTHS = {"A4": round(180 / 25.4 * 96), "letter": round(185.9 / 25.4 * 96)}

MEASURE = """(() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return [r.left + scrollX, r.top + scrollY, r.right + scrollX,
                             r.bottom + scrollY]; };
  return { page: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
           scripts: document.scripts.length,
           svgs: [...document.querySelectorAll('svg.diagram')].map(svg => ({
             cls: svg.getAttribute('class'), rect: box(svg),
             nodes: [...svg.querySelectorAll('.node')].map(n => ({
               title: n.querySelector('title').textContent, rect: box(n.querySelector('rect')),
               texts: [...n.querySelectorAll('text')].map(t => [t.textContent, ...box(t)]) })),
             labels: [...svg.querySelectorAll('text')].map(t => [t.textContent, ...box(t)]) })) };
})()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium()
    with Browser(1280, 900) as b:
        yield b


def show(browser: Browser, html: str, folder: Path, name: str) -> dict[str, Any]:
    """Open ``html`` from a file, check it fetched nothing, screenshot it, measure it."""
    page = folder / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page)
    assert browser.requests() == [page.resolve().as_uri()]  # nothing else, not even a font
    shot = browser.screenshot(folder / f"{name}.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 2000
    measured: dict[str, Any] = browser.evaluate(MEASURE)
    assert measured["scripts"] == 0
    return measured


def inside(inner: list[float], outer: list[float], slack: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def check_geometry(measured: dict[str, Any]) -> None:
    """No overlapping boxes; every label inside its box, its picture and the page."""
    page = [0.0, 0.0, *measured["page"]]
    for svg in measured["svgs"]:
        nodes = svg["nodes"]
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                ra, rb = a["rect"], b["rect"]
                apart = (ra[2] <= rb[0] + .5 or rb[2] <= ra[0] + .5 or ra[3] <= rb[1] + .5
                         or rb[3] <= ra[1] + .5)
                assert apart, (a["title"], b["title"])
            for text, *rect in a["texts"]:
                assert inside(rect, a["rect"]), (a["title"], text, rect, a["rect"])
        for text, *rect in svg["labels"]:
            assert inside(rect, page), (text, rect, page)
            if "chain-diagram" in svg["cls"]:
                assert inside(rect, svg["rect"]), (text, rect, svg["rect"])


def first_names(svg: dict[str, Any]) -> list[str]:
    return [n["title"].split(" — ")[0] for n in svg["nodes"]]


@pytest.mark.parametrize("which", ["example", "long", "hostile"])
def test_every_chain_of_a_plan_is_drawn_beside_its_steps(browser, tmp_path, example, which):  # noqa: F811
    network, company = {"example": (example, "nordlicht"), "long": (long_network(), "longco"),
                        "hostile": (hostile_network(), "evil")}[which]
    plan = plan_for(network, company)
    measured = show(browser, render(plan, PlanFormat.HTML), tmp_path, f"plan-{which}")
    check_geometry(measured)
    svgs = measured["svgs"]
    assert len(svgs) == len(plan.chains) > 0
    for svg, chain in zip(svgs, plan.chains, strict=True):
        assert first_names(svg) == ["You"] + [clean(n.name) for n in chain.route[1:]]
    # The diagram sits in its chain's section, before the first step.
    order = browser.evaluate("[...document.querySelectorAll('.chain')].map(s => "
                             "s.firstElementChild.nextElementSibling.nextElementSibling"
                             ".tagName)")
    assert order == ["FIGURE"] * len(plan.chains)


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_chain_diagrams_fit_the_printed_page(browser, tmp_path, paper):
    plan = plan_for(long_network(), "longco")
    page = tmp_path / f"print-{paper}.html"
    page.write_text(render(plan, PlanFormat.HTML), encoding="utf-8")
    browser.media("print")
    browser.resize(PRINT_WIDTHS[paper], 1000)
    try:
        browser.open(page)
        measured = browser.evaluate(MEASURE)
        browser.screenshot(tmp_path / f"print-{paper}.png", selector="figure")
    finally:
        browser.media("")
        browser.resize(1280, 900)
    check_geometry(measured)
    for svg in measured["svgs"]:
        assert svg["rect"][2] <= PRINT_WIDTHS[paper] + 1  # five boxes within the margins
        assert len(svg["nodes"]) in (4, 5)


@pytest.mark.parametrize("which", ["example", "hostile"])
def test_the_map_draws_every_chain_and_its_companies(browser, tmp_path, example, which):  # noqa: F811
    network, companies = ((example, ("nordlicht", "kiezbank", "helio-maps"))
                          if which == "example" else (hostile_network(), ("evil",)))
    found = results(network, companies)
    measured = show(browser, map_html(network, found, today=TODAY), tmp_path, f"map-{which}")
    check_geometry(measured)
    (svg,) = measured["svgs"]
    drawn = set(first_names(svg))
    for result in found:
        assert clean(result.company.name) in drawn
        for chain in result.chains:
            for step in chain.steps[1:]:
                name = (network.communities[step.id].name if step.kind.value == "community"
                        else network.people[step.id].name)
                assert clean(name) in drawn


def opacity(browser: Browser, selector: str) -> float:
    return float(browser.evaluate(
        f"getComputedStyle(document.querySelector({json.dumps(selector)})).opacity"))


def test_hovering_and_clicking_a_person_shows_their_chains(browser, tmp_path, example):  # noqa: F811
    found = results(example, ("nordlicht",))
    page = tmp_path / "map.html"
    page.write_text(map_html(example, found, today=TODAY), encoding="utf-8")
    browser.media("")
    browser.open(page)
    # Lea Hoffmann and Mira Schulz are on different chains.
    lea = browser.evaluate("[...document.querySelectorAll('a.node')].find(a => a.querySelector"
                           "('title').textContent.startsWith('Lea Hoffmann')).id")
    mira = browser.evaluate("[...document.querySelectorAll('a.node')].find(a => a.querySelector"
                            "('title').textContent.startsWith('Mira Schulz')).id")
    x, y = browser.evaluate("(() => { const r = document.querySelector('#" + lea + " rect')"
                            ".getBoundingClientRect(); return [r.x + r.width / 2, "
                            "r.y + r.height / 2]; })()")
    browser.mouse(x, y)
    assert opacity(browser, f"#{lea}") == 1 and opacity(browser, f"#{mira}") < 0.5
    browser.screenshot(tmp_path / "map-hover.png", full_page=False)
    browser.mouse(x, y, click=True)
    browser.mouse(1, 1)  # away: what stays lit is the click's doing
    detail = "d-" + lea.removeprefix("n-")
    assert browser.evaluate("location.hash") == f"#{detail}"
    assert browser.evaluate(f"getComputedStyle(document.getElementById('{detail}')).display") \
        == "block"
    text = browser.evaluate(f"document.getElementById('{detail}').innerText")
    chain = next(c for c in found[0].chains if any(s.id == "lea-hoffmann" for s in c.steps))
    assert "Lea Hoffmann" in text and f"{chain.score:.4f}" in text
    assert all(f.name in text for f in chain.factors)  # every --explain factor
    assert opacity(browser, f"#{mira}") < 0.5 and opacity(browser, f"#{lea}") == 1
    browser.screenshot(tmp_path / "map-click.png", full_page=False)
    assert browser.requests() == [page.resolve().as_uri()]


@pytest.mark.parametrize("which", ["example", "hostile"])
def test_the_reach_page_charts_hops_and_companies(browser, tmp_path, example, which):  # noqa: F811
    network = example if which == "example" else hostile_network()
    result = reach(network, today=TODAY)
    measured = show(browser, reach_html(network, result, today=TODAY), tmp_path,
                    f"reach-{which}")
    check_geometry(measured)
    bars, *lanes = measured["svgs"]
    assert [t[0] for t in bars["labels"] if "hop" in t[0]] == [
        f"{n} hop{'s' if n > 1 else ''}" for n in range(1, result.max_hops + 1)]
    chips = set(first_names(lanes[0])) if lanes else set()
    assert chips == {clean(c.company.name) for c in result.companies}
