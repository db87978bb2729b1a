"""The database for the pages: one engine per process, the process's revision, and the demo on a fresh install."""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st
from sqlalchemy.exc import InterfaceError, OperationalError

from workshop.db import Store, create_store, database_url, default_database_url
from workshop.demo import database_is_empty, fresh_demo_keys, load_demo
from workshop.errors import DatabaseUnavailable
from workshop.mail.sender import start_sender
from workshop.privacy.retention import apply_retention
from workshop.services import demo_data, workshops
from workshop.services.changes import NOTIFIED_TTL, ChangeListener, listener_for
from workshop.services.reference import ensure_reference_data
from workshop.services.warmup import warm_up

__all__ = ["LOAD_DEMO_VARIABLE", "cached_demo_present", "change_listener", "demo_credentials", "demo_mode", "get_store", "process_revision"]

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
    if demo_mode(url) and database_is_empty(store):
        _loaded_demo[url] = load_demo(store)
    start_sender(store)  # the outbox is sent in the background when SMTP is configured
    warm_up(store)  # another server's stored analysis is read before anyone opens a network page
    return store


# The keys of a demo loaded by this process; known to nobody else.
_loaded_demo: dict = {}


def get_store() -> Store:
    """The store of the configured database, made once per process and shared by every session.

    Raises
    ------
    DatabaseUnavailable
        The database cannot be reached (or its schema upgrade failed) when the store is first made.
    """
    try:
        return _store_for(database_url())
    except (OperationalError, InterfaceError) as error:  # unreachable at start: schema upgrade failed
        raise DatabaseUnavailable() from error


@st.cache_resource(show_spinner=False)
def _demo_credentials(url: str):
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


@st.cache_resource(show_spinner=False)
def _listener(url: str) -> ChangeListener | None:
    return listener_for(url)


def change_listener() -> ChangeListener | None:
    """This server's listener for PostgreSQL's change notifications (``None`` on SQLite)."""
    return _listener(database_url())


@st.cache_data(ttl=1, show_spinner=False)
def _polled_process_revision() -> int:
    return workshops.process_revision(get_store())


@st.cache_data(ttl=NOTIFIED_TTL, show_spinner=False, max_entries=4)
def _notified_process_revision(generation: int) -> int:
    return workshops.process_revision(get_store())


def process_revision() -> int:
    """The whole process's revision, what the shared caches are keyed on: read again as soon as a
    change is announced (PostgreSQL's notifications), else as of at most a second ago (polling)."""
    listener = change_listener()
    generation = None if listener is None else listener.generation()
    if generation is None:
        return _polled_process_revision()
    return _notified_process_revision(generation)


def _read_process_revision_again() -> None:
    _polled_process_revision.clear()
    _notified_process_revision.clear()


# As when it was one cached function: a page that wrote clears it, and its browser sees the change at once.
process_revision.clear = _read_process_revision_again  # type: ignore[attr-defined]


@st.cache_data(show_spinner=False, max_entries=4)
def _demo_present(revision: int) -> bool:
    return demo_data.demo_present(get_store())


def cached_demo_present() -> bool:
    """Whether demo data is in the database (one query per change of the process, for everyone)."""
    return _demo_present(process_revision())
