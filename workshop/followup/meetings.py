"""A workshop's next meeting: when (Stockholm's wall-clock time), how long, where.

One row per workshop (``next_meetings``); setting it again moves the same meeting, so the
calendar file keeps its UID and raises its SEQUENCE and a calendar that imported the first
file updates the entry instead of adding a second one. Audited as ``workshop.next_meeting``;
the roles table's row ``followup`` × ``next_meeting``: the workshop's facilitator or a coordinator.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput
from ..lengths import SHORT_MAX
from ..models import NextMeeting, Workshop
from ..services.access import authorise, record_audit, require_staff
from ..services.rows import get_workshop
from ..validation import clean_int, clean_text

__all__ = ["MeetingView", "set_next_meeting", "next_meeting", "read_next_meeting"]

MIN_MINUTES, MAX_MINUTES = 15, 12 * 60


@dataclass(frozen=True)
class MeetingView:
    """The next meeting of a workshop, with what its calendar file needs."""

    workshop_id: int
    title: str  # the workshop's title
    challenge: str
    starts_at: dt.datetime  # naive, Stockholm's wall clock
    minutes: int
    place: str
    uid: str
    sequence: int
    updated_at: dt.datetime  # UTC, naive

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)


def _view(meeting: NextMeeting, workshop: Workshop) -> MeetingView:
    return MeetingView(
        workshop.id, workshop.title, workshop.challenge, meeting.starts_at, meeting.minutes, meeting.place, meeting.uid, meeting.sequence, meeting.updated_at,
    )


def set_next_meeting(
    store: Store, workshop_id: int, token: Any, *, date: Any, time: Any, minutes: Any = 120, place: Any = "", today: dt.date | None = None,
) -> MeetingView:
    """Set when and where ``workshop_id`` meets next (date and time in Stockholm).

    Raises
    ------
    InvalidInput
        Under ``meeting_date`` (missing, not a date, in the past), ``meeting_time``, ``meeting_minutes`` or ``meeting_place``.
    """
    today = today or dt.date.today()
    if date is None or date == "":
        raise InvalidInput("errors.required", field="meeting_date")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise InvalidInput("errors.invalid", field="meeting_date")
    if date < today:
        raise InvalidInput("followup.errors.meeting_in_past", field="meeting_date")
    if time is None or time == "":
        raise InvalidInput("errors.required", field="meeting_time")
    if not isinstance(time, dt.time):
        raise InvalidInput("errors.invalid", field="meeting_time")
    length = clean_int(minutes, "meeting_minutes", minimum=MIN_MINUTES, maximum=MAX_MINUTES, required=True)
    where = clean_text(place, "meeting_place", max_length=SHORT_MAX, required=False)
    starts_at = dt.datetime.combine(date, time.replace(second=0, microsecond=0, tzinfo=None))
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "followup", "next_meeting", workshop_id=workshop_id)
        workshop = get_workshop(session, workshop_id)
        meeting = session.scalar(select(NextMeeting).where(NextMeeting.workshop_id == workshop.id))
        if meeting is None:
            meeting = NextMeeting(workshop_id=workshop.id, uid=f"{uuid.uuid4()}@projektberedskap", sequence=0)
            session.add(meeting)
        else:
            meeting.sequence += 1
        meeting.starts_at, meeting.minutes, meeting.place = starts_at, length, where
        record_audit(
            session, actor, "workshop.next_meeting", subject_type="workshop", subject_id=workshop.id, subject_label=workshop.title,
            workshop_id=workshop.id, detail={"starts_at": starts_at.isoformat(timespec="minutes")},
        )
        session.flush()
        view = _view(meeting, workshop)
        session.commit()
    return view


def read_next_meeting(session: Session, workshop_id: int) -> MeetingView | None:
    """The workshop's next meeting read in ``session``, or ``None`` (no access check: the caller's)."""
    found = session.execute(select(NextMeeting, Workshop).join(Workshop, Workshop.id == NextMeeting.workshop_id).where(NextMeeting.workshop_id == workshop_id)).first()
    return _view(*found) if found else None


def next_meeting(store: Store, workshop_id: int, token: Any) -> MeetingView | None:
    """The workshop's next meeting, for its staff; ``None`` while none is set."""
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, token)
        return read_next_meeting(session, workshop_id)
