"""Entry file for the floor page: navigation with one page, as the app has many."""

import streamlit as st

st.navigation([st.Page("floor_page.py")]).run()
