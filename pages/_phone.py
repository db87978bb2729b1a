"""Phones: the menu gets out of the way once a page is picked."""

from __future__ import annotations

import streamlit as st

__all__ = ["close_menu_after_navigation"]

# Streamlit folds its sidebar after a menu click only when the browser's user agent says
# "mobile"; a phone asking for the desktop site, or a narrow tablet window, keeps the menu
# open over the page it just opened. At Streamlit's own breakpoint (768 px) we fold it.
_CLOSE_MENU = """<script data-run="{run}">
setTimeout(() => {{
  if (window.innerWidth > 768) return;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (sidebar && button && sidebar.getBoundingClientRect().right > 0) button.click();
}}, 30);
</script>"""


def close_menu_after_navigation(page_key: str) -> None:
    """Called by app.py with the page about to run: on a new page, a narrow screen's menu folds."""
    last = st.session_state.get("phone_last_page")
    st.session_state["phone_last_page"] = page_key
    if last is not None and last != page_key:
        st.session_state["phone_runs"] = st.session_state.get("phone_runs", 0) + 1
        st.html(_CLOSE_MENU.format(run=st.session_state["phone_runs"]), unsafe_allow_javascript=True)
