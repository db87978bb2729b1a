"""The browser's language: chosen in the sidebar, remembered in a cookie, Swedish by default."""

from __future__ import annotations

import streamlit as st

from ui.cookies import LANGUAGE_COOKIE, cookie, set_cookie
from workshop.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator

__all__ = ["language_picker", "translator"]


def translator() -> Translator:
    """The browser's language: chosen in this session, else remembered in a cookie, else Swedish."""
    if "language" not in st.session_state:
        remembered = cookie(LANGUAGE_COOKIE)
        if remembered in LANGUAGES:
            st.session_state["language"] = remembered
    return Translator(st.session_state.get("language", DEFAULT_LANGUAGE))


def language_picker(t: Translator) -> None:
    """The sidebar's language choice; a new choice reruns the app in it and is remembered."""
    codes = list(LANGUAGES)
    current = st.session_state.get("language", DEFAULT_LANGUAGE)
    chosen = st.sidebar.selectbox(
        t("app.language"), codes, index=codes.index(current), format_func=LANGUAGES.get, key="app_language_picker",
        placeholder=t("placeholder.choose"),
    )
    if chosen != current:
        st.session_state["language"] = chosen
        set_cookie(LANGUAGE_COOKIE, chosen)  # a reload keeps it
        st.rerun()
