"""A static picture of the network (PNG, SVG) made for paper and for a wall.

What a reader must see at arm's length: the organisations that are linked, their links,
and whose name is whose. So the picture

* lays out each connected group of organisations on its own and packs the groups to fill
  the page, largest first (a spring layout of the whole network puts the linked part in
  a small blob in the middle and spreads unconnected organisations over the page);
* lists organisations without links in a labelled strip at the foot (names only, up to
  what fits, then "… och N till"), not as loose dots;
* places a name beside its dot where it overlaps no other name and no other dot (above
  60 organisations: no stronger organisation's dot) (eight
  positions tried, then eight a little further out; the strongest organisations first); a name that fits nowhere is left
  out and counted in the footnote, so names never collide;
* draws links dark enough to be seen, thicker for stronger links;
* has a legend (sector colours, what size and width mean) and the workshop's name, date
  and place at the top.

Two page sizes: A4 landscape (reports, print) and a 1920×1080 wall screen.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from workshop.i18n import Translator
from workshop.network.maplayout import layout_positions  # the interactive map's seeded layout
from workshop.network.mapview import SECTOR_COLOURS

__all__ = ["A4_LANDSCAPE_INCHES", "WALL_INCHES", "PICTURE_LABEL_KEYS", "PAGES", "PictureLayout", "render_picture", "render_export_picture", "picture_layout"]

A4_LANDSCAPE_INCHES = (11.69, 8.27)
WALL_INCHES = (12.8, 7.2)  # 1920×1080 at 150 dpi
DPI = 150
PAGES = {"a4": A4_LANDSCAPE_INCHES, "wall": WALL_INCHES}
LABEL_CHARS = 30
# Names tried, strongest first; placing each costs a few extents, so a network of thousands
# does not try them all (those left out are counted in the footnote).
MAX_LABEL_ATTEMPTS = 160
STRIP_COLUMNS = 4
STRETCH = 1.6
CROWDED = 60
CROWDED_NAMES = 40
STRIP_ROWS = 3
PICTURE_LABEL_KEYS = ("picture.isolated_strip", "picture.isolated_more", "picture.whole_process", "picture.unlabelled")


@dataclass(frozen=True)
class PictureLayout:
    """Where each linked organisation sits (unit-free, y up), and who has no link."""

    positions: dict[Any, tuple[float, float]]
    isolated: tuple[Any, ...]
    width: float
    height: float


def _component_layout(G: nx.Graph, nodes: list, seed: int) -> dict[Any, tuple[float, float]]:
    """One connected group laid out on its own, its longest side ``sqrt(len(nodes))`` units."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    H = G.subgraph(nodes)
    if len(nodes) <= 80:
        # Kamada–Kawai started from a seeded spring layout: graph distance becomes drawn
        # distance (small groups read as drawn), and the spring start spreads a dense core.
        start = nx.spring_layout(H, weight="strength", seed=seed)
        raw = nx.kamada_kawai_layout(H, pos=start, weight=None)
    else:

        raw = {n: (x, -y) for n, (x, y) in layout_positions(H, sorted(nodes), seed).items()}
    # Turned so that its longest extent runs across: pages and walls are wider than tall.
    cx = sum(raw[n][0] for n in nodes) / len(nodes)
    cy = sum(raw[n][1] for n in nodes) / len(nodes)
    sxx = sum((raw[n][0] - cx) ** 2 for n in nodes)
    syy = sum((raw[n][1] - cy) ** 2 for n in nodes)
    sxy = sum((raw[n][0] - cx) * (raw[n][1] - cy) for n in nodes)
    angle = -0.5 * math.atan2(2 * sxy, sxx - syy)
    cos, sin = math.cos(angle), math.sin(angle)
    raw = {n: ((raw[n][0] - cx) * cos - (raw[n][1] - cy) * sin, (raw[n][0] - cx) * sin + (raw[n][1] - cy) * cos) for n in nodes}
    xs = [raw[n][0] for n in nodes]
    ys = [raw[n][1] for n in nodes]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    side = math.sqrt(len(nodes)) * 1.6
    return {n: ((raw[n][0] - min(xs)) / span * side, (raw[n][1] - min(ys)) / span * side) for n in nodes}


def picture_layout(G: nx.Graph, *, aspect: float = 1.4, seed: int = 42) -> PictureLayout:
    """Lay out the linked groups of ``G`` and pack them into a box of about ``aspect`` (width/height).

    Organisations without any link are left to the strip (``isolated``), unless nothing in
    ``G`` is linked: then they are the picture, packed in a grid.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (4, 5)]); G.add_node(6)
    >>> layout = picture_layout(G)
    >>> sorted(layout.positions), layout.isolated
    ([1, 2, 3, 4, 5], (6,))

    Notes
    -----
    Shelf packing, largest group first, trying several shelf widths and keeping the one
    whose box is closest to ``aspect``: O(k log k) for k groups after the layouts.
    """
    groups = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    linked = [c for c in groups if len(c) > 1]
    isolated = tuple(c[0] for c in groups if len(c) == 1)
    if not linked:
        linked, isolated = [[n] for n in sorted(G)], ()
    boxes = []
    for nodes in linked:
        placed = _component_layout(G, nodes, seed)
        w = max(x for x, _ in placed.values())
        h = max(y for _, y in placed.values())
        boxes.append((placed, w, h))
    if not boxes:
        return PictureLayout({}, isolated, 1.0, 1.0)
    gap = 1.2  # room for names between groups
    total_area = sum((w + gap) * (h + gap) for _, w, h in boxes)
    widest = max(w for _, w, _ in boxes) + gap
    best = None
    for factor in (0.6, 0.75, 0.9, 1.0, 1.15, 1.3, 1.5, 1.8, 2.2):
        shelf_width = max(widest, math.sqrt(total_area * aspect) * factor)
        spots, x, y, row_height, used_width = [], 0.0, 0.0, 0.0, 0.0
        for placed, w, h in boxes:
            if x > 0 and x + w > shelf_width:
                x, y, row_height = 0.0, y + row_height + gap, 0.0
            spots.append((x, y))
            used_width = max(used_width, x + w)
            x, row_height = x + w + gap, max(row_height, h)
        height = y + row_height
        # How big the drawing can be in a box of the target aspect: the larger, the better.
        scale = min(aspect / max(used_width, 1e-9), 1.0 / max(height, 1e-9))
        if best is None or scale > best[0] + 1e-9:
            best = (scale, spots, used_width, height)
    _, spots, width, height = best
    positions: dict[Any, tuple[float, float]] = {}
    for (placed, _, h), (x0, y0) in zip(boxes, spots):
        for node, (x, y) in placed.items():
            positions[node] = (x0 + x, -(y0 + (h - y)))  # shelves run top to bottom
    top = max(y for _, y in positions.values())
    positions = {n: (x, y - top + height) for n, (x, y) in positions.items()}
    # A drawing squarer than the page (one dense group) is stretched towards the page's shape,
    # at most by STRETCH: a little distortion is worth a drawing twice as large.
    width, height = max(width, 1.0), max(height, 1.0)
    sx = min(STRETCH, max(1.0, aspect * height / width))
    sy = min(STRETCH, max(1.0, width / (aspect * height)))
    positions = {n: (x * sx, y * sy) for n, (x, y) in positions.items()}
    return PictureLayout(positions, isolated, width * sx, height * sy)


def _spots(r: float) -> list[tuple[float, float, str, str]]:
    """Where a name may sit around a dot of radius ``r`` points: beside it first, a little further out next."""
    spots = []
    for d in (r, r + 7):
        spots += [(0, d, "center", "bottom"), (0, -d, "center", "top"), (d, 0, "left", "center"), (-d, 0, "right", "center"),
                  (d * 0.8, d * 0.8, "left", "bottom"), (-d * 0.8, d * 0.8, "right", "bottom"), (d * 0.8, -d * 0.8, "left", "top"), (-d * 0.8, -d * 0.8, "right", "top")]
    return spots


def _wrap(text: str, width: int = 24) -> str:
    """Lines short enough for the legend's column (matplotlib's own wrapping fails in SVG)."""
    return "\n".join(textwrap.wrap(text, width)) or text


def _shorten(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def render_picture(
    G: nx.Graph,
    *,
    fmt: str,
    labels: Mapping[str, str],
    title: str = "",
    subtitle: str = "",
    page: str = "a4",
    label_boxes: list | None = None,
) -> bytes:
    """Draw ``G`` as ``fmt`` ("png" or "svg") on ``page`` ("a4": A4 landscape; "wall": 1920×1080).

    ``labels`` holds the legend's texts (:data:`workshop.network.maptext.MAP_LABEL_KEYS` and
    :data:`PICTURE_LABEL_KEYS`); ``title`` and ``subtitle`` (the date and place) head the
    page. ``label_boxes``, when given, receives the display extent of every name drawn on
    the network (the test that no two overlap reads it).
    """
    import matplotlib  # lazy: matplotlib and NumPy load only when a picture is drawn

    matplotlib.use("Agg")
    # lazy: matplotlib and NumPy load only when a picture is drawn (pyplot after the Agg backend is chosen)
    import numpy as np
    from matplotlib import pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    inches = PAGES[page]
    font = 1.15 if page == "wall" else 1.0  # read from further away
    figure = plt.figure(figsize=inches, dpi=DPI)
    if title:
        figure.text(0.015, 0.975, title, fontsize=17 * font, fontweight="bold", ha="left", va="top")
    if subtitle:
        figure.text(0.015, 0.925, subtitle, fontsize=11 * font, color="#333333", ha="left", va="top")

    has_links = G.number_of_edges() > 0
    # Without links (picture_layout's rule) nobody goes to the strip: they are the picture.
    strip_names = [n for n in G if G.degree(n) == 0] if has_links else []
    strip_height = 0.0
    if strip_names:
        rows = min(STRIP_ROWS, math.ceil(len(strip_names) / STRIP_COLUMNS))
        strip_height = 0.045 + 0.032 * rows * font
    legend_width = 0.2
    left, bottom = 0.015, 0.03 + strip_height + 0.03
    box = (left, bottom, 1.0 - left - legend_width - 0.01, 0.88 - bottom)
    axes_aspect = (box[2] * inches[0]) / (box[3] * inches[1])
    layout = picture_layout(G, aspect=axes_aspect)
    axes = figure.add_axes(box)
    axes.set_axis_off()

    nodes = sorted(layout.positions, key=lambda n: (str(type(n)), n))
    strength = {n: float(G.nodes[n].get("strength", 0.0)) for n in G}
    biggest = max(strength.values(), default=0.0) or 1.0
    xy = np.array([layout.positions[n] for n in nodes], dtype=float).reshape(-1, 2)
    # Equal scale on both axes, the drawing filling the box, a margin for the outer names.
    margin_x, margin_y = 0.04 * layout.width + 0.6, 0.03 * layout.height + 0.35
    span_x, span_y = layout.width + 2 * margin_x, layout.height + 2 * margin_y
    if span_x / span_y < axes_aspect:
        span_x = span_y * axes_aspect
    else:
        span_y = span_x / axes_aspect
    centre_x, centre_y = layout.width / 2, layout.height / 2
    axes.set_xlim(centre_x - span_x / 2, centre_x + span_x / 2)
    axes.set_ylim(centre_y - span_y / 2, centre_y + span_y / 2)

    # Dots: area grows with strength; the sparser the drawing, the larger they may be.
    per_node_inches = math.sqrt(box[2] * inches[0] * box[3] * inches[1] / max(len(nodes), 1))
    largest = min(900.0, max(60.0, (per_node_inches * 72 * 0.35) ** 2))
    sizes = np.array([largest * (0.12 + 0.88 * math.sqrt(strength[n] / biggest)) for n in nodes])
    edges = sorted((min(a, b), max(a, b), d.get("strength", 1.0)) for a, b, d in G.edges(data=True) if a in layout.positions and b in layout.positions)
    if edges:
        strongest = max(s for _, _, s in edges) or 1.0
        segments = [(layout.positions[a], layout.positions[b]) for a, b, _ in edges]
        # Thousands of links drawn dark make one grey blot: the more links, the lighter and thinner.
        dense = min(1.0, math.sqrt(400 / len(edges)))
        colours = [(0.25, 0.25, 0.3, (0.45 + 0.45 * math.sqrt(s / strongest)) * dense) for _, _, s in edges]
        widths = [(0.8 + 3.2 * math.sqrt(s / strongest)) * font * max(0.35, dense) for _, _, s in edges]
        axes.add_collection(LineCollection(segments, colors=colours, linewidths=widths, zorder=1))
    if nodes:
        fills = [SECTOR_COLOURS.get(G.nodes[n].get("sector"), SECTOR_COLOURS[None]) for n in nodes]
        axes.scatter(xy[:, 0], xy[:, 1], s=sizes, c=fills, edgecolors="#222222", linewidths=0.8, zorder=2)

    # The limits are set, so names can be measured without drawing the links first
    # (drawing 100 000 links twice took most of a large picture's time).
    renderer = figure.canvas.get_renderer()
    # A name may reach past the drawing's box into the margins, never into the heading,
    # the legend's column or the strip.
    page_width, page_height = inches[0] * DPI, inches[1] * DPI
    free = (0.005 * page_width, (0.03 + strip_height + 0.012) * page_height, (box[0] + box[2] + 0.008) * page_width, 0.895 * page_height)
    # Every dot as a box in display units: a name may cover no dot but its own.
    points = axes.transData.transform(xy) if len(nodes) else np.zeros((0, 2))
    radii = np.sqrt(sizes) / 2 * DPI / 72 + 1.5
    dots = np.column_stack([points[:, 0] - radii, points[:, 1] - radii, points[:, 0] + radii, points[:, 1] + radii]) if len(nodes) else np.zeros((0, 4))
    placed: list[tuple[float, float, float, float]] = []
    index = {n: i for i, n in enumerate(nodes)}
    order = sorted(nodes, key=lambda n: (-strength[n], str(G.nodes[n].get("name", n))))[:MAX_LABEL_ATTEMPTS]
    fontsize = (9.5 if len(nodes) <= 40 else 8.0) * font
    # In a crowded network no name would fit between the dots: a name may then cover the
    # dots of weaker organisations (its box is see-through), never a stronger one's.
    crowded = len(nodes) > CROWDED
    weight = np.array([strength[n] for n in nodes])
    drawn = 0
    for node in order:
        if crowded and drawn >= CROWDED_NAMES:
            break  # the strongest are named; more names would hide the network
        i = index[node]
        r = radii[i] * 72 / DPI + 1.0  # in points
        text = axes.annotate(
            _shorten(str(G.nodes[node].get("name", node))), layout.positions[node], xytext=(0, 0), textcoords="offset points", fontsize=fontsize,
            zorder=3, color="#111111", annotation_clip=False, clip_on=False, bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )
        fitted = False
        for dx, dy, ha, va in _spots(r):
            text.xyann = (dx, dy)
            text.set_horizontalalignment(ha)
            text.set_verticalalignment(va)
            extent = text.get_window_extent(renderer)
            x0, y0, x1, y1 = extent.x0 - 1, extent.y0 - 1, extent.x1 + 1, extent.y1 + 1
            if x0 < free[0] or x1 > free[2] or y0 < free[1] or y1 > free[3]:
                continue
            if any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in placed):
                continue
            hit = (dots[:, 0] < x1) & (x0 < dots[:, 2]) & (dots[:, 1] < y1) & (y0 < dots[:, 3])
            hit[i] = False
            if crowded:
                hit &= weight >= strength[node]
            if hit.any():
                continue
            placed.append((x0, y0, x1, y1))
            fitted = True
            break
        if fitted:
            drawn += 1
            if label_boxes is not None:
                label_boxes.append(text)
        else:
            text.remove()
    unlabelled = len(nodes) - drawn

    # The strip: organisations without links, by name.
    if strip_names:
        strip = figure.add_axes((left, 0.03, 1.0 - 2 * left, strip_height))
        strip.set_axis_off()
        strip.set_xlim(0, 1)
        strip.set_ylim(0, 1)
        strip.axhline(1.0, color="#999999", linewidth=0.8)
        strip.text(0.0, 0.93, labels.get("picture.isolated_strip", "{count}").format(count=len(strip_names)), fontsize=10 * font, fontweight="bold", va="top")
        names = sorted(strip_names, key=lambda n: str(G.nodes[n].get("name", n)).casefold())
        cells = STRIP_COLUMNS * STRIP_ROWS
        shown = names if len(names) <= cells else names[: cells - 1]
        rows = min(STRIP_ROWS, math.ceil(len(names) / STRIP_COLUMNS))
        row_step = 0.75 / max(rows, 1)
        for k, node in enumerate(shown):
            column, row = k // rows, k % rows
            x, y = 0.01 + column / STRIP_COLUMNS, 0.68 - row * row_step
            colour = SECTOR_COLOURS.get(G.nodes[node].get("sector"), SECTOR_COLOURS[None])
            strip.scatter([x], [y], s=30 * font, c=[colour], edgecolors="#222222", linewidths=0.6)
            strip.text(x + 0.012, y, _shorten(str(G.nodes[node].get("name", node))), fontsize=8.5 * font, va="center")
        if len(names) > len(shown):
            k = len(shown)
            column, row = k // rows, k % rows
            strip.text(0.01 + column / STRIP_COLUMNS, 0.68 - row * row_step, labels.get("picture.isolated_more", "… {count}").format(count=len(names) - len(shown)),
                       fontsize=8.5 * font, va="center", style="italic")

    # Legend beside the drawing: it must not hide a dot or a name.
    present = {G.nodes[n].get("sector") for n in G}
    handles = [
        Line2D([0], [0], marker="o", linestyle="", markerfacecolor=SECTOR_COLOURS[s], markeredgecolor="#222222", markersize=10,
               label=_wrap(labels.get(f"map.sector.{s}" if s else "map.sector.none", s or "—")))
        for s in ("nonprofit", "private", "public", None) if s in present
    ]
    if has_links:
        handles.append(Line2D([0], [0], color=(0.25, 0.25, 0.3, 0.9), linewidth=3.5, label=_wrap(labels.get("map.legend.edge_width", ""))))
        handles.append(Line2D([0], [0], marker="o", linestyle="", markerfacecolor="#dddddd", markeredgecolor="#222222", markersize=14, label=_wrap(labels.get("map.legend.size_strength", ""))))
    legend_left = box[0] + box[2] + 0.01
    figure.legend(handles=[h for h in handles if h.get_label()], title=labels.get("map.legend.title_sector", ""), loc="upper left",
                  bbox_to_anchor=(legend_left, 0.88), fontsize=9 * font, title_fontsize=10.5 * font, frameon=True, alignment="left")
    if unlabelled:
        figure.text(legend_left, bottom, _wrap(labels.get("picture.unlabelled", "{count}").format(count=unlabelled), 34), fontsize=8 * font, color="#444444",
                    ha="left", va="bottom")

    buffer = io.BytesIO()
    # SVG with text as text (searchable, selectable), not paths.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "projektberedskap"}):
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    if label_boxes is not None:
        label_boxes[:] = [text.get_window_extent(renderer) for text in label_boxes]
    plt.close(figure)
    return buffer.getvalue()


def picture_heading(data) -> tuple[str, str]:
    """The picture's title and subtitle for an export: the workshop's name, its date and place
    (the whole process: its dates and places)."""
    t = Translator(data.options.language)
    meetings = data.workshops
    if data.options.workshop_id is not None and meetings:
        meeting = meetings[0]
        return meeting["title"], " · ".join(part for part in (meeting["date"].isoformat() if meeting.get("date") else "", meeting.get("locality") or "") if part)
    dates = sorted(m["date"] for m in meetings if m.get("date"))
    places = sorted({m["locality"] for m in meetings if m.get("locality")})
    span = f"{dates[0].isoformat()} – {dates[-1].isoformat()}" if len(dates) > 1 else (dates[0].isoformat() if dates else "")
    return t("picture.whole_process"), " · ".join(part for part in (span, ", ".join(places)) if part)


def render_export_picture(data, fmt: str, *, page: str = "a4") -> bytes:
    """The picture of an export's network, headed with its workshop's name, date and place."""
    t = Translator(data.options.language)
    title, subtitle = picture_heading(data)
    labels = {**data.labels, **{key: t(key) for key in PICTURE_LABEL_KEYS}}
    return render_picture(data.graph, fmt=fmt, labels=labels, title=title, subtitle=subtitle, page=page)
