"""The package's layers (README "Architecture") are a contract, checked by import-linter.

Each layer may import only the layers below it; the core never imports typer or rich.
A second test plants a wrong-way import in a copy of the package and checks that the
contract then fails, so the check cannot pass by checking nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
         " sys.exit(lint_imports_command())", "--no-cache"],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )


def test_layers_are_kept() -> None:
    proc = _lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_a_wrong_way_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src", tmp_path / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "src" / "netreach" / "book" / "model.py"
    model.write_text(model.read_text(encoding="utf-8")
                     + "\nfrom netreach.analysis import ranking  # planted\n", encoding="utf-8")
    proc = _lint_imports(tmp_path)
    assert proc.returncode != 0
    assert "BROKEN" in proc.stdout
    assert "netreach.book.model -> netreach.analysis.ranking" in proc.stdout


def _import_cycles(root: Path) -> list[list[str]]:
    """Every group of package modules that import each other in a circle (imports
    under ``if TYPE_CHECKING`` included), found with grimp's graph of the package."""
    code = ("import json, grimp, networkx as nx\n"
            "graph = grimp.build_graph('netreach', cache_dir=None)\n"
            "g = nx.DiGraph((m, i) for m in graph.modules\n"
            "               for i in graph.find_modules_directly_imported_by(m))\n"
            "print(json.dumps([sorted(c) for c in nx.strongly_connected_components(g)\n"
            "                  if len(c) > 1]))\n")
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_no_module_imports_itself_in_a_circle() -> None:
    assert _import_cycles(ROOT) == []


def test_a_planted_cycle_is_found(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src", tmp_path / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    scoring = tmp_path / "src" / "netreach" / "graph" / "scoring.py"
    scoring.write_text(scoring.read_text(encoding="utf-8")
                       + "\nfrom netreach.graph import factors  # planted\n", encoding="utf-8")
    assert ["netreach.graph.factors", "netreach.graph.scoring"] in _import_cycles(tmp_path)
