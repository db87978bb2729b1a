"""The floor for page timings: a bare page that runs one cached query and shows one small table.

The app's pages read through shared caches refreshed at most once a second; so does this
page, which makes it the fair floor: what Streamlit itself costs for a page that shows
something from the database.
"""

import streamlit as st
from sqlalchemy import select

from ui.store import get_store
from workshop.models import Idea


@st.cache_data(ttl=1, show_spinner=False)
def newest_ideas() -> list[dict]:
    with get_store().unit_of_work() as session:
        rows = session.execute(select(Idea.id, Idea.title, Idea.stage).order_by(Idea.id.desc()).limit(20)).all()
    return [{"id": i, "title": title, "stage": stage} for i, title, stage in rows]


st.dataframe(newest_ideas(), hide_index=True)
