"""Views of ``me`` and my target companies, for ``netreach me`` and ``target list``."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from netreach.book.network import Network
from netreach.render.safe import cell


def target_rows(network: Network) -> list[dict[str, Any]]:
    """One record per target company, in the order of ``me.seeking.companies``."""
    rows = []
    for cid in network.targets:
        view = network.companies[cid]
        rows.append({"id": cid, "name": view.name, "outlook": view.outlook.value,
                     "people": len(network.employees.get(cid, ())),
                     "declared": not view.implicit})
    return rows


def targets_table(network: Network) -> Table:
    """id, name, outlook and how many people in the book work there."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("id", "name", "outlook", "people"):
        table.add_column(name, no_wrap=name != "name", justify="right" if name == "people"
                         else "left")
    for row in target_rows(network):
        table.add_row(cell(row["id"]), cell(row["name"]), cell(row["outlook"]),
                      cell(row["people"]))
    return table


def me_json(network: Network) -> dict[str, Any]:
    """My own entry, with my targets resolved to companies."""
    me = network.me
    return {"name": me.name, "headline": me.headline,
            "roles": list(me.seeking.roles) if me.seeking else [],
            "skills": list(me.skills), "communities": list(me.communities),
            "targets": target_rows(network)}


def me_detail(network: Network) -> Table:
    """My own entry as label: value lines."""
    data = me_json(network)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label in ("name", "headline", "roles", "skills", "communities"):
        value = data[label]
        if isinstance(value, list):
            value = ", ".join(value) or None
        if value is not None:
            grid.add_row(label, cell(value))
    if data["targets"]:
        grid.add_row("targets", cell(", ".join(t["name"] for t in data["targets"])))
    return grid
