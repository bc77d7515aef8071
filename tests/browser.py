"""Headless Chromium driven over the DevTools protocol on a pipe (stdlib only).

Used by the picture tests and by ``docs/screenshots.py``: open a page from a file,
record every request it makes, read the DOM with ``evaluate``, move the mouse, take
a full-page screenshot. No extra package: Chromium's ``--remote-debugging-pipe``
speaks JSON messages ending in NUL on file descriptors 3 (in) and 4 (out).

Chromium comes from Debian (``chromium``; ``.ci/run`` installs it). Without it the
tests that need it are skipped on a workstation, and fail under CI (``CI`` set), so a
CI machine that lost its browser cannot pass them silently.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser",
                                                "google-chrome")) if p), None)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--remote-debugging-pipe")
TIMEOUT = 120.0  # seconds for one answer: the machine may be busy


def under_ci() -> bool:
    """True on a CI machine (``CI`` set, as CI services and ``.ci/run`` do)."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(what: str, found: bool) -> None:
    """Skip (on a workstation) or fail (under CI) when a tool a test needs is missing."""
    import pytest

    if found:
        return
    message = f"{what} is not installed (.ci/run installs Debian's chromium and poppler-utils)"
    if under_ci():
        pytest.fail(f"CI: {message}")
    pytest.skip(message)


def require_chromium() -> str:
    """Chromium's path; else skip (on a workstation) or fail (under CI)."""
    require("headless Chromium", CHROMIUM is not None)
    assert CHROMIUM is not None
    return CHROMIUM


class Browser:
    """One headless Chromium and one page in it."""

    def __init__(self, width: int = 1280, height: int = 900) -> None:
        assert CHROMIUM, "headless Chromium is not installed"
        self._profile = tempfile.TemporaryDirectory(prefix="netreach-chromium-")
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def wire() -> None:  # in the child: the pipe ends on fds 3 and 4
            # Through fds >= 10 first: a pipe end may itself be 3 or 4, and dup2 onto
            # itself would leave it close-on-exec.
            high = (fcntl.fcntl(to_child, fcntl.F_DUPFD, 10),
                    fcntl.fcntl(from_child, fcntl.F_DUPFD, 10))
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self._profile.name}",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False,  # keep 3 and 4 (dup2 makes them inheritable)
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.call(f"{domain}.enable", session=True)
        self.resize(width, height)

    # -- the protocol ---------------------------------------------------------------
    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)  # type: ignore[no-any-return]

    def call(self, method: str, params: dict[str, Any] | None = None, *,
             session: bool = False) -> dict[str, Any]:
        """Send one command and wait for its answer (events that arrive meanwhile are
        kept in ``events``)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})  # type: ignore[no-any-return]
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The next event called ``method`` (already received, or waited for)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read(deadline))

    # -- the page -------------------------------------------------------------------
    def media(self, media: str = "", *, reduced_motion: bool = True) -> None:
        """Emulate a CSS media type ("print", or "" for the screen); without motion, so a
        style read after a hover is the final one, not a frame of a transition."""
        features = [{"name": "prefers-reduced-motion",
                     "value": "reduce" if reduced_motion else "no-preference"}]
        self.call("Emulation.setEmulatedMedia", {"media": media, "features": features},
                  session=True)

    def resize(self, width: int, height: int) -> None:
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                  session=True)

    def open(self, path: Path) -> None:
        """Load a file and wait until it has loaded (``requests`` starts afresh)."""
        self.events = []
        self.call("Page.navigate", {"url": path.resolve().as_uri()}, session=True)
        self.wait_for("Page.loadEventFired")

    def requests(self) -> list[str]:
        """The URL of every request the page made (the page itself included)."""
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def evaluate(self, expression: str) -> Any:
        """A JavaScript expression's value, run by DevTools (not by the page: the page's
        own Content-Security-Policy still forbids its scripts)."""
        result = self.call("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def mouse(self, x: float, y: float, *, click: bool = False) -> None:
        """Move the mouse to a point of the viewport (and click there)."""
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y},
                  session=True)
        if click:
            for kind in ("mousePressed", "mouseReleased"):
                self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                       "button": "left", "clickCount": 1},
                          session=True)

    def screenshot(self, path: Path, *, full_page: bool = True, selector: str | None = None,
                   ) -> Path:
        """A PNG of the page (all of it, unless ``full_page`` is off; or of the first
        element ``selector`` finds)."""
        params: dict[str, Any] = {"format": "png"}
        if selector is not None:
            box = self.evaluate(
                f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                ".getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, "
                "r.width, r.height]; })()")
            params.update(captureBeyondViewport=True, clip={
                "x": box[0] - 8, "y": box[1] - 8, "width": box[2] + 16, "height": box[3] + 16,
                "scale": 1.5})
        elif full_page:
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params.update(captureBeyondViewport=True, clip={
                "x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._in, self._out):
            os.close(fd)
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
