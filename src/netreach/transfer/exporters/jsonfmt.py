"""The whole model as JSON: the book's own fields plus what netreach resolved.

For scripts and other tools: every person with their company resolved to an
id, whether they are a direct contact, and their ties in both directions;
every company, including the ones created implicitly from free text; every
community with its members. Field names are stable; new ones may be added.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from netreach.book.network import Network

FORMAT = "netreach-export"
VERSION = 1


def model(network: Network) -> dict[str, Any]:
    """The resolved model as plain JSON-ready data."""
    book = network.book
    people = []
    for pid, person in network.people.items():
        entry: dict[str, Any] = {"id": pid}
        entry.update(person.model_dump(mode="json", exclude={"knows"}, exclude_none=True,
                                       by_alias=True))  # a log entry's "for", not "for_"
        entry["company"] = network.person_company.get(pid)
        entry["company_text"] = person.company
        entry["direct"] = person.is_direct
        # As in `show --json`: credibility is how much `other` trusts this person's word.
        entry["ties"] = [
            {"id": other, "strength": tie.strength, "credibility": tie.credibility}
            for other, tie in sorted(network.ties.get(pid, {}).items())
        ]
        people.append(entry)
    companies = [
        {"id": view.id, "name": view.name, "outlook": view.outlook.value,
         "aliases": list(view.aliases), "industry": view.industry, "implicit": view.implicit,
         "employees": list(network.employees.get(view.id, ())),
         "target": view.id in network.targets}
        for view in network.companies.values()
    ]
    mine = set(book.me.communities)
    communities = [
        {"id": cid, "name": c.name, "kind": c.kind.value, "joinable": c.joinable,
         "mine": cid in mine, "members": list(network.members.get(cid, ())),
         **({"extra": c.extra} if c.extra else {})}
        for cid, c in network.communities.items()
    ]
    # One row per direction; credibility: how much `target` trusts `source`'s word.
    ties = [
        {"source": a, "target": b, "strength": tie.strength, "credibility": tie.credibility}
        for a, others in sorted(network.ties.items())
        for b, tie in sorted(others.items())
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "netreach": book.netreach,
        "me": book.me.model_dump(mode="json", exclude_none=True),
        "targets": list(network.targets),
        "companies": companies,
        "communities": communities,
        "people": people,
        "ties": ties,
    }


def export(network: Network, today: dt.date) -> bytes:
    """The resolved model as UTF-8 JSON (``today`` is unused: JSON holds no scores)."""
    del today
    return (json.dumps(model(network), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
