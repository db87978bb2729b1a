"""Draw the layers of the product as ``docs/layers.svg``, from the table the architecture test checks.

Run from the repository root::

    python scripts/draw_layers.py

The table is ``LAYERS`` in ``tests/test_architecture.py``; a test there fails when the picture
in ``docs/`` no longer matches it. The SVG is written by hand (no Graphviz), so the same table
always gives the same bytes.
"""

from __future__ import annotations

import sys
import textwrap
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 980
LEFT = 250  # the layer's name and what it holds sit left of this line; its modules to the right
MARGIN = 16
CHIP_HEIGHT = 26
CHIP_GAP = 8
CHAR = 7.8  # width of one character of 13 px monospace, near enough for every common font
FILLS = ("#eef4fb", "#f7f2e8")  # alternate bands, so neighbouring layers read apart


def label(pattern: str, packages: frozenset[str] = frozenset()) -> str:
    """The name a reader knows a module pattern by: ``workshop.i18n.*`` is ``i18n/``.

    A pattern naming a package by itself (one of ``packages``) is its ``__init__``.
    """
    if pattern == "workshop":
        return "workshop/__init__"
    if pattern in packages:
        return pattern.removeprefix("workshop.").replace(".", "/") + "/__init__"
    if pattern == "app":
        return "app.py"
    folder = pattern.endswith(".*")
    name = pattern.removesuffix(".*").removeprefix("workshop.").replace(".", "/")
    return name + "/" if folder else name


def _chip_rows(names: list[str]) -> list[list[tuple[str, float]]]:
    rows: list[list[tuple[str, float]]] = [[]]
    used = 0.0
    room = WIDTH - LEFT - 2 * MARGIN
    for name in names:
        width = len(name) * CHAR + 20
        if rows[-1] and used + width > room:
            rows.append([])
            used = 0.0
        rows[-1].append((name, width))
        used += width + CHIP_GAP
    return rows


def _target(pattern: str) -> str:
    return label(pattern) if pattern.startswith(("workshop", "pages", "ui", "benchmarks", "app")) else pattern.removesuffix(".*")


def draw(layers, forbidden=(), allowed=()) -> str:
    """The SVG text for ``layers`` (bottom first), drawn with the top layer at the top.

    ``forbidden`` and ``allowed`` are ``(importer, imported, why)`` rules, listed under the layers.
    """
    notes = [f"never {_target(a)} \u2192 {_target(b)}: {why}" for a, b, why in forbidden]
    notes += [f"only in a function: {_target(a)} \u2192 {_target(b)}: {why}" for a, b, why in allowed]
    patterns = [pattern for layer in layers for pattern in layer.modules]
    packages = frozenset(p for p in patterns if any(other.startswith(p + ".") for other in patterns))
    bands = []
    for layer in layers:
        rows = _chip_rows([label(pattern, packages) for pattern in layer.modules])
        holds = textwrap.wrap(layer.holds, 34)
        height = max(len(rows) * (CHIP_HEIGHT + CHIP_GAP) + 2 * MARGIN - CHIP_GAP, 30 + 16 * len(holds) + MARGIN)
        bands.append((layer, rows, holds, height))
    layers_end = sum(band[3] for band in bands) + MARGIN + 40
    total = layers_end + MARGIN + (20 * len(notes) + 30 if notes else 0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH + 60}" height="{total}" '
        f'viewBox="0 0 {WIDTH + 60} {total}" font-family="DejaVu Sans, Arial, sans-serif">',
        "<title>The layers of Projektberedskap: imports point down</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="{MARGIN + 14}" font-size="16" font-weight="bold">'
        "The layers, top to bottom: a module imports from its own layer and those below it</text>",
    ]
    y = MARGIN + 40
    for index, (layer, rows, holds, height) in enumerate(reversed(bands)):
        fill = FILLS[(len(bands) - 1 - index) % 2]
        out.append(f'<rect x="{MARGIN}" y="{y}" width="{WIDTH - MARGIN}" height="{height}" fill="{fill}" stroke="#8a9bb0"/>')
        out.append(f'<text x="{MARGIN + 10}" y="{y + 22}" font-size="15" font-weight="bold">{escape(layer.name)}</text>')
        for number, line in enumerate(holds):
            out.append(f'<text x="{MARGIN + 10}" y="{y + 42 + 16 * number}" font-size="12" fill="#4a5563">{escape(line)}</text>')
        chip_y = y + MARGIN
        for row in rows:
            x = LEFT + MARGIN
            for name, width in row:
                out.append(
                    f'<rect x="{x:.0f}" y="{chip_y}" width="{width:.0f}" height="{CHIP_HEIGHT}" rx="5" fill="#ffffff" stroke="#2f5d8a"/>'
                )
                out.append(
                    f'<text x="{x + 10:.0f}" y="{chip_y + 18}" font-size="13" font-family="DejaVu Sans Mono, monospace">{escape(name)}</text>'
                )
                x += width + CHIP_GAP
            chip_y += CHIP_HEIGHT + CHIP_GAP
        y += height
    y += 34
    if notes:
        out.append(f'<text x="{MARGIN}" y="{y}" font-size="14" font-weight="bold">Whatever the layers say</text>')
        for note in notes:
            y += 20
            out.append(f'<text x="{MARGIN + 10}" y="{y}" font-size="13">{escape(note)}</text>')
    top, bottom = MARGIN + 52, layers_end - 12
    arrow_x = WIDTH + 30
    out.append(f'<line x1="{arrow_x}" y1="{top}" x2="{arrow_x}" y2="{bottom}" stroke="#2f5d8a" stroke-width="3"/>')
    out.append(f'<polygon points="{arrow_x - 9},{bottom - 14} {arrow_x + 9},{bottom - 14} {arrow_x},{bottom + 4}" fill="#2f5d8a"/>')
    middle = (top + bottom) // 2
    out.append(
        f'<text x="{arrow_x - 8}" y="{middle}" font-size="13" fill="#2f5d8a" text-anchor="middle" '
        f'transform="rotate(-90 {arrow_x - 8} {middle})">imports point down</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.test_architecture import ALLOWED_UPWARD, FORBIDDEN, LAYERS  # the test module imports this script's draw

    target = ROOT / "docs" / "layers.svg"
    target.write_text(draw(LAYERS, FORBIDDEN, ALLOWED_UPWARD), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
