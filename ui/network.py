"""The network analysis as the pages get it: computed once per change of the process, shared.

cache_resource hands every session the same (never mutated) result without copying it; the
process revision in the key makes a change of the data start a new entry. Only the network
pages import this module (it loads the analysis libraries: seconds on a cold start).
"""

from __future__ import annotations

import streamlit as st

from ui.identity import FACILITATE, current_staff, stop_for_others
from ui.store import get_store, process_revision
from workshop.db import database_url
from workshop.i18n import Translator
from workshop.services import analysis, maps, organisations, workshops
from workshop.services.analysis import NetworkFilter
from workshop.services.network import read_snapshot
from workshop.services.refresher import Refresher
from workshop.services.shared_analysis import SharedAnalysis

__all__ = [
    "WHOLE_PROCESS",
    "analysis_refresher",
    "analysis_revision",
    "cached_analysis",
    "cached_insights",
    "cached_readiness",
    "cached_snapshot",
    "cached_view",
    "network_filters",
    "network_page",
    "network_scope_or_stop",
]

# The filter key of the unfiltered view: every workshop, locality and area, up to the last meeting.
WHOLE_PROCESS = (None, None, None, None)


@st.cache_resource(show_spinner=False)
def analysis_refresher(url: str) -> Refresher:
    """One background analysis per server process and database (workshop/services/refresher.py),
    shared with the other servers on PostgreSQL (workshop/services/shared_analysis.py)."""
    shared = SharedAnalysis(get_store(), lambda snapshot, revision, previous: analysis.refresh(snapshot, previous, revision=revision))

    def compute(revision, previous):
        result = shared(revision, previous)
        maps.lay_out_map(result.view)  # most of a new map's cost, done here rather than on a page's run
        return result

    return Refresher(compute, initial=shared.newest, revision_of=lambda result: result.revision)


def _served():
    return analysis_refresher(database_url()).latest(process_revision())


# How often a page that shows the previous analysis asks whether the new one is ready.
UPDATING_POLL_SECONDS = 1.0


def analysis_revision(t: Translator | None = None) -> int:
    """The revision whose analysis the network pages show: the current one when it is
    ready, else the previous one while the new one is computed off this run (with an
    "uppdateras…" line when ``t`` is given, and the page runs again by itself once the new
    one is served: the line promises it). Only the very first analysis is waited for."""
    served = _served()
    if served.stale and t is not None:
        st.caption(t("analysis.updating"))
        _rerun_when_served_moves_past(served.revision)
    return served.revision


@st.fragment(run_every=UPDATING_POLL_SECONDS)
def _rerun_when_served_moves_past(shown: int) -> None:
    # Draws nothing; asks the shared refresher (no query of its own but the shared revision).
    if _served().revision != shown:
        st.rerun(scope="app")


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_analysis(revision: int):
    """The whole process's analysis at ``revision`` (the view, insights, constellations)."""
    served = _served()
    if served.revision == revision:
        return served.result
    # A revision the refresher has moved past (rare: a page that started before it did).
    return analysis.refresh(read_snapshot(get_store()), served.result, revision=revision)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_snapshot(revision: int):
    """Everything the analysis read at ``revision``."""
    return cached_analysis(revision).view.snapshot


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_view(revision: int, filter_key: tuple = WHOLE_PROCESS):
    """The network as filtered by ``filter_key`` (:func:`network_filters`)."""
    if filter_key == WHOLE_PROCESS:
        return cached_analysis(revision).view
    return analysis.network_view(cached_snapshot(revision), NetworkFilter(*filter_key))


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_insights(revision: int, filter_key: tuple = WHOLE_PROCESS):
    """The measures of the filtered network: brokers, gaps, groups."""
    if filter_key == WHOLE_PROCESS:
        return cached_analysis(revision).insights
    return analysis.network_insights(cached_view(revision, filter_key), cached_snapshot(revision))


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_readiness(revision: int):
    """How ready each idea is to become a project, for the whole process."""
    return analysis.readiness(cached_snapshot(revision))


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_choices(revision: int):
    all_workshops = workshops.list_workshops(get_store())
    places = organisations.list_localities(get_store())
    localities = sorted({w.locality for w in all_workshops} | {p.name for p in places})
    areas = sorted({p.leader_area for p in places if p.leader_area})
    return all_workshops, localities, areas


def network_scope_or_stop(t: Translator) -> tuple[int, ...] | None:
    """Whose network a page shows: the whole process for a coordinator, the workshop's own
    part for its facilitator (docs/security.md); anyone else stops here."""
    actor = current_staff()
    if actor is None:
        stop_for_others(t, "common.facilitators_only", FACILITATE)
    if actor.role == "facilitator":
        return (actor.workshop_id,)
    return None


def network_page(t: Translator, title_key: str, prefix: str):
    """The head every filtered network page shares: guard, title, filters and the view.

    Returns the analysed revision (:func:`analysis_revision`), the filter key and the filtered view, all cached.
    """
    scope = network_scope_or_stop(t)
    st.title(t(title_key))
    if scope is not None:
        st.caption(t("network.scope_facilitator"))
    revision = analysis_revision(t)
    filter_key = network_filters(t, prefix, scope)
    return revision, filter_key, cached_view(revision, filter_key)


def network_filters(t: Translator, prefix: str, scope: tuple[int, ...] | None = None) -> tuple:
    """The filter widgets every network page shares; returns the filter key.

    ``scope`` fixes the workshops (a facilitator sees their own workshop's part). The widgets
    are drawn only while their fold is open (a rerun-on-change expander): folded, as it
    mostly is, a rerun sends its heading alone and the page keeps the filters last chosen.
    """
    whole = (tuple(scope) if scope else None, None, None, None)
    last = st.session_state.get(f"{prefix}_filter_last")
    chosen_before = last[1] if last is not None and last[0] == scope else whole
    box = st.expander(t("network.filters"), key=f"{prefix}_filters_open", on_change="rerun")
    if not box.open:
        return chosen_before
    saved = st.session_state.setdefault(f"{prefix}_filter_values", {})

    def restored(key: str) -> bool:
        # Streamlit forgets a widget's value in a run that does not draw it (the fold was closed).
        if key not in st.session_state and key in saved:
            st.session_state[key] = saved[key]
        return key in st.session_state

    all_workshops, localities, areas = _filter_choices(process_revision())
    with box:
        if scope is None:
            key = f"{prefix}_filter_workshops"
            if restored(key):  # a meeting removed since it was chosen is dropped
                st.session_state[key] = [w for w in st.session_state[key] if w in {m.id for m in all_workshops}]
            chosen = st.multiselect(
                t("network.filter.workshops"),
                [w.id for w in all_workshops],
                format_func={w.id: f"{w.sequence}. {w.title} ({w.date:%Y-%m-%d})" for w in all_workshops}.get,
                key=key,
                placeholder=t("placeholder.all_workshops"),
            )
        else:
            chosen = list(scope)
        restored(f"{prefix}_filter_locality")
        restored(f"{prefix}_filter_area")
        locality = st.selectbox(t("network.filter.locality"), localities, index=None, key=f"{prefix}_filter_locality", placeholder=t("network.filter.all"))
        area = st.selectbox(t("network.filter.leader_area"), areas, index=None, key=f"{prefix}_filter_area", placeholder=t("network.filter.all"))
        up_to = None
        if len(all_workshops) > 1 and scope is None:
            key = f"{prefix}_filter_up_to"
            if restored(key) and st.session_state[key] not in range(1, len(all_workshops) + 1):
                del st.session_state[key]  # a meeting was removed since it was chosen
            up_to = st.select_slider(
                t("network.filter.up_to_meeting"),
                options=list(range(1, len(all_workshops) + 1)),
                format_func=lambda n: f"{n}. {all_workshops[n - 1].title}",
                key=key,
                **({} if key in st.session_state else {"value": len(all_workshops)}),
            )
            if up_to == len(all_workshops):
                up_to = None
    for key in (f"{prefix}_filter_workshops", f"{prefix}_filter_locality", f"{prefix}_filter_area", f"{prefix}_filter_up_to"):
        if key in st.session_state:
            saved[key] = st.session_state[key]
    chosen_now = (tuple(chosen) or None, locality, area, up_to)
    st.session_state[f"{prefix}_filter_last"] = (scope, chosen_now)
    return chosen_now
