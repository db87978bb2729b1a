"""Nothing typed is lost: form input that survives a database outage, and a page that recovers by itself.

Streamlit forgets a widget's value when a run ends without drawing it, and a run that meets an
unreachable database stops before the form is drawn (:func:`pages._store.database_trouble`).
So every kept widget's value is copied, first thing in every run, into plain session state
(which Streamlit never cleans up) and put back when the widget is drawn again. And while the
database is away, a fragment polls a cheap health check and reruns the page once it answers.
"""

from __future__ import annotations

import time

import streamlit as st

from workshop.i18n import Translator

__all__ = ["KEPT_PREFIX", "POLL_SECONDS", "remember_typed_input", "kept", "forget_kept", "recover_when_database_answers", "database_back_notice"]

KEPT_PREFIX = "kept:"
_KEPT = "_kept_input"
_BACK = "_database_back"
_SINCE = "_database_trouble_since"
_DRAWN, _DRAWN_BEFORE = "_kept_drawn", "_kept_drawn_before"
# How often a page waiting for the database asks whether it answers again.
POLL_SECONDS = 3


def remember_typed_input() -> None:
    """Copy the value of every kept widget into session state that outlives the widget.

    Called at the top of the entry file, before anything touches the database: the values a
    press of "Lägg till idén" sent are saved even when the run then stops for an outage.
    """
    saved = st.session_state.setdefault(_KEPT, {})
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(KEPT_PREFIX):
            saved[key] = st.session_state[key]
    # Which kept widgets the previous full run drew: one it did not draw is new in the browser,
    # which shows it empty unless the value is sent again (see :func:`kept`).
    st.session_state[_DRAWN_BEFORE] = st.session_state.get(_DRAWN, set())
    st.session_state[_DRAWN] = set()


def kept(key: str) -> str:
    """The widget key for ``key`` whose value is kept; restores the kept value if Streamlit forgot it.

    Use it for widgets without a ``value=`` argument (Streamlit refuses both).
    """
    full = KEPT_PREFIX + key
    saved = st.session_state.get(_KEPT, {})
    if full in saved and full not in st.session_state.get(_DRAWN_BEFORE, ()):
        # Streamlit may still hold the value while the browser lost the widget: set it
        # through the Session State API, so the value is sent with the widget.
        st.session_state[full] = saved[full]
    st.session_state.setdefault(_DRAWN, set()).add(full)
    return full


def forget_kept(prefix: str) -> None:
    """Drop the kept values whose key starts with ``prefix`` (after a save: the form is new)."""
    saved = st.session_state.get(_KEPT, {})
    for key in [k for k in saved if k.startswith(KEPT_PREFIX + prefix)]:
        del saved[key]


def recover_when_database_answers(t: Translator) -> None:
    """While the database is away: ask every few seconds whether it answers; then rerun the page.

    The check (:meth:`workshop.db.Store.answers`) is one cheap statement and never raises; the
    page's typed input is kept (see :func:`kept`), so the person finds their text again.
    """
    from pages._store import get_store
    from workshop.errors import DatabaseUnavailable

    # The check runs only on the timer's reruns, never in the run that just met the trouble:
    # if the database answers the check but the page still fails, it is retried every few
    # seconds, not in a tight loop.
    st.session_state[_SINCE] = time.monotonic()

    @st.fragment(run_every=POLL_SECONDS)
    def _watch() -> None:
        if time.monotonic() - st.session_state.get(_SINCE, 0.0) < POLL_SECONDS * 0.8:
            st.caption(t("recovery.waiting"))
            return
        try:
            back = get_store().answers()
        except DatabaseUnavailable:  # the engine itself could not be made yet
            back = False
        if not back:
            st.caption(t("recovery.waiting"))
            return
        st.session_state[_BACK] = True
        st.rerun(scope="app")

    _watch()


def database_back_notice(t: Translator) -> None:
    """Once, after a page recovered by itself: the database answers again and the text is still there."""
    if st.session_state.pop(_BACK, None):
        st.success(t("recovery.back"), icon=":material/cloud_done:")
