"""What facilitators do to keep the wall tidy: edit, hide, merge, and move ideas through stages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from ..db import Store
from ..errors import InvalidInput, NotFound
from ..lengths import TEXT_MAX
from ..models import CarriedIdea, Commitment, Idea, Note, Vote, VotingRound
from ..validation import clean_choice, clean_flag, clean_int, clean_text
from ..vocabulary import IDEA_STAGES
from .access import Actor, authorise, record_audit
from .roles import require
from .contributions import IDEA_FIELDS, clean_idea_fields
from .readiness import require_project_ready
from .revisions import touch, touch_idea, walls_showing
from .rows import UNSET, check_optional_row_id, get_idea_on_wall, get_organisation, get_row

__all__ = ["UNSET", "moderate_idea", "set_idea_hidden", "set_note_hidden", "merge_ideas", "set_idea_stage", "update_leader_details"]


def _home_idea(session, workshop_id: int, facilitator_token: str, idea_id: int, action: str) -> tuple[Actor, Idea]:
    """An idea on the wall whose own record the roles table lets this actor change (row ``ideas`` × ``action``).

    A carried idea can be discussed and voted on in a later meeting, but its record is shared
    by every wall showing it, so it stays with its home workshop's facilitator (or a coordinator).
    """
    actor = authorise(session, facilitator_token, "ideas", action, workshop_id=workshop_id)
    idea = get_idea_on_wall(session, workshop_id, idea_id)
    require(actor, "ideas", action, workshop_id=workshop_id, subject_workshop_id=idea.workshop_id)
    return actor, idea


def moderate_idea(store: Store, workshop_id: int, facilitator_token: str, idea_id: int, **fields: Any) -> None:
    """Correct an idea's text; only the fields given change (a title, if given, must not be blank)."""
    unknown = set(fields) - set(IDEA_FIELDS)
    if unknown:
        raise InvalidInput("errors.invalid", field=sorted(unknown)[0])
    with store.unit_of_work(write=True) as session:
        actor, idea = _home_idea(session, workshop_id, facilitator_token, idea_id, "edit")
        cleaned = clean_idea_fields(**{"title": idea.title, **fields})  # the fields not given are not read
        for key in fields:
            setattr(idea, key, getattr(cleaned, key))
        record_audit(session, actor, "idea.edit", subject_type="idea", subject_id=idea.id, subject_label=idea.title, workshop_id=idea.workshop_id)
        touch_idea(session, idea)
        session.commit()


def set_idea_hidden(store: Store, workshop_id: int, facilitator_token: str, idea_id: int, hidden: bool) -> None:
    hidden = clean_flag(hidden, "hidden")
    with store.unit_of_work(write=True) as session:
        actor, idea = _home_idea(session, workshop_id, facilitator_token, idea_id, "hide")
        idea.hidden = hidden
        record_audit(session, actor, "idea.hide" if hidden else "idea.unhide", subject_type="idea", subject_id=idea.id, subject_label=idea.title, workshop_id=idea.workshop_id)
        touch_idea(session, idea)
        session.commit()


def set_note_hidden(store: Store, workshop_id: int, facilitator_token: str, note_id: int, hidden: bool) -> None:
    hidden = clean_flag(hidden, "hidden")
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, facilitator_token, "notes", "hide", workshop_id=workshop_id)
        note = get_row(session, Note, note_id, field="note")
        if note.workshop_id != workshop_id:
            raise NotFound(field="note")
        note.hidden = hidden
        record_audit(session, actor, "note.hide" if hidden else "note.unhide", subject_type="note", subject_id=note.id, subject_label=note.text[:60], workshop_id=workshop_id)
        touch(session, workshop_id)
        session.commit()


def merge_ideas(store: Store, workshop_id: int, facilitator_token: str, duplicate_id: int, keep_id: int) -> None:
    """Fold a duplicate idea into another: commitments, dots and notes move; nothing is lost.

    A participant with dots on both keeps their sum, capped at the round's dots per idea; the
    dots over the cap return to their budget.
    """
    if duplicate_id == keep_id:
        raise InvalidInput("errors.merge_same", field="idea")
    with store.unit_of_work(write=True) as session:
        actor, duplicate = _home_idea(session, workshop_id, facilitator_token, duplicate_id, "merge")
        _actor, keep = _home_idea(session, workshop_id, facilitator_token, keep_id, "merge")
        shown = walls_showing(session, duplicate) | walls_showing(session, keep)
        committed = set(session.scalars(select(Commitment.organisation_id).where(Commitment.idea_id == keep.id)))
        for commitment in session.scalars(select(Commitment).where(Commitment.idea_id == duplicate.id)).all():
            if commitment.organisation_id in committed:
                session.delete(commitment)
            else:
                commitment.idea_id = keep.id
        kept_votes = {(v.round_id, v.participant_id): v for v in session.scalars(select(Vote).where(Vote.idea_id == keep.id))}
        duplicate_votes = session.scalars(select(Vote).where(Vote.idea_id == duplicate.id)).all()
        per_idea = dict(session.execute(select(VotingRound.id, VotingRound.max_dots_per_idea).where(VotingRound.id.in_({v.round_id for v in duplicate_votes}))).all())
        for vote in duplicate_votes:
            twin = kept_votes.get((vote.round_id, vote.participant_id))
            if twin is not None:
                # Dots on both ideas add up, but never past the round's limit per idea: the excess
                # goes back to the participant's budget (the budget is what is not placed).
                twin.dots = min(twin.dots + vote.dots, per_idea[vote.round_id])
                session.delete(vote)
            else:
                vote.idea_id = keep.id
        session.execute(update(Note).where(Note.about_idea_id == duplicate.id).values(about_idea_id=keep.id))
        for carried in session.scalars(select(CarriedIdea).where(CarriedIdea.idea_id == duplicate.id)).all():
            session.delete(carried)
        keep.themes = list(dict.fromkeys([*(keep.themes or []), *(duplicate.themes or [])]))
        keep.needs = [*(keep.needs or []), *[n for n in duplicate.needs or [] if n not in (keep.needs or [])]]
        if duplicate.description and duplicate.description not in (keep.description or ""):
            keep.description = ((keep.description or "") + "\n\n" + duplicate.description).strip()[:TEXT_MAX]
        duplicate.merged_into_id = keep.id
        duplicate.hidden = True
        record_audit(
            session, actor, "idea.merge", subject_type="idea", subject_id=duplicate.id, subject_label=duplicate.title,
            workshop_id=duplicate.workshop_id, detail={"kept_idea_id": keep.id, "kept_title": keep.title},
        )
        for shown_id in shown:
            touch(session, shown_id)
        session.commit()


def update_leader_details(
    store: Store,
    workshop_id: int,
    facilitator_token: str,
    idea_id: int,
    *,
    innovation: Any = UNSET,
    budget_sek: Any = UNSET,
    cofinancing_hours: Any = UNSET,
    owner_organisation_id: Any = UNSET,
) -> None:
    """What a LEADER application asks of an idea: innovation, budget, co-financing, owner.

    Only the fields given change; ``None`` (or an empty text) clears one that is given.
    """
    changes: dict[str, Any] = {}
    if innovation is not UNSET:
        changes["innovation"] = clean_text(innovation if innovation is not None else "", "innovation", max_length=TEXT_MAX, required=False)
    if budget_sek is not UNSET:
        changes["budget_sek"] = clean_int(budget_sek, "budget_sek", minimum=0, maximum=100_000_000)
    if cofinancing_hours is not UNSET:
        changes["cofinancing_hours"] = clean_int(cofinancing_hours, "cofinancing_hours", minimum=0, maximum=1_000_000)
    if owner_organisation_id is not UNSET:
        owner_organisation_id = check_optional_row_id(owner_organisation_id, "owner", "errors.organisation_not_found")
    with store.unit_of_work(write=True) as session:
        actor, idea = _home_idea(session, workshop_id, facilitator_token, idea_id, "leader_details")
        if owner_organisation_id is not UNSET:
            owner = None
            if owner_organisation_id is not None:
                owner = get_organisation(session, owner_organisation_id, field="owner")
                if owner.kind == "private_person":
                    raise InvalidInput("errors.private_person_cannot_own", field="owner")
            changes["owner_organisation_id"] = owner.id if owner else None
        for key, value in changes.items():
            setattr(idea, key, value)
        record_audit(
            session, actor, "idea.leader_details", subject_type="idea", subject_id=idea.id, subject_label=idea.title,
            workshop_id=idea.workshop_id, detail={"fields": sorted(changes)},
        )
        touch_idea(session, idea)
        session.commit()


def set_idea_stage(store: Store, workshop_id: int, facilitator_token: str, idea_id: int, stage: str) -> None:
    """Move an idea: idea → refined → project-ready, or parked (its home meeting's staff only).

    An idea becomes project-ready only when LEADER's basic criteria hold
    (:func:`workshop.services.readiness.require_project_ready`); otherwise
    :class:`NotReadyForProject` names the missing ones.
    """
    stage = clean_choice(stage, "stage", IDEA_STAGES)
    if stage == "project_ready":
        with store.unit_of_work() as session:
            _home_idea(session, workshop_id, facilitator_token, idea_id, "stage")
        require_project_ready(store, idea_id)
    with store.unit_of_work(write=True) as session:
        actor, idea = _home_idea(session, workshop_id, facilitator_token, idea_id, "stage")
        idea.stage = stage
        record_audit(session, actor, "idea.stage", subject_type="idea", subject_id=idea.id, subject_label=idea.title, workshop_id=idea.workshop_id, detail={"stage": stage})
        touch_idea(session, idea)
        session.commit()
