"""Who is central: each organisation's links and their summed strength, and who has none."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx

__all__ = ["DegreeStrength", "degree_and_strength", "isolated_organisations"]


@dataclass(frozen=True)
class DegreeStrength:
    """``degree``: number of organisations linked to; ``strength``: sum of link strengths."""

    degree: int
    strength: float


def degree_and_strength(G: nx.Graph) -> dict[Hashable, DegreeStrength]:
    """Return each organisation's number of links and summed link strength.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge(1, 2, strength=2.0); G.add_edge(1, 3, strength=0.25); G.add_node(4)
    >>> degree_and_strength(G)[1], degree_and_strength(G)[4]
    (DegreeStrength(degree=2, strength=2.25), DegreeStrength(degree=0, strength=0.0))

    Notes
    -----
    O(n + m).
    """
    # One pass over the adjacency (G.degree and G.edges per node cost twice as much);
    # a self-loop counts twice in the degree and once in the strength, as in networkx.
    return {
        node: DegreeStrength(len(neighbours) + (node in neighbours), float(sum(data.get("strength", 1.0) for data in neighbours.values())))
        for node, neighbours in G.adjacency()
    }


def isolated_organisations(G: nx.Graph) -> tuple[Hashable, ...]:
    """Return the organisations with no link at all, sorted.

    >>> G = nx.Graph([(1, 2)]); G.add_node(3)
    >>> isolated_organisations(G)
    (3,)
    """
    return tuple(sorted(nx.isolates(G)))
