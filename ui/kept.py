"""Nothing typed is lost: form input that survives a database outage (and any run that does not draw it).

Streamlit forgets a widget's value when a run ends without drawing it, and a run that meets an
unreachable database stops before the form is drawn (:func:`ui.recovery.database_trouble`).
So every kept widget's value is copied, first thing in every run, into plain session state
(which Streamlit never cleans up) and put back when the widget is drawn again. The page that
comes back by itself once the database answers is :mod:`ui.recovery`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

__all__ = ["KEPT_PREFIX", "remember_typed_input", "kept", "forget_kept"]

KEPT_PREFIX = "kept:"
_KEPT = "_kept_input"
_STORED = "_kept_stored"  # per kept widget of a record's form: the stored value it was last drawn with
_UNSET = object()
_DRAWN, _DRAWN_BEFORE = "_kept_drawn", "_kept_drawn_before"


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


def kept(key: str, stored: Any = _UNSET) -> str:
    """The widget key for ``key`` whose value is kept; restores the kept value if Streamlit forgot it.

    Use it for widgets without a ``value=``/``index=`` argument (Streamlit refuses both).
    A form that edits a record passes the record's ``stored`` value instead: the widget starts
    from it, and follows it when the record changes elsewhere (a facilitator's edit, a save)
    as long as the person has not typed over it; what they typed is never overwritten.
    """
    full = KEPT_PREFIX + key
    state = st.session_state
    saved = state.get(_KEPT, {})
    if full in saved and full not in state.get(_DRAWN_BEFORE, ()):
        # Streamlit may still hold the value while the browser lost the widget: set it
        # through the Session State API, so the value is sent with the widget.
        state[full] = saved[full]
    if stored is not _UNSET:
        bases = state.setdefault(_STORED, {})
        if full not in state:
            state[full] = stored
        elif full in bases and bases[full] != stored and state[full] == bases[full]:
            state[full] = stored  # changed elsewhere, untouched here: show what is stored now
        bases[full] = stored
    state.setdefault(_DRAWN, set()).add(full)
    return full


def forget_kept(prefix: str) -> None:
    """Drop the kept values whose key starts with ``prefix`` (after a save: the form is new).

    The widgets' own values go too: a run that follows would otherwise keep them again, and
    the next person at a shared device must not find what the last one typed.
    """
    state = st.session_state
    saved, bases = state.get(_KEPT, {}), state.get(_STORED, {})
    for full in [k for k in (*saved, *bases, *state.keys()) if isinstance(k, str) and k.startswith(KEPT_PREFIX + prefix)]:
        saved.pop(full, None)
        bases.pop(full, None)
        if full in state:
            del state[full]
