"""The menu's pages, made once per process instead of on every run of every session.

``st.Page`` resolves its file on disk (a ``realpath`` walk and a ``stat``) and checks its icon
against Streamlit's list of material icons each time it is made; ``app.py`` makes some thirty
on every run, most of a staff page's rerun beside a page with no menu (measured with a
profiler in the server: 8–13 % of a coordinator page's script time). The made page never
changes, so it is made once per file, title, icon, address and visibility, and every run gets
a shallow copy: ``st.navigation`` marks on the page it chose that it may run, which must stay
that session's own.
"""

from __future__ import annotations

import copy
import threading

import streamlit as st

__all__ = ["menu_page"]

_made: dict[tuple, st.Page] = {}
_lock = threading.Lock()
_MAX = 512  # two languages × every page × shown or hidden, with room to spare


def menu_page(path: str, *, title: str, icon: str, url_path: str, visibility: str = "visible", default: bool = False) -> st.Page:
    """``st.Page(path, ...)`` for a page script, made once per process and copied for this run."""
    key = (path, title, icon, url_path, visibility, default)
    page = _made.get(key)
    if page is None:
        page = st.Page(path, title=title, icon=icon, url_path=url_path, visibility=visibility, default=default)
        with _lock:
            if len(_made) >= _MAX:  # never reached by the app's own menus; bounds the odd stray title
                _made.clear()
            _made[key] = page
    return copy.copy(page)
