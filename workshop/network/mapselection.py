"""Which organisations a size-limited map draws: the most central, and whoever is searched for.

A map of 3000 organisations is a grey cloud that takes seconds to lay out and megabytes to
send. Above a node limit the map draws the most central organisations (by summed link
strength, or another ranking such as betweenness), every organisation that matches a search
by name together with its strongest neighbours, and the highlighted constellation; it says
how many are left out.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from workshop.text import search_key

__all__ = ["MAP_NODE_LIMIT", "MAX_MATCHES", "NEIGHBOURS_PER_MATCH", "MapSelection", "map_selection", "name_matches"]

# About what a person can read on one screen, and what lays out in a fraction of a second.
MAP_NODE_LIMIT = 300
# A search that matches more than this many is too broad to draw; the strongest matches are.
MAX_MATCHES = 10
# A hub may have hundreds of neighbours: its strongest ones are drawn.
NEIGHBOURS_PER_MATCH = 15


@dataclass(frozen=True)
class MapSelection:
    """The organisations a map draws.

    ``nodes`` is sorted; ``matches`` are the organisations whose names matched the search,
    most central first (at most :data:`MAX_MATCHES`; ``more_matches`` counts the rest);
    ``not_drawn`` is how many organisations of the graph are left out (0 when the graph
    fits the limit).
    """

    nodes: tuple
    matches: tuple
    more_matches: int
    not_drawn: int

    @property
    def limited(self) -> bool:
        return self.not_drawn > 0


def name_matches(G: nx.Graph, query: str) -> list:
    """The nodes whose ``name`` contains ``query``, sorted by node.

    Compared as :func:`workshop.text.search_key` folds them (case, accents and å ä ö
    folded, spacing collapsed), the same rule as the wall's search.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([(1, {"name": "Ramsbergs bygdeförening"}), (2, {"name": "Ramsbergs  Lanthandel"}), (3, {"name": "Kommunen"})])
    >>> name_matches(G, "ramsbergs l"), name_matches(G, "FÖRENING"), name_matches(G, "forening"), name_matches(G, "  ")
    ([2], [1], [1], [])

    Notes
    -----
    O(n) for n nodes.
    """
    wanted = search_key(query)
    if not wanted:
        return []
    return sorted(node for node, name in G.nodes(data="name") if wanted in search_key(str(name if name is not None else node)))


def map_selection(
    G: nx.Graph,
    *,
    limit: int = MAP_NODE_LIMIT,
    query: str = "",
    highlight: Iterable[Hashable] = (),
    rank: Mapping[Hashable, float] | None = None,
    max_matches: int = MAX_MATCHES,
    neighbours: int = NEIGHBOURS_PER_MATCH,
) -> MapSelection:
    """Choose the organisations a map of ``G`` draws.

    Parameters
    ----------
    G : networkx.Graph
        Links carry ``strength``; nodes carry ``name``.
    limit : int
        Draw at most this many organisations chosen for their rank; the highlighted ones,
        the matches and their neighbours are drawn on top of them, so the map may hold up
        to ``limit + len(highlight) + max_matches * (neighbours + 1)``.
    query : str
        Part of a name (case-insensitive); empty for no search.
    highlight : iterable
        Always drawn (for instance one idea's constellation); unknown nodes are ignored.
    rank : mapping, optional
        How central each node is (higher first, then lowest node); by default the summed
        strength of its links.
    max_matches : int
        Draw at most this many matches, the most central first.
    neighbours : int
        Draw at most this many neighbours of each match, the most strongly linked first.

    Returns
    -------
    MapSelection

    Examples
    --------
    A star of five around organisation 0 and a pair 10–11 far away: with room for three,
    the map draws the hub and its two strongest links; a search for "Tio" brings in 10
    and its neighbour.

    >>> G = nx.Graph()
    >>> for leaf, strength in [(1, 3.0), (2, 2.0), (3, 1.0), (4, 0.5)]:
    ...     G.add_edge(0, leaf, strength=strength)
    >>> G.add_edge(10, 11, strength=0.25)
    >>> nx.set_node_attributes(G, {n: f"Org {n}" for n in G} | {10: "Tio", 11: "Elva"}, "name")
    >>> map_selection(G, limit=3)
    MapSelection(nodes=(0, 1, 2), matches=(), more_matches=0, not_drawn=4)
    >>> chosen = map_selection(G, limit=3, query="tio")
    >>> chosen.nodes, chosen.matches, chosen.not_drawn
    ((0, 1, 2, 10, 11), (10,), 2)
    >>> map_selection(G, limit=10).not_drawn  # everything fits
    0

    Notes
    -----
    O(n log n + m) for n nodes and m links (ranking, the name search and the matches'
    neighbours).
    """
    if rank is None:
        rank = dict(G.degree(weight="strength"))  # a link without strength counts 1

    def centrality(node) -> tuple:
        return (-rank.get(node, 0.0), node)

    found = sorted(name_matches(G, query), key=centrality)
    matches = tuple(found[:max_matches])
    chosen = {node for node in highlight if node in G} | set(matches)
    for match in matches:
        closest = sorted(G.adj[match].items(), key=lambda item: (-item[1].get("strength", 1.0), item[0]))
        chosen.update(node for node, _ in closest[:neighbours])
    total = G.number_of_nodes()
    if total <= limit:
        nodes = tuple(sorted(G))
    else:
        central = sorted(G, key=centrality)[:limit]
        nodes = tuple(sorted(chosen.union(central)))
    return MapSelection(nodes=nodes, matches=matches, more_matches=len(found) - len(matches), not_drawn=total - len(nodes))
