"""The network map as text: each drawn organisation with the organisations it is linked to.

The map is a picture in a frame that only a mouse or a finger can explore; this is its text
alternative (WCAG 1.1.1), shown under it by ``pages/network_map.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .analysis import NetworkView

__all__ = ["MapRow", "map_as_text"]


@dataclass(frozen=True)
class MapRow:
    """One organisation on the map and, strongest first, the names of those it is linked to."""

    name: str
    links: tuple[str, ...]


def map_as_text(view: NetworkView, nodes: Iterable[int] | None = None, min_strength: float = 0.0) -> tuple[MapRow, ...]:
    """The organisations the map draws, by name, each with the links the map draws.

    Parameters
    ----------
    view : NetworkView
        The analysed network the map shows.
    nodes : iterable of int, optional
        The organisations drawn (all of them when ``None``), as the map was given them.
    min_strength : float
        Links weaker than this are not drawn on the map, so they are not listed either.

    Returns
    -------
    tuple of MapRow
        Sorted by name; links sorted by strength (strongest first), then by name.
    """
    graph = view.graph if nodes is None else view.graph.subgraph(nodes)
    rows = []
    for node in graph:
        linked = [
            (-float(data.get("strength", 1.0)), view.names.get(other, "?"))
            for other, data in graph[node].items()
            if float(data.get("strength", 1.0)) >= min_strength
        ]
        rows.append(MapRow(view.names.get(node, "?"), tuple(name for _, name in sorted(linked))))
    return tuple(sorted(rows, key=lambda row: row.name.casefold()))
