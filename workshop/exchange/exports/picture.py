"""A static picture of the map (PNG, SVG) for print and slides.

The same seeded layout as the interactive map (:mod:`workshop.network.mapview`), nodes
coloured by sector and sized by strength, as the map's defaults. Only the largest
organisations are labelled, and a label is dropped when it would overlap one already
placed, so names never collide; a legend names the colours.
"""

from __future__ import annotations

import io
import math

import networkx as nx

__all__ = ["A4_LANDSCAPE_INCHES", "render_picture"]

A4_LANDSCAPE_INCHES = (11.69, 8.27)
MAX_LABELS = 30
LABEL_CHARS = 32


def render_picture(G: nx.Graph, *, fmt: str, labels: dict[str, str], title: str = "") -> bytes:
    """Draw ``G`` as ``fmt`` ("png" or "svg") on an A4 landscape page (also 16:10-friendly)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    # The interactive map's own layout, so both pictures show the same network shape.
    from workshop.network.mapview import SECTOR_COLOURS, _layout

    nodes = sorted(G)
    positions = _layout(G, nodes, 42) if nodes else {}
    strength = {n: float(G.nodes[n].get("strength", 0.0)) for n in nodes}
    biggest = max(strength.values(), default=0.0) or 1.0
    figure, axes = plt.subplots(figsize=A4_LANDSCAPE_INCHES, dpi=150)
    axes.set_axis_off()
    if title:
        axes.set_title(title, fontsize=16, loc="left")
    # One collection for all links: thousands of separate lines take seconds to draw.
    edges = sorted((min(a, b), max(a, b), data.get("strength", 1.0)) for a, b, data in G.edges(data=True))
    if edges:
        segments = [((positions[a][0], -positions[a][1]), (positions[b][0], -positions[b][1])) for a, b, _ in edges]
        colours = [(0.47, 0.47, 0.47, 0.25 + 0.5 * min(1.0, s / 2.0)) for _, _, s in edges]
        widths = [0.4 + 1.2 * math.sqrt(s) for _, _, s in edges]
        axes.add_collection(LineCollection(segments, colors=colours, linewidths=widths, zorder=1))
    sizes = [30 + 400 * math.sqrt(strength[n] / biggest) for n in nodes]
    fills = [SECTOR_COLOURS.get(G.nodes[n].get("sector"), SECTOR_COLOURS[None]) for n in nodes]
    if nodes:
        axes.scatter([positions[n][0] for n in nodes], [-positions[n][1] for n in nodes], s=sizes, c=fills, edgecolors="#333333", linewidths=0.6, zorder=2)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    placed = []
    for node in sorted(nodes, key=lambda n: (-strength[n], n))[:MAX_LABELS]:
        name = str(G.nodes[node].get("name", node))
        name = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
        x, y = positions[node]
        label = axes.annotate(name, (x, -y), xytext=(0, 7), textcoords="offset points", ha="center", va="bottom", fontsize=9, zorder=3,
                              bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        box = label.get_window_extent(renderer).expanded(1.05, 1.1)
        if any(box.overlaps(other) for other in placed):
            label.remove()  # a colliding name is left out; the node stays
        else:
            placed.append(box)
    present = {G.nodes[n].get("sector") for n in nodes}
    handles = [
        Line2D([0], [0], marker="o", linestyle="", markerfacecolor=SECTOR_COLOURS[s], markeredgecolor="#333333", markersize=10,
               label=labels.get(f"map.sector.{s}" if s else "map.sector.none", s or "—"))
        for s in ("nonprofit", "private", "public", None) if s in present
    ]
    if handles:
        # Beside the drawing, not on it: a legend must not hide a node or a name.
        axes.legend(handles=handles, title=labels.get("map.legend.title_sector", ""), loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=10, title_fontsize=11, frameon=True)
    axes.text(1.0, 0.0, labels.get("map.legend.size_strength", ""), transform=axes.transAxes, ha="right", va="bottom", fontsize=8, color="#444444")
    figure.tight_layout()
    buffer = io.BytesIO()
    # SVG with text as text (searchable, selectable), not paths.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "projektberedskap"}):
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(figure)
    return buffer.getvalue()
