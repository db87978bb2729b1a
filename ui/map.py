"""The collaboration map as the pages get it: what it draws, its link strengths and its HTML, cached.

Each is computed once per analysed revision and view, for every session; the map's click panel
says what each organisation could help carry and with whom (:func:`cached_carry`).
"""

from __future__ import annotations

import streamlit as st

from ui.fit import cached_fit
from ui.network import WHOLE_PROCESS, cached_insights, cached_view
from ui.text import plain
from workshop.i18n import Translator
from workshop.network.maptext import MAP_LABEL_KEYS
from workshop.services import analysis, maps
from workshop.services.map_text import map_as_text

__all__ = ["cached_brokerage", "cached_carry", "cached_idea_choices", "cached_link_strengths", "cached_map_html", "cached_map_selection", "cached_map_text"]


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_idea_choices(revision: int, filter_key: tuple, query: str):
    """The ideas the map's highlight picker offers: all, or above a limit those matching ``query``."""
    return maps.idea_choices(cached_view(revision, filter_key), query)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_carry(revision: int, filter_key: tuple, nodes: tuple | None = None):
    """For the map's click panel: per drawn organisation, the ideas it could help carry and with whom."""
    return analysis.map_carry(cached_fit(revision, filter_key), nodes)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_brokerage(revision: int, filter_key: tuple):
    """Every organisation's betweenness in the view (the analysis's own for the whole process)."""
    insights = cached_insights(revision) if filter_key == WHOLE_PROCESS else None
    return maps.map_brokerage(cached_view(revision, filter_key), insights)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_map_selection(revision: int, filter_key: tuple, size_by: str, highlight: tuple, query: str):
    """Which organisations the map draws (all up to the limit; above it the most central and the searched)."""
    brokerage = cached_brokerage(revision, filter_key) if size_by == "brokerage" else None
    return maps.map_selection(cached_view(revision, filter_key), query=query, highlight=highlight, brokerage=brokerage)


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_map_html(
    revision: int,
    filter_key: tuple,
    color_by: str,
    size_by: str,
    highlight: tuple,
    projector: bool,
    language: str,
    min_strength: float = 0.0,
    nodes: tuple | None = None,
    labelled: tuple = (),
) -> str:
    """The map with its click panel: for each organisation, what it could carry and with whom."""
    t = Translator(language)
    labels = {key: t(key) for key in MAP_LABEL_KEYS}
    return maps.map_html(
        cached_view(revision, filter_key),
        color_by=color_by,
        size_by=size_by,
        highlight=frozenset(highlight),
        projector=projector,
        labels=labels,
        carry=cached_carry(revision, filter_key, nodes),
        min_strength=min_strength,
        nodes=nodes,
        labelled=frozenset(labelled),
        brokerage=cached_brokerage(revision, filter_key) if size_by == "brokerage" else None,
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_link_strengths(revision: int, filter_key: tuple, nodes: tuple | None = None):
    """The map's link-strength slider: choices, readable default, every drawn link's strength."""
    return maps.link_strengths(cached_view(revision, filter_key), nodes)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_map_text(revision: int, filter_key: tuple, nodes: tuple | None, min_strength: float, language: str) -> str:
    """The map's text alternative as one Markdown list: each drawn organisation and its drawn links.

    Built once per analysed revision, view, drawn part and link strength, for every session
    (hundreds of lines at 300 organisations); every name is escaped as plain text here.
    """
    t = Translator(language)
    return "\n".join(
        t("a11y.map.row", name=plain(row.name), links=plain(", ".join(row.links)) if row.links else t("a11y.map.no_links"))
        for row in map_as_text(cached_view(revision, filter_key), nodes, min_strength)
    )
