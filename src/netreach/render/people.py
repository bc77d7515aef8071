"""Tables and detail views of people, for ``list`` and ``show``."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from netreach.book.network import Network
from netreach.render.safe import cell


def people_table(network: Network, ids: list[str]) -> Table:
    """One row per person: id, name, title, company, closeness, hiring."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("id", "name", "title", "company", "close", "hiring"):
        table.add_column(name, no_wrap=name in ("id", "close"))
    for pid in ids:
        person = network.people[pid]
        company = network.company_of(pid)
        table.add_row(
            cell(pid),
            cell(person.name),
            cell(person.title),
            cell(company.name if company else None),
            cell(person.closeness),
            (Text("yes", style="green") if person.can_hire
             else Text("likely") if person.may_hire else Text("")),
        )
    return table


def person_detail(network: Network, pid: str) -> RenderableType:
    """Everything the book holds about one person, ties included."""
    person = network.people[pid]
    company = network.company_of(pid)
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column()
    rows: list[tuple[str, Any]] = [
        ("id", pid),
        ("name", person.name),
        ("title", person.title),
        ("company", f"{company.name} ({company.id}, {company.outlook.value})" if company else None),
        ("hiring", "yes" if person.can_hire
         else "may hire (guessed from title)" if person.may_hire else None),
        ("email", person.email),
        ("phone", person.phone),
        ("url", person.url),
        ("communities", ", ".join(person.communities) or None),
        ("closeness", person.closeness if not person.closeness_unknown
         else "not set (from import; netreach triage)"),
        ("seen my work", person.seen_my_work if person.is_direct else None),
        ("vouch", person.vouch if person.is_direct else None),
        ("last contact", person.last_contact),
        ("connected on", person.connected_on),
        ("imported", str(person.imported) if person.imported else None),
        ("may be", f"{person.may_be} (netreach triage)" if person.may_be else None),
        ("notes", person.notes),
    ]
    for label, value in rows:
        if value is not None:
            fields.add_row(label, cell(value))
    parts: list[RenderableType] = [fields]
    ties = network.ties.get(pid, {})
    if ties:
        tie_table = Table(title="knows", box=None, pad_edge=False, header_style="bold",
                          title_justify="left")
        for col in ("id", "name", "strength", "trusts their word"):
            tie_table.add_column(col)
        for other in sorted(ties):
            tie_table.add_row(
                cell(other), cell(network.people[other].name), cell(ties[other].strength),
                cell(network.ties[other][pid].credibility),
            )
        parts.append(tie_table)
    if person.log:
        log = Table(title="log", box=None, pad_edge=False, header_style="bold",
                    title_justify="left")
        log.add_column("date")
        log.add_column("outreach")
        log.add_column("note")
        for entry in person.log:
            outreach = " ".join(x for x in (
                entry.outcome.value if entry.outcome else None,
                f"for {entry.for_}" if entry.for_ else None,
                f"to {entry.to}" if entry.to else None) if x)
            log.add_row(cell(entry.date), cell(outreach), cell(entry.note or ""))
        parts.append(log)
    return Group(*parts)


def person_json(network: Network, pid: str) -> dict[str, Any]:
    """A person as stable JSON (SPEC §4): the book's fields plus resolved ties."""
    person = network.people[pid]
    # by_alias: a log entry's company is "for" in the book and in JSON ("for_" in Python)
    data = person.model_dump(mode="json", exclude={"knows"}, exclude_none=True, by_alias=True)
    data = {"id": pid, **data}
    data["company"] = network.person_company.get(pid)
    data["direct"] = person.is_direct
    data["ties"] = [
        {
            "id": other,
            "strength": tie.strength,
            "credibility": tie.credibility,  # how much `other` trusts this person's word
        }
        for other, tie in sorted(network.ties.get(pid, {}).items())
    ]
    return data
