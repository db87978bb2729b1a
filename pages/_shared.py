"""The Streamlit glue every page shares: language here; the rest re-exported from its module.

The store is in ``pages/_store.py``, identity in ``_identity.py``, the live walls' caches in
``_live.py``, the network's in ``_network.py``, forms and errors in ``_forms.py``, user text in
``_text.py``. Pages may import from here or from the module itself.

Pages stay thin: they read widgets, call a service from ``workshop.services`` through
:func:`attempt`, and show the result. Nothing here talks SQL or networkx.
"""

from __future__ import annotations

import streamlit as st

from workshop.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator

from pages._text import esc, plain  # noqa: F401  (user text is text: re-exported for the pages)




# --- the store lives in pages/_store.py -----------------------------------------------------

from pages._store import database_trouble, get_store  # noqa: E402


# --- language ----------------------------------------------------------------------------


def translator() -> Translator:
    """The browser's language: chosen in this session, else remembered in a cookie, else Swedish."""
    if "language" not in st.session_state:
        from pages._identity import remembered_language

        remembered = remembered_language()
        if remembered in LANGUAGES:
            st.session_state["language"] = remembered
    return Translator(st.session_state.get("language", DEFAULT_LANGUAGE))


def language_picker(t: Translator) -> None:
    codes = list(LANGUAGES)
    current = st.session_state.get("language", DEFAULT_LANGUAGE)
    chosen = st.sidebar.selectbox(
        t("app.language"), codes, index=codes.index(current), format_func=LANGUAGES.get, key="app_language_picker",
        placeholder=t("placeholder.choose"),
    )
    if chosen != current:
        from pages._identity import remember_language

        st.session_state["language"] = chosen
        remember_language(chosen)  # a reload keeps it
        st.rerun()


# --- identity lives in pages/_identity.py; these names are re-exported for the pages ---------

from pages._identity import (  # noqa: E402
    FACILITATE,
    client,
    from_this_machine,
    lead_workshop,
    coordinator_or_stop,
    current_participant,
    current_staff,
    facilitated_workshop,
    facilitated_workshop_or_stop,
    facilitator_token,
    forget_participant,
    go_to,
    participant_or_stop,
    public_base_url,
    remember_participant,
    remember_staff,
    settle_first_start_deep_link,
    sign_out_staff,
    staff_token,
    stop_for_others,
    write_cookies,
)



from pages._forms import FieldErrors, attempt, describe_error, idea_form, sections, succeeds  # noqa: E402,F401
from pages._live import cached_info, cached_public_votes, cached_wall, current_wall, live_wall, workshop_revision  # noqa: E402,F401
from pages._network import (  # noqa: E402,F401
    analysis_revision,
    cached_constellations,
    cached_demo_present,
    cached_insights,
    cached_map_html,
    cached_readiness,
    cached_snapshot,
    cached_view,
    network_filters,
    network_page,
    network_scope_or_stop,
    process_revision,
)
