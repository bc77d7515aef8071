"""Imports share the company key: spellings of one employer land on one company, and
``--via`` takes a name like every id argument."""

from __future__ import annotations

from pathlib import Path

from netreach.cached import bookfile
from netreach.transfer.importers import ImportFormat, run_import

BOOK = """\
netreach: 1
me: {name: Alex Rivera}
companies:
  nordwind: {name: Nordwind Robotics}
people:
  priya-raman: {name: Priya Raman, company: nordwind, closeness: 4}
"""
CSV = """\
First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Berg,,,Nordwind Robotics GmbH,Engineer,01 Jan 2026
Ben,Costa,,,NORDWIND ROBOTICS,Engineer,01 Jan 2026
Cem,Diaz,,,Nordwind Logistics,Driver,01 Jan 2026
Dia,Eck,,,Nordwind Logistics AG,Driver,01 Jan 2026
"""


def test_spellings_of_one_employer_import_as_one_company(tmp_path: Path):
    book = tmp_path / "contacts.yaml"
    book.write_text(BOOK)
    export = tmp_path / "Connections.csv"
    export.write_text(CSV)
    run_import(book, ImportFormat("linkedin"), export, via="Priya")
    net = bookfile.open_book(book).network
    assert net.employees["nordwind"] == ("ana-berg", "ben-costa", "priya-raman")
    logistics = net.person_company["cem-diaz"]
    assert logistics != "nordwind" and net.person_company["dia-eck"] == logistics
    assert "ana-berg" in net.ties["priya-raman"]  # --via Priya: her ties, not mine
