"""The pictures as text: a golden chain diagram, hostile names inert in every page, the
pages' policy (nothing to load, no script), and the map and reach commands."""

from __future__ import annotations

import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from netreach.analysis.reach import reach
from netreach.render.map_html import map_html
from netreach.render.plan_formats import PlanFormat, render
from netreach.render.plan_html import chain_figure
from netreach.render.reach_formats import RENDERERS, ReachFormat
from netreach.render.reach_html import reach_html
from tests.golden import check_golden
from tests.pictures.books import TODAY, hostile_network, results
from tests.plan.conftest import example, plan_for  # noqa: F401 (a fixture)
from tests.plan.hostile import BIDI, SCRIPT

GOLDEN = Path(__file__).parent / "golden"
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def test_the_first_nordlicht_chain_matches_its_golden_svg(example):  # noqa: F811
    plan = plan_for(example, "nordlicht")
    check_golden(GOLDEN / "plan-nordlicht-chain-1.svg", str(chain_figure(plan, plan.chains[0]))
                 + "\n")


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.add(name)
            if name in ("href", "src", "xlink:href", "action") and value:
                self.urls.append(value)


# What a picture page may hold: no <script>, <img>, <image>, <use>, <foreignObject>,
# <link>, <iframe>, no event handler, no style that loads (url()).
SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "aside", "h1",
             "h2", "h3", "p", "section", "ul", "ol", "li", "table", "tbody", "tr", "th", "td",
             "div", "span", "b", "code", "footer", "figure", "figcaption", "svg", "g", "a",
             "rect", "path", "text", "colgroup", "col", "thead", "dl", "dt", "dd", "blockquote",
             "br"}
SAFE_ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "style",
              "xmlns", "role", "viewbox", "width", "height", "aria-label", "x", "y", "rx", "d",
              "font-size", "text-anchor", "href"}


def pages(network, company: str) -> dict[str, str]:
    return {
        "plan": render(plan_for(network, company), PlanFormat.HTML),
        "map": map_html(network, results(network, (company,)), today=TODAY),
        "reach": reach_html(network, reach(network, today=TODAY), today=TODAY),
    }


def check_inert(page: str) -> None:
    assert f'content="{CSP}"' in page
    parser = Elements()
    parser.feed(page)
    assert parser.tags <= SAFE_TAGS, parser.tags - SAFE_TAGS
    assert parser.attrs <= SAFE_ATTRS, parser.attrs - SAFE_ATTRS
    assert all(re.fullmatch(r"#[\w-]*", url) for url in parser.urls), parser.urls
    assert "url(" not in page and "@import" not in page
    assert "\x1b" not in page and BIDI not in page
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)


@pytest.mark.parametrize("kind", ["plan", "map", "reach"])
def test_hostile_names_are_inert_in_every_picture(kind):
    page = pages(hostile_network(), "evil")[kind]
    check_inert(page)
    assert SCRIPT not in page and "<img" not in page and "<b>bold</b>" not in page
    if kind != "reach":  # reach names companies, not people
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "Fr\\u202eiend" in page  # the bidi override shown, not obeyed
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Corp" in page


@pytest.mark.parametrize("kind", ["plan", "map", "reach"])
def test_the_example_pages_are_self_contained(example, kind):  # noqa: F811
    check_inert(pages(example, "nordlicht")[kind])


def test_every_reach_format_has_a_renderer():
    assert set(RENDERERS) == set(ReachFormat)


def test_map_writes_a_private_file_named_for_the_company(invoke, example_book, tmp_path,
                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = invoke("map", "Nordlicht", "--book", example_book, "--today", TODAY.isoformat())
    assert res.code == 0, res.stderr
    out = tmp_path / "map-nordlicht.html"
    assert out.exists() and "map-nordlicht.html" in res.stderr and res.stdout == ""
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    page = out.read_text(encoding="utf-8")
    assert page.count('class="node person') >= 5 and "Tobias Lang" in page


def test_map_without_a_company_maps_every_target_and_dash_is_stdout(invoke, example_book):
    res = invoke("map", "-o", "-", "--book", example_book, "--today", TODAY.isoformat())
    assert res.code == 0, res.stderr
    assert res.stdout.startswith("<!doctype html>")
    title = re.search("<h1>(.*)</h1>", res.stdout).group(1)  # type: ignore[union-attr]
    assert title == "Who can get you in: Nordlicht Energy, Kiezbank, Helio Maps"
    assert res.stdout.count('class="node company') == 3


def test_map_errors(invoke, example_book, tmp_path):
    res = invoke("map", "no-such-company-zzz", "-o", tmp_path / "m.html", "--book",
                 example_book)
    assert res.code == 1 and not (tmp_path / "m.html").exists()
    book = tmp_path / "contacts.yaml"
    book.write_bytes(example_book.read_bytes())
    res = invoke("map", "nordlicht", "-o", book, "--book", book)
    assert res.code == 1 and book.read_bytes() == example_book.read_bytes()
    empty = tmp_path / "empty.yaml"
    empty.write_text("netreach: 1\nme: {name: Solo}\n", encoding="utf-8")
    res = invoke("map", "--book", empty, "-o", tmp_path / "e.html")
    assert res.code == 2 and "COMPANY" in res.stderr


def test_reach_formats_follow_the_file_name(invoke, example_book, tmp_path):
    for name, start in (("r.html", "<!doctype html>"), ("r.json", "{"), ("r.txt", "People")):
        res = invoke("reach", "-o", tmp_path / name, "--book", example_book,
                     "--today", TODAY.isoformat())
        assert res.code == 0, res.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    res = invoke("reach", "--format", "html", "--book", example_book)
    assert res.code == 0 and res.stdout.startswith("<!doctype html>")
    assert "<svg" in res.stdout
