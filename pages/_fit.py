"""Glue for the pages that show how constellations fit their ideas: shared caches and texts."""

from __future__ import annotations

import streamlit as st

from pages._network import cached_analysis
from pages._shared import Translator, cached_view
from workshop.network import MAP_LABEL_KEYS


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_fit(revision: int, filter_key: tuple = (None, None, None, None)):
    """Relevance and constellations of every idea, once per change of the data, for every session."""
    from workshop.services import analysis

    if filter_key == (None, None, None, None):  # computed with the analysis, off the page's run
        return cached_analysis(revision).fit
    return analysis.fit(cached_view(revision, filter_key))


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_plan(revision: int):
    from workshop.services import analysis

    return analysis.plan(cached_fit(revision))


def reason_text(t: Translator, clauses) -> str:
    """One sentence from a member's reason clauses ("erbjuder storkök; finns i Ramsberg")."""
    return "; ".join(t.message(clause) for clause in clauses) or t("fit.no_reason")


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_fit_map_html(
    revision: int, filter_key: tuple, color_by: str, size_by: str, highlight: tuple, projector: bool, language: str, min_strength: float = 0.0
) -> str:
    """The map with its click panel: for each organisation, what it could carry and with whom."""
    from workshop.services import analysis

    t = Translator(language)
    fit = cached_fit(revision, filter_key)
    view = fit.view
    titles = {i.id: i.title for i in view.snapshot.ideas}
    carry = {
        organisation: [
            (titles[option.idea_id], [view.names.get(m, "?") for m in option.members if m != organisation], option.in_best)
            for option in options
        ]
        for organisation, options in analysis.could_carry(fit).items()
    }
    labels = {key: t(key) for key in MAP_LABEL_KEYS}
    return analysis.map_html(
        view, color_by=color_by, size_by=size_by, highlight=frozenset(highlight), projector=projector, labels=labels, carry=carry, min_strength=min_strength
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_link_strengths(revision: int, filter_key: tuple):
    """The map's link-strength slider (choices, readable default) and every link's strength."""
    from workshop.services import analysis

    return analysis.link_strengths(cached_view(revision, filter_key))
