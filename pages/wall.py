"""The idea wall for participants, with dot voting when a round is open."""

import streamlit as st

from pages._shared import FieldErrors, attempt, current_wall, get_store, participant_or_stop, plain, translator
from workshop.services import voting

t = translator()
store = get_store()
me = participant_or_stop(t)

st.title(t("wall.title"))
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

for idea in board.ideas:
    with st.container(border=True):
        head, side = st.columns([4, 1])
        with head:
            st.markdown(f"### {plain(idea.title)}")
            if idea.carried:
                st.caption(t("wall.carried"))
            if idea.description:
                st.markdown(plain(idea.description))
            meta = [t.choice("stage", idea.stage)]
            if idea.locality:
                meta.append(f"📍 {plain(idea.locality)}")
            if idea.themes:
                meta.append("🏷️ " + plain(", ".join(idea.themes)))
            st.markdown(" · ".join(meta))
            if idea.needs:
                st.markdown(t("wall.needs") + " " + plain(", ".join(f"{t.choice('need', c)}: {label}" for c, label in idea.needs)))
            if idea.commitments:
                st.markdown("🤝 " + plain(", ".join(f"{c.organisation_name} ({t.choice('role', c.role)})" for c in idea.commitments)))
            st.caption(t("wall.by", name=plain(idea.author_name) or "–"))
        with side:
            if idea.id in totals:
                st.metric(t("wall.dots_total"), totals[idea.id])
            if voting_open:
                errors = FieldErrors(t)
                mine = state.my_dots.get(idea.id, 0)
                dots = st.number_input(t("wall.my_dots"), min_value=0, max_value=current.max_dots_per_idea, value=mine, step=1, key=f"wall_dots_{idea.id}")
                errors.slot("dots")
                if dots != mine:
                    if attempt(lambda: voting.set_dots(store, me.token, idea.id, dots), t, errors) is not None:
                        st.rerun()
