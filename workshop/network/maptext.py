"""The map's words: the catalog keys it shows, looked up in the caller's texts, user text
escaped for HTML, and the tooltips of organisations and links."""

from __future__ import annotations

import html
from collections.abc import Mapping

from workshop.vocabulary import ORGANISATION_KINDS, SECTORS

__all__ = ["MAP_LABEL_KEYS", "LABEL_MAX_CHARS", "MapLabels", "escape", "escape_lines", "shorten", "node_title", "edge_title"]

LABEL_MAX_CHARS = 40

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
    "map.language",  # the page's lang attribute (WCAG 3.1.1): "sv" or "en"
    # the click panel
    "fit.map.could_carry",
    "fit.map.with",
    "fit.map.best",
    "fit.map.nothing",
    "fit.map.close",
    "fit.map.click_hint",
)


class MapLabels:
    """Looks up caller-supplied texts; a missing key shows the key, a broken template its raw text.

    >>> text = MapLabels({"map.node.contacts": "{count} kontakter", "map.aria_label": "Karta {x"})
    >>> text("map.node.contacts", count=3), text("map.kind.company"), text("map.aria_label")
    ('3 kontakter', 'map.kind.company', 'Karta {x')
    """

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = labels

    def __call__(self, key: str, **params) -> str:
        template = str(self.labels.get(key, key))
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError, AttributeError):
            return template


def escape(value: str) -> str:
    """User text made safe for HTML, quotes included.

    >>> escape('<b title="x">')
    '&lt;b title=&quot;x&quot;&gt;'
    """
    return html.escape(value, quote=True)


def escape_lines(lines: list[str]) -> str:
    """Lines of a tooltip, each escaped, joined by newlines."""
    return "\n".join(escape(line) for line in lines)


def shorten(name: str) -> str:
    """A name cut to :data:`LABEL_MAX_CHARS` characters with an ellipsis, for a node's label.

    >>> shorten("Ramsbergs bygdeförening"), len(shorten("x" * 100))
    ('Ramsbergs bygdeförening', 40)
    """
    return name if len(name) <= LABEL_MAX_CHARS else name[: LABEL_MAX_CHARS - 1].rstrip() + "…"


def node_title(data: Mapping, name: str, degree: int, text: MapLabels) -> list[str]:
    """An organisation's tooltip lines: name, kind, place and number of contacts.

    >>> node_title({"kind": "company", "locality": "Ramsberg"}, "Lanthandeln", 2, MapLabels({}))
    ['Lanthandeln', 'map.kind.company', 'Ramsberg', 'map.node.contacts']
    """
    lines = [name]
    kind = data.get("kind")
    if kind:
        lines.append(text(f"map.kind.{kind}"))
    place = ", ".join(str(part) for part in (data.get("locality"), data.get("leader_area")) if part)
    if place:
        lines.append(place)
    lines.append(text("map.node.contacts", count=degree))
    return lines


def edge_title(data: Mapping, text: MapLabels) -> list[str]:
    """A link's tooltip lines: its ties, then the ideas and meetings the two share.

    >>> edge_title({"tie_kinds": ("know",), "shared_ideas": 2}, MapLabels({"map.edge.shared_ideas": "{count} idéer"}))
    ['map.edge.tie.know', '2 idéer']
    """
    lines = [text(f"map.edge.tie.{kind}") for kind in data.get("tie_kinds", ())]
    if data.get("shared_ideas"):
        lines.append(text("map.edge.shared_ideas", count=data["shared_ideas"]))
    if data.get("shared_workshops"):
        lines.append(text("map.edge.shared_workshops", count=data["shared_workshops"]))
    return lines
