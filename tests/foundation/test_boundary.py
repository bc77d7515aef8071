"""The error boundary is installed once for the whole app: netreach's errors and
Ctrl-C become a message and the documented exit code in every command."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from netreach.cli import app
from netreach.errors import ExitCode


def test_ctrl_c_exits_130_with_a_message(monkeypatch: pytest.MonkeyPatch, book) -> None:
    from netreach.cli import browse_cmds

    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(browse_cmds, "load", interrupted)
    result = CliRunner().invoke(app, ["list", "--book", str(book)])
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert "interrupted" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [["show", "nobody"], ["edit", "nobody", "--title", "x"],
                                  ["paths", "no-such-company-anywhere"], ["log", "nobody", "x"]])
def test_every_command_maps_its_errors_to_one_line(args: list[str], book) -> None:
    result = CliRunner().invoke(app, [*args, "--book", str(book)])
    assert result.exit_code == ExitCode.FAILED
    assert result.output.startswith("netreach: ")
    assert "Traceback" not in result.output
