"""What ``import`` shows: a progress bar, the changes (dry run), the summary, JSON."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.table import Table

from netreach.render.safe import cell, clean
from netreach.transfer.merge import MergePlan, PersonChange

# Below this many records an import is over before a bar could be read.
PROGRESS_MIN_RECORDS = 500
_STAGES = {"match": "matching", "apply": "applying", "save": "saving"}


@contextlib.contextmanager
def import_progress(console: Console) -> Iterator[Any]:
    """A ``progress(stage, done, total)`` callback drawing bars on ``console`` (stderr).

    Nothing is drawn when the console is not a terminal or the file is small.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
                   console=console, transient=True, disable=not console.is_terminal)
    tasks: dict[str, Any] = {}
    shown = False

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal shown
        if stage == "match" and not shown and total >= PROGRESS_MIN_RECORDS:
            shown = True
            bar.start()
        if not shown or (total == 0 and stage != "save"):  # "save" has no count: it pulses
            return
        if stage not in tasks:
            tasks[stage] = bar.add_task(_STAGES.get(stage, stage), total=total or None)
        bar.update(tasks[stage], completed=done, total=total or None)

    try:
        yield progress
    finally:
        if shown:
            bar.stop()


def _value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _fields(change: PersonChange) -> str:
    parts = [f"{k}: {_value(v)}" for k, v in change.fields.items() if k != "name"]
    parts += [f"knows +{other}" for other in change.ties]
    return "; ".join(parts)


def plan_table(plan: MergePlan) -> Table:
    """Every change the plan makes, one row per person (for ``--dry-run``)."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("line", "action", "id", "name", "changes"):
        table.add_column(name, no_wrap=name in ("line", "action", "id"))
    for action, changes in (("add", plan.added), ("update", plan.updated)):
        for change in changes:
            table.add_row(cell(change.line), cell(action), cell(change.id), cell(change.name),
                          cell(_fields(change)))
    for review in plan.to_review:
        table.add_row(cell(review.line), cell("review"), cell(review.candidate),
                      cell(review.name), cell(review.reason))
    return table


def summary_lines(plan: MergePlan, label: str, *, written: bool, dry_run: bool) -> list[str]:
    """The closing summary (stderr): counts, then what needs the person's eye."""
    s = plan.summary()
    head = (f"{label}: {s['added']} added, {s['updated']} updated, {s['unchanged']} unchanged, "
            f"{s['to_review']} to review, {s['skipped']} skipped")
    extra = []
    if plan.communities:
        extra.append(f"{len(plan.communities)} new communities")
    if plan.ties:
        extra.append(f"{len(plan.ties)} new ties")
    if extra:
        head += f" ({', '.join(extra)})"
    lines = [clean(head)]
    if dry_run:
        lines.append("dry run: nothing was written")
    elif not written:
        lines.append("nothing to change; the book is as it was")
    for review in plan.to_review:
        what = (f"Added as {review.id} (may_be: {review.candidate}); settle it with "
                f"'netreach triage'." if review.id else
                f"Not imported: edit {review.candidate} by hand, or add them with "
                "'netreach add --new'.")
        lines.append(clean(
            f"  review line {review.line}: {review.name} looks like {review.candidate} "
            f"({review.candidate_name}): {review.reason}. {what}"))
    if any(c.fields.get("imported") in ("linkedin", "vcard", "google") for c in plan.added):
        lines.append("next: 'netreach triage' to rate the new contacts (closeness, hiring)")
    for skip in plan.skipped:
        lines.append(clean(f"  skipped line {skip.line}: {skip.name + ': ' if skip.name else ''}"
                           f"{skip.reason}"))
    return lines


def plan_json(plan: MergePlan, *, fmt: str, file: str, written: bool,
              dry_run: bool) -> dict[str, Any]:
    """The import as stable JSON for scripts."""

    def change(c: PersonChange) -> dict[str, Any]:
        return {"id": c.id, "name": c.name, "line": c.line,
                "fields": {k: _value(v) if isinstance(v, dt.date) else v
                           for k, v in c.fields.items()},
                "ties": list(c.ties)}

    return {
        "format": fmt,
        "file": file,
        "via": plan.via,
        "dry_run": dry_run,
        "written": written,
        "summary": plan.summary(),
        "added": [change(c) for c in plan.added],
        "updated": [change(c) for c in plan.updated],
        "unchanged": [{"id": c.id, "name": c.name, "line": c.line} for c in plan.unchanged],
        "to_review": [{"line": r.line, "name": r.name, "candidate": r.candidate,
                       "candidate_name": r.candidate_name, "reason": r.reason,
                       "id": r.id or None}
                      for r in plan.to_review],
        "skipped": [{"line": s.line, "name": s.name, "reason": s.reason}
                    for s in plan.skipped],
        "communities_created": [{"id": c.id, "name": c.name} for c in plan.communities],
        "companies_created": [{"id": c.id, "name": c.name} for c in plan.companies],
        "ties_added": [{"a": t.person, "b": t.other, "strength": t.strength}
                       for t in plan.ties],
    }
