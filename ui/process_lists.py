"""The process's lists the coordinator's page shows, read once per change of the process for every session.

*Samordnare* read every workshop, every place and every Leader area on each rerun, and
drew the workshops as a data grid (a pandas frame turned into Arrow bytes, a canvas in the
browser) for a dozen rows a coordinator reads. Here each list is read once per process
revision (:func:`ui.store.process_revision`, shared by all sessions and servers' caches
alike) and held with ``st.cache_resource`` (frozen dataclasses in a tuple: every session
gets the same object), and the workshops' table is ONE escaped HTML block
(:func:`ui.cards.table_html`) built once per revision and language.

A page that writes calls :func:`ui.store.process_revision`'s ``clear()`` before it reruns, so
its own browser sees the change at once rather than up to a second later.
"""

from __future__ import annotations

import streamlit as st

from ui.cards import table_html
from ui.store import get_store, process_revision
from workshop.i18n import Translator
from workshop.services import organisations, workshops
from workshop.services.organisations import LocalityView
from workshop.services.workshops import WorkshopInfo

__all__ = ["cached_leader_areas", "cached_localities", "cached_workshops", "workshops_table_html"]


@st.cache_resource(show_spinner=False, max_entries=4)
def _workshops(revision: int) -> tuple[WorkshopInfo, ...]:
    return tuple(workshops.list_workshops(get_store()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _localities(revision: int) -> tuple[LocalityView, ...]:
    return tuple(organisations.list_localities(get_store()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _leader_areas(revision: int) -> tuple[str, ...]:
    return tuple(name for name, _cap in organisations.list_leader_areas(get_store()))


def cached_workshops() -> tuple[WorkshopInfo, ...]:
    """Every meeting of the process in order, as of the process's current revision."""
    return _workshops(process_revision())


def cached_localities() -> tuple[LocalityView, ...]:
    """Every place, development points first, as of the process's current revision."""
    return _localities(process_revision())


def cached_leader_areas() -> tuple[str, ...]:
    """The names of the Leader areas, as of the process's current revision."""
    return _leader_areas(process_revision())


@st.cache_resource(show_spinner=False, max_entries=8)
def _workshops_table(revision: int, language: str) -> str:
    t = Translator(language)
    rows = [
        {
            t("field.title"): w.title,
            t("field.date"): w.date.isoformat(),
            t("field.locality"): w.locality,
            t("field.code"): w.join_code,
            t("coordinator.submissions"): t("coordinator.open") if w.submissions_open else t("coordinator.closed"),
            t("coordinator.key_status"): t("coordinator.key_active") if w.has_facilitator_key else t("coordinator.key_revoked"),
            t("field.retention_until"): w.retention_until.isoformat() if w.retention_until else "–",
            t("coordinator.demo"): t("coordinator.demo_yes") if w.is_demo else "",
        }
        for w in _workshops(revision)
    ]
    return table_html(t("coordinator.tab.workshops"), rows)


def workshops_table_html(language: str) -> str:
    """Every workshop as one escaped table: title, date, place, code, open or closed, key, kept until, demo."""
    return _workshops_table(process_revision(), language)
