"""The idea wall for participants, with dot voting when a round is open.

A meeting's wall can hold hundreds of ideas: it shows the newest first, a page at a time,
with a search that finds an idea by any word a person remembers of it.
"""

import streamlit as st

from ui.forms import describe_error
from ui.identity import participant_or_stop
from ui.language import translator
from ui.phase import follow_phase
from ui.live import current_wall
from ui.names import person_line, shown_name
from ui.store import get_store
from ui.text import plain
from ui.wall import FOLD_CSS, enter_wall_mode
from workshop.errors import ServiceError
from workshop.services import views, voting

PAGE_SIZE = 15
FOLD = 280  # on a phone a longer description is folded under "Visa mer": the wall stays a wall

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


query = st.text_input(t("wall.search"), placeholder=t("wall.search_placeholder"), max_chars=200, key="wall_search", on_change=first_page)
found = views.matching_ideas(board.ideas, query)
if totals and current is not None and current.results_visible:
    # Results revealed: the wall reads like the projector, most dots first (newest first on ties).
    found = tuple(sorted(found, key=lambda idea: -totals.get(idea.id, 0)))
shown = found[: st.session_state.setdefault("wall_shown", PAGE_SIZE)]
if not found:
    st.info(t("wall.no_match", query=plain(query)))
else:
    st.caption(t("wall.showing", shown=len(shown), total=len(found)))


def heading(idea: views.IdeaCard) -> str:
    """The idea's title (and whether it was carried over), and a short description: escaped."""
    lines = [f"### {plain(idea.title)}"]
    if idea.carried:
        lines.append(f"*{t('wall.carried')}*")
    if idea.description and len(idea.description) <= FOLD:
        lines.append(plain(idea.description))
    return "\n\n".join(lines)


def long_description(where, idea: views.IdeaCard) -> None:
    """A long description whole on a wide screen, and on a phone folded under "Visa mer" (FOLD_CSS)."""
    where.container(key=f"wall_whole_{idea.id}").markdown(plain(idea.description))
    folded = where.container(key=f"wall_folded_{idea.id}")
    folded.markdown(plain(idea.description[:FOLD].rstrip() + " …"))
    folded.expander(t("forgive.show_more")).markdown(plain(idea.description))


def describe(idea: views.IdeaCard) -> str:
    """What else the wall says of the idea: its stage, place, themes, needs and commitments."""
    lines = []
    meta = [t.choice("stage", idea.stage)]
    if idea.locality:
        meta.append(f"📍 {plain(idea.locality)}")
    if idea.themes:
        meta.append("🏷️ " + plain(", ".join(idea.themes)))
    lines.append(" · ".join(meta))
    if idea.needs:
        lines.append(t("wall.needs") + " " + plain(", ".join(f"{t.choice('need', c)}: {label}" for c, label in idea.needs)))
    if idea.commitments:
        lines.append("🤝 " + plain(", ".join(f"{shown_name(t, c.organisation_name)} ({t.choice('role', c.role)})" for c in idea.commitments)))
    return "\n\n".join(lines)


def dots_for(idea: views.IdeaCard) -> None:
    """This idea's dots: the total once revealed, and my own while a round is open."""
    if idea.id in totals:
        st.metric(t("wall.dots_total"), totals[idea.id])
    if voting_open:
        key = f"wall_dots_{idea.id}"
        mine = state.my_dots.get(idea.id, 0)
        if key not in st.session_state or st.session_state.get(f"{key}_saved") != mine:
            st.session_state[key] = mine  # what is saved, also after a change made elsewhere
            st.session_state[f"{key}_saved"] = mine
        st.number_input(
            t("wall.my_dots"), min_value=0, max_value=current.max_dots_per_idea, step=1, key=key, on_change=place_dots, args=(idea.id, key, mine)
        )
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


for idea in shown:
    with st.container(border=True):
        # Columns only where there are dots to show: a plain card is one block of text.
        if voting_open or idea.id in totals:
            body, side = st.columns([4, 1])
            with side:
                dots_for(idea)
        else:
            body = st.container()
        if len(idea.description) > FOLD:
            body.markdown(heading(idea))
            long_description(body, idea)
            body.markdown(describe(idea))
        else:
            body.markdown(heading(idea) + "\n\n" + describe(idea))  # one block, as short cards always were
        body.caption(t("wall.by", name=plain(person_line(t, idea.author_name, idea.author_organisation)) or "–"))

if any(len(idea.description) > FOLD for idea in shown):
    st.html(FOLD_CSS)
if len(found) > len(shown):
    more = min(PAGE_SIZE, len(found) - len(shown))
    if st.button(t("wall.show_more", count=more), key="wall_show_more"):
        st.session_state["wall_shown"] = len(shown) + PAGE_SIZE
        st.rerun()
