"""What an import would change, decided before anything is written (``MergePlan``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netreach.transfer.importers.base import Skipped

__all__ = ["MergePlan", "NewEntry", "NewTie", "PersonChange", "Review", "Skipped"]


@dataclass(frozen=True)
class PersonChange:
    """A person the import adds or touches.

    ``fields``: for an added person the whole new entry; for an updated one only
    the fields that change (``communities`` as the full new list). ``ties``: the
    people newly tied to this one.
    """

    id: str
    name: str
    line: int
    fields: Mapping[str, Any]
    ties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """An imported record that looks like ``candidate`` but is not surely them.

    With an ``id`` the record was added as a person of its own, marked ``may_be:
    candidate`` for ``netreach triage`` to merge or keep apart; without one it was
    not imported (it fits several people equally well).
    """

    line: int
    name: str
    candidate: str
    candidate_name: str
    reason: str
    id: str = ""  # the person the record became (marked ``may_be: candidate``), if added


@dataclass(frozen=True)
class NewTie:
    """A tie the import declares, written under ``person``'s ``knows``."""

    person: str
    other: str
    strength: int


@dataclass(frozen=True)
class NewEntry:
    """A community (or, rarely, a company) the import creates."""

    id: str
    name: str


@dataclass(frozen=True)
class MergePlan:
    """Everything an import would change, decided before anything is written."""

    added: tuple[PersonChange, ...]
    updated: tuple[PersonChange, ...]
    unchanged: tuple[PersonChange, ...]
    to_review: tuple[Review, ...]
    skipped: tuple[Skipped, ...]
    communities: tuple[NewEntry, ...] = ()
    companies: tuple[NewEntry, ...] = ()
    ties: tuple[NewTie, ...] = ()
    via: str | None = None

    @property
    def changes_book(self) -> bool:
        """True when applying the plan changes the book."""
        return bool(self.added or self.updated)

    def summary(self) -> dict[str, int]:
        """The counts every import reports."""
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "to_review": len(self.to_review),
            "skipped": len(self.skipped),
            "communities_created": len(self.communities),
            "ties_added": len(self.ties),
        }
