"""Page scripts the app's shell needs once per browser tab, not on every rerun.

A script in ``st.html(..., unsafe_allow_javascript=True)`` runs in the page itself (not in a
frame) when it is drawn, and what it installs there (a ``MutationObserver`` on the document, a
timer on the window) lives on when its element is gone. Sent on every rerun, the shell's scripts
were some 5 kB of every page's rerun (issue 25: what a rerun costs beside a page without a
shell); sent once per session, and again when their text changes (another language), a rerun
costs what its page draws. A reload or a new tab is a new session and gets them again.
"""

from __future__ import annotations

import hashlib

import streamlit as st

__all__ = ["sidebar_script_once"]

_SENT = "_pb_scripts_sent"  # name -> digest of the text last sent in this session


def sidebar_script_once(name: str, html: str) -> None:
    """Draw ``html`` (a script) in the sidebar unless this session already drew this very text under ``name``.

    The script must be idempotent and install itself on the page's document or window (as
    ``ui.accessibility`` and ``ui.limits`` do): it is not drawn again on the runs after its first.
    """
    digest = hashlib.blake2b(html.encode(), digest_size=8).hexdigest()
    sent = st.session_state.setdefault(_SENT, {})
    if sent.get(name) == digest:
        return
    st.sidebar.html(html, unsafe_allow_javascript=True)
    sent[name] = digest
