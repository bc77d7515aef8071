"""The file formats of ``import`` and ``export``.

Kept in a module of their own, with nothing else in it, because the CLI needs
them at start-up (for ``--help`` and argument parsing) and start-up time matters.
"""

from __future__ import annotations

from enum import StrEnum


class ImportFormat(StrEnum):
    """The file formats ``netreach import`` reads."""

    LINKEDIN = "linkedin"
    VCARD = "vcard"
    GOOGLE = "google"


class ExportFormat(StrEnum):
    """The formats ``netreach export`` writes."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    JSON = "json"
    VCARD = "vcard"
    CSV = "csv"
