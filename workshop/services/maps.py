"""The network map over a view: which organisations it draws, the drawing, the idea picker, the slider.

The view and its insights come from :mod:`workshop.services.analysis`; the drawing itself from
:mod:`workshop.network.mapview`. Pages cache these results under the analysed revision, like
the analysis.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..network.maplayout import lay_out
from ..network.mapselection import MAP_NODE_LIMIT, MapSelection, map_selection as _map_selection
from ..network.metrics import brokers
from ..network.mapview import network_map_html, weak_link_threshold
from ..text import search_key
from .analysis import NetworkInsights, NetworkView, betweenness_sample_size

__all__ = [
    "IDEA_PICKER_LIMIT",
    "IDEA_PICKER_MATCHES",
    "IdeaChoices",
    "LinkStrengths",
    "idea_choices",
    "lay_out_map",
    "link_strengths",
    "map_brokerage",
    "map_html",
    "map_selection",
]


def map_brokerage(view: NetworkView, insights: NetworkInsights | None = None) -> dict[int, float]:
    """Every organisation's betweenness in ``view`` (from ``insights`` when they are the view's)."""
    found = insights.brokers if insights is not None else brokers(view.graph, sample_size=betweenness_sample_size(view.graph))
    return {b.organisation_id: b.betweenness for b in found}


def map_selection(
    view: NetworkView,
    *,
    query: str = "",
    highlight: Iterable[int] = (),
    brokerage: dict[int, float] | None = None,
    limit: int | None = None,
) -> MapSelection:
    """The organisations the map of ``view`` draws: above ``limit`` the most central
    (by link strength, or by ``brokerage`` when the map is sized by it), the ones whose
    names match ``query`` with their strongest neighbours, and the highlighted ones
    (``limit`` defaults to :data:`MAP_NODE_LIMIT`)."""
    return _map_selection(view.graph, limit=MAP_NODE_LIMIT if limit is None else limit, query=query, highlight=highlight, rank=brokerage)


# Up to this many ideas the map's highlight picker lists them all; above, it lists those whose
# title matches what is typed (at most IDEA_PICKER_MATCHES): every option is sent to the
# browser on every rerun, and 9900 titles made the map at 3000 organisations 0.5 s slower.
IDEA_PICKER_LIMIT = 200
IDEA_PICKER_MATCHES = 50


@dataclass(frozen=True)
class IdeaChoices:
    """The ideas a picker offers (in the snapshot's order), whether it needs a search
    first (``searched``), and how many more matched than it offers."""

    ideas: tuple[int, ...]
    searched: bool
    more: int = 0


def idea_choices(view: NetworkView, query: str = "", *, limit: int | None = None) -> IdeaChoices:
    """The ideas of ``view`` to choose among: all of them up to ``limit`` (default
    :data:`IDEA_PICKER_LIMIT`); above it, those whose title holds every word of ``query``
    (case-insensitive; none for an empty query), at most :data:`IDEA_PICKER_MATCHES`."""
    ideas = view.snapshot.ideas
    if len(ideas) <= (IDEA_PICKER_LIMIT if limit is None else limit):
        return IdeaChoices(tuple(i.id for i in ideas), searched=False)
    words = search_key(query).split()
    if not words:
        return IdeaChoices((), searched=True)
    found = [i.id for i in ideas if all(word in search_key(i.title) for word in words)]
    return IdeaChoices(tuple(found[:IDEA_PICKER_MATCHES]), searched=True, more=max(0, len(found) - IDEA_PICKER_MATCHES))


def lay_out_map(view: NetworkView) -> None:
    """Lay out the map the map page draws first (the default selection, on a screen and on
    a projector), for the background analysis to do before a page needs it; the layouts are
    kept for the same drawn graph (:func:`workshop.network.maplayout.lay_out`)."""
    selection = map_selection(view)
    graph = view.graph if not selection.limited else view.graph.subgraph(selection.nodes)
    for projector in (False, True):
        lay_out(graph, projector=projector)


def map_html(
    view: NetworkView,
    *,
    color_by: str = "sector",
    size_by: str = "strength",
    highlight: frozenset[int] = frozenset(),
    projector: bool = False,
    labels: dict[str, str] | None = None,
    carry: dict | None = None,
    min_strength: float = 0.0,
    nodes: Iterable[int] | None = None,
    labelled: frozenset[int] = frozenset(),
    brokerage: dict[int, float] | None = None,
) -> str:
    """The map of ``view``, or of the organisations in ``nodes`` (a :func:`map_selection`).

    Sizes by brokerage and colours by group are those of the whole view, so a part of the
    map shows the same as the whole would.
    """
    if size_by == "brokerage" and brokerage is None:
        brokerage = map_brokerage(view)
    graph = view.graph if nodes is None else view.graph.subgraph(nodes).copy()
    groups: dict[int, set[int]] = {}
    for node, number in view.community_of.items():
        groups.setdefault(number, set()).add(node)
    drawn = set(graph)
    return network_map_html(
        graph,
        color_by=color_by,
        size_by=size_by,
        highlight=highlight,
        projector=projector,
        labels=labels,
        brokerage=brokerage,
        carry=None if carry is None else {node: options for node, options in carry.items() if node in drawn},
        min_strength=min_strength,
        labelled=labelled,
        groups=tuple(frozenset(groups[number]) for number in sorted(groups)),
    )


@dataclass(frozen=True)
class LinkStrengths:
    """The map's link-strength slider: the strengths to choose from, the readable default,
    and every drawn link's strength."""

    choices: tuple[float, ...]  # 0.0 (every link) first, then each distinct strength, rounded
    default: float
    strengths: tuple[float, ...]

    def hidden(self, threshold: float) -> int:
        """How many drawn links are weaker than ``threshold``."""
        return sum(1 for s in self.strengths if s < threshold)


def link_strengths(view: NetworkView, nodes: Iterable[int] | None = None) -> LinkStrengths:
    """The slider for ``view``'s map (of the organisations in ``nodes`` when the map draws only those)."""
    graph = view.graph if nodes is None else view.graph.subgraph(nodes)
    strengths = tuple(sorted(d.get("strength", 1.0) for _, _, d in graph.edges(data=True)))
    # Rounded down: choosing a value keeps every link it stands for.
    def floor(value: float) -> float:
        return math.floor(value * 100 + 1e-9) / 100

    default = floor(weak_link_threshold(graph))
    choices = tuple(sorted({0.0, default, *map(floor, strengths)}))
    return LinkStrengths(choices, default, strengths)

