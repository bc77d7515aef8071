"""Shared fixtures: the example book, a scratch copy, and two ways to run the CLI.

Feature suites keep their own fixtures in their own folders' conftest.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.tiers import DEEP, FAST

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
EXAMPLE = ROOT / "contacts.example.yaml"
COMMENTED = ROOT / "tests" / "foundation" / "fixtures" / "commented.yaml"

# Pin rendering so output is the same everywhere: no colour, fixed width.
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ["NETREACH_NO_INPUT"] = "1"
os.environ.pop("NETREACH_BOOK", None)
# The cache of validated books goes to a scratch directory, never the user's.
os.environ["NETREACH_CACHE_DIR"] = tempfile.mkdtemp(prefix="netreach-test-cache-")

# Hypothesis profiles of the two tiers (tests/tiers.py). Property tests set their full
# number of examples through tiers.examples(); these are the defaults for the rest.
# ``--hypothesis-profile=deep`` (read after this file) or NETREACH_DEEP=1 picks the deep one.
settings.register_profile(FAST, max_examples=20, deadline=None)
settings.register_profile(DEEP, max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(DEEP if os.environ.get("NETREACH_DEEP") == "1" else FAST)


@dataclass(frozen=True)
class Result:
    """What a CLI run left behind: exit code, stdout and stderr kept apart."""

    code: int
    stdout: str
    stderr: str


@pytest.fixture
def example_book() -> Path:
    """The bundled example book (read-only: copy it before writing)."""
    return EXAMPLE


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A writable copy of the example book."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(EXAMPLE, path)
    return path


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    """A writable copy of the hand-written, commented golden book."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(COMMENTED, path)
    return path


@pytest.fixture
def write_book(tmp_path: Path) -> Callable[[str | bytes], Path]:
    """Write a book (text or raw bytes) to a fresh file and return its path."""

    def _write(content: str | bytes, name: str = "contacts.yaml") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess run of the source tree's netreach."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("NETREACH_") or k == "NETREACH_CACHE_DIR"}
    env.update(NO_COLOR="1", COLUMNS="100", NETREACH_NO_INPUT="1",
               PYTHONPATH=str(SRC) + os.pathsep + env.get("PYTHONPATH", ""))
    env.update(extra)
    return env


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run ``netreach ARGS`` in a subprocess (the real entry point, real exit codes)."""

    def _run(*args: str | os.PathLike[str], input: str | None = None,
             env: dict[str, str] | None = None, cwd: Path | None = None,
             timeout: float = 60) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "netreach", *map(str, args)],
            capture_output=True, text=True, input=input, env=cli_env(**(env or {})),
            cwd=cwd, timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return _run


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run a command in-process with Typer's CliRunner (fast; stdout and stderr apart)."""
    from typer.testing import CliRunner

    from netreach.cli import app

    runner = CliRunner()

    def _invoke(*args: str | os.PathLike[str], input: str | None = None,
                env: dict[str, str] | None = None) -> Result:
        res = runner.invoke(app, [str(a) for a in args], input=input, env=env,
                            catch_exceptions=False)
        return Result(res.exit_code, res.stdout, res.stderr)

    return _invoke
