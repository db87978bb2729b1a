"""Rows named by ids that came from outside: checking an id, loading its row, or refusing.

The kernel every service package shares (services, companies, leader, exchange, privacy):
an id from a browser or a file is checked here before it reaches the database, so a wrong
one is "not found" on every path, never a driver error. :data:`UNSET` marks the arguments
a partial update was not given. Bumping the revision counters after a write lives in
:mod:`workshop.services.revisions`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..errors import NotFound, NotYourContribution, ServiceError, SubmissionsClosed, UnknownParticipant, WorkshopNotFound
from ..models import CarriedIdea, Idea, Organisation, Participant, Workshop
from ..security import token_hash

__all__ = [
    "UNSET",
    "is_row_id",
    "check_row_id",
    "check_optional_row_id",
    "get_row",
    "get_workshop",
    "token_key",
    "get_participant",
    "require_open",
    "get_idea",
    "get_idea_on_wall",
    "get_organisation",
    "require_author",
]

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

    Examples
    --------
    >>> [is_row_id(v) for v in (1, 2**31 - 1, 0, 2**31, True, 1.0, "1")]
    [True, True, False, False, False, False, False]
    """
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


def check_row_id(value: Any, field: str | None, message_key: str | None = None, *, not_found: type[ServiceError] = NotFound) -> int:
    """``value`` if it can name a row (see :func:`is_row_id`), else :class:`NotFound` for ``field``.

    For ids a service takes but looks up later, or never (an argument its other choices
    make unused): a wrong one is refused the same way whatever the path.

    Parameters
    ----------
    value : Any
        What came from outside as an id.
    field : str or None
        The form field the error points at.
    message_key : str, optional
        The catalog key of the error's message (the error's own by default).
    not_found : type of ServiceError
        The error to raise.

    Returns
    -------
    int
        ``value`` itself.

    Raises
    ------
    NotFound
        Or ``not_found``, when ``value`` cannot name a row.
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

    Parameters
    ----------
    session : Session
        An open session.
    model : type
        The mapped class.
    row_id : Any
        The id as it came from outside.
    field, message_key, not_found
        As for :func:`check_row_id`.
    lock : bool
        Take the row's lock (``SELECT … FOR UPDATE`` on PostgreSQL).

    Returns
    -------
    M
        The row.

    Raises
    ------
    NotFound
        Or ``not_found``, when there is no such row or ``row_id`` cannot name one.
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
    """Refuse a submission to a workshop whose facilitator has closed submissions.

    Raises
    ------
    SubmissionsClosed
        When ``workshop.submissions_open`` is false.
    """
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
    """The organisation, or the one it was merged into (merges are followed to the survivor).

    Raises
    ------
    NotFound
        When there is no such organisation (message ``errors.organisation_not_found``).
    """
    organisation = get_row(session, Organisation, organisation_id, field=field, message_key="errors.organisation_not_found")
    while organisation.merged_into_id is not None:  # follow merges to the surviving record
        organisation = session.get(Organisation, organisation.merged_into_id)
    return organisation


def require_author(row: Any, participant: Participant) -> None:
    """Refuse a change to a contribution (idea, comment …) by anyone but its author.

    Raises
    ------
    NotYourContribution
        When ``row.author_id`` is not ``participant.id``.
    """
    if row.author_id != participant.id:
        raise NotYourContribution()
