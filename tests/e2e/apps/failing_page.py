"""A page that fails, served with the project's own .streamlit/config.toml (tests/e2e/test_errors.py).

One button fails inside the app's reporter (as app.py wraps every page), the other fails with
nothing to catch it: neither may show the browser a traceback, a message or a server path.
"""

import streamlit as st

from ui.failure import report_unexpected
from workshop.i18n import Translator

st.title("Sidan som går sönder")
if st.button("Fel som sidan fångar"):
    try:
        raise RuntimeError("the disk at /srv/projektberedskap/data is on fire")
    except RuntimeError as error:
        report_unexpected(Translator("sv"), error, "failing_page")
if st.button("Fel som ingen fångar"):
    raise RuntimeError("the disk at /srv/projektberedskap/data is on fire, uncaught")
