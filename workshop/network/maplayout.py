"""Where the map puts each organisation: a seeded spring layout, kept for the last graphs drawn.

The same drawn graph and seed always give the same positions, so the map (and the
exported picture, which starts from them) is the same picture every time.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from functools import lru_cache

import networkx as nx
import numpy as np

__all__ = ["lay_out", "layout_positions", "forget_layouts"]

# networkx's spring_layout switches to a scipy-only algorithm at this size.
_NETWORKX_DENSE_LIMIT = 500


def lay_out(G: nx.Graph, *, seed: int = 42, projector: bool = False) -> None:
    """Work out the layout :func:`~workshop.network.mapview.network_map_html` gives ``G`` (with the same ``seed`` and
    ``projector``), so that drawing it later finds the layout made (the last few are kept).

    For a background thread to call before a page draws the map: the layout is most of
    the cost of a new map.

    Examples
    --------
    >>> from workshop.network.mapview import network_map_html
    >>> G = nx.Graph(); G.add_edge(1, 2, strength=1.0)
    >>> lay_out(G)
    >>> "<html" in network_map_html(G)
    True
    """
    layout_positions(G, sorted(G), seed, spread=1.6 if projector else 1.0)


def layout_positions(G: nx.Graph, nodes: list, seed: int, spread: float = 1.0) -> dict[Hashable, tuple[float, float]]:
    """Seeded spring layout on a canonical copy of ``G``, scaled to screen units.

    The same drawn graph always gets the same layout, so it is kept for the last few graphs
    drawn: another colouring or sizing of the map, or a new analysis after a note or a vote
    (the links unchanged), reuses it instead of laying the graph out again.

    Parameters
    ----------
    G : networkx.Graph
        Links carry ``strength`` (1.0 where missing).
    nodes : list
        The nodes of ``G`` to place, sorted.
    seed : int
        Seed of the spring layout.
    spread : float, optional
        How much wider than a screen map to draw (1.6 on a room screen).

    Returns
    -------
    dict
        Each node's ``(x, y)`` in screen units, rounded to a tenth.

    Examples
    --------
    >>> G = nx.path_graph(3)
    >>> positions = layout_positions(G, [0, 1, 2], seed=42)
    >>> positions == layout_positions(nx.path_graph(3), [0, 1, 2], seed=42), sorted(positions)
    (True, [0, 1, 2])
    """
    if not nodes:
        return {}
    edges = tuple(sorted((min(a, b), max(a, b), d.get("strength", 1.0)) for a, b, d in G.edges(data=True)))
    return dict(_canonical_layout(tuple(nodes), edges, seed, spread))


@lru_cache(maxsize=16)
def _canonical_layout(nodes: tuple, edges: tuple, seed: int, spread: float) -> tuple[tuple[Hashable, tuple[float, float]], ...]:
    canonical = nx.Graph()
    canonical.add_nodes_from(nodes)
    canonical.add_weighted_edges_from(edges, weight="strength")
    if len(nodes) < _NETWORKX_DENSE_LIMIT:
        raw = nx.spring_layout(canonical, weight="strength", seed=seed)
    else:
        raw = _dense_spring_layout(canonical, list(nodes), seed)
    # Room for labels: the drawing grows with the square root of the number of nodes.
    scale = (200 + 60 * math.sqrt(len(nodes))) * spread
    return tuple((node, (round(float(raw[node][0]) * scale, 1), round(float(raw[node][1]) * scale, 1))) for node in nodes)


def _dense_spring_layout(G: nx.Graph, nodes: list, seed: int, iterations: int = 50) -> dict:
    """Fruchterman–Reingold with dense numpy arrays, as networkx does below 500 nodes.

    networkx switches to a sparse variant that needs scipy above 500 nodes; scipy is
    not a dependency here, and at a few thousand nodes the dense version is fast enough.
    """
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    A = np.zeros((n, n))
    for a, b, d in G.edges(data=True):
        A[index[a], index[b]] = A[index[b], index[a]] = d.get("strength", 1.0)
    pos = np.random.RandomState(seed).rand(n, 2)
    k = math.sqrt(1.0 / n)
    temperature = 0.1 * float(np.ptp(pos, axis=0).max())  # a tenth of the domain, as networkx
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        # Pairwise distances from the Gram matrix: no (n, n, 2) array, and BLAS does the work.
        squared = (pos**2).sum(axis=1)
        distance = np.sqrt(np.clip(squared[:, None] + squared[None, :] - 2 * pos @ pos.T, 1e-4, None))
        force = k * k / distance**2 - A * distance / k
        np.fill_diagonal(force, 0.0)
        # sum_j (pos_i - pos_j) * force_ij, without forming the differences.
        displacement = pos * force.sum(axis=1)[:, None] - force @ pos
        length = np.clip(np.sqrt((displacement**2).sum(axis=1)), 0.01, None)
        pos += displacement * (temperature / length)[:, None]
        temperature -= cooling
    pos = pos.astype(np.float64)
    pos -= pos.mean(axis=0)
    extent = np.abs(pos).max() or 1.0
    pos /= extent  # into [-1, 1] like networkx's rescale_layout
    return {node: pos[index[node]] for node in nodes}


def forget_layouts() -> None:
    """Drop the kept layouts, so the next map lays its graph out again (for timing it).

    >>> forget_layouts()
    """
    _canonical_layout.cache_clear()
