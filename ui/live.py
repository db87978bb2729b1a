"""What the live views share: the walls, the workshop's facts and its votes, cached per revision.

Every open session asks for the revision at most once a second (on PostgreSQL only when a
change is announced), and all sessions share the answer; the wall itself is read once per
change, whatever the number of viewers.
"""

from __future__ import annotations

import streamlit as st

from ui.store import change_listener, get_store
from workshop.services.changes import NOTIFIED_TTL
from workshop.services import views, voting, workshops

__all__ = ["cached_info", "cached_public_votes", "cached_wall", "current_wall", "live_wall", "workshop_revision"]


@st.cache_data(ttl=1, show_spinner=False, max_entries=256)
def _polled_revision(workshop_id: int) -> int:
    return workshops.workshop_revision(get_store(), workshop_id)


@st.cache_data(ttl=NOTIFIED_TTL, show_spinner=False, max_entries=256)
def _notified_revision(workshop_id: int, generation: int) -> int:
    return workshops.workshop_revision(get_store(), workshop_id)


def workshop_revision(workshop_id: int) -> int:
    """The workshop's revision, what its caches are keyed on: on PostgreSQL read again as soon
    as a change of its wall is announced, on any server (and not otherwise); on SQLite, or
    while the listener is away, as of at most a second ago."""
    listener = change_listener()
    generation = None if listener is None else listener.generation(workshop_id)
    if generation is None:
        return _polled_revision(workshop_id)
    return _notified_revision(workshop_id, generation)


def _read_revisions_again() -> None:
    _polled_revision.clear()
    _notified_revision.clear()


# As when it was one cached function: whoever needs the newest revision at once clears it.
workshop_revision.clear = _read_revisions_again  # type: ignore[attr-defined]


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
