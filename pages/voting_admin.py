"""Dot voting for facilitators: open a round, close it, reveal the results."""

import streamlit as st

from ui.forms import FieldErrors, attempt, succeeds
from ui.identity import facilitated_workshop_or_stop, facilitator_token
from ui.language import translator
from ui.live import cached_wall
from ui.phase import cached_meeting
from ui.results import results_controls
from ui.store import get_store
from ui.voting import cached_facilitator_votes, round_html
from workshop.services import voting, workshops

t = translator()
store = get_store()
workshop_id = facilitated_workshop_or_stop(t)
token = facilitator_token()

st.title(t("voting.title"))
# One small query for the revision; the rounds, the wall and the run of show are read once per change.
revision = workshops.workshop_revision(store, workshop_id)
state = cached_facilitator_votes(workshop_id, revision)
titles = {i.id: i.title for i in cached_wall(workshop_id, revision).ideas}

errors = FieldErrors(t, "voting_open_form")
with st.form("voting_open_form"):
    st.markdown(f"**{t('voting.new_round')}**")
    dots = st.number_input(t("field.dots_per_participant"), min_value=1, max_value=50, value=5, step=1)
    errors.slot("dots_per_participant")
    per_idea = st.number_input(t("field.max_dots_per_idea"), min_value=1, max_value=50, value=2, step=1)
    errors.slot("max_dots_per_idea")
    visible = st.checkbox(t("voting.results_visible_now"), value=False)
    opened = st.form_submit_button(t("voting.open_round"), type="primary")
if opened and attempt(lambda: voting.open_voting_round(store, workshop_id, token, dots_per_participant=dots, max_dots_per_idea=per_idea, results_visible=visible), t, errors):
    st.rerun()

for voting_round in reversed(state.rounds):
    with st.container(border=True):
        # Heading, rules and the dots per idea: one escaped block, not a grid to draw per rerun.
        st.html(round_html(t, voting_round, state.totals.get(voting_round.id, {}), titles))
        col1, col2 = st.columns(2)
        if voting_round.is_open and col1.button(t("voting.close_round"), key=f"voting_close_{voting_round.id}"):
            if succeeds(lambda: voting.close_voting_round(store, workshop_id, token, voting_round.id), t):
                st.rerun()
        label = t("voting.hide_results") if voting_round.results_visible else t("voting.reveal_results")
        if col2.button(label, key=f"voting_reveal_{voting_round.id}"):
            if succeeds(lambda: voting.reveal_results(store, workshop_id, token, voting_round.id, not voting_round.results_visible), t):
                st.rerun()
        results_controls(t, store, workshop_id, token, voting_round, state=cached_meeting(workshop_id, revision))  # the results moment on the wall
