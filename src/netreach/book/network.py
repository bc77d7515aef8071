"""The ``Network`` interface: what every query reads from a loaded book.

Two classes implement it: ``resolved.ResolvedNetwork``, built by a fresh load
(every part in memory), and ``cached.packed_network.PackedNetwork``, read from
the cache (each part decoded on first use). Code that queries a book is written
against this Protocol, so it never knows which one it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from netreach.book.model import Book, Community, Me, Person
from netreach.book.resolved import CompanyView, TieView


class Network(Protocol):
    """A validated book with its references resolved (read-only)."""

    @property
    def book(self) -> Book:
        """The whole book."""

    @property
    def companies(self) -> Mapping[str, CompanyView]:
        """Every company, declared or implied by a person's free text."""

    @property
    def person_company(self) -> Mapping[str, str]:
        """Person id -> company id, for people with a company."""

    @property
    def ties(self) -> Mapping[str, Mapping[str, TieView]]:
        """a -> b -> the tie as seen from a (both directions present)."""

    @property
    def members(self) -> Mapping[str, tuple[str, ...]]:
        """Community id -> person ids, sorted."""

    @property
    def targets(self) -> tuple[str, ...]:
        """Company ids from me.seeking.companies."""

    @property
    def employees(self) -> Mapping[str, tuple[str, ...]]:
        """Company id -> person ids (by id), for companies with someone there."""

    @property
    def me(self) -> Me:
        """Me."""

    @property
    def people(self) -> Mapping[str, Person]:
        """Person id -> person, in book order."""

    @property
    def communities(self) -> Mapping[str, Community]:
        """Community id -> community, in book order."""

    def member_count(self, community_id: str) -> int:
        """How many people belong to a community."""

    def company_keys(self, folded: str) -> list[tuple[str, str]]:
        """(company id, key) for every id, name and alias with the ``company_key``
        ``folded``."""

    def person_names(self) -> Mapping[str, str]:
        """Person id -> name (read without decoding every person where possible)."""

    def match_keys(self) -> tuple[list[str], list[str], list[str]]:
        """(ids, folded names, folded emails) of every person, in book order: what a new
        person is compared with (read without decoding anyone where possible)."""

    def profile_urls(self) -> list[str]:
        """Every person's profile URL ("" when none), in the order of ``match_keys``
        (read without decoding anyone where possible)."""

    def company_of(self, person_id: str) -> CompanyView | None:
        """The company a person works at, if any."""
