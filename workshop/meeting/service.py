"""A workshop's run of show: its sequence of phases, moving on, and the results moment.

The facilitator prepares the sequence from the template (:mod:`workshop.meeting.template`) or
from another workshop's, edits it (add, remove, reorder, rename, times, the form phones open)
and during the meeting moves on with "Nästa fas"; each phase keeps its actual start and end.
After a voting round is revealed the facilitator can start a results moment, which the wall
and the phones show until it is ended.

Every write bumps the workshop's revision (:func:`workshop.services.revisions.touch`): the
wall and the phones learn of a new phase the way they learn of a new idea.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, NotFound, PhaseAlreadyRun, ResultsNotRevealed, WorkshopNotFound
from ..lengths import TEXT_MAX, TITLE_MAX
from ..models import MeetingPhase, MeetingResults, VotingRound, Workshop, utcnow
from ..services.access import authorise
from ..services.revisions import touch
from ..services.rows import UNSET, check_row_id, get_row, get_workshop
from ..validation import clean_choice, clean_int, clean_text
from .template import FORMS, MINUTES_MAX, PHASES_MAX, template

__all__ = [
    "PhaseView",
    "ResultsMoment",
    "MeetingState",
    "meeting_state",
    "use_template",
    "copy_phases",
    "add_phase",
    "update_phase",
    "remove_phase",
    "move_phase",
    "next_phase",
    "start_results",
    "end_results",
    "sequences_to_copy",
]


@dataclass(frozen=True)
class PhaseView:
    """One phase as the pages show it; times are naive UTC."""

    id: int
    position: int
    kind: str
    title: str
    instruction: str
    minutes: int
    form: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def has_run(self) -> bool:
        return self.started_at is not None


@dataclass(frozen=True)
class ResultsMoment:
    """A results moment on the wall: the revealed round it shows, since when."""

    id: int
    round_id: int
    round_number: int
    started_at: dt.datetime


@dataclass(frozen=True)
class MeetingState:
    """A workshop's sequence, its current phase and whether the wall shows results.

    ``current`` is the running phase (None before the first and after the last);
    ``finished`` says every phase has run; ``results`` is the results moment on the wall,
    None when there is none or its round's dots were hidden again.
    """

    workshop_id: int
    phases: tuple[PhaseView, ...]
    current: PhaseView | None
    finished: bool
    results: ResultsMoment | None

    @property
    def upcoming(self) -> PhaseView | None:
        """The phase "Nästa fas" starts."""
        return next((p for p in self.phases if not p.has_run), None)


def _view(row: MeetingPhase) -> PhaseView:
    return PhaseView(row.id, row.position, row.kind, row.title, row.instruction, row.minutes, row.form, row.started_at, row.ended_at)


def _phases(session: Session, workshop_id: int, *, lock: bool = False) -> list[MeetingPhase]:
    query = select(MeetingPhase).where(MeetingPhase.workshop_id == workshop_id).order_by(MeetingPhase.position, MeetingPhase.id)
    return list(session.scalars(query.with_for_update() if lock else query))


def _state(session: Session, workshop_id: int) -> MeetingState:
    phases = tuple(_view(row) for row in _phases(session, workshop_id))
    current = next((p for p in phases if p.running), None)
    moment = session.execute(
        select(MeetingResults, VotingRound.number)
        .join(VotingRound, VotingRound.id == MeetingResults.round_id)
        .where(MeetingResults.workshop_id == workshop_id, MeetingResults.ended_at.is_(None), VotingRound.results_visible.is_(True))
        .order_by(MeetingResults.id.desc())
        .limit(1)
    ).first()
    results = None if moment is None else ResultsMoment(moment[0].id, moment[0].round_id, moment[1], moment[0].started_at)
    finished = bool(phases) and all(p.has_run for p in phases) and current is None
    return MeetingState(workshop_id, phases, current, finished, results)


def meeting_state(store: Store, workshop_id: int) -> MeetingState:
    """The workshop's run of show as it is now (readers cache it on the workshop's revision).

    Raises
    ------
    WorkshopNotFound
        ``workshop_id`` is not a workshop.
    """
    check_row_id(workshop_id, None, not_found=WorkshopNotFound)
    with store.unit_of_work() as session:
        get_workshop(session, workshop_id)
        return _state(session, workshop_id)


@contextmanager
def _editing(store: Store, workshop_id: int, token: str) -> Iterator[Session]:
    """A writing unit of work for the workshop's facilitator (or a coordinator), the workshop locked."""
    with store.unit_of_work(write=True) as session:
        authorise(session, token, "meeting", "edit", workshop_id=workshop_id)
        get_workshop(session, workshop_id, lock=True)  # two tabs editing: one after the other
        yield session


def _clean_fields(title, instruction, minutes, form) -> dict:
    fields = {}
    if title is not UNSET:
        fields["title"] = clean_text(title, "title", max_length=TITLE_MAX, name=True)
    if instruction is not UNSET:
        fields["instruction"] = clean_text(instruction, "instruction", max_length=TEXT_MAX, required=False)
    if minutes is not UNSET:
        fields["minutes"] = clean_int(minutes, "minutes", minimum=1, maximum=MINUTES_MAX, required=True)
    if form is not UNSET:
        fields["form"] = clean_choice(form, "form", FORMS)
    return fields


def _not_run(phases: list[MeetingPhase]) -> list[MeetingPhase]:
    return [p for p in phases if p.started_at is None]


def _replace_unrun(session: Session, workshop_id: int, phases: list[MeetingPhase], new: list[dict]) -> None:
    """The phases that have not run are replaced by ``new``, after the ones that have."""
    for row in _not_run(phases):
        session.delete(row)
    start = max((p.position for p in phases if p.started_at is not None), default=0)
    for offset, fields in enumerate(new, start=1):
        session.add(MeetingPhase(workshop_id=workshop_id, position=start + offset, **fields))


def use_template(store: Store, workshop_id: int, token: str) -> MeetingState:
    """Give the workshop the template's sequence (phases that have run stay as they ran).

    Raises
    ------
    NotSignedIn, NotAllowed
        Only the workshop's facilitator or a coordinator edits its run of show.
    """
    with _editing(store, workshop_id, token) as session:
        new = [dict(kind=p.kind, title=p.title, instruction=p.instruction, minutes=p.minutes, form=p.form) for p in template()]
        _replace_unrun(session, workshop_id, _phases(session, workshop_id, lock=True), new)
        touch(session, workshop_id)
        session.commit()
        return _state(session, workshop_id)


def copy_phases(store: Store, workshop_id: int, token: str, from_workshop_id: int) -> MeetingState:
    """Reuse another workshop's sequence: its phases, without their times, replace the ones
    of this workshop that have not run.

    Raises
    ------
    NotFound
        ``from_workshop_id`` is no workshop, or it has no phases to copy.
    """
    with _editing(store, workshop_id, token) as session:
        source = get_row(session, Workshop, from_workshop_id, field="from_workshop", message_key="errors.no_phases_to_copy")
        new = [dict(kind=p.kind, title=p.title, instruction=p.instruction, minutes=p.minutes, form=p.form) for p in _phases(session, source.id)]
        if not new or source.id == workshop_id:
            raise NotFound("errors.no_phases_to_copy", field="from_workshop")
        _replace_unrun(session, workshop_id, _phases(session, workshop_id, lock=True), new)
        touch(session, workshop_id)
        session.commit()
        return _state(session, workshop_id)


def add_phase(store: Store, workshop_id: int, token: str, *, title: str, instruction: str = "", minutes: int = 10, form: str = "none") -> PhaseView:
    """Add a phase at the end of the sequence.

    Raises
    ------
    InvalidInput
        A missing or long title, a time box outside 1..240 minutes, an unknown form, or a
        sequence of 30 phases already.
    """
    fields = _clean_fields(title, instruction, minutes, form)
    with _editing(store, workshop_id, token) as session:
        phases = _phases(session, workshop_id, lock=True)
        if len(phases) >= PHASES_MAX:
            raise InvalidInput("errors.too_many_phases", field="title", max=PHASES_MAX)
        row = MeetingPhase(workshop_id=workshop_id, position=max((p.position for p in phases), default=0) + 1, kind="custom", **fields)
        session.add(row)
        touch(session, workshop_id)
        session.commit()
        return _view(row)


def _phase(session: Session, workshop_id: int, phase_id: int) -> MeetingPhase:
    row = get_row(session, MeetingPhase, phase_id, field="phase", lock=True)
    if row.workshop_id != workshop_id:
        raise NotFound(field="phase")
    return row


def update_phase(store: Store, workshop_id: int, token: str, phase_id: int, *, title=UNSET, instruction=UNSET, minutes=UNSET, form=UNSET) -> PhaseView:
    """Change the fields given; the others keep what they hold (a phase that has run too:
    more time for the running phase moves its countdown)."""
    fields = _clean_fields(title, instruction, minutes, form)
    with _editing(store, workshop_id, token) as session:
        row = _phase(session, workshop_id, phase_id)
        for name, value in fields.items():
            setattr(row, name, value)
        touch(session, workshop_id)
        session.commit()
        return _view(row)


def remove_phase(store: Store, workshop_id: int, token: str, phase_id: int) -> None:
    """Remove a phase that has not run.

    Raises
    ------
    PhaseAlreadyRun
        The phase has started: it stays, with its times, for the report.
    """
    with _editing(store, workshop_id, token) as session:
        row = _phase(session, workshop_id, phase_id)
        if row.started_at is not None:
            raise PhaseAlreadyRun(field="phase")
        session.delete(row)
        touch(session, workshop_id)
        session.commit()


def move_phase(store: Store, workshop_id: int, token: str, phase_id: int, step: int) -> MeetingState:
    """Move a phase that has not run one place earlier (``step=-1``) or later (``step=1``).

    A phase never moves before one that has run: the order that ran is the meeting's history.
    At either end of the sequence nothing moves.
    """
    step = clean_int(step, "step", minimum=-1, maximum=1, required=True)
    with _editing(store, workshop_id, token) as session:
        row = _phase(session, workshop_id, phase_id)
        phases = _phases(session, workshop_id, lock=True)
        index = next(i for i, p in enumerate(phases) if p.id == row.id)
        other = index + step
        if row.started_at is not None or (0 <= other < len(phases) and phases[other].started_at is not None):
            raise PhaseAlreadyRun(field="phase")
        if step and 0 <= other < len(phases):
            phases[index], phases[other] = phases[other], phases[index]
            for position, phase in enumerate(phases, start=1):
                phase.position = position
            touch(session, workshop_id)
        session.commit()
        return _state(session, workshop_id)


def next_phase(store: Store, workshop_id: int, token: str, *, seen: int | None) -> MeetingState:
    """"Nästa fas": end the running phase and start the next one that has not run.

    Parameters
    ----------
    seen : int or None
        The phase the facilitator saw as the running one (None: none was running). When the
        meeting has moved on since (a double click, a second tab), nothing happens: one click
        never skips a phase.

    Returns
    -------
    MeetingState
        After the move; ``current`` is None once the last phase has ended.

    Raises
    ------
    NotFound
        The workshop has no phases yet.
    """
    if seen is not None:
        check_row_id(seen, "phase")
    with store.unit_of_work(write=True) as session:
        authorise(session, token, "meeting", "advance", workshop_id=workshop_id)
        get_workshop(session, workshop_id, lock=True)
        phases = _phases(session, workshop_id, lock=True)
        if not phases:
            raise NotFound("errors.no_phases", field="phase")
        running = next((p for p in phases if p.started_at is not None and p.ended_at is None), None)
        if (running.id if running else None) != seen:
            return _state(session, workshop_id)  # moved on already: this click was the same one
        now = utcnow()
        if running is not None:
            running.ended_at = now
        upcoming = next((p for p in phases if p.started_at is None), None)
        if upcoming is not None:
            upcoming.started_at = now
        touch(session, workshop_id)
        session.commit()
        return _state(session, workshop_id)


def start_results(store: Store, workshop_id: int, token: str, round_id: int) -> ResultsMoment:
    """Put a revealed voting round's results on the wall and the phones.

    A second press while the same round is shown changes nothing; another round replaces it.

    Raises
    ------
    ResultsNotRevealed
        The round's dots are not revealed.
    """
    with store.unit_of_work(write=True) as session:
        authorise(session, token, "meeting", "results", workshop_id=workshop_id)
        get_workshop(session, workshop_id, lock=True)
        voting_round = get_row(session, VotingRound, round_id, field="round")
        if voting_round.workshop_id != workshop_id:
            raise NotFound(field="round")
        if not voting_round.results_visible:
            raise ResultsNotRevealed(field="round")
        shown = _state(session, workshop_id).results
        if shown is not None and shown.round_id == voting_round.id:
            return shown
        now = utcnow()
        session.execute(update(MeetingResults).where(MeetingResults.workshop_id == workshop_id, MeetingResults.ended_at.is_(None)).values(ended_at=now))
        moment = MeetingResults(workshop_id=workshop_id, round_id=voting_round.id, started_at=now)
        session.add(moment)
        touch(session, workshop_id)
        session.commit()
        return ResultsMoment(moment.id, voting_round.id, voting_round.number, moment.started_at)


def end_results(store: Store, workshop_id: int, token: str) -> None:
    """Take the results off the wall: it shows the ideas again. Nothing shown: nothing happens."""
    with store.unit_of_work(write=True) as session:
        authorise(session, token, "meeting", "results", workshop_id=workshop_id)
        get_workshop(session, workshop_id, lock=True)
        ended = session.execute(
            update(MeetingResults).where(MeetingResults.workshop_id == workshop_id, MeetingResults.ended_at.is_(None)).values(ended_at=utcnow())
        ).rowcount
        if ended:
            touch(session, workshop_id)
        session.commit()


def sequences_to_copy(store: Store, workshop_id: int) -> tuple[tuple[int, str, dt.date, int], ...]:
    """The other workshops that have a sequence to reuse: (id, title, date, phases), newest first."""
    with store.unit_of_work() as session:
        rows = session.execute(
            select(Workshop.id, Workshop.title, Workshop.date, func.count(MeetingPhase.id))
            .join(MeetingPhase, MeetingPhase.workshop_id == Workshop.id)
            .where(Workshop.id != workshop_id)
            .group_by(Workshop.id, Workshop.title, Workshop.date)
            .order_by(Workshop.date.desc(), Workshop.id.desc())
        ).all()
        return tuple((r[0], r[1], r[2], int(r[3])) for r in rows)
