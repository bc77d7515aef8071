"""The README is checked: its quick start is what CI runs, and it lists every command."""

from __future__ import annotations

import re
import shlex

import typer.main

from netreach.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text()


def section(title: str) -> list[str]:
    """The lines under a ``## title`` heading, up to the next heading of that level."""
    lines = README.splitlines()
    start = lines.index(f"## {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def quick_start_commands() -> list[str]:
    lines = section("Quick start")
    content = [line for line in lines if line.strip()]
    assert content[0].startswith("```"), "the heading must be followed by the code block"
    fences = [i for i, line in enumerate(lines) if line.startswith("```")]
    assert len(fences) == 2, "exactly one fenced block under Quick start"
    body = lines[fences[0] + 1:fences[1]]
    return [line for line in body if line.strip() and not line.lstrip().startswith("#")]


def test_quick_start_is_one_block_of_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    install, test = commands
    assert install.startswith("pip install ") and "netreach " in install
    assert "pip install" in test and "pytest -n auto -q" in test


def test_both_commands_install_from_the_lock():
    """Exact versions with their hashes; netreach itself adds no dependency of its own."""
    lock = {"runtime": "requirements/runtime.txt", "test": "requirements/test.txt"}
    for command, name in zip(quick_start_commands(), ("runtime", "test"), strict=True):
        steps = [shlex.split(step) for step in command.split("&&")]
        assert steps[0] == ["pip", "install", "--require-hashes", "-r", lock[name]]
        assert steps[1][:4] == ["pip", "install", "--no-deps", "--no-build-isolation"]
        assert (ROOT / lock[name]).is_file()
    pinned = [line for line in (ROOT / lock["test"]).read_text().splitlines()
              if line[:1].isalnum()]
    assert pinned and all("==" in line and line.endswith("\\") for line in pinned)


def test_ci_runs_both_commands_verbatim():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    for command in quick_start_commands():
        assert command in [line.strip() for line in ci if not line.lstrip().startswith("#")]


def test_first_command_runs_on_the_example_book(run):
    # Everything after the install: the main job on contacts.example.yaml.
    job = quick_start_commands()[0].rsplit("&&", 1)[1]
    argv = shlex.split(job)
    assert argv[0] == "netreach"
    res = run(*argv[1:], cwd=ROOT)
    assert res.code == 0, res.stderr
    assert res.stdout.strip()


def test_every_command_is_in_the_command_table():
    table = [line for line in section("Commands") if line.startswith("| `netreach ")]
    documented = {re.match(r"\| `netreach ([a-z-]+)", line)[1] for line in table}  # type: ignore[index]
    registered = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert registered <= documented, f"missing from the README: {registered - documented}"
    for line in table:
        purpose = line.split("|")[2].strip()
        assert purpose, f"no one-line purpose: {line}"


def test_exit_codes_are_documented():
    from netreach.errors import ExitCode

    rows = "\n".join(section("Exit codes"))
    for code in ExitCode:
        assert f"| {int(code)} |" in rows
