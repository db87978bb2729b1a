"""Who this browser is: a participant (by cookie), a facilitator or a coordinator (by a
server-side session whose token the cookie holds), and the guards that stop a page for anyone else."""

from __future__ import annotations

import streamlit as st

from ui.cookies import PARTICIPANT_COOKIE, STAFF_COOKIE, STAFF_COOKIE_MAX_AGE, cookie, set_cookie
from ui.forms import forget_submitted
from ui.store import get_store
from workshop.i18n import Translator
from workshop.services import access, participants

__all__ = [
    "COORDINATE",
    "FACILITATE",
    "START",
    "coordinator_or_stop",
    "current_participant",
    "current_staff",
    "facilitated_workshop",
    "facilitated_workshop_or_stop",
    "facilitator_token",
    "forget_participant",
    "lead_workshop",
    "participant_or_stop",
    "remember_participant",
    "remember_staff",
    "sign_out_staff",
    "staff_token",
    "stop_for_others",
]

# The workshop a coordinator chose to lead from the facilitator pages.
COORDINATOR_WORKSHOP = "coordinator_workshop"


# --- participants -------------------------------------------------------------------------


def remember_participant(token: str) -> None:
    st.session_state["participant_token"] = token
    set_cookie(PARTICIPANT_COOKIE, token)


@st.cache_data(ttl=5, show_spinner=False, max_entries=2048)
def _identify(token: str) -> participants.ParticipantIdentity | None:
    # Shared and short-lived: every rerun of every page asks, and the answer only changes
    # when a facilitator merges organisations.
    return participants.identify(get_store(), token)


def current_participant() -> participants.ParticipantIdentity | None:
    """The participant this browser joined as: kept across reloads and tabs by a cookie."""
    token = st.session_state.get("participant_token") or cookie(PARTICIPANT_COOKIE)
    if not token:
        return None
    identity = _identify(token)
    if identity is not None:
        st.session_state["participant_token"] = token
    return identity


def forget_participant() -> None:
    st.session_state.pop("participant_token", None)
    forget_submitted()  # the next person at this device: their first press is theirs
    _identify.clear()
    set_cookie(PARTICIPANT_COOKIE, "", max_age=0)


# Where each guard sends someone who may not see the page: (page, menu title, icon).
START = ("pages/home.py", "nav.start", ":material/login:")
FACILITATE = ("pages/facilitate.py", "nav.facilitate", ":material/co_present:")
COORDINATE = ("pages/coordinator.py", "nav.coordinator", ":material/admin_panel_settings:")


def stop_for_others(t: Translator, message_key: str, target: tuple[str, str, str]) -> None:
    """Say in the UI language whom the page is for, link to where to start, and stop the page."""
    st.warning(t(message_key))
    page, title, icon = target
    st.page_link(page, label=t(title), icon=icon)
    st.stop()


def participant_or_stop(t: Translator) -> participants.ParticipantIdentity:
    """The participant of this browser; a page for participants stops here for anyone else."""
    me = current_participant()
    if me is None:
        stop_for_others(t, "common.join_first", START)
    return me


# --- coordinators and facilitators ----------------------------------------------------------


def remember_staff(token: str) -> None:
    """Sign this browser in as the coordinator or facilitator whose session ``token`` is."""
    st.session_state["staff_token"] = token
    st.session_state.pop(COORDINATOR_WORKSHOP, None)
    set_cookie(STAFF_COOKIE, token, max_age=STAFF_COOKIE_MAX_AGE)


def staff_token() -> str | None:
    """The signed-in coordinator's or facilitator's session token, for service calls."""
    return st.session_state.get("staff_token") or cookie(STAFF_COOKIE)


# Facilitator pages pass this token to the services: a coordinator's works for every workshop.
facilitator_token = staff_token


@st.cache_data(ttl=5, show_spinner=False, max_entries=256)
def _staff(token: str) -> access.Actor | None:
    # Shared and short-lived: the server ends a session (sign-out elsewhere, a re-issued key,
    # inactivity) and within five seconds every server's pages refuse it.
    return access.staff_actor(get_store(), token)


def current_staff() -> access.Actor | None:
    """The coordinator or facilitator this browser is signed in as, or ``None``."""
    token = staff_token()
    if not token:
        return None
    actor = _staff(token)
    if actor is None:
        st.session_state.pop("staff_token", None)
    else:
        st.session_state["staff_token"] = token
    return actor


def sign_out_staff() -> None:
    """End the session on the server (a copied cookie opens nothing after this) and forget it here."""
    token = staff_token()
    if token:
        access.end_staff_session(get_store(), token)
    _staff.clear()
    st.session_state.pop("staff_token", None)
    st.session_state.pop(COORDINATOR_WORKSHOP, None)
    forget_submitted()
    set_cookie(STAFF_COOKIE, "", max_age=0)


def lead_workshop(workshop_id: int | None) -> None:
    """A coordinator opens (or leaves) one workshop's facilitator pages."""
    if workshop_id is None:
        st.session_state.pop(COORDINATOR_WORKSHOP, None)
    else:
        st.session_state[COORDINATOR_WORKSHOP] = workshop_id


def facilitated_workshop() -> int | None:
    """The workshop this browser leads: a facilitator's own, or the one a coordinator opened."""
    actor = current_staff()
    if actor is None:
        return None
    if actor.role == "facilitator":
        return actor.workshop_id
    return st.session_state.get(COORDINATOR_WORKSHOP)


def facilitated_workshop_or_stop(t: Translator) -> int:
    """The workshop this browser leads; a facilitator page stops here for anyone else."""
    workshop_id = facilitated_workshop()
    if workshop_id is None:
        actor = current_staff()
        if actor is not None and actor.is_coordinator:
            stop_for_others(t, "common.pick_workshop_first", COORDINATE)
        stop_for_others(t, "common.facilitators_only", FACILITATE)
    return workshop_id


def coordinator_or_stop(t: Translator) -> access.Actor:
    """The signed-in coordinator; a coordinator page stops here for anyone else."""
    actor = current_staff()
    if actor is None or not actor.is_coordinator:
        stop_for_others(t, "common.coordinators_only", COORDINATE)
    return actor
