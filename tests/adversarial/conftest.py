"""Shared pieces of the adversarial suite: the command table and the hostile books.

The command table lists every command that reads a book, once. A command of the
table that netreach does not register fails every test that uses it: a command
that went missing is a regression, not a reason to skip.
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
    Cmd("status", ("status", "--today", TODAY)),
    Cmd("ask", ("ask", "{person}", "--for", "{company}", "--date", "2026-11-01",
                "--today", TODAY), writes=True),
    Cmd("outcome", ("outcome", "{person}", "met", "--for", "{company}", "--date", "2026-11-01",
                    "--today", TODAY), writes=True),
    Cmd("reach", ("reach", "--today", TODAY)),
    Cmd("suggest", ("suggest", "--today", TODAY)),
    Cmd("triage", ("triage", "--today", TODAY)),
    Cmd("reach-html", ("reach", "--format", "html", "-o", "{out}", "--today", TODAY),
        out=True),
    Cmd("map", ("map", "{company}", "-o", "{out}", "--today", TODAY), out=True),
    Cmd("import-linkedin", ("import", "linkedin", "{linkedin}"), writes=True,
        probe=("import", "linkedin")),
    Cmd("export-csv", ("export", "csv", "{out}"), probe=("export",), out=True),
    Cmd("export-graphml", ("export", "graphml", "{out}"), probe=("export",), out=True),
    Cmd("export-json", ("export", "json", "{out}"), probe=("export",), out=True),
    Cmd("export-vcard", ("export", "vcard", "{out}"), probe=("export",), out=True),
    Cmd("me", ("me",)),
    Cmd("me-edit", ("me", "--skill", "rust"), writes=True, probe=("me",)),
    Cmd("join", ("join", "code-club-kreuzberg"), writes=True),
    Cmd("leave", ("leave", "pydata-berlin"), writes=True),
    Cmd("company-add", ("company", "add", "Zed Widgets"), writes=True, probe=("company", "add")),
    Cmd("company-rm", ("company", "rm", "quellcode-health", "--force"), writes=True,
        probe=("company", "rm")),
    Cmd("community-add", ("community", "add", "Zed Club", "--kind", "club"), writes=True,
        probe=("community", "add")),
    Cmd("community-rm", ("community", "rm", "platform-eng-berlin", "--force"), writes=True,
        probe=("community", "rm")),
    Cmd("target-add", ("target", "add", "datawerk"), writes=True, probe=("target", "add")),
    Cmd("target-rm", ("target", "rm", "{company}"), writes=True, probe=("target", "rm")),
    Cmd("target-list", ("target", "list"), probe=("target", "list")),
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
    """Fail the test when ``cmd`` is not a command of netreach (any more)."""
    if not registered(cmd.words):
        pytest.fail(f"'netreach {' '.join(cmd.words)}' is not a command of netreach: "
                    "it went missing, or the table in tests/adversarial/conftest.py is wrong")


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
    """A subprocess run under a memory limit, with its CPU time and peak memory."""

    code: int
    stdout: str
    stderr: str
    cpu_seconds: float  # user + system time of the child: steady on a busy machine
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

    The cap (RLIMIT_AS) stops a runaway before it hurts the machine, ``timeout`` one
    that hangs; the child's own peak resident memory and its CPU time are what a test
    then bounds (wall time would measure the machine's load, not netreach).
    """
    import resource
    import subprocess
    import sys
    import tempfile

    from tests.conftest import cli_env

    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc (Linux)")
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        env = cli_env(NETREACH_TEST_CAP=str(mem_mb * 1024 * 1024),
                      NETREACH_TEST_PEAK=str(peak))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run([sys.executable, "-c", _BOUNDED_MAIN, *args], cwd=cwd, env=env,
                              capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout)
        # The children's CPU times add up (unlike their peak memory): the difference is
        # this child's.
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        peak_mb = int(peak.read_text()) / 1024 if peak.exists() else float("inf")
        return Bounded(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                       proc.stderr.decode("utf-8", "replace"), cpu, peak_mb)
