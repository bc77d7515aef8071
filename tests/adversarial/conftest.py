"""Shared pieces of the adversarial suite: the command table and the hostile books.

The command table lists every command that reads a book, once. A command that is
not registered on this branch yet (another issue builds it) is skipped with a
reason, so that it is tested automatically once it lands.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Result

TODAY = "2026-11-22"
# Ids of the example book that the templates below use.
PERSON = "mira-schulz"
OTHER = "kofi-mensah"
COMPANY = "nordlicht"


@dataclass(frozen=True)
class Cmd:
    """One command that reads a book: its argument template and what it does to disk.

    Placeholders: ``{person}``, ``{other}``, ``{company}``, ``{out}`` (a file the
    command writes, which must not exist afterwards when the book is bad) and
    ``{linkedin}`` (a small LinkedIn export). ``--book PATH`` is appended.
    """

    id: str
    args: tuple[str, ...]
    writes: bool = False  # changes the book when it succeeds
    probe: tuple[str, ...] = ()  # the words that name the command (default: args[0])
    out: bool = False  # writes {out}

    @property
    def words(self) -> tuple[str, ...]:
        return self.probe or self.args[:1]

    def argv(self, book: Path | str, out: Path | None = None,
             linkedin: Path | None = None) -> list[str]:
        """The command line for ``book`` (placeholders filled)."""
        fill = {"person": PERSON, "other": OTHER, "company": COMPANY,
                "out": str(out or "out.bin"), "linkedin": str(linkedin or "in.csv")}
        return [a.format(**fill) for a in self.args] + ["--book", str(book)]


COMMANDS: tuple[Cmd, ...] = (
    Cmd("validate", ("validate",)),
    Cmd("list", ("list",)),
    Cmd("list-json", ("list", "--json")),
    Cmd("show", ("show", "{person}")),
    Cmd("paths", ("paths", "{company}", "--today", TODAY)),
    Cmd("companies", ("companies", "--today", TODAY)),
    Cmd("add", ("add", "Zed Quimby"), writes=True),
    Cmd("link", ("link", "{person}", "{other}", "--strength", "2"), writes=True),
    Cmd("edit", ("edit", "{person}", "--title", "X"), writes=True),
    Cmd("rm", ("rm", "{person}", "--yes"), writes=True),
    Cmd("log", ("log", "{person}", "note", "--date", "2026-11-01"), writes=True),
    Cmd("plan", ("plan", "{company}", "--today", TODAY)),
    Cmd("plan-html", ("plan", "{company}", "--format", "html", "-o", "{out}",
                      "--today", TODAY), out=True),
    Cmd("next", ("next", "--today", TODAY)),
    Cmd("reach", ("reach", "--today", TODAY)),
    Cmd("suggest", ("suggest", "--today", TODAY)),
    Cmd("reach-html", ("reach", "--format", "html", "-o", "{out}", "--today", TODAY),
        out=True),
    Cmd("map", ("map", "{company}", "-o", "{out}", "--today", TODAY), out=True),
    Cmd("import-linkedin", ("import", "linkedin", "{linkedin}"), writes=True,
        probe=("import", "linkedin")),
    Cmd("export-csv", ("export", "csv", "{out}"), probe=("export",), out=True),
    Cmd("export-graphml", ("export", "graphml", "{out}"), probe=("export",), out=True),
    Cmd("export-json", ("export", "json", "{out}"), probe=("export",), out=True),
    Cmd("export-vcard", ("export", "vcard", "{out}"), probe=("export",), out=True),
)
WRITERS = tuple(c for c in COMMANDS if c.writes)


@functools.cache
def _command(app: object) -> object:
    import typer.main

    return typer.main.get_command(app)  # type: ignore[arg-type]


def cli(*args: str | os.PathLike[str], env: dict[str, str] | None = None,
        input: str | None = None) -> Result:
    """Run a command in-process (fast): exit code, stdout and stderr kept apart.

    Like the ``invoke`` fixture, but the click command Typer builds from ``app``
    is built once (Typer rebuilds it for every run: 0.1 s each). An unexpected
    exception is not caught: it fails the test with its traceback.
    """
    import typer.testing

    from netreach.cli import app

    build = typer.testing._get_command
    typer.testing._get_command = _command  # type: ignore[assignment]
    try:
        res = typer.testing.CliRunner().invoke(app, [str(a) for a in args], input=input,
                                               env=env, catch_exceptions=False)
    finally:
        typer.testing._get_command = build
    return Result(res.exit_code, res.stdout, res.stderr)


@functools.cache
def registered(words: tuple[str, ...]) -> bool:
    """Whether ``netreach WORDS --help`` exists on this branch (checked in-process)."""
    return cli(*words, "--help").code == 0


def need(cmd: Cmd) -> None:
    """Skip the test when ``cmd`` is built by an issue that has not landed here."""
    if not registered(cmd.words):
        pytest.skip(f"'netreach {' '.join(cmd.words)}' is not on this branch yet "
                    "(another issue builds it); runs once it is merged")


def cmd_params(cmds: tuple[Cmd, ...] = COMMANDS) -> list[object]:
    """``pytest.param`` per command, with its id."""
    return [pytest.param(c, id=c.id) for c in cmds]


LINKEDIN_CSV = (
    "Notes:\r\n\"When exporting your connection data, you may notice...\"\r\n\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Quinn,Adversary,https://www.linkedin.com/in/quinn-adv,,Acme,Engineer,15 Mar 2024\r\n"
)


@pytest.fixture
def linkedin(tmp_path: Path) -> Path:
    """A one-row LinkedIn ``Connections.csv``, outside the book's directory."""
    folder = tmp_path / "imports"
    folder.mkdir()
    path = folder / "Connections.csv"
    path.write_text(LINKEDIN_CSV, encoding="utf-8", newline="")
    return path


@pytest.fixture
def invoke_env() -> Callable[..., Result]:
    """``cli`` as a fixture: the ``invoke`` fixture with extra environment variables."""
    return cli


def snapshot_dir(folder: Path) -> dict[str, bytes | None]:
    """Every entry of ``folder`` (recursively) with its bytes (None for directories).

    The writer's lock file (``BOOK.lock``, empty, left in place by design) is not
    counted: a command may take the lock before it reads the book.
    """
    out: dict[str, bytes | None] = {}
    for p in sorted(folder.rglob("*")):
        if p.name.endswith(".lock") and p.is_file() and p.stat().st_size == 0:
            continue
        rel = str(p.relative_to(folder))
        out[rel] = None if p.is_dir() or not p.is_file() else p.read_bytes()
    return out


@pytest.fixture
def book_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory of its own for the book under test (so stray files are visible)."""
    folder = tmp_path / "books"
    folder.mkdir()
    yield folder
    # Make everything removable again after read-only tests.
    for p in [folder, *folder.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            os.chmod(p, 0o755)


def copy_example(folder: Path, name: str = "contacts.yaml") -> Path:
    """A writable copy of the example book in ``folder``."""
    path = folder / name
    shutil.copyfile(EXAMPLE, path)
    return path


@dataclass(frozen=True)
class Bounded:
    """A subprocess run under a memory limit, with its wall time and peak memory."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


# Runs netreach in a child that caps its own address space first and, at exit, records
# its own peak resident memory (VmHWM). The kernel's rusage for a child would count
# the pytest worker's memory at fork time, which can be hundreds of megabytes.
_BOUNDED_MAIN = """
import atexit, os, resource, runpy, sys
cap = int(os.environ["NETREACH_TEST_CAP"])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

def _peak():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                with open(os.environ["NETREACH_TEST_PEAK"], "w") as out:
                    out.write(line.split()[1])

atexit.register(_peak)
sys.argv = ["netreach", *sys.argv[1:]]
runpy.run_module("netreach", run_name="__main__", alter_sys=True)
"""


def run_bounded(args: list[str], *, mem_mb: int, timeout: float = 60,
                cwd: Path | None = None) -> Bounded:
    """Run ``netreach ARGS`` with its address space capped at ``mem_mb``.

    The cap (RLIMIT_AS) stops a runaway before it hurts the machine; the child's
    own peak resident memory is what a test then bounds.
    """
    import subprocess
    import sys
    import tempfile
    import time

    from tests.conftest import cli_env

    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc (Linux)")
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        env = cli_env(NETREACH_TEST_CAP=str(mem_mb * 1024 * 1024),
                      NETREACH_TEST_PEAK=str(peak))
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", _BOUNDED_MAIN, *args], cwd=cwd, env=env,
                              capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout)
        seconds = time.monotonic() - start
        peak_mb = int(peak.read_text()) / 1024 if peak.exists() else float("inf")
        return Bounded(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                       proc.stderr.decode("utf-8", "replace"), seconds, peak_mb)
