"""The network as files for Gephi, igraph and scripts: GEXF, GraphML and node-link JSON.

One node per organisation, labelled with its (display) name, with kind, sector, locality,
Leader area, community, degree, strength and betweenness; one edge per linked pair with
``shared_ideas``, ``shared_workshops``, ``tie_kinds`` and the combined ``weight``.
Attribute values are plain strings and numbers (no ``None``, no tuples), which every
reader of these formats understands.

Each file is valid by its schema, not only readable by lenient readers: the GEXF against the
GEXF 1.2draft XSD (no ``name`` on ``<graph>``), the GraphML against the GraphML XSD; both
are read by JGraphT's validating importers in the tests. The GEXF carries each node's colour
(by sector, as the map), size (by strength) and position (the picture's layout), so Gephi
opens the network as the app draws it. The XSD declares ``color``, ``size`` and ``position``
in the GEXF namespace itself (the primer's ``viz:`` prefix fails it, and JGraphT with it);
Gephi reads them by their local names either way. The JSON is networkx's default node-link
form: ``networkx.node_link_graph(data)`` reads it with no arguments.
"""

from __future__ import annotations

import io
import json

import networkx as nx

from ...network.maplayout import layout_positions
from ...network.mapview import SECTOR_COLOURS

__all__ = ["file_graph", "to_gexf", "to_graphml", "to_json", "GEXF_NAMESPACE"]

GEXF_NAMESPACE = "http://www.gexf.net/1.2draft"
_VIZ_NAMESPACE = GEXF_NAMESPACE + "/viz"  # what networkx writes; moved into GEXF_NAMESPACE below
_POSITION_SCALE = 1000.0  # Gephi's canvas: a layout in [-1, 1] would sit in one pixel

_NODE_TEXT = ("kind", "sector", "locality", "leader_area")
_NODE_NUMBERS = ("community", "degree", "strength", "betweenness")


def file_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with string node ids and only file-friendly attributes.

    >>> G = nx.Graph()
    >>> G.add_node(1, name="Ramsbergs IF", kind="association", sector="nonprofit", locality=None, leader_area=None,
    ...            community=0, degree=1, strength=2.0, betweenness=0.0)
    >>> G.add_node(2, name="Sågen AB", kind="company", sector="private", locality="Ramsberg", leader_area="Leader Bergslagen",
    ...            community=0, degree=1, strength=2.0, betweenness=0.0)
    >>> G.add_edge(1, 2, shared_ideas=1, shared_workshops=0, tie_kinds=("know",), strength=2.0, distance=0.5)
    >>> F = file_graph(G)
    >>> F.nodes["1"]["label"], F.nodes["1"]["locality"], F.edges["1", "2"]["tie_kinds"], F.edges["1", "2"]["weight"]
    ('Ramsbergs IF', '', 'know', 2.0)
    """
    F = nx.Graph()
    for node in sorted(G):
        data = G.nodes[node]
        attributes = {"label": str(data.get("name", node))}
        attributes.update({key: str(data.get(key) or "") for key in _NODE_TEXT})
        attributes["community"] = int(data.get("community", -1)) + 1  # 1, 2, … as the map's legend; 0 for none
        attributes["degree"] = int(data.get("degree", G.degree(node)))
        attributes["strength"] = float(data.get("strength", 0.0))
        attributes["betweenness"] = float(data.get("betweenness", 0.0))
        F.add_node(str(node), **attributes)
    for a, b in sorted((min(a, b), max(a, b)) for a, b in G.edges()):
        data = G.edges[a, b]
        F.add_edge(
            str(a),
            str(b),
            shared_ideas=int(data.get("shared_ideas", 0)),
            shared_workshops=int(data.get("shared_workshops", 0)),
            tie_kinds=",".join(data.get("tie_kinds", ())),
            weight=float(data.get("strength", 1.0)),
        )
    return F


def _hex_rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def drawing(G: nx.Graph) -> dict[str, dict]:
    """GEXF ``viz`` data for each node of :func:`file_graph` ``F``: colour, size and position.

    Colour by sector (the map's colours), size by strength, position from the map's seeded
    layout with y pointing up (as Gephi shows it).

    >>> F = nx.Graph()
    >>> F.add_node("1", sector="private", strength=2.0)
    >>> F.add_node("2", sector="", strength=0.0)
    >>> F.add_edge("1", "2")
    >>> viz = drawing(F)
    >>> viz["1"]["color"], viz["1"]["size"] > viz["2"]["size"], sorted(viz["2"]["position"])
    ({'r': 230, 'g': 159, 'b': 0, 'a': 1.0}, True, ['x', 'y', 'z'])
    """
    nodes = sorted(G)
    positions = layout_positions(G, nodes, 42) if nodes else {}
    biggest = max((float(G.nodes[n].get("strength", 0.0)) for n in nodes), default=0.0) or 1.0
    viz = {}
    for node in nodes:
        data = G.nodes[node]
        colour = SECTOR_COLOURS.get(data.get("sector") or None, SECTOR_COLOURS[None])
        x, y = positions[node]
        viz[node] = {
            "color": {**_hex_rgb(colour), "a": 1.0},
            "size": round(5.0 + 20.0 * (float(data.get("strength", 0.0)) / biggest) ** 0.5, 3),
            "position": {"x": round(x * _POSITION_SCALE, 3), "y": round(-y * _POSITION_SCALE, 3), "z": 0.0},
        }
    return viz


def to_gexf(G: nx.Graph, *, title: str = "") -> bytes:
    """GEXF 1.2draft that the official XSD accepts, with colours, sizes and positions."""
    from lxml import etree  # lazy: lxml loads only when a GEXF is written

    F = file_graph(G)
    for node, viz in drawing(F).items():
        F.nodes[node]["viz"] = viz
    buffer = io.BytesIO()
    nx.write_gexf(F, buffer, encoding="utf-8", prettyprint=False, version="1.2draft")
    root = etree.fromstring(buffer.getvalue())
    graph = root.find(f"{{{GEXF_NAMESPACE}}}graph")
    graph.attrib.pop("name", None)  # not in the schema; JGraphT refuses the file with it
    meta = root.find(f"{{{GEXF_NAMESPACE}}}meta")
    if meta is not None:
        meta.find(f"{{{GEXF_NAMESPACE}}}creator").text = "Projektberedskap"
        if title:
            etree.SubElement(meta, f"{{{GEXF_NAMESPACE}}}description").text = title
    for element in root.iter(f"{{{_VIZ_NAMESPACE}}}*"):
        element.tag = f"{{{GEXF_NAMESPACE}}}{etree.QName(element).localname}"
    etree.cleanup_namespaces(root)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def to_graphml(G: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(file_graph(G), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def to_json(G: nx.Graph) -> bytes:
    data = nx.node_link_data(file_graph(G))  # networkx 3.6 default: "edges"
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
