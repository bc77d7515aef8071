"""Fixtures of the foundation suite: small books, the commented golden book, and a
way to run the real CLI in a subprocess with a loader limit lowered."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMMENTED = FIXTURES / "commented.yaml"

# A valid book with a little of everything, used by most loader tests.
MINIMAL = """\
netreach: 1
me:
  name: Alex Rivera
people:
  dana-kim:
    name: Dana Kim
"""


def book_text(people: str = "", *, companies: str = "", communities: str = "",
              me: str = "  name: Alex Rivera\n") -> str:
    """A format-1 book; each section is YAML text indented as it would be in the file."""
    text = "netreach: 1\nme:\n" + me
    if companies:
        text += "companies:\n" + textwrap.indent(textwrap.dedent(companies), "  ")
    if communities:
        text += "communities:\n" + textwrap.indent(textwrap.dedent(communities), "  ")
    if people:
        text += "people:\n" + textwrap.indent(textwrap.dedent(people), "  ")
    return text


@dataclass(frozen=True)
class Result:
    """What a CLI run left behind: exit code, stdout and stderr kept apart."""

    code: int
    stdout: str
    stderr: str


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of tests/conftest.py's ``run``: source tree first, no colour."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETREACH_")}
    env.update(NO_COLOR="1", COLUMNS="100", NETREACH_NO_INPUT="1",
               PYTHONPATH=str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", ""))
    env.update(extra)
    return env


def netreach_cmd(*args: str | os.PathLike[str]) -> list[str]:
    """argv that runs the source tree's netreach."""
    return [sys.executable, "-m", "netreach", *map(str, args)]


@pytest.fixture
def run_patched() -> Callable[..., Result]:
    """Run ``netreach ARGS`` in a subprocess after setting module attributes, e.g.
    ``{"netreach.book.yamlread.MAX_BOOK_BYTES": 100}``: a real process, real exit code,
    without writing a 256 MB file."""

    def _run(patches: dict[str, object], *args: str | os.PathLike[str],
             env: dict[str, str] | None = None, timeout: float = 60) -> Result:
        lines = ["import importlib"]
        for target, value in patches.items():
            module, _, attr = target.rpartition(".")
            lines.append(f"setattr(importlib.import_module({module!r}), {attr!r}, {value!r})")
        lines.append("from netreach.cli import main; main()")
        proc = subprocess.run(
            [sys.executable, "-c", "\n".join(lines), *map(str, args)],
            capture_output=True, text=True, env=cli_env(**(env or {})), timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return _run
