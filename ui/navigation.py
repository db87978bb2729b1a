"""Moving between pages: to a page by code, the menu out of the way on a phone, and no
Streamlit's English "Page not found" (an unknown address, or the first run after a server start)."""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.text import plain
from workshop.i18n import Translator

__all__ = [
    "close_menu_after_navigation",
    "go_to",
    "not_found_notice",
    "not_found_page",
    "settle_first_start_deep_link",
    "take_pending_page",
    "unknown_address",
]

_GOTO = "app_goto"
_NOT_FOUND = "app_not_found"


def go_to(page_path: str) -> None:
    """Rerun and open ``page_path``: menus depend on who you are, so they are built anew first."""
    st.session_state[_GOTO] = page_path
    st.rerun()


def take_pending_page() -> str | None:
    """The page :func:`go_to` asked for, once: ``app.py`` switches to it after building the menus."""
    return st.session_state.pop(_GOTO, None)


def unknown_address(known: Collection[str]) -> str | None:
    """The address this run was asked to open when no page has it (``finns-inte`` for ``/finns-inte``).

    Streamlit 1.67's ``st.navigation`` looks a page up by the name the browser sent (the path
    of an address typed or followed from outside) among the pages' ``url_path``; when none has
    it, it sends its English "Page not found" box and runs the default page. Reading the same
    name first, ``app.py`` can register a page of that name (:func:`not_found_page`), so the box
    never comes. ``known`` are the ``url_path`` of every registered page. ``None`` for a known
    page, the start page, a move inside the app (by the page's hash, never unknown), or outside
    a Streamlit run.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    manager = ctx.pages_manager
    name = manager.intended_page_name
    if not name or manager.intended_page_script_hash or name in known or "/" in name:
        return None  # a name with "/" cannot be a page's url_path (the browser sends none)
    return name


def not_found_page(t: Translator, address: str, start: st.Page) -> st.Page:
    """A hidden page at ``address`` that opens the start page, which then says the address is unknown."""

    def go_to_start() -> None:
        st.session_state[_NOT_FOUND] = address
        st.switch_page(start)

    return st.Page(go_to_start, title=t("nav.start"), url_path=address, visibility="hidden")


def not_found_notice(t: Translator) -> None:
    """On the start page after :func:`not_found_page`: "Sidan finns inte", once."""
    address = st.session_state.pop(_NOT_FOUND, None)
    if address is not None:
        st.warning(t("wall2.not_found", address=plain("/" + address)), icon=":material/link_off:")


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
