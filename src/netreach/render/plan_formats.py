"""The plan's output formats: an enum, and exactly one renderer (plan -> text) for each.

Kept free of heavy imports (the CLI imports this module at start-up for its
``--format`` choices): each renderer module is imported when it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netreach.outreach.plan import Plan


class PlanFormat(StrEnum):
    """How ``netreach plan`` writes the plan."""

    TEXT = "text"  # for the terminal; plain text with -o
    MARKDOWN = "markdown"  # reads well on GitHub
    HTML = "html"  # one self-contained file that prints on A4 and Letter
    JSON = "json"  # for scripts

    @property
    def suffix(self) -> str:
        """The usual file ending for the format (without the dot)."""
        return {"text": "txt", "markdown": "md"}.get(self.value, self.value)

    @classmethod
    def for_file(cls, name: str) -> PlanFormat | None:
        """The format a file name asks for by its ending (``plan.html`` -> HTML), if any."""
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return _SUFFIXES.get(suffix)


PDF_SUFFIX = "pdf"
"""``-o plan.pdf``: the HTML plan printed by headless Chromium (``plan_pdf``)."""


def choose(output: str | None, fmt: PlanFormat | None, json: bool) -> PlanFormat | None:
    """The format to write: from ``--format``/``--json``, else from ``-o FILE``'s ending,
    else text. ``None`` means a PDF (``-o plan.pdf``). A conflict, or a file ending that
    names no format, is a usage error that says what to do (SPEC §5)."""
    from netreach.errors import UsageError

    if json and fmt not in (None, PlanFormat.JSON):
        raise UsageError(f"--json and --format {fmt} ask for two formats: give one of them")
    asked = PlanFormat.JSON if json else fmt
    if output is None or output == "-":
        return asked or PlanFormat.TEXT
    suffix = output.rsplit(".", 1)[-1].lower() if "." in output.rsplit("/", 1)[-1] else ""
    known = ", ".join(f".{s}" for s in ("txt", "md", "html", "json", PDF_SUFFIX))
    if suffix == PDF_SUFFIX:
        if asked is not None:
            raise UsageError(f"-o {output} writes a PDF, but --{'json' if json else 'format'} "
                             f"asks for {asked}: drop the option, or name the file "
                             f".{asked.suffix}")
        return None
    by_name = PlanFormat.for_file(output)
    if by_name is None and asked is None:
        raise UsageError(f"cannot tell the format from {output!r}: end the file name with "
                         f"{known}, or give --format")
    if by_name is not None and asked is not None and by_name is not asked:
        raise UsageError(f"-o {output} names {by_name} but --{'json' if json else 'format'} "
                         f"asks for {asked}: drop the option, or name the file "
                         f".{asked.suffix}")
    return asked or by_name


_SUFFIXES = {"txt": PlanFormat.TEXT, "text": PlanFormat.TEXT, "md": PlanFormat.MARKDOWN,
             "markdown": PlanFormat.MARKDOWN, "html": PlanFormat.HTML, "htm": PlanFormat.HTML,
             "json": PlanFormat.JSON}


def _text(plan: Plan) -> str:
    from netreach.render.plan_text import plan_text

    return plan_text(plan)


def _markdown(plan: Plan) -> str:
    from netreach.render.plan_markdown import plan_markdown

    return plan_markdown(plan)


def _html(plan: Plan) -> str:
    from netreach.render.plan_html import plan_html

    return plan_html(plan)


def _json(plan: Plan) -> str:
    import json

    from netreach.render.plan_json import plan_json
    from netreach.render.safe import inert_json

    return inert_json(json.dumps(plan_json(plan), ensure_ascii=False, indent=2)) + "\n"


RENDERERS: Mapping[PlanFormat, Callable[[Plan], str]] = {
    PlanFormat.TEXT: _text,
    PlanFormat.MARKDOWN: _markdown,
    PlanFormat.HTML: _html,
    PlanFormat.JSON: _json,
}


def render(plan: Plan, fmt: PlanFormat) -> str:
    """The plan in ``fmt``."""
    return RENDERERS[fmt](plan)
