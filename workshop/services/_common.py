"""Helpers the service modules share: loading rows, identity checks, revisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..errors import NotFound, NotYourContribution, SubmissionsClosed, UnknownParticipant, WorkshopNotFound
from ..models import CarriedIdea, Idea, Organisation, Participant, ProcessState, Workshop
from ..security import token_hash


def is_row_id(value: Any) -> bool:
    """Whether ``value`` can name a row: a whole number in PostgreSQL's ``integer`` range.

    Anything else (text, lists, floats, booleans, huge numbers) would reach the database and
    come back as a driver error instead of "not found".
    """
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


def get_workshop(session: Session, workshop_id: int, *, lock: bool = False) -> Workshop:
    """The workshop; ``lock`` serialises a facilitator's writes that number or de-duplicate rows."""
    if not is_row_id(workshop_id):
        raise WorkshopNotFound()
    workshop = session.get(Workshop, workshop_id, with_for_update=lock)
    if workshop is None:
        raise WorkshopNotFound()
    return workshop


def get_participant(session: Session, token: str, *, lock: bool = False) -> Participant:
    """The participant whose browser holds ``token``; ``lock`` serialises their writes (votes)."""
    query = select(Participant).where(Participant.token_hash == token_hash(token or ""))
    if lock:
        query = query.with_for_update()
    participant = session.scalar(query)
    if participant is None:
        raise UnknownParticipant()
    return participant


def require_open(workshop: Workshop) -> None:
    if not workshop.submissions_open:
        raise SubmissionsClosed()


def get_idea(session: Session, idea_id: int, *, lock: bool = False) -> Idea:
    """The idea (not merged away); ``lock`` serialises writes that check-then-insert under it."""
    if not is_row_id(idea_id):
        raise NotFound("errors.idea_not_found", field="idea")
    idea = session.get(Idea, idea_id, with_for_update=lock)
    if idea is None or idea.merged_into_id is not None:
        raise NotFound("errors.idea_not_found", field="idea")
    return idea


def get_idea_on_wall(session: Session, workshop_id: int, idea_id: int, *, lock: bool = False) -> Idea:
    """An idea brought to ``workshop_id`` or carried forward to it; no other workshop's."""
    idea = get_idea(session, idea_id, lock=lock)
    if idea.workshop_id != workshop_id:
        carried = session.scalar(select(CarriedIdea.id).where(CarriedIdea.workshop_id == workshop_id, CarriedIdea.idea_id == idea_id))
        if carried is None:
            raise NotFound("errors.idea_not_found", field="idea")
    return idea


def get_organisation(session: Session, organisation_id: int, *, field: str = "organisation") -> Organisation:
    if not is_row_id(organisation_id):
        raise NotFound("errors.organisation_not_found", field=field)
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound("errors.organisation_not_found", field=field)
    while organisation.merged_into_id is not None:  # follow merges to the surviving record
        organisation = session.get(Organisation, organisation.merged_into_id)
    return organisation


def require_author(row: Any, participant: Participant) -> None:
    if row.author_id != participant.id:
        raise NotYourContribution()


def touch(session: Session, workshop_id: int | None) -> None:
    """Bump the revision counters that shared caches are keyed on.

    Atomic ``revision = revision + 1`` updates, so concurrent writers never lose a bump.
    """
    # Core statements on the session's connection: no ORM bookkeeping on this hot path
    # (every write passes here); loaded Workshop objects are not read after a touch.
    connection = session.connection()
    workshops, state = Workshop.__table__, ProcessState.__table__
    if workshop_id is not None:
        connection.execute(update(workshops).where(workshops.c.id == workshop_id).values(revision=workshops.c.revision + 1))
    connection.execute(update(state).where(state.c.id == 1).values(revision=state.c.revision + 1))


def walls_showing(session: Session, idea: Idea) -> set[int]:
    """The workshops whose wall shows ``idea``: its home and every meeting it was carried to."""
    carried = session.scalars(select(CarriedIdea.workshop_id).where(CarriedIdea.idea_id == idea.id))
    return {idea.workshop_id, *carried}


def touch_idea(session: Session, idea: Idea) -> None:
    """Bump the revision of every wall that shows ``idea`` (and the process's, once)."""
    workshops = Workshop.__table__
    shown = walls_showing(session, idea)
    session.connection().execute(update(workshops).where(workshops.c.id.in_(shown)).values(revision=workshops.c.revision + 1))
    touch(session, None)
