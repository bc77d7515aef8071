"""Hostile names and notes (HTML, rich markup, ANSI escapes, bidi overrides, Markdown)
are inert in every format: shown as text, never obeyed."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from netreach.book.loading import load
from netreach.book.network import Network
from netreach.outreach.agenda import agenda
from netreach.outreach.plan import Plan
from netreach.render.plan_formats import PlanFormat, render
from netreach.render.plan_text import plan_view
from netreach.render.progress import agenda_view
from tests.plan.conftest import TODAY, plan_for
from tests.plan.hostile import ANSI, BIDI, HOSTILE, MARKUP, SCRIPT


@pytest.fixture(scope="module")
def network() -> Network:
    return load(HOSTILE.encode("utf-8"), "hostile.yaml")


@pytest.fixture(scope="module")
def plan(network) -> Plan:
    plan = plan_for(network, "evil")
    # The book must reach every part of the plan for the test to mean anything.
    assert len(plan.chains) >= 2 and plan.warm_first
    assert any(s.done for c in plan.chains for s in c.steps)
    assert any(s.done is None for c in plan.chains for s in c.steps)
    return plan


def no_raw_controls(text: str) -> None:
    assert "\x1b" not in text
    assert BIDI not in text
    assert "\x07" not in text


def test_text_shows_markup_as_text(plan):
    text = render(plan, PlanFormat.TEXT)
    no_raw_controls(text)
    assert MARKUP in text  # printed literally, not parsed as rich markup
    assert SCRIPT in text
    assert "\\u202e" in text and "\\u001b" in text  # visible stand-ins


def test_the_terminal_in_colour_only_gets_rich_styles(plan, network):
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=100,
                      markup=False, highlight=False, emoji=False)
    console.print(plan_view(plan))
    console.print(agenda_view(agenda(network, [network.companies["evil"]], today=TODAY)))
    out = buffer.getvalue()
    assert BIDI not in out
    for attack in ("\x1b[31mred", "\x1b[2J", "\x1b]8;;", ANSI + " "):
        assert attack not in out
    assert MARKUP in out


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


ALLOWED_HTML = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
                "p", "section", "dl", "dt", "dd", "ul", "li", "table", "colgroup", "col",
                "thead", "tbody", "tr", "th", "td", "div", "span", "blockquote", "br",
                "footer"}
# The chain diagrams: inline SVG (no <image>, <use>, <foreignObject>, <a> or <script>).
ALLOWED_SVG = {"figure", "figcaption", "svg", "g", "title", "rect", "path", "text"}
SVG_ATTRIBUTES = {"xmlns", "role", "viewbox", "width", "height", "aria-label", "x", "y", "rx",
                  "d", "font-size", "text-anchor"}


def test_html_escapes_everything_and_fetches_nothing(plan):
    page = render(plan, PlanFormat.HTML)
    no_raw_controls(page)
    parser = Tags()
    parser.feed(page)
    assert set(parser.tags) <= ALLOWED_HTML | ALLOWED_SVG
    names = {name for name, _ in parser.attrs}
    assert names <= {"lang", "charset", "http-equiv", "content", "name", "class", "id",
                     *SVG_ATTRIBUTES}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "default-src 'none'" in page  # nothing may be loaded, even by mistake


def md_to_html(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def test_markdown_escapes_everything(plan):
    text = render(plan, PlanFormat.MARKDOWN)
    no_raw_controls(text)
    html = md_to_html(text)
    for tag in ("<script", "<img", "<b>", "<i>", "<a ", "<code>", "<em>", "<ol"):
        assert tag not in html, tag
    assert "<strong>strong</strong>" not in html
    # Every heading is one the renderer wrote: none comes from a name.
    parser = Tags()
    parser.feed(html)
    assert parser.tags.count("h1") == 1
    headings = [line for line in text.splitlines() if line.startswith("#")]
    prefixes = ("# Outreach plan: ", "## Why ", "## Warm these ties first", "## Chain ",
                "### [x] Step ", "### [ ] Step ", "### Referral checklist: ",
                "## How tracking works", "## How to ask", "## Chains dropped")
    assert all(h.startswith(prefixes) for h in headings), headings
    assert html.count("<h") == len(headings) + html.count("<hr")
    # ...and tables keep their columns: a | in a name does not add one.
    for line in text.splitlines():
        if line.startswith("| (") or line.startswith("| Fr"):
            assert line.replace("\\|", "").count("|") in (4, 5)


def test_markdown_shows_the_names(plan):
    html = md_to_html(render(plan, PlanFormat.MARKDOWN))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Corp" in html
    assert "[bold red]x[/]" in html
    assert "**strong**" in html


def test_json_keeps_data_exact_but_escapes_controls(plan):
    text = render(plan, PlanFormat.JSON)
    no_raw_controls(text)
    data = json.loads(text)
    assert data["company"]["name"] == "<script>alert(1)</script> Corp"
    assert data["me"]["headline"].endswith("\u202eevil")  # lossless once parsed
    assert data["company"]["industry"] == "[bold red]x[/] \x1b[31mred"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_cli_output_is_inert(invoke, tmp_path, fmt):
    book = tmp_path / "hostile.yaml"
    book.write_text(HOSTILE, encoding="utf-8")
    res = invoke("plan", "evil", "--format", fmt, "--today", "2026-11-22", "--book", book)
    assert res.code == 0, res.stderr
    no_raw_controls(res.stdout)
    no_raw_controls(res.stderr)
    res = invoke("next", "--today", "2026-11-22", "--book", book)
    assert res.code == 0, res.stderr
    no_raw_controls(res.stdout)
    assert "Fr\\u202eiend" in res.stdout or "Direct" in res.stdout
