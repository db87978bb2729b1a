"""The network as files for Gephi, igraph and scripts: GEXF, GraphML and node-link JSON.

One node per organisation, labelled with its (display) name, with kind, sector, locality,
Leader area, community, degree, strength and betweenness; one edge per linked pair with
``shared_ideas``, ``shared_workshops``, ``tie_kinds`` and the combined ``weight``.
Attribute values are plain strings and numbers (no ``None``, no tuples), which every
reader of these formats understands.
"""

from __future__ import annotations

import io
import json

import networkx as nx

__all__ = ["file_graph", "to_gexf", "to_graphml", "to_json"]

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


def to_gexf(G: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(file_graph(G), buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return buffer.getvalue()


def to_graphml(G: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(file_graph(G), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def to_json(G: nx.Graph) -> bytes:
    data = nx.node_link_data(file_graph(G), edges="links")
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
