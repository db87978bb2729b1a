"""WCAG 2.1 AA where Streamlit falls short: the app's own stylesheet and three fixes to its page.

Checked by axe-core in ``tests/e2e/test_accessibility.py``; what each fix works around is in
``docs/accessibility.md`` ("What came from Streamlit").

- Captions: Streamlit greys them to 3.88:1 on white (WCAG 1.4.3 needs 4.5:1); here they keep
  the text colour at 80 % (about 7:1 in the light theme, and still light on dark in the dark one).
- Focus: a clear outline on whatever the keyboard reaches (2.4.7), not only Streamlit's faint ring.
- The document's language: Streamlit's page says ``lang="en"`` whatever the app speaks (3.1.1);
  set here to the language the app is shown in.
- The menu: Streamlit puts each section's links (``<li>``) inside a ``<div>`` in one ``<ul>``,
  which screen readers misread (1.3.1, axe ``list``/``listitem``). Each section becomes a list
  of its own, named after its heading, and the outer ``<ul>`` a plain container; the menu's
  English name "App pages" becomes the app's language. Kept up by an observer, because
  Streamlit redraws the menu.
"""

from __future__ import annotations

import json
import os

import streamlit as st

from ui.scripts import sidebar_script_once
from workshop.i18n import Translator

__all__ = ["APP_CSS", "ASSESSED", "AXE_CORE", "CONTACT_VARIABLE", "accessible_document", "statement_contact", "statement_link"]

APP_CSS = """<style>
[data-testid="stCaptionContainer"] {color: inherit !important; opacity: .8}
:focus-visible {outline: 3px solid #1f5fbf !important; outline-offset: 2px}
</style>"""

_FIX_DOCUMENT = """<script>
(() => {
  const settings = SETTINGS;
  const root = window.parent === window ? document : window.parent.document;
  root.documentElement.lang = settings.lang;
  const fix = () => {
    const nav = root.querySelector('[data-testid="stSidebarNav"]');
    if (!nav) return;
    if (nav.getAttribute('aria-label') !== settings.menu) nav.setAttribute('aria-label', settings.menu);
    const outer = nav.querySelector('[data-testid="stSidebarNavItems"]');
    if (!outer) return;
    if (outer.getAttribute('role') !== 'none') outer.setAttribute('role', 'none');
    for (const section of outer.children) {
      if (section.tagName === 'LI') continue;
      if (section.getAttribute('role') !== 'list') section.setAttribute('role', 'list');
      const name = section.querySelector('[data-testid="stNavSectionHeader"]')?.textContent.replace(/expand_(more|less)/, '').trim();
      if (name && section.getAttribute('aria-label') !== name) section.setAttribute('aria-label', name);
    }
  };
  fix();
  // One observer per page, the latest run's (a new language brings a new menu name).
  if (root.__pbAccessible) root.__pbAccessible.disconnect();
  root.__pbAccessible = new MutationObserver(fix);
  root.__pbAccessible.observe(root.body, {subtree: true, childList: true});
})();
</script>"""


def accessible_document(t: Translator) -> None:
    """The app's stylesheet (every run) and the document fixes above (once per session and language); ``app.py`` calls it on every run."""
    settings = json.dumps({"lang": t.language, "menu": t("a11y.menu")})
    # In the sidebar: no gap at the top of every page (the wall counts its height), and the
    # script runs there as well, the sidebar folded on a phone or hidden on the wall.
    st.sidebar.html(APP_CSS)
    sidebar_script_once("accessible_document", _FIX_DOCUMENT.replace("SETTINGS", settings))


def statement_link(t: Translator) -> None:
    """The accessibility statement, at the foot of the sidebar on every page (the law asks that it be easy to find)."""
    st.sidebar.page_link("pages/accessibility.py", label=t("a11y.statement.link"), icon=":material/accessibility_new:")


# The last assessment (docs/accessibility.md): the date the axe run over every page was last
# reviewed and found clean, and the axe-core it used. Change both when the run is redone.
ASSESSED = "2026-12-07"
AXE_CORE = "4.14.1"
CONTACT_VARIABLE = "PROJEKTBEREDSKAP_ACCESSIBILITY_CONTACT"


def statement_contact(t: Translator) -> str:
    """Where to report a problem: ``$PROJEKTBEREDSKAP_ACCESSIBILITY_CONTACT`` (an address or a phone number) or the municipality."""
    return os.environ.get(CONTACT_VARIABLE, "").strip() or t("a11y.statement.contact.default")
