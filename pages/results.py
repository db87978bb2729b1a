"""The results moment on a phone: the same list of top ideas the wall shows."""

import streamlit as st

from ui.identity import participant_or_stop
from ui.language import translator
from ui.phase import RESULTS_PAGE, follow_phase, live_meeting
from ui.results import draw_results

t = translator()
me = participant_or_stop(t)

follow_phase(t, me.workshop_id, RESULTS_PAGE)
st.title(t("meeting.results.title"))


@st.fragment(run_every=2)
def results() -> None:
    # Refreshes by itself: the list follows the wall until the facilitator ends the moment.
    moment = live_meeting(me.workshop_id).results
    if moment is None:
        st.info(t("meeting.results.not_now"))
    else:
        draw_results(t, me.workshop_id, moment, wall=False)


results()
