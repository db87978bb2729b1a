"""An idea's next step: what, by when, who does it, and the organisation that owns the idea.

Every change is a new row of ``next_steps`` (the newest is the step in force), audited as
``idea.next_step``: the history of how an idea moved between meetings is never overwritten.
A partial update: a field not given keeps the value of the step in force; a given ``None`` (or
empty text) clears it. The owner is the idea's own ``owner_organisation_id`` (the one the LEADER
card and check read), so changing it here is also audited as ``idea.leader_details``.

Who may: the roles table's row ``followup`` × ``next_step``: the facilitator of the idea's home
meeting, or a coordinator (the step belongs to the idea's record, shared by every wall that
shows it, like its stage).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, NotFound
from ..lengths import NAME_MAX, SHORT_MAX
from ..models import NextStep, Organisation, Participant, Person
from ..services.access import authorise, record_audit, require_staff
from ..services.revisions import touch_idea, walls_showing
from ..services.roles import require
from ..services.rows import UNSET, check_optional_row_id, check_row_id, get_idea_on_wall, get_organisation
from ..validation import clean_choice, clean_text

__all__ = ["ASSIGNEE_KINDS", "StepView", "set_next_step", "step_history", "current_steps", "idea_steps"]

#: Who does a step: a participant of a meeting the idea is on, an organisation, or a free text.
ASSIGNEE_KINDS = ("participant", "organisation", "text")
# Further ahead than this is a typing error (2207 for 2027), not a plan.
_LONGEST_PLAN = dt.timedelta(days=5 * 366)


@dataclass(frozen=True)
class StepView:
    """One version of an idea's next step, as people read it."""

    idea_id: int
    what: str
    due_date: dt.date | None
    assignee_kind: str | None  # one of ASSIGNEE_KINDS, None: nobody named
    assignee_id: int | None  # the participant's or organisation's id
    assignee: str  # the name shown (a participant's name, an organisation's, or the text)
    owner_id: int | None
    owner: str
    set_by: str
    set_at: dt.datetime


def _clean_due(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput("errors.invalid", field="step_due")
    return value


def _check_new_due(value: dt.date | None, today: dt.date) -> None:
    # Only a date being set is checked: a step that became overdue keeps its date when
    # another of its fields is saved (the form sends the date it shows).
    if value is None:
        return
    if value < today:
        raise InvalidInput("followup.errors.due_in_past", field="step_due")
    if value > today + _LONGEST_PLAN:
        raise InvalidInput("followup.errors.due_too_far", field="step_due")


def _clean_assignee(value: Any) -> tuple[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise InvalidInput("errors.invalid", field="step_assignee")
    kind = clean_choice(value[0], "step_assignee", ASSIGNEE_KINDS)
    if kind == "text":
        text = clean_text(value[1], "step_assignee", max_length=NAME_MAX, required=False, name=True)
        if not text:
            raise InvalidInput("followup.errors.choose_assignee", field="step_assignee")
        return kind, text
    if value[1] is None:  # "a participant" (or organisation) ticked, nobody picked
        raise InvalidInput("followup.errors.choose_assignee", field="step_assignee")
    return kind, check_row_id(value[1], "step_assignee", "followup.errors.assignee_not_found")


def _current(session: Session, idea_id: int) -> NextStep | None:
    return session.scalar(select(NextStep).where(NextStep.idea_id == idea_id).order_by(NextStep.set_at.desc(), NextStep.id.desc()).limit(1))


def set_next_step(
    store: Store,
    workshop_id: int,
    token: Any,
    idea_id: int,
    *,
    what: Any = UNSET,
    due_date: Any = UNSET,
    assignee: Any = UNSET,
    owner_organisation_id: Any = UNSET,
    today: dt.date | None = None,
) -> StepView:
    """Set (part of) an idea's next step; a new version is kept, the earlier ones stay.

    Parameters
    ----------
    store : Store
    workshop_id : int
        The workshop acted in (a facilitator's own; a coordinator passes the idea's home).
    token : str or SYSTEM
        The staff session.
    idea_id : int
    what : str, optional
        What is to be done (required once: a step without it is refused).
    due_date : datetime.date or None, optional
        By when; a new date not before ``today`` nor more than five years ahead (the date the
        step already has passes as it is, so an overdue step can still be edited).
    assignee : tuple or None, optional
        ``("participant", id)``, ``("organisation", id)`` or ``("text", "Kalle på Bruket")``.
    owner_organisation_id : int or None, optional
        The organisation that owns the idea (never a private person).
    today : datetime.date, optional
        For the due date's check; defaults to today.

    Returns
    -------
    StepView
        The step now in force.

    Raises
    ------
    InvalidInput
        A field the page shows the message under: ``step_what``, ``step_due``, ``step_assignee``, ``owner``.
    NotAllowed, NotSignedIn, NotFound
        As the roles table and the rows say.
    """
    today = today or dt.date.today()
    given: dict[str, Any] = {}
    if what is not UNSET:
        given["what"] = clean_text(what, "step_what", max_length=SHORT_MAX, required=False)
    if due_date is not UNSET:
        given["due_date"] = _clean_due(due_date)
    if assignee is not UNSET:
        given["assignee"] = _clean_assignee(assignee)
    if owner_organisation_id is not UNSET:
        given["owner"] = check_optional_row_id(owner_organisation_id, "owner", "errors.organisation_not_found")
    check_row_id(idea_id, "idea", "errors.idea_not_found")
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "followup", "next_step", workshop_id=workshop_id)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        require(actor, "followup", "next_step", workshop_id=workshop_id, subject_workshop_id=idea.workshop_id)
        previous = _current(session, idea.id)
        row = NextStep(
            idea_id=idea.id,
            workshop_id=idea.workshop_id,
            what=previous.what if previous else "",
            due_date=previous.due_date if previous else None,
            assignee_participant_id=previous.assignee_participant_id if previous else None,
            assignee_organisation_id=previous.assignee_organisation_id if previous else None,
            assignee_text=previous.assignee_text if previous else "",
            owner_organisation_id=idea.owner_organisation_id,
            set_by=actor.name[:NAME_MAX],
        )
        if "what" in given:
            row.what = given["what"]
        if not row.what:
            raise InvalidInput("errors.required", field="step_what")
        if "due_date" in given:
            if given["due_date"] != row.due_date:
                _check_new_due(given["due_date"], today)
            row.due_date = given["due_date"]
        if "assignee" in given:
            row.assignee_participant_id = row.assignee_organisation_id = None
            row.assignee_text = ""
            chosen = given["assignee"]
            if chosen is not None:
                kind, value = chosen
                if kind == "participant":
                    participant = session.get(Participant, value)
                    if participant is None or participant.workshop_id not in walls_showing(session, idea):
                        raise NotFound("followup.errors.assignee_not_found", field="step_assignee")
                    row.assignee_participant_id = participant.id
                elif kind == "organisation":
                    row.assignee_organisation_id = get_organisation(session, value, field="step_assignee").id
                else:
                    row.assignee_text = value
        owner_changed = False
        if "owner" in given:
            owner = None
            if given["owner"] is not None:
                owner = get_organisation(session, given["owner"], field="owner")
                if owner.kind == "private_person":
                    raise InvalidInput("errors.private_person_cannot_own", field="owner")
            # The owner is the idea's own record: the LEADER details' rule applies on this path too.
            require(actor, "ideas", "leader_details", workshop_id=workshop_id, subject_workshop_id=idea.workshop_id)
            owner_changed = (owner.id if owner else None) != idea.owner_organisation_id
            idea.owner_organisation_id = owner.id if owner else None
            row.owner_organisation_id = idea.owner_organisation_id
        session.add(row)
        record_audit(
            session, actor, "idea.next_step", subject_type="idea", subject_id=idea.id, subject_label=idea.title,
            workshop_id=idea.workshop_id, detail={"fields": sorted(given)},
        )
        if owner_changed:
            record_audit(
                session, actor, "idea.leader_details", subject_type="idea", subject_id=idea.id, subject_label=idea.title,
                workshop_id=idea.workshop_id, detail={"fields": ["owner_organisation_id"]},
            )
            touch_idea(session, idea)  # the owner is read by the LEADER check and the network analysis
        session.flush()
        view = _views(session, [row])[0]
        session.commit()
    return view


def _views(session: Session, rows: list[NextStep]) -> list[StepView]:
    organisations = {r.assignee_organisation_id for r in rows} | {r.owner_organisation_id for r in rows}
    organisations.discard(None)
    names = dict(session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(organisations))).all()) if organisations else {}
    participants = {r.assignee_participant_id for r in rows if r.assignee_participant_id is not None}
    people = (
        dict(session.execute(select(Participant.id, Person.name).join(Person, Person.id == Participant.person_id).where(Participant.id.in_(participants))).all())
        if participants else {}
    )
    views = []
    for r in rows:
        if r.assignee_participant_id is not None:
            kind, who_id, who = "participant", r.assignee_participant_id, people.get(r.assignee_participant_id, "")
        elif r.assignee_organisation_id is not None:
            kind, who_id, who = "organisation", r.assignee_organisation_id, names.get(r.assignee_organisation_id, "")
        elif r.assignee_text:
            kind, who_id, who = "text", None, r.assignee_text
        else:
            kind, who_id, who = None, None, ""
        owner = names.get(r.owner_organisation_id, "") if r.owner_organisation_id is not None else ""
        views.append(StepView(r.idea_id, r.what, r.due_date, kind, who_id, who, r.owner_organisation_id, owner, r.set_by, r.set_at))
    return views


def current_steps(session: Session, idea_ids: list[int]) -> dict[int, StepView]:
    """The step in force of each idea that has one, read in ``session`` (no access check)."""
    if not idea_ids:
        return {}
    rows = session.scalars(select(NextStep).where(NextStep.idea_id.in_(idea_ids)).order_by(NextStep.idea_id, NextStep.set_at, NextStep.id)).all()
    newest: dict[int, NextStep] = {}
    for row in rows:
        newest[row.idea_id] = row  # ordered oldest first: the last one wins
    return {view.idea_id: view for view in _views(session, list(newest.values()))}


def step_history(session: Session, idea_id: int) -> list[StepView]:
    """Every version of an idea's next step, newest first (no access check: the caller's)."""
    rows = session.scalars(select(NextStep).where(NextStep.idea_id == idea_id).order_by(NextStep.set_at.desc(), NextStep.id.desc())).all()
    return _views(session, list(rows))


def idea_steps(store: Store, workshop_id: int, token: Any, idea_id: int) -> list[StepView]:
    """Every version of the next step of an idea on ``workshop_id``'s wall, for its staff, newest first."""
    check_row_id(idea_id, "idea", "errors.idea_not_found")
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, token)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        return step_history(session, idea.id)
