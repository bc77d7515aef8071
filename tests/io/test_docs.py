"""The README's import examples run, and the command table lists import and export."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.io.conftest import fixture

README = Path(__file__).resolve().parents[2] / "README.md"
# The README's example file names, played by the test fixtures.
FILES = {
    "Connections.csv": fixture("linkedin_connections.csv"),
    "miras-connections.csv": fixture("linkedin_old_layout.csv"),
    "contacts.vcf": fixture("contacts_v4.vcf"),
    "contacts.csv": fixture("google_contacts.csv"),
}


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_readme_import_examples_run(invoke, book: Path):
    body = section("Import and export")
    block = re.search(r"```bash\n(.*?)```", body, re.DOTALL)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert len([c for c in commands if c]) == 5
    for command in filter(None, commands):
        args = [str(FILES.get(a, a)) for a in shlex.split(command)[1:]]
        res = invoke(*args, "--book", book)
        assert res.code == 0, (command, res.stderr)


def test_readme_lists_the_commands_and_exit_code():
    text = README.read_text(encoding="utf-8")
    assert "| `netreach import linkedin\\|vcard\\|google FILE` |" in text
    assert "| `netreach export graphml\\|gexf\\|json\\|vcard\\|csv FILE` |" in text
    assert "| 65 | the book, or a file to import, is invalid" in text
    body = section("Import and export")
    for words in ("never overwritten", "CSV safety", "to review", "--via", "exits **65**"):
        assert words in body
