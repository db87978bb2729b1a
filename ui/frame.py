"""HTML documents holding user content, shown in a frame that cannot reach the app.

``st.iframe`` (and ``components.html``) put a document in an iframe through ``srcdoc``
with Streamlit's sandbox, which includes ``allow-same-origin`` (Streamlit 1.67,
``IFrameUtil``: forms, modals, popups, same-origin, scripts, downloads). Such a document
has the app's origin: its scripts could read ``document.cookie`` (the participant's and the
facilitator's tokens) and reach into the page through ``window.parent``.

So the document is not given to Streamlit's frame itself. Streamlit's frame gets a fixed
wrapper without any script, holding one inner ``<iframe sandbox="allow-scripts">`` whose
``srcdoc`` is the document. Without ``allow-same-origin`` the inner document has an opaque
origin: its scripts run (the map stays interactive) but reading ``document.cookie`` throws,
``window.parent.document`` and ``window.top.document`` throw, and it may not navigate the
page, open pop-ups or submit forms. The document travels as an escaped attribute value,
so it is never markup in the wrapper. A ``data:`` address would do the same for small
documents, but Chromium refuses addresses over 2 MB, and the map with vis-network inlined
is 0.7 MB before base64.
"""

from __future__ import annotations

import html
from functools import lru_cache

__all__ = ["SANDBOX", "isolated_document"]

# Scripts only: no same origin, no top navigation, no pop-ups, no forms, no downloads.
SANDBOX = "allow-scripts"

_WRAPPER = (
    "<!doctype html><html><head><meta charset=\"utf-8\"><style>"
    "html,body{margin:0;padding:0;height:100%;overflow:hidden}"
    "iframe{display:block;border:0;width:100%;height:100%}"
    "</style></head><body>"
    '<iframe sandbox="{sandbox}" referrerpolicy="no-referrer" title="{title}" srcdoc="{document}"></iframe>'
    "</body></html>"
)


@lru_cache(maxsize=16)  # the cached map is one string object per view: wrapped once
def isolated_document(document: str, title: str) -> str:
    """A page for ``st.iframe`` that shows ``document`` in a frame with an opaque origin.

    >>> page = isolated_document("<p>Hej & välkommen</p>", "Karta")
    >>> 'sandbox="allow-scripts"' in page, 'srcdoc="&lt;p&gt;Hej &amp; välkommen&lt;/p&gt;"' in page
    (True, True)
    >>> "<script" in page
    False
    """
    return (
        _WRAPPER.replace("{sandbox}", SANDBOX)
        .replace("{title}", html.escape(title, quote=True))
        .replace("{document}", html.escape(document, quote=True))
    )
