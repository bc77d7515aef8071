"""Import contacts from other tools: parse a file, plan the merge, write the book once.

``parse`` turns a file's bytes into neutral ``Contact`` records (one module per
format); ``merge`` plans and applies the changes to the book; ``run_import``
joins them for the ``netreach import`` command.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netreach.transfer.importers.base import Contact, ImportFormat, Parsed, Skipped, decode

if TYPE_CHECKING:
    from netreach.book.network import Network
    from netreach.book.splice import TextEdit
    from netreach.transfer.merge import MergePlan

__all__ = ["Contact", "ImportFormat", "ImportOutcome", "Parsed", "Skipped", "parse",
           "run_import"]


def parse(fmt: ImportFormat, data: bytes, filename: str) -> Parsed:
    """Read an import file's bytes as ``fmt``; ``ImportInvalid`` (exit 65) when it is not."""
    from netreach.transfer.importers import google, linkedin, vcard

    parsers: dict[ImportFormat, Callable[[str, str], Parsed]] = {
        ImportFormat.LINKEDIN: linkedin.parse,
        ImportFormat.VCARD: vcard.parse,
        ImportFormat.GOOGLE: google.parse,
    }
    parsed = parsers[fmt](decode(data, filename), filename)
    return dataclasses.replace(parsed, source=fmt)


@dataclass(frozen=True)
class ImportOutcome:
    """What ``run_import`` did: the plan, and whether the book was written."""

    plan: MergePlan
    written: bool


def run_import(
    book_path: Path | None,
    fmt: ImportFormat,
    source: Path,
    *,
    via: str | None = None,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportOutcome:
    """Import ``source`` into the book: read, plan, and (unless ``dry_run``) save once.

    ``progress(stage, done, total)`` is called as the work goes on (stages
    ``match``, ``apply`` and ``save``) so a CLI can draw a bar. A dry run applies
    the plan in memory and validates the result, but writes nothing.
    """
    from netreach.book import storage
    from netreach.cached import bookfile
    from netreach.transfer import merge

    opened = bookfile.open_book(book_path)
    parsed = parse(fmt, storage.read_input(source), str(source))
    plan = merge.plan_import(opened.network, parsed, via=via, progress=progress)
    label = f"{fmt.value} {source.name}"

    def change(doc: TextEdit, _net: Network) -> bool:
        changed = merge.apply_plan(doc, plan, source=label, progress=progress)
        if progress is not None:
            progress("save", 0, 0)
        return changed

    if not (plan.changes_book or plan.communities or plan.companies or plan.ties):
        return ImportOutcome(plan, written=False)  # nothing to write: skip the round trip
    if dry_run:
        bookfile.preview_edit(opened, change)
        return ImportOutcome(plan, written=False)
    return ImportOutcome(plan, written=bookfile.edit_book(opened, change))
