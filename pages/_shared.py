"""The Streamlit glue every page shares: the store, language, identity, caching, errors.

Pages stay thin: they read widgets, call a service from ``workshop.services`` through
:func:`attempt`, and show the result. Nothing here talks SQL or networkx.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from workshop.errors import DatabaseUnavailable, ServiceError
from workshop.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from workshop.services import views, voting, workshops

T = TypeVar("T")



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
        t("app.language"), codes, index=codes.index(current), format_func=LANGUAGES.get, key="app_language_picker"
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


# --- shared, revision-keyed caching ------------------------------------------------------
# Every open session asks for the revision at most once a second, and all sessions share
# the answer; the wall itself is read once per change, whatever the number of viewers.


@st.cache_data(ttl=1, show_spinner=False, max_entries=256)
def workshop_revision(workshop_id: int) -> int:
    return workshops.workshop_revision(get_store(), workshop_id)


# Walls are frozen dataclasses of tuples: cache_resource hands every session the same object
# instead of unpickling a copy of a thousand idea cards on every rerun.
@st.cache_resource(show_spinner=False, max_entries=128)
def cached_wall(workshop_id: int, revision: int, facilitator: bool = False) -> views.Wall:
    return views.wall(get_store(), workshop_id, facilitator=facilitator)


@st.cache_data(show_spinner=False, max_entries=128)
def cached_info(workshop_id: int, revision: int) -> workshops.WorkshopInfo:
    return workshops.workshop_info(get_store(), workshop_id)


@st.cache_data(show_spinner=False, max_entries=128)
def cached_public_votes(workshop_id: int, revision: int) -> voting.VotingState:
    return voting.voting_state(get_store(), workshop_id)


def live_wall(workshop_id: int, *, facilitator: bool = False) -> views.Wall:
    """The wall as of at most a second ago: for views that refresh on their own (the projector)."""
    return cached_wall(workshop_id, workshop_revision(workshop_id), facilitator)


def current_wall(workshop_id: int, *, facilitator: bool = False) -> views.Wall:
    """The wall as it is now: for pages a user just acted on (one tiny query, then the cache)."""
    return cached_wall(workshop_id, workshops.workshop_revision(get_store(), workshop_id), facilitator)


# --- tabs whose hidden content never runs -------------------------------------------------


def sections(key: str, drawers: dict[str, Callable[[], None]]) -> None:
    """Tabs (label → drawing function) of which only the open one is built and sent.

    The open tab is remembered per session under ``key``; switching tabs reruns the page.
    A page with five forms in tabs thus costs one form per rerun, not five.
    """
    tabs = st.tabs(list(drawers), key=key, on_change="rerun")
    for tab, draw in zip(tabs, drawers.values()):
        if tab.open:
            with tab:
                draw()


# --- errors at the field they concern ------------------------------------------------------


class FieldErrors:
    """Error messages under the fields they concern, so an error shows where the value was typed.

    In a form (``form`` names it) nothing is drawn until there is an error: the message is
    kept for the form and the page reruns once, drawing it under its field; the typed values
    stay in the form. Outside a form (a widget that acts as soon as it changes) each field
    gets a placeholder up front, filled in the same run.
    """

    def __init__(self, t: Translator, form: str | None = None):
        self.t = t
        self._form = form
        self._slots: dict[str, Any] = {}
        self._pending: dict[str, str] = st.session_state.pop(self._state_key, {}) if form else {}

    @property
    def _state_key(self) -> str:
        return f"_field_errors_{self._form}"

    def slot(self, field: str) -> None:
        if self._form is None:
            self._slots[field] = st.empty()
            return
        self._slots[field] = None
        if field in self._pending:
            st.error(self._pending[field], icon=":material/error:")

    def show(self, error: ServiceError) -> None:
        message = describe_error(self.t, error)
        field = error.field or ""
        if self._form is not None and field in self._slots:
            st.session_state[self._state_key] = {field: message}
            st.rerun()
        slot = self._slots.get(field)
        (slot or st).error(message, icon=":material/error:")


def describe_error(t: Translator, error: ServiceError) -> str:
    # Parameters may carry user text (an organisation's name): alerts render markdown.
    # A list parameter holds catalog keys (e.g. the missing LEADER criteria).
    params = {k: plain(", ".join(t(str(x)) for x in v) if isinstance(v, (list, tuple)) else str(v)) for k, v in error.params.items()}
    message = t(error.message_key, **params)
    if error.field:
        return f"{t('field.' + error.field)}: {message}"
    return message


def attempt(
    action: Callable[[], T],
    t: Translator,
    errors: FieldErrors | None = None,
    *,
    passthrough: tuple[type[ServiceError], ...] = (),
) -> T | None:
    """Run a service call; show its business error in Swedish (or English) instead of raising.

    A locked or unreachable database gets its own message and a retry button; errors
    in ``passthrough`` are re-raised for the page to handle (e.g. offer a duplicate).
    """
    try:
        return action()
    except DatabaseUnavailable:
        st.error(t("errors.database_unavailable"), icon=":material/hourglass_top:")
        st.button(t("common.retry"), key=f"retry_{id(action)}")
        return None
    except ServiceError as error:
        if isinstance(error, passthrough):
            raise
        if errors is not None:
            errors.show(error)
        else:
            st.error(describe_error(t, error), icon=":material/error:")
        return None


def succeeds(action: Callable[[], object], t: Translator, errors: FieldErrors | None = None) -> bool:
    """Like :func:`attempt`, for actions that return nothing: ``True`` when it went through."""
    return attempt(lambda: (action(), True)[1], t, errors) is True


# --- forms more than one page uses -------------------------------------------------------


def idea_form(t: Translator, idea, form_key: str) -> tuple[bool, dict, FieldErrors]:
    """The idea's own fields, for its author (my contributions) and for facilitators (moderation).

    Returns whether it was submitted, the typed fields (as the services take them) and the
    error slots under each field.
    """
    from workshop.vocabulary import NEED_CATEGORIES

    errors = FieldErrors(t, form_key)
    with st.form(form_key):
        fields = {"title": st.text_input(t("field.title"), value=idea.title, max_chars=160)}
        errors.slot("title")
        fields["description"] = st.text_area(t("field.description"), value=idea.description, max_chars=4000)
        errors.slot("description")
        fields["locality"] = st.text_input(t("field.locality"), value=idea.locality or "", max_chars=120)
        errors.slot("locality")
        fields["themes"] = st.text_input(t("field.themes"), value=", ".join(idea.themes))
        errors.slot("themes")
        fields["needs"] = {
            category: st.text_input(
                t(f"need.{category}"), value=", ".join(label for c, label in idea.needs if c == category), key=f"{form_key}_need_{category}"
            )
            for category in NEED_CATEGORIES
        }
        errors.slot("needs")
        submitted = st.form_submit_button(t("common.save"), type="primary")
    return submitted, fields, errors


# --- user text is text -------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~:$<&])")


def plain(text: str | None) -> str:
    """User text made safe for ``st.markdown``: no markdown, HTML, links or emoji codes.

    Streamlit would otherwise turn ``[x](javascript:...)`` into a link and ``:red[x]`` into colour.
    """
    if not text:
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def esc(text: object) -> str:
    """User text made safe inside HTML that a page builds."""
    return html.escape("" if text is None else str(text), quote=True)


# --- the network analysis: computed once per change of the process -----------------------
# cache_resource hands every session the same (never mutated) result without copying it;
# the process revision in the key makes a change of the data start a new entry.


@st.cache_data(ttl=1, show_spinner=False)
def process_revision() -> int:
    return workshops.process_revision(get_store())


@st.cache_data(show_spinner=False, max_entries=4)
def _demo_present(revision: int) -> bool:
    from workshop.services import demo_data

    return demo_data.demo_present(get_store())


def cached_demo_present() -> bool:
    """Whether demo data is in the database (one query per change of the process, for everyone)."""
    return _demo_present(process_revision())


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_snapshot(revision: int):
    from workshop.services.network import read_snapshot

    return read_snapshot(get_store())


def _filter(filter_key: tuple):
    from workshop.services.analysis import NetworkFilter

    return NetworkFilter(*filter_key)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_view(revision: int, filter_key: tuple = (None, None, None, None)):
    from workshop.services import analysis

    return analysis.network_view(cached_snapshot(revision), _filter(filter_key))


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_insights(revision: int, filter_key: tuple = (None, None, None, None)):
    from workshop.services import analysis

    return analysis.network_insights(cached_view(revision, filter_key), cached_snapshot(revision))


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_constellations(revision: int):
    from workshop.services import analysis

    return analysis.constellations(cached_view(revision))


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_readiness(revision: int):
    from workshop.services import analysis

    return analysis.readiness(cached_snapshot(revision))


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_map_html(revision: int, filter_key: tuple, color_by: str, size_by: str, highlight: tuple, projector: bool, language: str) -> str:
    from workshop.network import MAP_LABEL_KEYS
    from workshop.services import analysis

    t = Translator(language)
    labels = {key: t(key) for key in MAP_LABEL_KEYS}
    return analysis.map_html(
        cached_view(revision, filter_key), color_by=color_by, size_by=size_by, highlight=frozenset(highlight), projector=projector, labels=labels
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _filter_choices(revision: int):
    from workshop.services import organisations

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

    Returns the process revision, the filter key and the filtered view, all cached.
    """
    scope = network_scope_or_stop(t)
    st.title(t(title_key))
    if scope is not None:
        st.caption(t("network.scope_facilitator"))
    revision = process_revision()
    filter_key = network_filters(t, prefix, scope)
    return revision, filter_key, cached_view(revision, filter_key)


def network_filters(t: Translator, prefix: str, scope: tuple[int, ...] | None = None) -> tuple:
    """The filter widgets every network page shares; returns the filter key.

    ``scope`` fixes the workshops (a facilitator sees their own workshop's part).
    """
    all_workshops, localities, areas = _filter_choices(process_revision())
    with st.expander(t("network.filters"), expanded=False):
        if scope is None:
            chosen = st.multiselect(
                t("network.filter.workshops"),
                [w.id for w in all_workshops],
                format_func={w.id: f"{w.sequence}. {w.title} ({w.date:%Y-%m-%d})" for w in all_workshops}.get,
                key=f"{prefix}_filter_workshops",
            )
        else:
            chosen = list(scope)
        locality = st.selectbox(t("network.filter.locality"), localities, index=None, key=f"{prefix}_filter_locality", placeholder=t("network.filter.all"))
        area = st.selectbox(t("network.filter.leader_area"), areas, index=None, key=f"{prefix}_filter_area", placeholder=t("network.filter.all"))
        up_to = None
        if len(all_workshops) > 1 and scope is None:
            up_to = st.select_slider(
                t("network.filter.up_to_meeting"),
                options=list(range(1, len(all_workshops) + 1)),
                value=len(all_workshops),
                format_func=lambda n: f"{n}. {all_workshops[n - 1].title}",
                key=f"{prefix}_filter_up_to",
            )
            if up_to == len(all_workshops):
                up_to = None
    return (tuple(chosen) or None, locality, area, up_to)
