"""The idea wall for participants, with dot voting when a round is open.

A meeting's wall can hold hundreds of ideas: it shows the newest first, a page at a time,
with a search that finds an idea by any word a person remembers of it.
"""

import streamlit as st

from ui.cards import CARDS_CSS, idea_card_html, idea_list_html
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


def dots_field(idea: views.IdeaCard) -> None:
    """My dots on this idea while a round is open: the one widget a card needs."""
    key = f"wall_dots_{idea.id}"
    mine = state.my_dots.get(idea.id, 0)
    if key not in st.session_state or st.session_state.get(f"{key}_saved") != mine:
        st.session_state[key] = mine  # what is saved, also after a change made elsewhere
        st.session_state[f"{key}_saved"] = mine
    st.number_input(t("wall.my_dots"), min_value=0, max_value=current.max_dots_per_idea, step=1, key=key, on_change=place_dots, args=(idea.id, key, mine))
    refused = st.session_state.pop(f"{key}_refused", None)
    if refused:
        st.error(refused, icon=":material/error:")


def place_dots(idea_id: int, key: str, saved: int) -> None:
    """Runs before the page: a refused number of dots puts the field back to what is saved."""
    try:
        voting.set_dots(store, me.token, idea_id, st.session_state[key])
    except ServiceError as error:
        st.session_state[key] = saved
        st.session_state[f"{key}_refused"] = describe_error(t, error)


# What a phone is sent: the list as ONE block of escaped HTML (ui/cards.py). Only while a
# round is open does a card need a widget, its dots field: then each card is its block and
# that field, in one bordered container.
if voting_open:
    st.html(CARDS_CSS)
    for idea in shown:
        with st.container(border=True):
            st.html(idea_card_html(t, idea, total=totals.get(idea.id), tag="div"))
            dots_field(idea)
elif shown:
    st.html(idea_list_html(t, shown, totals))

if len(found) > len(shown):
    more = min(PAGE_SIZE, len(found) - len(shown))
    if st.button(t("wall.show_more", count=more), key="wall_show_more"):
        st.session_state["wall_shown"] = len(shown) + PAGE_SIZE
        st.rerun()
