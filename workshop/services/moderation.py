"""What facilitators do to keep the wall tidy: edit, hide, merge, and move ideas through stages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from ..db import Store
from ..errors import InvalidInput, NotFound
from ..models import TEXT_MAX, CarriedIdea, Commitment, Idea, Note, Vote
from ..validation import clean_choice, clean_flag, clean_int, clean_text
from ..vocabulary import IDEA_STAGES
from ._common import check_optional_row_id, get_idea_on_wall, get_organisation, get_row, require_facilitator, touch
from .contributions import clean_idea_fields

__all__ = ["moderate_idea", "set_idea_hidden", "set_note_hidden", "merge_ideas", "set_idea_stage", "update_leader_details"]


def _facilitator_idea(session, workshop_id: int, facilitator_token: str, idea_id: int) -> Idea:
    require_facilitator(session, workshop_id, facilitator_token)
    return get_idea_on_wall(session, workshop_id, idea_id)


def moderate_idea(store: Store, workshop_id: int, facilitator_token: str, idea_id: int, **fields: Any) -> None:
    cleaned = clean_idea_fields(**fields)
    with store.unit_of_work(write=True) as session:
        idea = _facilitator_idea(session, workshop_id, facilitator_token, idea_id)
        for key, value in cleaned.__dict__.items():
            setattr(idea, key, value)
        touch(session, workshop_id)
        session.commit()


def set_idea_hidden(store: Store, workshop_id: int, facilitator_token: str, idea_id: int, hidden: bool) -> None:
    hidden = clean_flag(hidden, "hidden")
    with store.unit_of_work(write=True) as session:
        _facilitator_idea(session, workshop_id, facilitator_token, idea_id).hidden = hidden
        touch(session, workshop_id)
        session.commit()


def set_note_hidden(store: Store, workshop_id: int, facilitator_token: str, note_id: int, hidden: bool) -> None:
    hidden = clean_flag(hidden, "hidden")
    with store.unit_of_work(write=True) as session:
        require_facilitator(session, workshop_id, facilitator_token)
        note = get_row(session, Note, note_id, field="note")
        if note.workshop_id != workshop_id:
            raise NotFound(field="note")
        note.hidden = hidden
        touch(session, workshop_id)
        session.commit()


def merge_ideas(store: Store, workshop_id: int, facilitator_token: str, duplicate_id: int, keep_id: int) -> None:
    """Fold a duplicate idea into another: commitments, dots and notes move; nothing is lost."""
    if duplicate_id == keep_id:
        raise InvalidInput("errors.merge_same", field="idea")
    with store.unit_of_work(write=True) as session:
        duplicate = _facilitator_idea(session, workshop_id, facilitator_token, duplicate_id)
        keep = get_idea_on_wall(session, workshop_id, keep_id)
        committed = set(session.scalars(select(Commitment.organisation_id).where(Commitment.idea_id == keep.id)))
        for commitment in session.scalars(select(Commitment).where(Commitment.idea_id == duplicate.id)).all():
            if commitment.organisation_id in committed:
                session.delete(commitment)
            else:
                commitment.idea_id = keep.id
        kept_votes = {(v.round_id, v.participant_id): v for v in session.scalars(select(Vote).where(Vote.idea_id == keep.id))}
        for vote in session.scalars(select(Vote).where(Vote.idea_id == duplicate.id)).all():
            twin = kept_votes.get((vote.round_id, vote.participant_id))
            if twin is not None:
                twin.dots += vote.dots  # a participant's dots stay within budget: they were spent already
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
        touch(session, workshop_id)
        session.commit()


def update_leader_details(
    store: Store,
    workshop_id: int,
    facilitator_token: str,
    idea_id: int,
    *,
    innovation: str = "",
    budget_sek: Any = None,
    cofinancing_hours: Any = None,
    owner_organisation_id: int | None = None,
) -> None:
    """What a LEADER application asks of an idea: innovation, budget, co-financing, owner."""
    innovation = clean_text(innovation, "innovation", max_length=TEXT_MAX, required=False)
    budget = clean_int(budget_sek, "budget_sek", minimum=0, maximum=100_000_000)
    hours = clean_int(cofinancing_hours, "cofinancing_hours", minimum=0, maximum=1_000_000)
    owner_organisation_id = check_optional_row_id(owner_organisation_id, "owner", "errors.organisation_not_found")
    with store.unit_of_work(write=True) as session:
        idea = _facilitator_idea(session, workshop_id, facilitator_token, idea_id)
        owner = None
        if owner_organisation_id is not None:
            owner = get_organisation(session, owner_organisation_id, field="owner")
            if owner.kind == "private_person":
                raise InvalidInput("errors.private_person_cannot_own", field="owner")
        idea.innovation = innovation
        idea.budget_sek = budget
        idea.cofinancing_hours = hours
        idea.owner_organisation_id = owner.id if owner else None
        touch(session, workshop_id)
        session.commit()


def set_idea_stage(store: Store, workshop_id: int, facilitator_token: str, idea_id: int, stage: str) -> None:
    """Move an idea: idea → refined → project-ready, or parked.

    An idea becomes project-ready only when LEADER's basic criteria hold
    (:func:`workshop.services.analysis.require_project_ready`); otherwise
    :class:`NotReadyForProject` names the missing ones.
    """
    from .analysis import require_project_ready  # the analysis imports networkx: load it only here

    stage = clean_choice(stage, "stage", IDEA_STAGES)
    if stage == "project_ready":
        with store.unit_of_work() as session:
            _facilitator_idea(session, workshop_id, facilitator_token, idea_id)
        require_project_ready(store, idea_id)
    with store.unit_of_work(write=True) as session:
        idea = _facilitator_idea(session, workshop_id, facilitator_token, idea_id)
        idea.stage = stage
        touch(session, workshop_id)
        session.commit()
