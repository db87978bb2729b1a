"""One projector tick on its own: what the fragment redraws every second."""

import streamlit as st

from ui.language import translator
from ui.projector import draw_wall

draw_wall(translator(), st.session_state["bench_workshop_id"])
