"""Moving between pages: to a page by code, the menu out of the way on a phone, and the first
run after a server start without Streamlit's English "Page not found"."""

from __future__ import annotations

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager

__all__ = ["close_menu_after_navigation", "go_to", "settle_first_start_deep_link", "take_pending_page"]

_GOTO = "app_goto"


def go_to(page_path: str) -> None:
    """Rerun and open ``page_path``: menus depend on who you are, so they are built anew first."""
    st.session_state[_GOTO] = page_path
    st.rerun()


def take_pending_page() -> str | None:
    """The page :func:`go_to` asked for, once: ``app.py`` switches to it after building the menus."""
    return st.session_state.pop(_GOTO, None)


def settle_first_start_deep_link() -> None:
    """Close Streamlit's English "Page not found" box on the first run after a server start.

    Streamlit sees the ``pages/`` folder beside ``app.py`` and, until the first
    ``st.navigation`` call of the process, runs the first session through its old
    folder-based navigation, which knows none of our addresses (``/projektor``) and says so
    before ``app.py`` takes over and opens the right page. That is the projector on the wall
    reconnecting after a restart. Called by ``app.py`` before its own navigation.
    """
    if not PagesManager.uses_pages_directory:  # every run but the process's first
        return
    if config.get_option("global.appTest"):  # AppTest has no browser, and resets the flag each run
        return
    st.html(
        """<script>
(() => {
  const until = Date.now() + 10000;
  const timer = setInterval(() => {
    for (const box of document.querySelectorAll('[role="dialog"]')) {
      if (box.querySelector("h2")?.textContent.trim() === "Page not found") {
        box.querySelector('button[aria-label="Close"]')?.click();
        clearInterval(timer);
      }
    }
    if (Date.now() > until) clearInterval(timer);
  }, 50);
})();
</script>""",
        unsafe_allow_javascript=True,
    )


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
