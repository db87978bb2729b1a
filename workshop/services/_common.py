"""Helpers the service modules share: loading rows, identity checks, revisions."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..errors import NotFound, NotYourContribution, ServiceError, SubmissionsClosed, UnknownParticipant, WorkshopNotFound
from ..models import CarriedIdea, Idea, Organisation, Participant, ProcessState, Workshop
from ..security import token_hash

M = TypeVar("M")


class _Unset:
    """The default of a partial update's arguments: "not given", so the field is left as it is."""

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


# A partial update changes only the fields it is given; ``None`` or "" clears one that is given.
UNSET: Any = _Unset()


def is_row_id(value: Any) -> bool:
    """Whether ``value`` can name a row: a whole number in PostgreSQL's ``integer`` range.

    Anything else (text, lists, floats, booleans, huge numbers) would reach the database and
    come back as a driver error instead of "not found".
    """
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


def check_row_id(value: Any, field: str | None, message_key: str | None = None, *, not_found: type[ServiceError] = NotFound) -> int:
    """``value`` if it can name a row (see :func:`is_row_id`), else :class:`NotFound` for ``field``.

    For ids a service takes but looks up later, or never (an argument its other choices
    make unused): a wrong one is refused the same way whatever the path.
    """
    if not is_row_id(value):
        raise not_found(message_key, field=field)
    return value


def check_optional_row_id(value: Any, field: str, message_key: str | None = None) -> int | None:
    """Like :func:`check_row_id`, with ``None`` for "none chosen"."""
    return None if value is None else check_row_id(value, field, message_key)


def get_row(
    session: Session,
    model: type[M],
    row_id: Any,
    *,
    field: str | None,
    message_key: str | None = None,
    lock: bool = False,
    not_found: type[ServiceError] = NotFound,
) -> M:
    """The ``model`` row with id ``row_id``, or ``not_found(message_key, field=field)``.

    Every lookup by an id that came from outside goes through here: text, lists, floats,
    booleans or numbers beyond ``integer`` never reach the database (where they would be
    a driver's ``OverflowError`` or be read as another id); they are simply not found.
    ``lock`` takes the row's lock (on PostgreSQL) for a check followed by a write.
    """
    row = session.get(model, row_id, with_for_update=lock) if is_row_id(row_id) else None
    if row is None:
        raise not_found(message_key, field=field)
    return row


def get_workshop(session: Session, workshop_id: int, *, lock: bool = False) -> Workshop:
    """The workshop; ``lock`` serialises a facilitator's writes that number or de-duplicate rows."""
    return get_row(session, Workshop, workshop_id, field=None, lock=lock, not_found=WorkshopNotFound)


def token_key(token: Any) -> str | None:
    """What a browser's token is stored as (its hash), or ``None`` when it cannot be a token.

    Only non-empty text is a token; a list or bytes is not hashed in its printed form.
    """
    if not isinstance(token, str) or not token:
        return None
    return token_hash(token)


# Statements on every write's path, built once with bound parameters: building a
# statement and its cache key costs more CPU than SQLite takes to run it, and all the
# writers of a process share one interpreter (see docs/benchmarks.md, concurrent writers).
_PARTICIPANT_BY_TOKEN = select(Participant).where(Participant.token_hash == bindparam("token_hash"))
_PARTICIPANT_BY_TOKEN_LOCKED = _PARTICIPANT_BY_TOKEN.with_for_update()


def get_participant(session: Session, token: str, *, lock: bool = False) -> Participant:
    """The participant whose browser holds ``token``; ``lock`` serialises their writes (votes)."""
    key = token_key(token)
    if key is None:
        raise UnknownParticipant()
    query = _PARTICIPANT_BY_TOKEN_LOCKED if lock else _PARTICIPANT_BY_TOKEN
    participant = session.scalar(query, {"token_hash": key})
    if participant is None:
        raise UnknownParticipant()
    return participant


def require_open(workshop: Workshop) -> None:
    if not workshop.submissions_open:
        raise SubmissionsClosed()


def get_idea(session: Session, idea_id: int, *, lock: bool = False) -> Idea:
    """The idea (not merged away); ``lock`` serialises writes that check-then-insert under it."""
    idea = get_row(session, Idea, idea_id, field="idea", message_key="errors.idea_not_found", lock=lock)
    if idea.merged_into_id is not None:
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
    organisation = get_row(session, Organisation, organisation_id, field=field, message_key="errors.organisation_not_found")
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
    _bump(session, None if workshop_id is None else (workshop_id,))


_workshops, _state = Workshop.__table__, ProcessState.__table__
_BUMP_PROCESS = update(_state).where(_state.c.id == 1).values(revision=_state.c.revision + 1)
_BUMP_WALLS = update(_workshops).where(_workshops.c.id.in_(bindparam("walls", expanding=True))).values(revision=_workshops.c.revision + 1)
# PostgreSQL: both counters in one statement (the process's in a data-modifying CTE).
_BUMP_WALLS_AND_PROCESS = _BUMP_WALLS.add_cte(_BUMP_PROCESS.returning(_state.c.id).cte("bump_process"))


def _bump(session: Session, walls: tuple[int, ...] | None) -> None:
    """Bump the process's counter and, where ``walls`` (workshop ids) are given, those walls'.

    The counters are the hottest rows there are: every writer of a workshop bumps the same
    one and holds its lock until the commit, so writers queue on it. Hence the unit of
    work's own rows are flushed first and the bump is the last thing before the commit;
    on PostgreSQL the two counters go in one statement (the process's in a data-modifying
    CTE, which PostgreSQL runs after the main update: walls first, then the process, the
    lock order there always was), so the lock covers one round trip and the commit.
    """
    session.flush()
    # Core statements, built once, on the session's connection: no ORM bookkeeping on
    # this hot path (every write passes here); loaded Workshop objects are not read after a touch.
    connection = session.connection()
    if walls is None:
        connection.execute(_BUMP_PROCESS)
    elif connection.dialect.name == "postgresql":
        connection.execute(_BUMP_WALLS_AND_PROCESS, {"walls": sorted(walls)})
    else:
        connection.execute(_BUMP_WALLS, {"walls": sorted(walls)})
        connection.execute(_BUMP_PROCESS)


def walls_showing(session: Session, idea: Idea) -> set[int]:
    """The workshops whose wall shows ``idea``: its home and every meeting it was carried to."""
    carried = session.scalars(select(CarriedIdea.workshop_id).where(CarriedIdea.idea_id == idea.id))
    return {idea.workshop_id, *carried}


def touch_idea(session: Session, idea: Idea) -> None:
    """Bump the revision of every wall that shows ``idea`` (and the process's, once)."""
    _bump(session, tuple(walls_showing(session, idea)))
