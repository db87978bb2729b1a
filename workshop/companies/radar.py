"""A company's maturity profile as a radar chart: one SVG string, no script, no CDN.

Pure: scores and labels in, SVG text out, every label and name escaped. The page shows it
with ``st.html``; the export can embed it as it is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from .vocabulary import DIMENSIONS

__all__ = ["radar_svg", "SERIES_COLOURS"]

# Colour-blind-safe pair (Okabe-Ito): the first measurement blue, the latest orange.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count  # the first axis straight up, then clockwise
    return round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)


def _lines(label: str, width: int = 14) -> list[str]:
    """A label broken into lines of about ``width`` characters, at spaces.

    >>> _lines("Människan i digitaliseringen")
    ['Människan i', 'digitaliseringen']
    """
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def radar_svg(
    series: Sequence[tuple[str, Mapping[str, float]]],
    labels: Mapping[str, str],
    *,
    size: int = 360,
    title: str = "",
) -> str:
    """An SVG radar chart of one or more measurements over the six dimensions (0-100).

    Parameters
    ----------
    series : sequence of (name, scores)
        Each measurement's name (shown in the legend) and its scores by dimension key; a
        dimension without a score is drawn at the centre and marked "–" in the legend.
    labels : mapping
        Each dimension's label, in the reader's language.
    size : int
        Width of the chart in pixels (the height adds room for the legend).
    title : str
        The chart's accessible title.

    Returns
    -------
    str
        ``<svg ...>...</svg>``, with every text escaped.

    Examples
    --------
    >>> svg = radar_svg([("Första <mätning>", {"strategy": 40, "green": 80})], {d: d.title() for d in DIMENSIONS}, title="A & B")
    >>> svg.startswith("<svg") and "Första &lt;mätning&gt;" in svg and "<title>A &amp; B</title>" in svg
    True
    >>> svg.count("<polygon")  # five rings and one measurement
    6

    Notes
    -----
    O(d · s) for d dimensions and s series.
    """
    count = len(DIMENSIONS)
    legend_height = 22 * len(series) + 10
    cx, cy, radius = size / 2, size / 2, size / 2 - 95  # room at the sides for two-line labels
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + legend_height}" width="100%" style="max-width:{size}px" role="img">',
        f"<title>{escape(title)}</title>",
        '<g fill="none" stroke="#bbb" stroke-width="1">',
    ]
    for ring in range(1, 6):  # 20, 40 ... 100
        points = " ".join(f"{x},{y}" for x, y in (_point(cx, cy, radius * ring / 5, i, count) for i in range(count)))
        parts.append(f'<polygon points="{points}"/>')
    for i in range(count):
        x, y = _point(cx, cy, radius, i, count)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x}" y2="{y}"/>')
    parts.append("</g>")
    parts.append(f'<text x="{cx + 4}" y="{round(cy - radius + 12, 1)}" font-size="10" fill="#666">100</text>')
    for i, key in enumerate(DIMENSIONS):
        x, y = _point(cx, cy, radius + 10, i, count)
        anchor = "middle" if abs(x - cx) < 1 else ("start" if x > cx else "end")
        lines = _lines(labels.get(key, key))
        top = y - 7 * (len(lines) - 1) + (-12 if y < cy - 1 and anchor == "middle" else 8 if y > cy + 1 and anchor == "middle" else 0)
        spans = "".join(f'<tspan x="{x}" y="{round(top + 14 * n, 1)}">{escape(line)}</tspan>' for n, line in enumerate(lines))
        parts.append(f'<text font-size="12" text-anchor="{anchor}" dominant-baseline="middle" fill="#222">{spans}</text>')
    for number, (name, scores) in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        corners = [_point(cx, cy, radius * max(0.0, min(100.0, float(scores.get(k) or 0))) / 100, i, count) for i, k in enumerate(DIMENSIONS)]
        points = " ".join(f"{x},{y}" for x, y in corners)
        parts.append(f'<polygon points="{points}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" stroke-width="2.5"/>')
        for x, y in corners:
            parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
        ly = size + 8 + 22 * number
        missing = " –" if any(scores.get(k) is None for k in DIMENSIONS) else ""
        parts.append(f'<rect x="12" y="{ly}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="32" y="{ly + 11}" font-size="13" fill="#222">{escape(name)}{missing}</text>')
    parts.append("</svg>")
    return "".join(parts)
