"""The idea wall for participants, with dot voting when a round is open.

A meeting's wall can hold hundreds of ideas: it shows the newest first, a page at a time,
with a search that finds an idea by any word a person remembers of it.
"""

import streamlit as st

from ui.cards import idea_list_html
from ui.forms import describe_error
from ui.identity import participant_or_stop
from ui.language import translator
from ui.limits import limited_text
from ui.phase import follow_phase
from ui.live import current_wall
from ui.store import get_store
from ui.text import plain
from ui.wall import enter_wall_mode
from workshop.errors import ServiceError
from workshop.lengths import SEARCH_MAX
from workshop.services import views, voting

PAGE_SIZE = 15

t = translator()
store = get_store()
me = participant_or_stop(t)
follow_phase(t, me.workshop_id, "pages/wall.py")  # the run of show: this phone follows "Nästa fas"

st.title(t("wall.title"))
# The same wall on a big screen: no menu or header, type sized by the screen. The toggle stays,
# so whoever put the wall on the screen can take it off again.
if st.toggle(t("room.screen_mode"), key="wall_screen_mode", help=t("room.screen_mode_help")):
    enter_wall_mode()
    st.html("<style>html {font-size: max(16px, calc(2 * var(--u)))}</style>")
board = current_wall(me.workshop_id)
state = voting.voting_state(store, me.workshop_id, token=me.token)
current = state.current
voting_open = current is not None and current.is_open

if voting_open:
    st.info(t("wall.voting_open", number=current.number, left=state.dots_left, total=current.dots_per_participant, per_idea=current.max_dots_per_idea))
elif current is not None:
    st.caption(t("wall.voting_closed", number=current.number))

totals = state.totals.get(current.id, {}) if current is not None else {}
if not board.ideas:
    st.info(t("wall.empty"))
    st.stop()


def first_page() -> None:
    st.session_state["wall_shown"] = PAGE_SIZE


query = limited_text(t("wall.search"), placeholder=t("wall.search_placeholder"), limit=SEARCH_MAX, t=t, key="wall_search", on_change=first_page)
found = views.matching_ideas(board.ideas, query)
if totals and current is not None and current.results_visible:
    # Results revealed: the wall reads like the projector, most dots first (newest first on ties).
    found = tuple(sorted(found, key=lambda idea: -totals.get(idea.id, 0)))
shown = found[: st.session_state.setdefault("wall_shown", PAGE_SIZE)]
if not found:
    st.info(t("wall.no_match", query=plain(query)))
else:
    st.caption(t("wall.showing", shown=len(shown), total=len(found)))


def place_dots() -> None:
    """Runs before the page: the picker's idea gets the picker's number of my dots.

    A refusal (over my total, over the per-idea limit, a closed round) is kept for the page to
    show under the picker, and the number goes back to what is saved on that idea.
    """
    idea_id, dots = st.session_state.get("wall_dots_idea"), st.session_state.get("wall_dots_count", 0)
    if idea_id is None:
        st.session_state["wall_dots_refused"] = t("light2.choose_idea_first")
        return
    try:
        voting.set_dots(store, me.token, idea_id, dots)
    except ServiceError as error:
        saved = voting.voting_state(store, me.workshop_id, token=me.token).my_dots
        st.session_state["wall_dots_count"] = saved.get(idea_id, 0)
        st.session_state["wall_dots_refused"] = describe_error(t, error)


def dot_picker(ideas) -> None:
    """ONE form for the whole list while a round is open: which idea, how many of my dots, "Lägg prickar".

    A number field on every card made the open round's rerun cost three times a bare page on
    a phone (15 widgets); the cards show my dots on each idea as text instead.
    """
    by_id = {idea.id: idea for idea in ideas}
    if st.session_state.get("wall_dots_idea") not in by_id:
        st.session_state.pop("wall_dots_idea", None)  # an idea no longer listed (another search)
    with st.form("wall_dots", border=True):
        st.selectbox(t("light2.idea"), tuple(by_id), format_func=lambda i: by_id[i].title, index=None, placeholder=t("light2.idea_placeholder"), key="wall_dots_idea")
        st.number_input(t("wall.my_dots"), min_value=0, max_value=current.max_dots_per_idea, step=1, key="wall_dots_count")
        st.form_submit_button(t("light2.place_dots"), on_click=place_dots)
    refused = st.session_state.pop("wall_dots_refused", None)
    if refused:
        st.error(refused, icon=":material/error:")


# What a phone is sent: the list as ONE block of escaped HTML (ui/cards.py). While a round is
# open the list gets one dot picker above it, and each card says my dots on it as text.
if voting_open and shown:
    dot_picker(shown)
if shown:
    st.html(idea_list_html(t, shown, totals, my_dots=state.my_dots if voting_open else None))

if len(found) > len(shown):
    more = min(PAGE_SIZE, len(found) - len(shown))
    if st.button(t("wall.show_more", count=more), key="wall_show_more"):
        st.session_state["wall_shown"] = len(shown) + PAGE_SIZE
        st.rerun()
