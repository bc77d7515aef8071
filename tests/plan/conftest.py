"""Fixtures for the outreach-plan tests: the example network, small books from text."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from netreach.book.loading import load
from netreach.book.network import Network
from netreach.outreach.plan import Plan, compose_plan

TODAY = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "contacts.example.yaml"
TARGETS = ("nordlicht", "kiezbank", "helio-maps")


def network_of(yaml_text: str) -> Network:
    """A network from a book written inline (dedented)."""
    return load(textwrap.dedent(yaml_text).encode("utf-8"), "test.yaml")


def plan_for(network: Network, company: str, today: dt.date = TODAY, k: int = 3) -> Plan:
    return compose_plan(network, network.companies[company], today=today, k=k)


@pytest.fixture(scope="session")
def example() -> Network:
    """The example book's network as a fresh load gives it (read-only; a plain
    ``ResolvedNetwork`` whatever the cache holds, so tests can ``dataclasses.replace`` it)."""
    return load(EXAMPLE.read_bytes(), str(EXAMPLE))


# A small book whose every step is easy to follow: me -> ana -> ben (hires at acme),
# and me -> cara (a colleague at acme who cannot hire).
SMALL = """\
    netreach: 1
    me:
      name: Sam Lee
      headline: Backend developer
      seeking: {roles: [site reliability engineer], companies: [acme]}
      communities: [makers]
    companies:
      acme: {name: Acme, outlook: growing}
    communities:
      makers: {name: Makers Club, kind: club}
      garden: {name: Community Garden, kind: volunteer}
    people:
      ana:
        name: Ana Ruiz
        company: Other Co
        closeness: 4
        seen_my_work: 1
        vouch: 2
        last_contact: 2026-11-01
        communities: [garden, makers]
        knows: {ben: {strength: 4, credibility: 4}}
      ben:
        name: Ben Ode
        company: acme
        title: Head of SRE
        hiring: true
      cara:
        name: Cara Voss
        company: acme
        title: Developer
        closeness: 5
        seen_my_work: 5
        vouch: 5
        last_contact: 2024-01-10
"""


@pytest.fixture
def small() -> Network:
    return network_of(SMALL)
