"""The browser's cookies: read once when a session begins, written by a script on every later run.

Streamlit only reads cookies (``st.context.cookies``, as the browser sent them when the
session's connection opened); a cookie is written by a small script that ``app.py`` draws first
thing in every run (:func:`write_cookies`), so a page that ends with ``st.rerun()`` still sets it.
"""

from __future__ import annotations

import re

import streamlit as st

__all__ = [
    "BROWSER_COOKIE",
    "COOKIE_MAX_AGE",
    "LANGUAGE_COOKIE",
    "PARTICIPANT_COOKIE",
    "STAFF_COOKIE",
    "STAFF_COOKIE_MAX_AGE",
    "cookie",
    "set_cookie",
    "write_cookie",
    "write_cookies",
]

PARTICIPANT_COOKIE = "pb_participant"
STAFF_COOKIE = "pb_staff"
LANGUAGE_COOKIE = "pb_lang"
BROWSER_COOKIE = "pb_browser"  # a random token: whose wrong guesses are whose
COOKIE_MAX_AGE = 60 * 60 * 24 * 120  # a network process runs for months
STAFF_COOKIE_MAX_AGE = 60 * 60 * 24 * 3  # the server ends staff sessions sooner (access.SESSION_LIMITS)


def set_cookie(name: str, value: str, max_age: int = COOKIE_MAX_AGE) -> None:
    """Have the browser keep ``name=value`` (``max_age=0`` forgets it), from this run on."""
    # Tokens are URL-safe base64, so they need no quoting inside the script.
    if not re.fullmatch(r"[A-Za-z0-9_\-]*", value):
        raise ValueError("cookie values must be URL-safe tokens")
    # Written by write_cookies() on every later run: a script rendered in a run that ends
    # with st.rerun() may never reach the browser.
    st.session_state.setdefault("_cookies", {})[name] = (value, max_age)


def cookie(name: str) -> str | None:
    """The cookie the browser sent when this session began, unless this session has since changed it."""
    pending = st.session_state.get("_cookies", {}).get(name)
    return pending[0] if pending is not None else _sent(name)


def write_cookies() -> None:
    """Called first thing by app.py on every run, before any page can st.rerun()."""
    for name, (value, max_age) in st.session_state.get("_cookies", {}).items():
        if (_sent(name) or "") != value:  # what the browser sent when this session began
            write_cookie(name, value, max_age)


def write_cookie(name: str, value: str, max_age: int) -> None:
    """Write the cookie in this run's page at once (:func:`set_cookie` also keeps it for later runs)."""
    st.html(
        f"<script>document.cookie = '{name}={value}; path=/; max-age={max_age}; SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )


def _sent(name: str) -> str | None:
    """The cookie the browser sent when this session's connection opened (read once per session)."""
    sent = st.session_state.get("_sent_cookies")
    if sent is None:
        try:
            cookies = st.context.cookies
            names = (PARTICIPANT_COOKIE, STAFF_COOKIE, LANGUAGE_COOKIE, BROWSER_COOKIE)
            sent = {key: value for key in names if isinstance(value := cookies.get(key), str)}
        except Exception:  # no browser behind this session (AppTest, bare mode)
            sent = {}
        st.session_state["_sent_cookies"] = sent
    return sent.get(name)
