"""The HTML plan printed by a real browser: headless Chromium renders it to PDF on A4 and
on Letter, and pdftotext checks that every step is there, nothing is cut off at the
margins, each chain starts on a new page, and the page count is sane.

Needs Debian's ``chromium`` and ``poppler-utils`` (``.ci/run`` installs both); skipped
with that reason where they are absent, and failed under CI (``tests/browser.py``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from netreach.book.loading import load
from netreach.outreach.plan import Plan
from netreach.render.plan_formats import PlanFormat, render
from tests.browser import CHROMIUM, require
from tests.plan.conftest import TARGETS, plan_for
from tests.plan.hostile import HOSTILE

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")


@pytest.fixture(autouse=True)
def _tools() -> None:
    require("headless Chromium and poppler-utils (pdftotext, pdfinfo)",
            bool(CHROMIUM and PDFTOTEXT and PDFINFO))

# Page sizes in PostScript points, and the printable margin of plan.css (15 mm).
PAPER = {"A4": (595.28, 841.89), "letter": (612.0, 792.0)}
MARGIN = 15 / 25.4 * 72


def print_to_pdf(html: str, paper: str, tmp_path: Path) -> Path:
    """Print ``html`` with headless Chromium on ``paper`` (a CSS page size)."""
    # A person picks the paper in the print dialog; here a CSS page size does it.
    page = html.replace("</head>", f"<style>@page {{ size: {paper}; }}</style>\n</head>", 1)
    source = tmp_path / f"plan-{paper}.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / f"plan-{paper}.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={pdf}",
         source.as_uri()],
        capture_output=True, timeout=180, check=False,
    )
    assert pdf.exists() and pdf.stat().st_size > 0, "Chromium wrote no PDF"
    return pdf


def pdf_pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups()  # type: ignore[union-attr]
    return pages, (float(w), float(h))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    args = [PDFTOTEXT, "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def squash(text: str) -> str:
    """Without any whitespace: line breaks fall anywhere in print."""
    return re.sub(r"\s+", "", text)


def step_texts(plan: Plan) -> list[str]:
    """Every piece of every step that the printed page must show."""
    from netreach.render import plan_words as w

    texts = []
    for chain in plan.chains:
        texts.append(w.chain_title(plan, chain))
        for step in chain.steps:
            texts += [f"Step {step.number}. {step.action}", step.request[1:]]
            if step.done:
                texts.append(w.done_line(step))
            else:
                texts.append(w.state_line(step, plan.today))
                texts.append(w.record_line(step))
                texts += list(step.offer) + list(step.message)
        texts += [chain.checklist_for] + [i.evidence for i in chain.checklist.items]
        texts += [t for i in chain.checklist.items for t in i.todo]
    return texts


def word_boxes(pdf: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, word) of every word, from ``pdftotext -bbox``."""
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    boxes, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)".*>(.*)</word>',
                      line)
        if m:
            boxes.append((page, float(m.group(1)), float(m.group(2)), m.group(3)))
    return boxes


def check_printed(plan: Plan, pdf: Path, paper: str) -> None:
    pages, size = pdf_pages(pdf)
    assert size == pytest.approx(PAPER[paper], abs=1), f"{paper}: page size {size}"
    # Each chain on its own page(s), and no runaway: at most three pages a chain.
    assert max(1, len(plan.chains)) <= pages <= 3 * len(plan.chains) + 1, pages
    text = squash(pdf_text(pdf))
    missing = [t for t in step_texts(plan) if squash(t) not in text]
    assert not missing, missing
    width = size[0]
    for page, x_min, x_max, word in word_boxes(pdf):
        assert x_min >= MARGIN - 2 and x_max <= width - MARGIN + 2, (page, word, x_min, x_max)
    # Every chain after the first starts at the top of a page.
    starts = [pdf_text(pdf, p).strip().splitlines()[0] for p in range(1, pages + 1)]
    for chain in plan.chains[1:]:
        assert any(s.startswith(f"Chain {chain.rank} of ") for s in starts), starts


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_nordlicht_plan_prints_on_a4_and_letter(example, tmp_path, paper):
    plan = plan_for(example, "nordlicht")
    check_printed(plan, print_to_pdf(render(plan, PlanFormat.HTML), paper, tmp_path), paper)


@pytest.mark.parametrize(("company", "paper"), [(TARGETS[1], "A4"), (TARGETS[2], "letter")])
def test_the_other_example_plans_print(example, tmp_path, company, paper):
    plan = plan_for(example, company)
    check_printed(plan, print_to_pdf(render(plan, PlanFormat.HTML), paper, tmp_path), paper)


def test_long_words_and_hostile_names_wrap_inside_the_page(tmp_path):
    long_word = "x" * 300
    book = HOSTILE.replace('title: "[bold red]x[/] & co"', f'title: "{long_word}"')
    network = load(book.encode("utf-8"), "hostile.yaml")
    plan = plan_for(network, "evil")
    pdf = print_to_pdf(render(plan, PlanFormat.HTML), "letter", tmp_path)
    pages, (width, _) = pdf_pages(pdf)
    assert pages >= len(plan.chains)
    for page, x_min, x_max, word in word_boxes(pdf):
        assert x_min >= MARGIN - 2 and x_max <= width - MARGIN + 2, (page, word)
    text = squash(pdf_text(pdf))
    assert long_word in text  # all of it, wrapped, none cut off
    assert squash("<script>alert(1)</script> Corp") in text  # shown as text
