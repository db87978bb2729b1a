"""A page that recovers by itself: while the database is away it says so, and reruns once it answers.

A run that meets an unreachable database stops with a Swedish message and a retry button
(:func:`database_trouble`); a fragment then polls a cheap health check and reruns the page once
the database answers. What was typed is kept meanwhile (:mod:`ui.kept`).
"""

from __future__ import annotations

import time

import streamlit as st

from ui.failure import reported_live
from ui.store import get_store
from workshop.errors import DatabaseUnavailable
from workshop.i18n import Translator

__all__ = ["POLL_SECONDS", "database_back_notice", "database_trouble", "recover_when_database_answers"]

_BACK = "_database_back"
_SINCE = "_database_trouble_since"
# How often a page waiting for the database asks whether it answers again.
POLL_SECONDS = 3


def database_trouble(t: Translator) -> None:
    """Tell the user the database is not answering, offer a retry, and stop the page."""
    st.error(t("errors.database_unavailable"), icon=":material/hourglass_top:")
    if st.button(t("common.retry"), key="app_database_retry", type="primary"):
        st.rerun()
    recover_when_database_answers(t)  # the page comes back by itself, with what was typed
    st.stop()


def recover_when_database_answers(t: Translator, back: str = "recovery.back") -> None:
    """While the database is away: ask every few seconds whether it answers; then rerun the page.

    The check (:meth:`workshop.db.Store.answers`) is one cheap statement and never raises; the
    page's typed input is kept (see :func:`ui.kept.kept`), so the person finds their text again.
    ``back`` is the catalog key of what the page then says (by default: press the button again).
    """
    # The check runs only on the timer's reruns, never in the run that just met the trouble:
    # if the database answers the check but the page still fails, it is retried every few
    # seconds, not in a tight loop.
    st.session_state[_SINCE] = time.monotonic()

    @st.fragment(run_every=POLL_SECONDS)
    def _watch() -> None:
        reported_live(t, _check, "database-watch")

    def _check() -> None:
        if time.monotonic() - st.session_state.get(_SINCE, 0.0) < POLL_SECONDS * 0.8:
            st.caption(t("recovery.waiting"))
            return
        try:
            answers = get_store().answers()
        except DatabaseUnavailable:  # the engine itself could not be made yet
            answers = False
        if not answers:
            st.caption(t("recovery.waiting"))
            return
        st.session_state[_BACK] = back  # what the page says once it is back
        st.rerun(scope="app")

    _watch()


def database_back_notice(t: Translator) -> None:
    """Once, after a page recovered by itself: the database answers again and the text is still there."""
    back = st.session_state.pop(_BACK, None)
    if back:
        st.success(t(back), icon=":material/cloud_done:")
