"""One projector tick on its own: what the fragment redraws every second."""

import streamlit as st

from pages._projector_wall import draw_wall
from pages._shared import translator

draw_wall(translator(), st.session_state["bench_workshop_id"])
