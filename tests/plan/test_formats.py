"""Renderers: one per output format, golden files for the example book, JSON shape.

Golden files: run with NETREACH_UPDATE_GOLDEN=1 to rewrite them, then review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netreach.render.plan_formats import RENDERERS, PlanFormat, render
from tests import golden
from tests.plan.conftest import TARGETS, TODAY, plan_for

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    golden.check_golden(GOLDEN / name, text)


def test_every_format_has_exactly_one_renderer():
    assert set(RENDERERS) == set(PlanFormat)


@pytest.mark.parametrize("fmt", list(PlanFormat))
def test_every_renderer_gives_text(example, fmt):
    text = render(plan_for(example, "nordlicht"), fmt)
    assert isinstance(text, str) and "Tobias Lang" in text


@pytest.mark.parametrize(("name", "fmt"), [
    ("plan.txt", PlanFormat.TEXT), ("plan.text", PlanFormat.TEXT),
    ("Plan.MD", PlanFormat.MARKDOWN), ("p.markdown", PlanFormat.MARKDOWN),
    ("plan.html", PlanFormat.HTML), ("plan.htm", PlanFormat.HTML),
    ("plan.json", PlanFormat.JSON), ("plan", None), ("plan.pdf", None),
])
def test_the_file_name_chooses_a_format(name, fmt):
    assert PlanFormat.for_file(name) is fmt


@pytest.mark.parametrize("company", TARGETS)
@pytest.mark.parametrize(("fmt", "suffix"), [(PlanFormat.MARKDOWN, "md"),
                                              (PlanFormat.TEXT, "txt")])
def test_golden_plans_of_the_example_book(example, company, fmt, suffix):
    check_golden(f"plan_{company}.{suffix}", render(plan_for(example, company), fmt))


def test_the_markdown_plan_has_every_part(example):
    text = render(plan_for(example, "kiezbank"), PlanFormat.MARKDOWN)
    for part in ("# Outreach plan: Kiezbank", "## Why Kiezbank", "## Warm these ties first",
                 "## Chain 1 of 3", "### Referral checklist: Greta Vogel, toward Niklas Berg",
                 "| (c) | can pledge their credibility on your ability | missing |",
                 "Message draft:", "> Hi Felix,", "## How tracking works"):
        assert part in text


def test_plan_json_shape(example):
    data = json.loads(render(plan_for(example, "nordlicht"), PlanFormat.JSON))
    assert data["company"] == {"id": "nordlicht", "name": "Nordlicht Energy",
                               "outlook": "growing", "industry": "climate tech"}
    assert data["today"] == "2026-11-22"
    assert {"chains", "warm_first", "hints", "target", "tracking_rule", "me"} <= set(data)
    chain = data["chains"][0]
    assert [n["id"] for n in chain["route"]] == ["me", "mira-schulz", "tobias-lang"]
    first, second = chain["steps"]
    assert first["ask"] == "referral" and first["leads_to"]["id"] == "tobias-lang"
    # The example book records the ask on 2026-11-02 and no answer: overdue since 11-09.
    assert first["done"] is None and first["state"] == "asked"
    assert first["asked"] == "2026-11-02" and first["follow_up"] == "2026-11-09"
    assert first["command"] == ("netreach outcome mira-schulz referred --for nordlicht "
                                "--to tobias-lang")
    assert second["ask"] == "advice" and second["follow_up"] is None
    assert second["state"] == "open"
    assert second["via"] == {"kind": "intro", "id": "mira-schulz", "name": "Mira Schulz",
                             "member": True}
    assert chain["checklist"]["ready"] is True
    assert [i["letter"] for i in chain["checklist"]["items"]] == list("abcde")
    assert {i["status"] for i in chain["checklist"]["items"]} == {"met"}


def test_a_plan_without_chains_renders_its_hints():
    from tests.plan.conftest import network_of

    network = network_of("""\
        netreach: 1
        me: {name: Sam}
        companies: {acme: {name: Acme, outlook: frozen}}
        communities: {club: {name: Chess Club, kind: club}}
        people:
          ben: {name: Ben, company: acme, hiring: true, communities: [club]}
    """)
    # Ben can be met at the chess club (two hops): a one-hop limit leaves no chain.
    from netreach.outreach.plan import compose_plan

    plan = compose_plan(network, network.companies["acme"], today=TODAY, max_hops=1)
    assert plan.chains == () and plan.hints
    for fmt in PlanFormat:
        text = render(plan, fmt)
        assert "Acme" in text
    text = render(plan, PlanFormat.TEXT)
    assert "Best chain   none within 1 hop\n" in text
    assert "frozen: a hiring freeze" in text
