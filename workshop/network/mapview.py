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

Positions come from a seeded spring layout and are fixed in the page, so the same
data always gives the same picture (and the same HTML, byte for byte).
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Hashable, Mapping
from functools import lru_cache
from pathlib import Path

import networkx as nx
import numpy as np

from workshop.network.metrics import communities as find_communities
from workshop.vocabulary import ORGANISATION_KINDS, SECTORS

__all__ = [
    "COLOR_BY",
    "SIZE_BY",
    "SECTOR_COLOURS",
    "COMMUNITY_COLOURS",
    "PHYSICS_NODE_LIMIT",
    "MAP_LABEL_KEYS",
    "SCREEN_LABELS",
    "network_map_html",
    "lay_out",
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
# networkx's spring_layout switches to a scipy-only algorithm at this size.
_NETWORKX_DENSE_LIMIT = 500
LABEL_MAX_CHARS = 40
PROJECTOR_LABELS = 15
# On a laptop or phone screen the names of the biggest nodes are drawn; the rest are in their
# tooltips. A workshop network of 25 organisations with every name drawn is unreadable.
SCREEN_LABELS = 12
# By default the map draws about this many links per organisation, the strongest first.
LINKS_PER_NODE = 2.0

MAP_LABEL_KEYS = (
    "map.legend.title_sector",
    "map.legend.title_community",
    "map.legend.community",
    "map.legend.community_other",
    "map.legend.size_strength",
    "map.legend.size_brokerage",
    "map.legend.edge_width",
    "map.legend.highlight",
    *(f"map.sector.{sector}" for sector in SECTORS),
    "map.sector.none",
    *(f"map.kind.{kind}" for kind in ORGANISATION_KINDS),
    "map.node.contacts",
    "map.edge.shared_ideas",
    "map.edge.shared_workshops",
    "map.edge.tie.cooperated",
    "map.edge.tie.know",
    "map.edge.tie.want",
    "map.aria_label",
    # the click panel
    "fit.map.could_carry",
    "fit.map.with",
    "fit.map.best",
    "fit.map.nothing",
    "fit.map.close",
    "fit.map.click_hint",
)


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
    text = _Labels(labels or {})
    nodes = sorted(G)
    positions = _layout(G, nodes, seed, spread=1.6 if projector else 1.0)
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
    from pyvis.edge import Edge
    from pyvis.network import Network  # imported here: pyvis pulls in IPython

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
            label=_escape(_shorten(name)),
            title=_escape_lines(_node_title(data, name, G.degree(node), text)),
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
        title = _escape_lines(_edge_title(data, text))
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
        "labels": {key.rsplit(".", 1)[1]: _escape(text(key)) for key in MAP_LABEL_KEYS if key.startswith("fit.map.")},
        "nodes": {
            str(node): [
                {"idea": _escape(title), "with": [_escape(name) for name in partners], "best": bool(best)}
                for title, partners, best in (carry or {}).get(node, ())
            ]
            for node in nodes
        },
        "names": {str(node): _escape(str(G.nodes[node].get("name", node))) for node in nodes},
    }
    return _page(net.nodes, net.edges, net.options, legend, projector, text("map.aria_label"), panel)


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


class _Labels:
    """Looks up caller-supplied texts; a missing key shows the key, a broken template its raw text."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = labels

    def __call__(self, key: str, **params) -> str:
        template = str(self.labels.get(key, key))
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError, AttributeError):
            return template


def _escape(value: str) -> str:
    return html.escape(value, quote=True)


def _escape_lines(lines: list[str]) -> str:
    return "\n".join(_escape(line) for line in lines)


def _shorten(name: str) -> str:
    return name if len(name) <= LABEL_MAX_CHARS else name[: LABEL_MAX_CHARS - 1].rstrip() + "…"


def _node_title(data: Mapping, name: str, degree: int, text: _Labels) -> list[str]:
    lines = [name]
    kind = data.get("kind")
    if kind:
        lines.append(text(f"map.kind.{kind}"))
    place = ", ".join(str(part) for part in (data.get("locality"), data.get("leader_area")) if part)
    if place:
        lines.append(place)
    lines.append(text("map.node.contacts", count=degree))
    return lines


def _edge_title(data: Mapping, text: _Labels) -> list[str]:
    lines = [text(f"map.edge.tie.{kind}") for kind in data.get("tie_kinds", ())]
    if data.get("shared_ideas"):
        lines.append(text("map.edge.shared_ideas", count=data["shared_ideas"]))
    if data.get("shared_workshops"):
        lines.append(text("map.edge.shared_workshops", count=data["shared_workshops"]))
    return lines


def _faded(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},0.25)"


def lay_out(G: nx.Graph, *, seed: int = 42, projector: bool = False) -> None:
    """Work out the layout :func:`network_map_html` gives ``G`` (with the same ``seed`` and
    ``projector``), so that drawing it later finds the layout made (the last few are kept).

    For a background thread to call before a page draws the map: the layout is most of
    the cost of a new map.

    Examples
    --------
    >>> G = nx.Graph(); G.add_edge(1, 2, strength=1.0)
    >>> lay_out(G)
    >>> "<html" in network_map_html(G)
    True
    """
    _layout(G, sorted(G), seed, spread=1.6 if projector else 1.0)


def _layout(G: nx.Graph, nodes: list, seed: int, spread: float = 1.0) -> dict[Hashable, tuple[float, float]]:
    """Seeded spring layout on a canonical copy of ``G``, scaled to screen units.

    The same drawn graph always gets the same layout, so it is kept for the last few graphs
    drawn: another colouring or sizing of the map, or a new analysis after a note or a vote
    (the links unchanged), reuses it instead of laying the graph out again."""
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


def _legend(G, color_by, size_by, groups, highlighted, text: _Labels, colour_of) -> str:
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
        f'<li><span class="swatch" style="background:{colour}"></span><bdi>{_escape(label)}</bdi></li>' for colour, label in items
    )
    notes = [text("map.legend.size_strength" if size_by == "strength" else "map.legend.size_brokerage"), text("map.legend.edge_width")]
    if highlighted:
        notes.append(text("map.legend.highlight"))
    notes_html = "".join(f"<p><bdi>{_escape(note)}</bdi></p>" for note in notes)
    # <details> lets people fold the legend away when it covers part of the map.
    summary = f"<summary><bdi>{_escape(title)}</bdi></summary>"
    return f'<div id="legend"><details open>{summary}<ul>{rows}</ul>{notes_html}</details></div>'


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # The source-map comment would make developer tools fetch a file that is not there.
    # (Not str.splitlines: it also splits at U+2028 and friends inside string literals.)
    script = re.sub(r"^//# sourceMappingURL=[^\n]*$", "", script, flags=re.MULTILINE)
    # 200 of the stylesheet's 220 kB are pictures inlined for the navigation and editing
    # buttons and the colour picker, none of which the map shows: every page carried them.
    style = re.sub(r"url\([\"']?data:[^)]*\)", "none", style)
    # Defensive: these never occur in vis-network 9.1.2, but would end the element early.
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element: it cannot close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_PAGE_STYLE = """
html, body { margin: 0; padding: 0; height: 100%; background: #ffffff; font-family: sans-serif; color: #222222; }
#map { position: absolute; inset: 0; }
#legend { position: absolute; top: 8px; left: 8px; max-width: 22em; background: rgba(255,255,255,0.92);
          border: 1px solid #cccccc; border-radius: 6px; padding: 6px 10px; font-size: 13px; }
#legend summary { font-size: 1.1em; font-weight: bold; cursor: pointer; margin: 0 0 4px 0; }
#legend ul { list-style: none; margin: 0; padding: 0; }
#legend li { margin: 2px 0; }
#legend p { margin: 4px 0 0 0; color: #444444; }
#legend .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%;
                  margin-right: 0.4em; vertical-align: middle; border: 1px solid #555555; }
/* On a room screen the legend has a column of its own beside the map: it never covers a node. */
body.projector #map { right: calc(16 * 22px + 24px); }  /* the legend's column: 16em at 22px, and its margins */
body.projector #legend { font-size: 22px; max-width: none; width: 16em; box-sizing: border-box; left: auto; right: 8px; }
/* On a phone the legend starts folded (see the script) and is narrower. */
@media (max-width: 600px) { #legend { max-width: 70%; font-size: 12px; } #panel { width: auto; left: 8px; } }
div.vis-tooltip { white-space: pre-line; font-family: sans-serif; }
#panel { position: absolute; top: 8px; right: 8px; width: 22em; max-height: 80%; overflow: auto;
         background: rgba(255,255,255,0.96); border: 1px solid #888888; border-radius: 6px; padding: 8px 12px; font-size: 14px; }
#panel[hidden] { display: none; }
#panel h2 { font-size: 1.1em; margin: 0 2em 6px 0; }
#panel ul { margin: 4px 0 0 1.1em; padding: 0; }
#panel li { margin: 4px 0; }
#panel .best { font-weight: bold; }
#panel button { position: absolute; top: 6px; right: 6px; }
#hint { position: absolute; bottom: 8px; left: 8px; font-size: 12px; color: #444444; background: rgba(255,255,255,0.85); padding: 2px 6px; }
body.projector #panel { font-size: 22px; width: 26em; }
body.projector div.vis-tooltip { font-size: 22px; }
"""

# Entities produced by html.escape, turned back into characters for the canvas and the
# innerText tooltip. A fixed table, not the DOM: no markup is ever parsed.
_PAGE_SCRIPT = """
(function () {
  "use strict";
  var entities = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#x27": "'"};
  function plain(value) {
    return typeof value === "string"
      ? value.replace(/&(amp|lt|gt|quot|#x27);/g, function (match, name) { return entities[name]; })
      : value;
  }
  var data = JSON.parse(document.getElementById("network-data").textContent);
  data.nodes.forEach(function (node) { node.label = plain(node.label); node.title = plain(node.title); });
  data.edges.forEach(function (edge) { edge.title = plain(edge.title); });
  var network = new vis.Network(
    document.getElementById("map"),
    {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)},
    data.options
  );
  // The click panel: what the clicked organisation could carry and with whom. Built
  // with textContent from data embedded in this page, so it works in a sandboxed frame.
  var panel = JSON.parse(document.getElementById("panel-data").textContent);
  var box = document.getElementById("panel");
  function text(tag, value, className) {
    var element = document.createElement(tag);
    element.textContent = plain(value);
    if (className) { element.className = className; }
    return element;
  }
  function show(node) {
    var list = document.getElementById("panel-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    document.getElementById("panel-title").textContent = plain(panel.names[node] || "");
    var options = panel.nodes[node] || [];
    document.getElementById("panel-intro").textContent = plain(options.length ? panel.labels.could_carry : panel.labels.nothing);
    options.forEach(function (option) {
      var item = text("li", option.idea, option.best ? "best" : "");
      if (option["with"].length) {
        item.appendChild(document.createElement("br"));
        item.appendChild(text("span", panel.labels["with"].replace("{members}", option["with"].join(", "))));
      }
      if (option.best) { item.setAttribute("title", plain(panel.labels.best)); }
      list.appendChild(item);
    });
    box.hidden = false;
    box.setAttribute("data-node", node);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show(String(params.nodes[0])); } else { box.hidden = true; }
  });
  document.getElementById("panel-close").addEventListener("click", function () { box.hidden = true; });
  document.getElementById("panel-close").textContent = plain(panel.labels.close);
  document.getElementById("hint").textContent = plain(panel.labels.click_hint);
  // A phone's screen is too small for the open legend over the map: it starts folded.
  if (window.innerWidth <= 600) {
    var details = document.querySelector("#legend details");
    if (details) { details.open = false; }
  }
  // Whatever the frame's size, the whole network is in view once it is drawn.
  network.once("afterDrawing", function () { network.fit({animation: false}); });
  window.addEventListener("resize", function () { network.fit({animation: false}); });
  // For the page that embeds the map and for browser tests.
  window.projektberedskapNetwork = network;
  window.projektberedskapShowPanel = show;
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({physics: {enabled: false}}); });
  }
})();
"""


def _page(nodes: list, edges: list, options: dict, legend: str, projector: bool, aria_label: str, panel: dict) -> str:
    script, style = _vis_assets()
    data = _script_json({"nodes": nodes, "edges": edges, "options": options})
    panel_data = _script_json(panel)
    body_class = ' class="projector"' if projector else ""
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{style}</style>\n<style>{_PAGE_STYLE}</style>\n</head>\n"
        f'<body{body_class}>\n<div id="map" role="img" aria-label="{_escape(aria_label)}"></div>\n{legend}\n'
        '<div id="panel" hidden aria-live="polite"><button type="button" id="panel-close"></button>'
        '<h2 id="panel-title"></h2><p id="panel-intro"></p><ul id="panel-list"></ul></div>\n<div id="hint"></div>\n'
        f'<script type="application/json" id="network-data">{data}</script>\n'
        f'<script type="application/json" id="panel-data">{panel_data}</script>\n'
        f"<script>{script}</script>\n<script>{_PAGE_SCRIPT}</script>\n</body>\n</html>\n"
    )
