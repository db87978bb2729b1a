"""The floor for page timings: a bare page that runs one query and shows one table."""

import streamlit as st
from sqlalchemy import select

from pages._shared import get_store
from workshop.models import Idea

with get_store().unit_of_work() as session:
    rows = session.execute(select(Idea.id, Idea.title, Idea.stage).order_by(Idea.id).limit(1000)).all()
st.dataframe([{"id": i, "title": title, "stage": stage} for i, title, stage in rows], hide_index=True)
