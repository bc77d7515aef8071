"""``netreach reach``'s output formats: an enum, and exactly one renderer for each.

Light at import (the CLI reads the enum at start-up); renderers import what they use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netreach.analysis.reach import Reach
    from netreach.book.network import Network


class ReachFormat(StrEnum):
    """How ``netreach reach`` writes its answer."""

    TEXT = "text"  # a bar chart and tables for the terminal
    JSON = "json"  # stable, for scripts (SPEC §4)
    HTML = "html"  # one offline page with SVG charts

    @classmethod
    def for_file(cls, name: str) -> ReachFormat | None:
        """The format a file name asks for by its ending, if any."""
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return {"txt": cls.TEXT, "json": cls.JSON, "html": cls.HTML, "htm": cls.HTML}.get(suffix)


Renderer = Callable[["Network", "Reach", dt.date], str]


def _text(network: Network, result: Reach, today: dt.date) -> str:
    import io

    from rich.console import Console

    from netreach.render.growth import reach_view

    console = Console(file=io.StringIO(), width=100, color_system=None, highlight=False,
                      markup=False, emoji=False)
    console.print(reach_view(network, result))
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def _json(network: Network, result: Reach, today: dt.date) -> str:
    import json

    from netreach.render.growth import reach_json
    from netreach.render.safe import inert_json

    return inert_json(json.dumps(reach_json(network, result), ensure_ascii=False,
                                 indent=2)) + "\n"


def _html(network: Network, result: Reach, today: dt.date) -> str:
    from netreach.render.reach_html import reach_html

    return reach_html(network, result, today=today)


RENDERERS: Mapping[ReachFormat, Renderer] = {
    ReachFormat.TEXT: _text,
    ReachFormat.JSON: _json,
    ReachFormat.HTML: _html,
}


def render(network: Network, result: Reach, fmt: ReachFormat, *, today: dt.date) -> str:
    """The reach answer in ``fmt``."""
    return RENDERERS[fmt](network, result, today)
