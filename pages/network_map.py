"""The collaboration map: who is linked to whom, coloured by sector or group."""

import streamlit as st

from ui.fit import cached_fit, verdict_controls
from ui.frame import isolated_document
from ui.identity import current_staff
from ui.language import translator
from ui.limits import limited_text
from ui.map import cached_idea_choices, cached_link_strengths, cached_map_html, cached_map_selection, cached_map_text
from ui.network import network_page
from ui.text import plain
from workshop.lengths import SEARCH_MAX
from workshop.services.maps import IDEA_PICKER_LIMIT

# The frame's height on a room screen: the screen's height less the page's head (title, the
# filters' and the choices' folded lines, the toggle), so the whole map is in view at 1920×1080
# and 1280×720 alike.
PROJECTOR_FRAME_CSS = """<style>
.st-key-network_map_frame iframe, .st-key-network_map_frame [data-testid="stElementContainer"] {
  height: max(16rem, calc(100vh - 24rem)) !important;
}
</style>"""

t = translator()
revision, filter_key, view = network_page(t, "map.title", "map")

# On a room screen the map fills what is left of the screen under a short head: the choices fold
# into one line (the toggle stays in view, to leave projector mode).
projector = st.toggle(t("map.projector"), key="map_projector")
choices = st.expander(t("map.settings"), expanded=False) if projector else st.container()
with choices:
    col1, col2, col3 = st.columns(3)
    color_by = col1.radio(t("map.color_by"), ["sector", "community"], format_func=lambda v: t(f"map.color_by.{v}"), key="map_color_by")
    size_by = col2.radio(t("map.size_by"), ["strength", "brokerage"], format_func=lambda v: t(f"map.size_by.{v}"), key="map_size_by")
    ideas = {i.id: i.title for i in view.snapshot.ideas}
    # Many ideas: a search first, so the picker does not send every title on every rerun.
    wanted = ""
    if len(ideas) > IDEA_PICKER_LIMIT:
        with col3:
            wanted = limited_text(t("map.highlight_search"), limit=SEARCH_MAX, t=t, key="map_highlight_search", placeholder=t("map.highlight_search_placeholder")).strip()
    offered = cached_idea_choices(revision, filter_key, wanted)
    idea = col3.selectbox(t("map.highlight_idea"), list(offered.ideas), format_func=ideas.get, index=None, key="map_highlight", placeholder=t("map.highlight_none"))
    if offered.more:
        col3.caption(t("map.highlight_more", shown=len(offered.ideas), more=offered.more))
    elif wanted and not offered.ideas:
        col3.caption(t("map.highlight_no_match", query=plain(wanted)))

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

# Above a few hundred organisations the map draws the most central ones and whoever is searched for.
with choices:
    query = limited_text(t("map.search"), limit=SEARCH_MAX, t=t, key="map_search", placeholder=t("map.search_placeholder")).strip()
selection = cached_map_selection(revision, filter_key, size_by, tuple(sorted(highlight)), query)
if query and not selection.matches:
    st.caption(t("map.search_none", query=plain(query)))
elif selection.matches:
    names = plain(", ".join(view.names.get(m, "?") for m in selection.matches))
    st.caption(t("map.search_found", count=len(selection.matches) + selection.more_matches, names=names))
    if selection.more_matches:
        st.caption(t("map.search_more", shown=len(selection.matches), more=selection.more_matches))
nodes = selection.nodes if selection.limited else None

# A readable map draws the strongest links, about two per organisation; the slider shows more or fewer.
# Its choices are those of the drawn part, so a new search starts it at that part's default.
slider = cached_link_strengths(revision, filter_key, nodes)
min_strength = slider.default
if len(slider.choices) > 1:
    with choices:
        min_strength = st.select_slider(
            t("map.min_strength"), options=list(slider.choices), value=slider.default, format_func=lambda v: f"{v:.2f}", key=f"map_min_strength_{filter_key}_{hash(nodes)}"
        )
hidden = slider.hidden(min_strength)
html = cached_map_html(revision, filter_key, color_by, size_by, tuple(sorted(highlight)), projector, t.language, min_strength, nodes, selection.matches)
if projector:
    st.html(PROJECTOR_FRAME_CSS)
# Every user string in it was escaped where the HTML was built (mapview), and it is shown
# in a frame of its own origin: no script in it can read the app's cookies or the page.
with st.container(key="network_map_frame"):
    st.iframe(isolated_document(html, t("map.aria_label")), height=640 if projector else 560, alt=t("map.aria_label"))
st.caption(t("map.counts", organisations=view.graph.number_of_nodes(), links=view.graph.number_of_edges()))
if selection.limited:
    st.caption(t("map.not_drawn", drawn=len(selection.nodes), not_drawn=selection.not_drawn))
if hidden:
    st.caption(t("map.hidden_links", hidden=hidden, strength=f"{min_strength:.2f}"))
# The map's text alternative (WCAG 1.1.1): the drawing can only be explored with a mouse or a finger.
# Folded, it sends only its heading: its hundreds of lines are built (once, shared) and drawn
# when it is opened (a rerun-on-change expander's content runs only then).
if not projector:
    as_text = st.expander(t("a11y.map.as_text"), key="map_as_text", on_change="rerun")
    if as_text.open:
        with as_text:
            st.markdown(cached_map_text(revision, filter_key, nodes, min_strength, t.language))
# The click panel lives in the map's own frame and cannot write: the highlighted idea's
# suggested members are marked here, under the map (not on a room screen).
if idea is not None and not projector:
    staff = current_staff()
    home = next((i.workshop_id for i in view.snapshot.ideas if i.id == idea), None)
    if staff is not None and home is not None:
        verdict_controls(t, view.snapshot, view.names, idea, found, staff.workshop_id if staff.role == "facilitator" else home, "map")
