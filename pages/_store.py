"""The database for the pages: one engine per process, and the demo on a fresh install."""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st
from sqlalchemy.exc import InterfaceError, OperationalError

from workshop.db import Store, create_store, database_url, default_database_url
from workshop.errors import DatabaseUnavailable
from workshop.i18n import Translator
from workshop.privacy.retention import apply_retention
from workshop.services.reference import ensure_reference_data

__all__ = ["LOAD_DEMO_VARIABLE", "get_store", "database_trouble", "demo_mode", "demo_credentials"]

LOAD_DEMO_VARIABLE = "PROJEKTBEREDSKAP_LOAD_DEMO"


def demo_mode(url: str | None = None) -> bool:
    """Whether this server shows the demo: on the embedded default database unless told
    otherwise (``PROJEKTBEREDSKAP_LOAD_DEMO=0``), on a configured database only when asked
    (``PROJEKTBEREDSKAP_LOAD_DEMO=1``). A real deployment thus never gets the demo by accident."""
    flag = os.environ.get(LOAD_DEMO_VARIABLE)
    if flag is not None and flag.strip() != "":
        return flag.strip() == "1"
    return (url or database_url()) == default_database_url()


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    store = create_store(url)
    ensure_reference_data(store)
    # Storage limitation: whoever is past every meeting's retention date is anonymised now.
    apply_retention(store, today=dt.date.today())
    if demo_mode(url):
        from workshop.demo import database_is_empty, load_demo

        if database_is_empty(store):
            _loaded_demo[url] = load_demo(store)
    return store


# The keys of a demo loaded by this process; known to nobody else.
_loaded_demo: dict = {}


def get_store() -> Store:
    try:
        return _store_for(database_url())
    except (OperationalError, InterfaceError) as error:  # unreachable at start: schema upgrade failed
        raise DatabaseUnavailable() from error


@st.cache_resource(show_spinner=False)
def _demo_credentials(url: str):
    from workshop.demo import fresh_demo_keys

    store = get_store()
    return _loaded_demo.get(url) or fresh_demo_keys(store)


def demo_credentials():
    """The demo's coordinator and facilitator keys, for a browser on the server itself.

    Random at every load; after a restart the first ask makes new ones (the old were known
    only to the process that printed them). ``None`` outside demo mode or without demo data.
    """
    url = database_url()
    if not demo_mode(url):
        return None
    get_store()
    return _demo_credentials(url)


def database_trouble(t: Translator) -> None:
    """Tell the user the database is not answering, offer a retry, and stop the page."""
    from pages._kept import recover_when_database_answers

    st.error(t("errors.database_unavailable"), icon=":material/hourglass_top:")
    if st.button(t("common.retry"), key="app_database_retry", type="primary"):
        st.rerun()
    recover_when_database_answers(t)  # the page comes back by itself, with what was typed
    st.stop()
