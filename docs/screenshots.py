"""Regenerate the screenshots of netreach's pictures (needs Debian's ``chromium``).

    python docs/screenshots.py [OUT_DIR]        # default: ./screenshots

Runs the real commands on the example book as of 2026-11-22 (``plan nordlicht -o
plan.html``, ``map nordlicht -o map.html``, ``map -o map-all.html``, ``reach -o
reach.html``), opens each page offline in headless Chromium (``tests/browser.py``,
over the DevTools pipe: no network, no extra package) and writes PNGs beside them:
whole pages, the first chain diagram of the plan, and the map with a person hovered
and clicked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, Browser  # noqa: E402

TODAY = "2026-11-22"
BOOK = ROOT / "contacts.example.yaml"
PAGES = {
    "plan.html": ["plan", "nordlicht"],
    "map.html": ["map", "nordlicht"],
    "map-all.html": ["map"],
    "reach.html": ["reach"],
}


def netreach(*args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), NETREACH_TODAY=TODAY)
    subprocess.run([sys.executable, "-m", "netreach", *args, "--book", str(BOOK)],
                   check=True, env=env)


def main(out: Path) -> None:
    if CHROMIUM is None:
        sys.exit("headless Chromium is not installed (Debian: apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    for name, args in PAGES.items():
        netreach(*args, "-o", str(out / name))
    with Browser(1400, 900) as browser:
        for name in PAGES:
            browser.open(out / name)
            browser.screenshot(out / name.replace(".html", ".png"))
        browser.resize(820, 900)
        browser.open(out / "plan.html")
        browser.screenshot(out / "plan-chain-1.png", selector="#chain-1 figure")
        browser.screenshot(out / "plan-chain-3.png", selector="#chain-3 figure")
        browser.resize(1400, 900)
        browser.open(out / "map.html")
        node = browser.evaluate(
            "(() => { const a = [...document.querySelectorAll('a.node')].find(a => "
            "a.querySelector('title').textContent.startsWith('Lea Hoffmann')); "
            "const r = a.querySelector('rect').getBoundingClientRect(); "
            "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        browser.mouse(*node)
        browser.screenshot(out / "map-hover.png", full_page=False)
        browser.mouse(*node, click=True)
        browser.mouse(1, 1)
        browser.screenshot(out / "map-click.png", full_page=False)
    for png in sorted(out.glob("*.png")):
        print(png)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots"))
