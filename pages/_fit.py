"""Glue for the pages that show how constellations fit their ideas: shared caches and texts."""

from __future__ import annotations

import streamlit as st

from pages._network import cached_analysis, cached_insights
from pages._shared import Translator, cached_view, facilitator_token, get_store, plain, succeeds
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


def verdict_controls(t: Translator, snapshot, names: dict[int, str], idea_id: int, result, workshop_id: int, prefix: str) -> None:
    """"Passar" / "passar inte" for each suggested member of an idea (issue 20); the marked
    ones stay listed, with "Ångra". ``workshop_id`` is where the signed-in staff acts."""
    from workshop.services import feedback

    marked = {v.organisation_id: v.fits for v in snapshot.verdicts if v.idea_id == idea_id}
    committed = {c.organisation_id for c in snapshot.commitments if c.idea_id == idea_id}
    suggested = [m for m in dict.fromkeys(m for c in (result.candidates if result else ()) for m in c.members) if m not in committed]
    shown = suggested + [o for o in marked if o not in suggested and o in names and o not in committed]
    if not shown:
        return
    st.markdown(f"#### {t('feedback.heading')}")
    st.caption(t("feedback.help"))
    for organisation_id in shown:
        label, first, second = st.columns([3, 1, 1], vertical_alignment="center")
        verdict = marked.get(organisation_id)
        note = {True: t("feedback.marked_fits"), False: t("feedback.marked_does_not_fit")}.get(verdict)
        label.markdown(plain(names.get(organisation_id, "?")) + (f" — *{note}*" if note else ""))
        choices = [("fits", "feedback.fits"), ("does_not_fit", "feedback.does_not_fit")] if verdict is None else [(None, "feedback.withdraw")]
        for column, (value, text) in zip((first, second), choices):
            if column.button(t(text), key=f"{prefix}_verdict_{idea_id}_{organisation_id}_{value}"):
                if succeeds(lambda: feedback.mark_fit(get_store(), workshop_id, facilitator_token(), idea_id, organisation_id, value), t):
                    st.toast(t("feedback.saved"))
                    st.rerun()


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_idea_choices(revision: int, filter_key: tuple, query: str):
    """The ideas the map's highlight picker offers: all, or above a limit those matching ``query``."""
    from workshop.services import analysis

    return analysis.idea_choices(cached_view(revision, filter_key), query)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_carry(revision: int, filter_key: tuple, nodes: tuple | None = None):
    """For the map's click panel: per drawn organisation, the ideas it could help carry and with whom."""
    from workshop.services import analysis

    return analysis.map_carry(cached_fit(revision, filter_key), nodes)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_brokerage(revision: int, filter_key: tuple):
    """Every organisation's betweenness in the view (the analysis's own for the whole process)."""
    from workshop.services import analysis

    insights = cached_insights(revision) if filter_key == (None, None, None, None) else None
    return analysis.map_brokerage(cached_view(revision, filter_key), insights)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_map_selection(revision: int, filter_key: tuple, size_by: str, highlight: tuple, query: str):
    """Which organisations the map draws (all up to the limit; above it the most central and the searched)."""
    from workshop.services import analysis

    brokerage = cached_brokerage(revision, filter_key) if size_by == "brokerage" else None
    return analysis.map_selection(cached_view(revision, filter_key), query=query, highlight=highlight, brokerage=brokerage)


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_fit_map_html(
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
    from workshop.services import analysis

    t = Translator(language)
    labels = {key: t(key) for key in MAP_LABEL_KEYS}
    return analysis.map_html(
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
    from workshop.services import analysis

    return analysis.link_strengths(cached_view(revision, filter_key), nodes)
