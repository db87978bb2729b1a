"""Projektberedskap: the entry file. Builds the menus by role and runs the chosen page.

Start with ``streamlit run app.py``. The database comes from
``$PROJEKTBEREDSKAP_DATABASE_URL`` (default: a SQLite file under ``data/``).
"""

import streamlit as st

from pages._shared import current_participant, database_trouble, facilitated_workshop, language_picker, translator, write_cookies
from workshop.errors import DatabaseUnavailable

st.set_page_config(page_title="Projektberedskap", page_icon="🌱", layout="wide")

t = translator()
write_cookies()
try:
    participant = current_participant()
    facilitating = facilitated_workshop()
except DatabaseUnavailable:
    database_trouble(t)  # stops the run: without the database there is nothing to show

start = st.Page("pages/home.py", title=t("nav.start"), icon=":material/login:", default=True, url_path="start")
menus: dict[str, list[st.Page]] = {t("nav.section.start"): [start, st.Page("pages/facilitate.py", title=t("nav.facilitate"), icon=":material/co_present:", url_path="leda")]}

if participant is not None:
    menus[t("nav.section.participant")] = [
        st.Page("pages/contribute.py", title=t("nav.contribute"), icon=":material/edit_note:", url_path="bidra"),
        st.Page("pages/wall.py", title=t("nav.wall"), icon=":material/dashboard:", url_path="vagg"),
        st.Page("pages/mine.py", title=t("nav.mine"), icon=":material/person:", url_path="mina"),
    ]

if facilitating is not None:
    menus[t("nav.section.facilitator")] = [
        st.Page("pages/projector.py", title=t("nav.projector"), icon=":material/tv:", url_path="projektor"),
        st.Page("pages/moderate.py", title=t("nav.moderate"), icon=":material/tune:", url_path="moderera"),
        st.Page("pages/voting_admin.py", title=t("nav.voting"), icon=":material/how_to_vote:", url_path="rostning"),
    ]
    menus[t("nav.section.network")] = [
        st.Page("pages/network_map.py", title=t("nav.map"), icon=":material/hub:", url_path="karta"),
        st.Page("pages/constellations.py", title=t("nav.constellations"), icon=":material/handshake:", url_path="konstellationer"),
        st.Page("pages/insights.py", title=t("nav.insights"), icon=":material/insights:", url_path="insikter"),
    ]

page = st.navigation(menus)
goto = st.session_state.pop("app_goto", None)
if goto:
    st.switch_page(goto)
language_picker(t)
try:
    page.run()
except DatabaseUnavailable:
    # A locked or unreachable database mid-page: a message and a retry, never a stack trace.
    database_trouble(t)
