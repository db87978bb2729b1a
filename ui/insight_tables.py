"""The insights page's tables as escaped HTML, built once per analysis, filter and language.

A rerun of *Insikter* spent most of its own time building a pandas frame, turning it into
Arrow bytes and sending a data grid the browser draws on a canvas, for 25 rows a coordinator
only reads; and its cached builders, defined in the page script, were made anew (their
source read and hashed) on every run. Here each table is ONE string for ``st.html``
(:func:`ui.cards.table_html`, every name escaped there), held by ``st.cache_resource`` per
analysed revision, filter and language, so a rerun looks it up and sends it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.cards import table_html
from ui.network import cached_insights, cached_view
from ui.text import esc
from workshop.i18n import Translator

__all__ = ["BROKERS_SHOWN", "brokers_html", "growth_frame", "growth_html"]

BROKERS_SHOWN = 25  # the best brokers; the map shows the rest


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{round(value, digits)}"


@st.cache_resource(show_spinner=False, max_entries=16)
def brokers_html(revision: int, filter_key: tuple, language: str) -> str:
    """The best brokers as a table, and the organisations without a link, for the filtered network."""
    t = Translator(language)
    insights = cached_insights(revision, filter_key)
    names = cached_view(revision, filter_key).names
    rows = []
    for broker in insights.brokers[:BROKERS_SHOWN]:
        strength = insights.strength.get(broker.organisation_id)
        rows.append(
            {
                t("field.organisation"): names.get(broker.organisation_id, "?"),
                t("insights.betweenness"): _number(broker.betweenness, 3),
                t("insights.constraint"): _number(broker.constraint, 2),
                t("insights.effective_size"): _number(broker.effective_size, 1),
                t("insights.contacts"): strength.degree if strength else 0,
                t("insights.strength"): _number(strength.strength, 2) if strength else 0,
                t("insights.why"): t.message(broker.reason),
            }
        )
    if insights.isolated:
        isolated = f"<p>{esc(', '.join(names.get(n, '?') for n in insights.isolated))}</p>"
    else:
        isolated = f"<p>{esc(t('insights.none'))}</p>"
    return (
        table_html(t("insights.tab.brokers"), rows)
        + f"<h4>{esc(t('insights.isolated'))}</h4><p><small>{esc(t('network.metric.isolated'))}</small></p>{isolated}"
    )


@st.cache_data(show_spinner=False, max_entries=16)
def growth_frame(revision: int, filter_key: tuple, language: str) -> pd.DataFrame:
    """How the network grew, meeting by meeting, for the chart (a copy per session: the chart may reshape it)."""
    t = Translator(language)
    return pd.DataFrame(
        [
            {t("insights.meeting"): g.sequence, t("insights.organisations"): g.organisations, t("insights.links"): g.edges, t("insights.ideas"): g.ideas}
            for g in cached_insights(revision, filter_key).growth
        ]
    ).set_index(t("insights.meeting"))


@st.cache_resource(show_spinner=False, max_entries=16)
def growth_html(revision: int, filter_key: tuple, language: str) -> str:
    """How the network grew, meeting by meeting, as a table (the density besides the chart's counts)."""
    t = Translator(language)
    rows = [
        {
            t("insights.meeting"): g.sequence,
            t("insights.organisations"): g.organisations,
            t("insights.links"): g.edges,
            t("insights.ideas"): g.ideas,
            t("insights.density"): _number(g.density, 3),
        }
        for g in cached_insights(revision, filter_key).growth
    ]
    return table_html(t("insights.tab.growth"), rows)
