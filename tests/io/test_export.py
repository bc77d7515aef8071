"""Exporters: valid XML whatever the names hold, JSON of the whole model, safe CSV."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from netreach.cached import bookfile
from netreach.graph.hops import build_graph
from netreach.transfer.exporters import ExportFormat, export, exporters
from netreach.transfer.exporters.csvfmt import neutralise
from netreach.transfer.exporters.graphs import xml_text
from tests.io.conftest import TODAY

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "amp": "Tom & Jerry \"quoted\" 'single'",
    "control": "Bell\x07 Esc\x1b[31m NUL-free\x01\x0b\x0c",
    "rtl": "Eve \u202egnp.exe\u202c",
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+49 30 5550123",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "tab": "\tindented",
    "cr": "\rcarriage",
    "emoji": "Zoë 🚀 Ångström",
}


@pytest.fixture
def hostile_book(tmp_path: Path) -> Path:
    """A book whose names, titles and notes try to break every output format."""
    lines = ["netreach: 1", "me: {name: \"Me <&> \\x01\"}", "companies:",
             "  acme: {name: \"Acme <Labs> & \\x02 Co\", outlook: growing}",
             "communities:", "  club: {name: \"<b>Club</b> \\x03\", kind: club}", "people:"]
    for i, (key, text) in enumerate(HOSTILE.items()):
        quoted = json.dumps(text, ensure_ascii=False)  # valid YAML double-quoted text
        lines += [f"  p{i}-{key}:", f"    name: {quoted}", f"    title: {quoted}",
                  "    company: acme", f"    notes: {quoted}", "    communities: [club]",
                  "    closeness: 3" if i % 2 else "    knows: {p1-amp: 2}"]
    path = tmp_path / "hostile.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def network(path: Path):
    return bookfile.open_book(path).network


def test_every_format_has_an_exporter():
    assert set(exporters()) == set(ExportFormat)


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_exports_are_deterministic(example_book: Path, fmt: ExportFormat):
    net = network(example_book)
    assert export(fmt, net, TODAY) == export(fmt, net, TODAY)


def test_xml_text_replaces_what_xml_cannot_hold():
    assert xml_text("a\x00b\x07c\td\ne\ud800f\ufffeg") == "a\ufffdb\ufffdc\td\ne\ufffdf\ufffdg"
    assert xml_text("\u202e <&> 🚀") == "\u202e <&> 🚀"


@pytest.mark.parametrize("fmt", [ExportFormat.GRAPHML, ExportFormat.GEXF])
def test_graph_xml_is_valid_and_read_back_with_hostile_names(hostile_book: Path,
                                                             fmt: ExportFormat):
    net = network(hostile_book)
    data = export(fmt, net, TODAY)
    ET.fromstring(data)  # well-formed XML
    reader = nx.read_graphml if fmt is ExportFormat.GRAPHML else nx.read_gexf
    graph = reader(io.BytesIO(data))
    original = build_graph(net, TODAY)
    assert set(graph.nodes) == set(original.nodes)
    assert graph.number_of_edges() == original.number_of_edges()
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    assert labels["person:p0-script"] == HOSTILE["script"]
    assert labels["person:p1-amp"] == HOSTILE["amp"]
    assert labels["person:p3-rtl"] == HOSTILE["rtl"]  # bidi controls are valid XML: kept
    assert labels["person:p10-emoji"] == HOSTILE["emoji"]
    assert labels["person:p2-control"] == "Bell\ufffd Esc\ufffd[31m NUL-free\ufffd\ufffd\ufffd"
    assert b"<script>" not in data


def test_graphml_attributes_are_typed_and_never_null(example_book: Path):
    net = network(example_book)
    graph = nx.read_graphml(io.BytesIO(export(ExportFormat.GRAPHML, net, TODAY)))
    mira = graph.nodes["person:mira-schulz"]
    assert mira["hiring"] is False and mira["direct"] is True
    assert mira["closeness"] == 5 and mira["company"] == "spreewald-cloud"
    assert mira["company_name"] == "Spreewald Cloud" and mira["title"] == "Senior SRE"
    assert graph.nodes["person:oskar-lind"]["company"] == ""
    edge = graph.edges["me", "person:mira-schulz"]
    assert edge["kind"] == "contact" and 0 < edge["probability"] <= 1
    for _node, attrs in graph.nodes(data=True):
        assert all(value is not None for value in attrs.values())


def test_gexf_is_dated_by_today_not_the_clock(example_book: Path):
    data = export(ExportFormat.GEXF, network(example_book), TODAY)
    assert b'lastmodifieddate="2026-11-22"' in data
    assert b"<creator>netreach " in data


def test_json_holds_the_whole_model(example_book: Path):
    net = network(example_book)
    data = json.loads(export(ExportFormat.JSON, net, TODAY))
    assert data["format"] == "netreach-export" and data["version"] == 1
    assert data["me"]["name"] == "Alex Rivera"
    assert data["targets"] == ["nordlicht", "kiezbank", "helio-maps"]
    people = {p["id"]: p for p in data["people"]}
    assert len(people) == len(net.people)
    mira = people["mira-schulz"]
    assert mira["company"] == "spreewald-cloud" and mira["direct"] is True
    assert {"id": "tobias-lang", "strength": 4, "credibility": 5} in mira["ties"]
    assert people["julia-brandt"]["company"] == "tramline"
    assert people["julia-brandt"]["company_text"] == "TRAMLINE"
    companies = {c["id"]: c for c in data["companies"]}
    assert companies["kollektiv-sieben"]["implicit"] is True  # created from free text
    assert "ana-costa" in companies["kollektiv-sieben"]["employees"]
    communities = {c["id"]: c for c in data["communities"]}
    assert communities["pydata-berlin"]["mine"] is True
    assert "ravi-iyer" in communities["pydata-berlin"]["members"]
    ties = {(t["source"], t["target"]): t for t in data["ties"]}
    assert ties[("mira-schulz", "tobias-lang")]["credibility"] == 5
    assert ties[("tobias-lang", "mira-schulz")]["credibility"] == 4
    assert people["kofi-mensah"]["extra"]["pb_half_marathon"] == "1:20:05"  # text stays text


@pytest.mark.parametrize(("cell", "safe"), [
    ("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Dana", "Dana"), ("", ""), (None, ""), (3, "3"),
    ("a=b", "a=b"), ("'=x", "'=x"),
])
def test_csv_neutralise(cell: object, safe: str):
    assert neutralise(cell) == safe


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(hostile_book: Path):
    data = export(ExportFormat.CSV, network(hostile_book), TODAY).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    by_id = {row["id"]: row for row in rows}
    assert by_id["p4-formula"]["name"] == "'" + HOSTILE["formula"]
    assert by_id["p4-formula"]["notes"] == "'" + HOSTILE["formula"]
    assert by_id["p5-plus"]["title"] == "'+49 30 5550123"
    assert by_id["p6-minus"]["name"] == "'-2+3"
    assert by_id["p7-at"]["name"] == "'@SUM(A1:A2)"
    assert by_id["p8-tab"]["name"] == "'\tindented"
    assert by_id["p9-cr"]["name"] == "'\rcarriage"
    assert by_id["p0-script"]["name"] == HOSTILE["script"]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_csv_has_one_row_per_person(example_book: Path):
    net = network(example_book)
    rows = list(csv.DictReader(io.StringIO(export(ExportFormat.CSV, net, TODAY).decode())))
    assert [r["id"] for r in rows] == list(net.people)
    mira = rows[0]
    assert mira["company"] == "Spreewald Cloud" and mira["closeness"] == "5"
    assert mira["knows"] == "amara-eze; henrik-olsen; lukas-meyer; tobias-lang"
    assert mira["communities"] == "TU Berlin Alumni; Platform Engineering Berlin"
    ben = next(r for r in rows if r["id"] == "ben-schwarz")
    assert ben["phone"] == "0305550123"  # text stays text: the leading zero survives


def test_vcard_export_is_valid_vcard_with_hostile_names(hostile_book: Path):
    import vobject

    data = export(ExportFormat.VCARD, network(hostile_book), TODAY).decode("utf-8")
    cards = list(vobject.readComponents(data))
    assert len(cards) == len(HOSTILE)
    names = {c.fn.value for c in cards}
    assert HOSTILE["script"] in names and HOSTILE["rtl"] in names
    assert "Bell  Esc [31m NUL-free" not in names  # controls become spaces, collapsed
    assert "Bell Esc [31m NUL-free" in names
