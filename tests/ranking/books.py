"""Random small books for property and oracle tests (hypothesis strategies)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from netreach.book.model import Book
from netreach.book.network import Network
from netreach.book.resolved import resolve

TODAY = dt.date(2026, 11, 22)
OUTLOOKS = ["growing", "stable", "unknown", "shrinking", "frozen"]
KINDS = ["club", "meetup", "volunteer", "alumni", "association", "online", "other"]


@st.composite
def raw_books(draw: st.DrawFn, max_people: int = 9) -> dict[str, Any]:
    """A random valid book as plain data: people, ties, companies and communities."""
    n = draw(st.integers(2, max_people))
    pids = [f"p{i}" for i in range(n)]
    companies = {f"c{i}": {"name": f"Co {i}", "outlook": draw(st.sampled_from(OUTLOOKS))}
                 for i in range(draw(st.integers(1, 3)))}
    communities = {f"g{i}": {"name": f"Group {i}", "kind": draw(st.sampled_from(KINDS)),
                             "joinable": draw(st.booleans())}
                   for i in range(draw(st.integers(0, 2)))}
    people: dict[str, Any] = {}
    for pid in pids:
        person: dict[str, Any] = {"name": pid.upper()}
        if draw(st.booleans()):
            person["company"] = draw(st.sampled_from(sorted(companies)))
            person["hiring"] = draw(st.booleans())
        if draw(st.integers(0, 2)) == 0:
            person["closeness"] = draw(st.integers(1, 5))
            person["seen_my_work"] = draw(st.integers(0, 5))
            person["vouch"] = draw(st.integers(0, 5))
            if draw(st.booleans()):
                days = draw(st.integers(0, 2000))
                person["last_contact"] = (TODAY - dt.timedelta(days=days)).isoformat()
        if communities and draw(st.booleans()):
            person["communities"] = draw(st.lists(st.sampled_from(sorted(communities)),
                                                  unique=True, max_size=2))
        people[pid] = person
    pairs = [(a, b) for i, a in enumerate(pids) for b in pids[i + 1:]]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(len(pairs), 14))) \
        if pairs else []
    for a, b in chosen:
        strength = draw(st.integers(1, 5))
        if draw(st.booleans()):
            tie: Any = {"strength": strength, "credibility": draw(st.integers(1, 5))}
        else:
            tie = strength
        people[a].setdefault("knows", {})[b] = tie
    me: dict[str, Any] = {"name": "Me"}
    if communities:
        me["communities"] = draw(st.lists(st.sampled_from(sorted(communities)), unique=True,
                                          max_size=1))
    return {"netreach": 1, "me": me, "companies": companies, "communities": communities,
            "people": people}


def network_of(raw: dict[str, Any]) -> Network:
    return resolve(Book.model_validate(raw))
