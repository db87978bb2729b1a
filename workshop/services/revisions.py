"""The revision counters that shared caches are keyed on, bumped after every write.

Every service that writes ends its unit of work with :func:`touch` (a workshop's wall and
the process) or :func:`touch_idea` (every wall that shows an idea). Readers key their
caches on the counters, so a write is seen by the next read and nothing else is re-read.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..models import CarriedIdea, Idea, ProcessState, Workshop

__all__ = ["bump", "touch", "touch_idea", "walls_showing"]


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
# PostgreSQL: both counters in one statement (the process's in a data-modifying CTE).
_BUMP_WALLS_AND_PROCESS = _BUMP_WALLS.add_cte(_BUMP_PROCESS.returning(_state.c.id).cte("bump_process"))


def bump(session: Session, walls: tuple[int, ...] | None) -> None:
    """Bump the process's counter and, where ``walls`` (workshop ids) are given, those walls'.

    Parameters
    ----------
    session : Session
        The unit of work's session; its own rows are flushed first.
    walls : tuple of int or None
        The workshops whose walls changed; ``None`` for the process's counter alone.

    Notes
    -----

    The counters are the hottest rows there are: every writer of a workshop bumps the same
    one and holds its lock until the commit, so writers queue on it. Hence the unit of
    work's own rows are flushed first and the bump is the last thing before the commit;
    on PostgreSQL the two counters go in one statement (the process's in a data-modifying
    CTE, which PostgreSQL runs after the main update: walls first, then the process, the
    lock order there always was), so the lock covers one round trip and the commit.
    :func:`touch` and :func:`touch_idea` call it through this module's name, so the load
    test (``benchmarks``) can swap in the earlier ways of bumping to measure them.
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
    """Bump the revision of every wall that shows ``idea`` (and the process's, once).

    Parameters
    ----------
    session : Session
        The unit of work's session.
    idea : Idea
        The idea that changed; see :func:`walls_showing`.
    """
    bump(session, tuple(walls_showing(session, idea)))
