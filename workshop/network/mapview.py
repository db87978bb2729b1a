"""The network map: one self-contained, offline HTML page drawn with vis-network.

The page must work in a village hall without internet, so it carries vis-network's
JavaScript and CSS (the copies bundled with pyvis) inline and links nothing: no CDN,
no fonts, no source map. pyvis's own page template links Bootstrap and vis-network
from CDNs, so this module uses pyvis for the node and edge records and its bundled
assets, and writes the page itself.

Security: names, localities and other user text are escaped with :func:`html.escape`
where the page is built, before they reach labels, tooltips or the legend. In the
page, a small script turns the escaped text back into plain characters only for the
two places that treat it as text, never as markup: the canvas (labels) and
vis-network's tooltip, which assigns string titles with ``innerText``. Nothing is
ever assigned to ``innerHTML``; the data is embedded as JSON with ``<`` and ``>``
escaped, so no string can close the script element.

Positions come from a seeded spring layout (:mod:`workshop.network.maplayout`) and are
fixed in the page, so the same data always gives the same picture (and the same HTML,
byte for byte); :mod:`workshop.network.mappage` writes the page around the drawing, with
the map's stylesheet and script from ``assets/``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

import networkx as nx

from workshop.network.maplayout import layout_positions
from workshop.network.mappage import page_html
from workshop.network.maptext import MAP_LABEL_KEYS, MapLabels, edge_title, escape, escape_lines, node_title, shorten
from workshop.network.metrics import communities as find_communities
from workshop.vocabulary import SECTORS

__all__ = [
    "COLOR_BY",
    "SIZE_BY",
    "SECTOR_COLOURS",
    "COMMUNITY_COLOURS",
    "PHYSICS_NODE_LIMIT",
    "SCREEN_LABELS",
    "network_map_html",
    "weak_link_threshold",
]

COLOR_BY = ("sector", "community")
SIZE_BY = ("strength", "brokerage")

# Okabe–Ito colours: distinguishable with the common kinds of colour blindness and on
# a washed-out projector. Private persons belong to no sector and are grey.
SECTOR_COLOURS = {"nonprofit": "#009E73", "private": "#E69F00", "public": "#0072B2", None: "#8C8C8C"}
COMMUNITY_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#332288",
    "#44AA99",
    "#AA4499",
    "#882255",
    "#999933",
)
# Groups beyond the palette, and groups of one, share this colour.
OTHER_COMMUNITY_COLOUR = "#BBBBBB"

# Above this many nodes the browser would spend seconds simulating; positions are fixed.
PHYSICS_NODE_LIMIT = 100
# Above this many nodes brokerage for node sizes is estimated from a seeded sample.
EXACT_BROKERAGE_LIMIT = 300
BROKERAGE_SAMPLE = 100
PROJECTOR_LABELS = 15
# On a laptop or phone screen the names of the biggest nodes are drawn; the rest are in their
# tooltips. A workshop network of 25 organisations with every name drawn is unreadable.
SCREEN_LABELS = 12
# By default the map draws about this many links per organisation, the strongest first.
LINKS_PER_NODE = 2.0


def network_map_html(
    G: nx.Graph,
    *,
    color_by: str = "sector",
    size_by: str = "strength",
    highlight: frozenset = frozenset(),
    projector: bool = False,
    labels: Mapping[str, str] | None = None,
    seed: int = 42,
    brokerage: Mapping[Hashable, float] | None = None,
    carry: Mapping[Hashable, list[tuple[str, list[str], bool]]] | None = None,
    min_strength: float = 0.0,
    labelled: frozenset = frozenset(),
    groups: tuple[frozenset, ...] | None = None,
) -> str:
    """Return a self-contained HTML page showing the organisation network.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`~workshop.network.graph.build_organisation_graph`.
    color_by : {"sector", "community"}
        Colour nodes by LEADER sector or by the group found by
        :func:`~workshop.network.metrics.communities` (stable numbering).
    size_by : {"strength", "brokerage"}
        Node size by summed link strength or by betweenness.
    highlight : frozenset of node ids
        For instance one idea's constellation: these nodes are drawn bigger with a
        dark border and the rest faded.
    projector : bool
        For a room screen: big labels, nodes and legend, a wider layout, and labels only
        on the 15 biggest and the highlighted nodes (the rest keep their tooltips).
    labels : mapping, optional
        Translated texts for the keys in :data:`MAP_LABEL_KEYS` (``str.format``
        templates where the key takes ``count`` or ``number``), so this module stays
        language-free; a missing key shows the key itself.
    seed : int
        Seed of the layout; the same graph and seed give identical HTML.
    brokerage : mapping, optional
        Precomputed betweenness (e.g. from :func:`~workshop.network.metrics.brokers`);
        otherwise computed here, exactly up to 300 nodes, from a seeded sample of 100
        sources above that.
    carry : mapping, optional
        For the click panel: per node, the ideas it could help carry as
        ``(idea title, [partner names], is the idea's best suggestion)``. Clicking a
        node opens a panel inside the page listing them; everything it shows is
        embedded in the page (the page needs no access to the app around it).
    min_strength : float
        Links weaker than this are not drawn (a link between two highlighted nodes
        always is); :func:`weak_link_threshold` gives a readable default. Every node is
        drawn whatever its links.
    labelled : frozenset of node ids
        Nodes whose names are always drawn (for instance the ones searched for).
    groups : tuple of frozenset, optional
        The communities to colour by (for instance those of the whole network when ``G``
        is the part of it a size-limited map draws); found in ``G`` when not given.
        Members not in ``G`` are ignored; the groups keep their numbers.

    Returns
    -------
    str
        An HTML document with vis-network inlined and no external reference.

    Raises
    ------
    ValueError
        For an unknown ``color_by`` or ``size_by``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node(1, name="Ramsbergs <bygdeförening>", kind="association", sector="nonprofit", locality="Ramsberg", leader_area=None)
    >>> G.add_node(2, name="Karin", kind="private_person", sector=None, locality=None, leader_area=None)
    >>> G.add_edge(1, 2, strength=1.0, distance=1.0, shared_ideas=1, tie_kinds=(), shared_workshops=0)
    >>> page = network_map_html(G, labels={"map.sector.nonprofit": "Ideell sektor"})
    >>> "Ramsbergs &lt;bygdeförening&gt;" in page and "<bygdeförening>" not in page
    True
    >>> "Ideell sektor" in page and page == network_map_html(G, labels={"map.sector.nonprofit": "Ideell sektor"})
    True
    >>> page = network_map_html(G, carry={1: [("Bygdekök <i byn>", ["Karin"], True)]})
    >>> "Bygdekök &lt;i byn&gt;" in page and "<i byn>" not in page
    True

    Notes
    -----
    The spring layout is O(n^2) per iteration (50 iterations); the whole page takes
    about 0.3 s at 300 nodes and 1.2 s at 1000 on a 2-core machine. Sizing by
    brokerage adds the cost of betweenness unless ``brokerage`` is passed in.
    """
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {COLOR_BY}, not {color_by!r}")
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {SIZE_BY}, not {size_by!r}")
    text = MapLabels(labels or {})
    nodes = sorted(G)
    positions = layout_positions(G, nodes, seed, spread=1.6 if projector else 1.0)
    highlight = frozenset(node for node in highlight if node in G)
    n = len(nodes)

    strength = {node: sum(d.get("strength", 1.0) for _, _, d in G.edges(node, data=True)) for node in nodes}
    if size_by == "strength":
        value = strength
    elif brokerage is not None:
        value = {node: float(brokerage.get(node, 0.0)) for node in nodes}
    else:
        sample = BROKERAGE_SAMPLE if n > EXACT_BROKERAGE_LIMIT else None
        value = nx.betweenness_centrality(G, k=sample, weight="distance", seed=seed if sample else None) if n else {}
    biggest = max(value.values(), default=0.0) or 1.0

    if color_by == "community":
        groups = find_communities(G) if groups is None else tuple(frozenset(node for node in group if node in G) for group in groups)
        colour_of = {}
        for number, group in enumerate(groups):
            colour = COMMUNITY_COLOURS[number] if number < len(COMMUNITY_COLOURS) and len(group) > 1 else OTHER_COMMUNITY_COLOUR
            colour_of.update(dict.fromkeys(group, colour))
    else:
        groups = ()
        colour_of = {node: SECTOR_COLOURS.get(G.nodes[node].get("sector"), SECTOR_COLOURS[None]) for node in nodes}

    scale = 1.3 if projector else 1.0
    font_size = 30 if projector else (14 if n <= PHYSICS_NODE_LIMIT else 12)
    # A room screen cannot hold dozens of names in big type: there only the biggest nodes
    # and the highlighted ones are labelled; every name stays in its node's tooltip.
    by_size = sorted(nodes, key=lambda node: (-value.get(node, 0.0), node))
    labelled = set(by_size[: PROJECTOR_LABELS if projector else SCREEN_LABELS]) | highlight | {node for node in labelled if node in G}

    # pyvis holds the records; its template is not used (it links CDNs, see module doc).
    # lazy: pyvis pulls in IPython, a slow start for every page
    from pyvis.edge import Edge
    from pyvis.network import Network

    net = Network(directed=False, cdn_resources="in_line")
    for node in nodes:
        data = G.nodes[node]
        name = str(data.get("name", node))
        colour = colour_of[node]
        marked = node in highlight
        faded = bool(highlight) and not marked
        size = (8 + 20 * math.sqrt(max(value.get(node, 0.0), 0.0) / biggest)) * scale
        net.add_node(
            node,
            label=escape(shorten(name)),
            title=escape_lines(node_title(data, name, G.degree(node), text)),
            color={
                "background": _faded(colour) if faded else colour,
                "border": "#111111" if marked else (_faded("#555555") if faded else "#555555"),
                "highlight": {"background": colour, "border": "#111111"},
            },
            size=round(size * (1.6 if marked else 1.0), 2),
            borderWidth=4 if marked else 1,
            x=positions[node][0],
            y=positions[node][1],
            font={"color": _faded("#222222") if faded else "#222222"},
        )
        if node not in labelled:
            net.node_map[node]["label"] = ""  # add_node would put the id in an empty label
    for a, b in sorted((min(a, b), max(a, b)) for a, b in G.edges()):
        data = G.edges[a, b]
        s = data.get("strength", 1.0)
        marked = a in highlight and b in highlight
        if s < min_strength and not marked:
            continue
        faded = bool(highlight) and not marked
        alpha = 0.12 if faded else 0.25 + 0.6 * min(1.0, s / 2.0)
        title = escape_lines(edge_title(data, text))
        options = {
            "width": round((0.5 + 1.5 * math.sqrt(s)) * (1.5 if projector else 1.0) + (2 if marked else 0), 2),
            "color": "#111111" if marked else f"rgba(80,80,80,{alpha:.2f})",
        }
        if title:
            options["title"] = title
        # Not net.add_edge: it scans every edge for duplicates (quadratic); G has none.
        net.edges.append(Edge(a, b, **options).options)

    physics = 0 < n <= PHYSICS_NODE_LIMIT
    net.options = {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            # Gentle: the spring layout already placed the nodes; physics only pushes apart
            # overlapping ones. Stronger springs pull a dense workshop network into a ball.
            "barnesHut": {
                "gravitationalConstant": -2000,
                "centralGravity": 0.0,
                "springLength": 200,
                "springConstant": 0.002,
                "damping": 0.6,
                "avoidOverlap": 1,
            },
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > PHYSICS_NODE_LIMIT, "keyboard": True},
        "nodes": {"shape": "dot", "font": {"size": font_size, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False},
    }
    legend = _legend(G, color_by, size_by, groups, bool(highlight), text, colour_of)
    panel = {
        "labels": {key.rsplit(".", 1)[1]: escape(text(key)) for key in MAP_LABEL_KEYS if key.startswith("fit.map.")},
        "nodes": {
            str(node): [
                {"idea": escape(title), "with": [escape(name) for name in partners], "best": bool(best)}
                for title, partners, best in (carry or {}).get(node, ())
            ]
            for node in nodes
        },
        "names": {str(node): escape(str(G.nodes[node].get("name", node))) for node in nodes},
    }
    return page_html(net.nodes, net.edges, net.options, legend, projector, text("map.aria_label"), panel, language=text("map.language"))


def weak_link_threshold(G: nx.Graph, links_per_node: float = LINKS_PER_NODE) -> float:
    """The link strength below which a readable map hides links.

    The smallest strength such that the links at least that strong number no more than
    ``links_per_node`` per node (ties at the threshold are all kept, so a few more may
    be drawn); ``0.0`` when every link fits.

    Parameters
    ----------
    G : networkx.Graph
        Links carry ``strength``.
    links_per_node : float
        How many links per node the map aims to draw.

    Returns
    -------
    float

    Examples
    --------
    >>> G = nx.complete_graph(4)  # 6 links, 4 nodes
    >>> for n, (a, b) in enumerate(sorted(G.edges())):
    ...     G.edges[a, b]["strength"] = float(n + 1)
    >>> weak_link_threshold(G, links_per_node=1.0)  # at most 4 links: strengths 3..6
    3.0
    >>> weak_link_threshold(G, links_per_node=2.0)  # 8 allowed, all 6 fit
    0.0

    Notes
    -----
    O(m log m) for m links.
    """
    budget = int(links_per_node * G.number_of_nodes())
    strengths = sorted((d.get("strength", 1.0) for _, _, d in G.edges(data=True)), reverse=True)
    if len(strengths) <= budget:
        return 0.0
    return strengths[budget - 1] if budget > 0 else strengths[0]


def _faded(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},0.25)"


def _legend(G, color_by, size_by, groups, highlighted, text: MapLabels, colour_of) -> str:
    items = []
    if color_by == "sector":
        title = text("map.legend.title_sector")
        present = {G.nodes[node].get("sector") for node in G}
        for sector in (*SECTORS, None):
            if sector in present:
                label = text(f"map.sector.{sector}" if sector else "map.sector.none")
                items.append((SECTOR_COLOURS[sector], label))
    else:
        title = text("map.legend.title_community")
        others = 0
        for number, group in enumerate(groups):
            if number < len(COMMUNITY_COLOURS) and len(group) > 1:
                items.append((COMMUNITY_COLOURS[number], text("map.legend.community", number=number + 1, count=len(group))))
            else:
                others += len(group)
        if others:
            items.append((OTHER_COMMUNITY_COLOUR, text("map.legend.community_other", count=others)))
    rows = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span><bdi>{escape(label)}</bdi></li>' for colour, label in items
    )
    notes = [text("map.legend.size_strength" if size_by == "strength" else "map.legend.size_brokerage"), text("map.legend.edge_width")]
    if highlighted:
        notes.append(text("map.legend.highlight"))
    notes_html = "".join(f"<p><bdi>{escape(note)}</bdi></p>" for note in notes)
    # <details> lets people fold the legend away when it covers part of the map.
    summary = f"<summary><bdi>{escape(title)}</bdi></summary>"
    return f'<div id="legend"><details open>{summary}<ul>{rows}</ul>{notes_html}</details></div>'
