"""GraphML and GEXF, for Gephi, yEd, Cytoscape and networkx.

The graph is ``graph.build_graph``'s (the same edges ``paths`` searches), with a
few attributes added for people who explore it in Gephi (title, company name,
closeness). Both formats are XML, so every attribute is made XML-safe: no
``None`` (GraphML has no null), only text, booleans, integers and floats, and
text without the characters XML 1.0 cannot hold (control characters and
unpaired surrogates become U+FFFD). Markup characters (``<``, ``&``) are
escaped by the XML writer, so a name like ``<script>`` stays a name.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from typing import Any

from netreach import __version__
from netreach.book.network import Network
from netreach.graph.hops import build_graph, community_node, person_node

# What XML 1.0 allows: tab, LF, CR, and the planes minus surrogates and FFFE/FFFF.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


def _safe(value: Any) -> Any:
    """A GraphML/GEXF-compatible attribute value, or ``None`` to leave it out."""
    if value is None:
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return xml_text(str(value))


def _clean(attrs: dict[str, Any]) -> None:
    for key in list(attrs):
        value = _safe(attrs[key])
        if value is None:
            del attrs[key]
        else:
            attrs[key] = value


def export_graph(network: Network, today: dt.date) -> Any:
    """The networkx DiGraph to export: ``build_graph`` plus Gephi-friendly attributes,
    every value XML-safe."""
    graph = build_graph(network, today)
    for pid, person in network.people.items():
        company = network.company_of(pid)
        attrs = graph.nodes[person_node(pid)]
        attrs.update(
            title=person.title or "",
            company_name=company.name if company else "",
            outlook=company.outlook.value if company else "",
            closeness=person.closeness if person.closeness is not None else 0,
        )
    for cid in network.communities:
        graph.nodes[community_node(cid)]["members"] = len(network.members.get(cid, ()))
    for _node, attrs in graph.nodes(data=True):
        _clean(attrs)
    for _a, _b, attrs in graph.edges(data=True):
        _clean(attrs)
    return graph


def graphml(network: Network, today: dt.date) -> bytes:
    """The network as GraphML (UTF-8 XML)."""
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(export_graph(network, today))
    out = io.BytesIO()
    writer.dump(out)
    return out.getvalue()


def gexf(network: Network, today: dt.date) -> bytes:
    """The network as GEXF 1.2 (UTF-8 XML), dated ``today`` so the output is reproducible."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", today.isoformat())
        creator = meta.find("creator")
        if creator is not None:
            creator.text = f"netreach {__version__}"
    writer.add_graph(export_graph(network, today))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
