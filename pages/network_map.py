"""The collaboration map: who is linked to whom, coloured by sector or group."""

import streamlit as st

from pages._fit import cached_fit, cached_fit_map_html
from pages._shared import (
    network_page,
    plain,
    translator,
)

t = translator()
revision, filter_key, view = network_page(t, "map.title", "map")

col1, col2, col3, col4 = st.columns(4)
color_by = col1.radio(t("map.color_by"), ["sector", "community"], format_func=lambda v: t(f"map.color_by.{v}"), key="map_color_by")
size_by = col2.radio(t("map.size_by"), ["strength", "brokerage"], format_func=lambda v: t(f"map.size_by.{v}"), key="map_size_by")
ideas = {i.id: i.title for i in view.snapshot.ideas}
idea = col3.selectbox(t("map.highlight_idea"), list(ideas), format_func=ideas.get, index=None, key="map_highlight", placeholder=t("map.highlight_none"))
projector = col4.toggle(t("map.projector"), key="map_projector")

highlight: tuple = ()
if idea is not None:
    found = cached_fit(revision, filter_key).results.get(idea)
    if found is not None and found.candidates:
        highlight = found.candidates[0].members
        st.caption(t("map.highlighting", members=plain(", ".join(view.names.get(m, "?") for m in highlight))))
    else:
        st.caption(t("map.no_constellation"))
    if found is not None:
        st.caption(t("fit.map.highlight_state", state=t(f"fit.state.{found.state}")))

if view.graph.number_of_nodes() == 0:
    st.info(t("map.empty"))
    st.stop()

html = cached_fit_map_html(revision, filter_key, color_by, size_by, tuple(sorted(highlight)), projector, t.language)
# Our own page: every user string in it was escaped where the HTML was built (mapview).
st.iframe(html, height=900 if projector else 680, alt=t("map.aria_label"))
st.caption(t("map.counts", organisations=view.graph.number_of_nodes(), links=view.graph.number_of_edges()))
