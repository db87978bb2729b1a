"""The revision counters that shared caches are keyed on, bumped after every write.

Every service that writes ends its unit of work with :func:`touch` (a workshop's wall) or
:func:`touch_idea` (every wall that shows an idea). Readers key their caches on the
counters, so a write is seen by the next read and nothing else is re-read.

There is no single row every writer must lock (issue 25). A write bumps the revision of
the workshops whose walls it changed, and only a change no wall shows (an organisation
registered by a coordinator, the thesaurus, the company register) bumps the process's own
counter, ``process_state.revision``. The process revision the network analysis is keyed
on is derived: the sum of every workshop's revision and the process's counter
(:func:`process_revision`). Each commit that bumps anything raises the sum, inside the
transaction, so a reader never sees a new number without the data it stands for; writers
of two workshops never wait for each other. The sum must never come back to a number it
had: whatever deletes or replaces workshops runs inside :func:`renumbered`.

On PostgreSQL every bump also sends ``NOTIFY`` on :data:`CHANGES_CHANNEL` (delivered
when the write commits, never if it rolls back), with the workshop ids as the payload,
or an empty payload for a change no wall shows; :mod:`workshop.services.changes` listens.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import bindparam, func, literal, select, text, update
from sqlalchemy.orm import Session

from ..models import CarriedIdea, Idea, ProcessState, Workshop

__all__ = [
    "CHANGES_CHANNEL",
    "EVERYTHING",
    "bump",
    "bump_everything",
    "process_revision",
    "renumbered",
    "touch",
    "touch_idea",
    "walls_showing",
]

# The PostgreSQL channel a commit's changes are announced on (the payload: workshop ids, comma-separated).
CHANGES_CHANNEL = "projektberedskap_changes"
# The payload of a change every wall may show (an erasure, a restore, the demo emptied).
EVERYTHING = "*"


def touch(session: Session, workshop_id: int | None) -> None:
    """Bump the revision counters that shared caches are keyed on, last thing before the commit.

    Parameters
    ----------
    session : Session
        The unit of work's session; its own rows are flushed first.
    workshop_id : int or None
        The workshop whose wall changed, or ``None`` when only the process's counter moves
        (a change no wall shows).

    Notes
    -----
    Atomic ``revision = revision + 1`` updates, so concurrent writers never lose a bump.
    """
    bump(session, None if workshop_id is None else (workshop_id,))


_workshops, _state = Workshop.__table__, ProcessState.__table__
_BUMP_PROCESS = update(_state).where(_state.c.id == 1).values(revision=_state.c.revision + 1)
_BUMP_WALLS = update(_workshops).where(_workshops.c.id.in_(bindparam("walls", expanding=True))).values(revision=_workshops.c.revision + 1)
# PostgreSQL: the bump and its notification in one round trip (the NOTIFY is sent at commit).
_BUMP_WALLS_AND_NOTIFY = (
    select(func.pg_notify(CHANGES_CHANNEL, func.string_agg(text("bumped.id::text"), ",")))
    .select_from(_BUMP_WALLS.returning(_workshops.c.id).cte("bumped"))
)
_BUMP_PROCESS_AND_NOTIFY = (
    select(func.pg_notify(CHANGES_CHANNEL, literal(""))).select_from(_BUMP_PROCESS.returning(_state.c.id).cte("bumped"))
)
_TOTAL = select(
    func.coalesce(select(func.sum(_workshops.c.revision)).scalar_subquery(), 0)
    + func.coalesce(select(_state.c.revision).where(_state.c.id == 1).scalar_subquery(), 0)
)


def bump(session: Session, walls: tuple[int, ...] | None) -> None:
    """Bump the revision of the walls (workshop ids) given, or the process's counter for ``None``.

    Parameters
    ----------
    session : Session
        The unit of work's session; its own rows are flushed first.
    walls : tuple of int or None
        The workshops whose walls changed; ``None`` (or none) for a change no wall shows.

    Notes
    -----
    A workshop's counter is locked by its own writers only, from the bump to the commit,
    so the unit of work's own rows are flushed first and the bump is the last thing before
    the commit (one round trip on PostgreSQL, the notification included). Writers of
    different workshops never share a row (:func:`process_revision` is derived).
    :func:`touch` and :func:`touch_idea` call it through this module's name, so the load
    test (``benchmarks``) can swap in the earlier ways of bumping to measure them.
    """
    session.flush()
    # Core statements, built once, on the session's connection: no ORM bookkeeping on
    # this hot path (every write passes here); loaded Workshop objects are not read after a touch.
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    if not walls:
        connection.execute(_BUMP_PROCESS_AND_NOTIFY if postgres else _BUMP_PROCESS)
    else:
        connection.execute(_BUMP_WALLS_AND_NOTIFY if postgres else _BUMP_WALLS, {"walls": sorted(walls)})


def bump_everything(session: Session) -> None:
    """Bump every wall's revision and the process's (an erasure: any wall may show the person).

    Parameters
    ----------
    session : Session
        The unit of work's session.
    """
    connection = session.connection()
    connection.execute(update(_workshops).values(revision=_workshops.c.revision + 1))
    connection.execute(_BUMP_PROCESS)
    _notify(connection, EVERYTHING)


def process_revision(session: Session) -> int:
    """A number that changes with every committed write anywhere in the process.

    The sum of every workshop's revision and the process's own counter, read in one
    statement (one snapshot on PostgreSQL), so it is never ahead of the data it stands for.

    Parameters
    ----------
    session : Session
        An open session.

    Returns
    -------
    int
        The process revision.
    """
    return int(session.scalar(_TOTAL) or 0)


@contextmanager
def renumbered(session: Session) -> Iterator[None]:
    """Around a write that deletes or replaces workshops: the process revision still only grows.

    Deleting a workshop takes its revision out of the sum (:func:`process_revision`), which
    could then come back to a number it had, with other data, and a cache keyed on it
    would serve the old data. Every workshop row and the process's counter are locked
    for the write (rare: a restore, the demo removed), and at its end, unless the sum has
    grown anyway (a backup restored as it was, with its own counters), the process's
    counter is set so that the sum is one more than before.

    Parameters
    ----------
    session : Session
        The unit of work's session.
    """
    connection = session.connection()
    connection.execute(select(_workshops.c.id).with_for_update())
    connection.execute(select(_state.c.id).with_for_update())
    before = int(connection.scalar(_TOTAL) or 0)
    yield
    session.flush()
    if int(connection.scalar(_TOTAL) or 0) <= before:
        walls = int(connection.scalar(select(func.coalesce(func.sum(_workshops.c.revision), 0))) or 0)
        if connection.execute(update(_state).where(_state.c.id == 1).values(revision=before + 1 - walls)).rowcount == 0:
            connection.execute(_state.insert().values(id=1, revision=before + 1 - walls))
    _notify(connection, EVERYTHING)


def _notify(connection, payload: str) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_notify(CHANGES_CHANNEL, payload)))


def walls_showing(session: Session, idea: Idea) -> set[int]:
    """The workshops whose wall shows ``idea``: its home and every meeting it was carried to.

    Parameters
    ----------
    session : Session
        An open session.
    idea : Idea
        The idea.

    Returns
    -------
    set of int
        Workshop ids.
    """
    carried = session.scalars(select(CarriedIdea.workshop_id).where(CarriedIdea.idea_id == idea.id))
    return {idea.workshop_id, *carried}


def touch_idea(session: Session, idea: Idea) -> None:
    """Bump the revision of every wall that shows ``idea``.

    Parameters
    ----------
    session : Session
        The unit of work's session.
    idea : Idea
        The idea that changed; see :func:`walls_showing`.
    """
    bump(session, tuple(walls_showing(session, idea)))
