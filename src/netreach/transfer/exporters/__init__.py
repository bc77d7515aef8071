"""Export the network to files other tools read: GraphML, GEXF, JSON, vCard, CSV.

Each exporter is a pure function from the resolved network to bytes; the
``export`` command writes them (atomically) or prints them. ``EXPORTERS`` maps
every ``ExportFormat`` to its function, and a test checks none is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from netreach.transfer.formats import ExportFormat

if TYPE_CHECKING:
    from netreach.book.network import Network

__all__ = ["ExportFormat", "export", "exporters"]


Exporter = Callable[["Network", dt.date], bytes]


def exporters() -> dict[ExportFormat, Exporter]:
    """Every format's exporter (imported on demand: networkx is slow to import)."""
    from netreach.transfer.exporters import csvfmt, graphs, jsonfmt, vcardfmt

    return {
        ExportFormat.GRAPHML: graphs.graphml,
        ExportFormat.GEXF: graphs.gexf,
        ExportFormat.JSON: jsonfmt.export,
        ExportFormat.VCARD: vcardfmt.export,
        ExportFormat.CSV: csvfmt.export,
    }


def export(fmt: ExportFormat, network: Network, today: dt.date) -> bytes:
    """The network as ``fmt``. ``today`` dates the tie freshness in graph exports."""
    return exporters()[fmt](network, today)
