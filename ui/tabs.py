"""Tabs whose hidden content never runs: only the open tab is built and sent."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

__all__ = ["sections"]


def sections(key: str, drawers: dict[str, Callable[[], None]]) -> None:
    """Tabs (label → drawing function) of which only the open one is built and sent.

    The open tab is remembered per session under ``key``; switching tabs reruns the page.
    A page with five forms in tabs thus costs one form per rerun, not five.
    """
    tabs = st.tabs(list(drawers), key=key, on_change="rerun")
    for tab, draw in zip(tabs, drawers.values()):
        if tab.open:
            with tab:
                draw()
