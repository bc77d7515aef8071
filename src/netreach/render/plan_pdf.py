"""``-o plan.pdf``: the HTML plan printed to PDF by headless Chromium, when installed.

Chromium is the browser the test suite already prints plans with; nothing else
on a typical machine renders the print stylesheet faithfully. Without it the
error names the HTML route (write ``.html``, print it from a browser).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from netreach.errors import NetreachError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 120  # a cold Chromium start on a busy 2-core machine takes ~10 s


class PdfUnavailable(NetreachError):
    """No PDF could be made (no Chromium, or it failed); exit 1."""


def browser() -> str | None:
    """The first headless-capable Chromium on PATH, if any."""
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


def html_to_pdf(html: str) -> bytes:
    """``html`` printed to PDF by headless Chromium, in a private temporary directory."""
    chromium = browser()
    route = ("write the plan as HTML (-o plan.html) and print it to PDF from a browser "
             "(it prints on A4 and Letter)")
    if chromium is None:
        raise PdfUnavailable(f"a PDF needs Chromium, which is not installed: {route}")
    with tempfile.TemporaryDirectory(prefix="netreach-pdf-") as tmp:
        source = Path(tmp) / "plan.html"
        source.write_text(html, encoding="utf-8")
        pdf = Path(tmp) / "plan.pdf"
        try:
            subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
                 "--print-to-pdf-no-header", f"--print-to-pdf={pdf}", source.as_uri()],
                capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired):
            raise PdfUnavailable(f"Chromium could not print the plan: {route}") from None
        data = pdf.read_bytes() if pdf.exists() else b""
    if not data.startswith(b"%PDF"):
        raise PdfUnavailable(f"Chromium wrote no PDF: {route}")
    return data
