"""What participants add to a workshop: ideas, commitments, tacit-knowledge notes and ties.

Participants may edit or delete only their own contributions; facilitators moderate
everything in their workshop (see :mod:`workshop.services.moderation`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import AlreadySubmitted, InvalidInput, NotYourContribution, SubmissionsClosed, UnknownParticipant
from ..lengths import NAME_MAX, TEXT_MAX, TITLE_MAX
from ..models import (
    CarriedIdea,
    Commitment,
    FitFeedback,
    Idea,
    Invitation,
    LeaderCard,
    LeaderVolunteerHours,
    NextStep,
    Note,
    Organisation,
    Participant,
    Tie,
    Vote,
    Workshop,
    utcnow,
)
from ..validation import clean_choice, clean_name, clean_tags, clean_text
from ..vocabulary import COMMITMENT_ROLES, NOTE_KINDS, NOTE_SUBJECTS, NOTE_VISIBILITIES, TIE_KINDS
from .organisations import clean_capabilities
from .revisions import touch, touch_idea
from .rows import UNSET, check_optional_row_id, get_idea, get_idea_on_wall, get_organisation, get_row, require_author, token_key

__all__ = [
    "add_idea",
    "edit_idea",
    "delete_idea",
    "commit_to_idea",
    "withdraw_commitment",
    "add_note",
    "delete_note",
    "add_tie",
    "delete_tie",
    "IdeaFields",
]


# The fields of an idea a participant or a facilitator writes as text.
IDEA_FIELDS = ("title", "description", "locality", "themes", "needs")


@dataclass(frozen=True)
class IdeaFields:
    title: str
    description: str
    locality: str | None
    themes: list[str]
    needs: list[dict[str, str]]


def clean_idea_fields(title: Any, description: Any = "", locality: Any = None, themes: Any = None, needs: Any = None) -> IdeaFields:
    return IdeaFields(
        title=clean_name(title, "title", max_length=TITLE_MAX),
        description=clean_text(description, "description", max_length=TEXT_MAX, required=False),
        locality=clean_name(locality, "locality", max_length=NAME_MAX, required=False) or None,
        themes=clean_tags(themes, "themes"),
        needs=clean_capabilities(needs, "needs"),
    )


# An identical submission from the same person this soon after the first is a double tap.
REPEAT_WINDOW = dt.timedelta(minutes=2)


# Built once with bound parameters (see workshop.services.rows): these run on every contribution.
_OPEN_PARTICIPANT = (
    select(Participant, Workshop.submissions_open)
    .join(Workshop, Workshop.id == Participant.workshop_id)
    .where(Participant.token_hash == bindparam("token_hash"))
)
_OPEN_PARTICIPANT_LOCKED = _OPEN_PARTICIPANT.with_for_update(of=Participant)
_REPEATED_IDEA = select(Idea.id).where(
    Idea.author_id == bindparam("author"),
    Idea.title == bindparam("title"),
    Idea.description == bindparam("description"),
    Idea.created_at >= bindparam("since"),
)
_REPEATED_NOTE = select(Note.id).where(Note.author_id == bindparam("author"), Note.text == bindparam("text"), Note.created_at >= bindparam("since"))


def _open_participant(session: Session, token: str, *, lock: bool = False) -> Participant:
    """The participant holding ``token``, if their workshop takes contributions (one query).

    ``lock`` serialises one person's writes (on PostgreSQL), so two taps sent at the same
    instant find each other.
    """
    query = _OPEN_PARTICIPANT_LOCKED if lock else _OPEN_PARTICIPANT
    row = session.execute(query, {"token_hash": token_key(token) or ""}).first()
    if row is None:
        raise UnknownParticipant()
    participant, submissions_open = row
    if not submissions_open:
        raise SubmissionsClosed()
    return participant


def add_idea(store: Store, token: str, *, title: str, description: str = "", locality: str | None = None, themes: Any = None, needs: Any = None) -> int:
    """Add an idea; the same idea from the same person moments ago raises :class:`AlreadySubmitted`."""
    fields = clean_idea_fields(title, description, locality, themes, needs)
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token, lock=True)
        repeat = session.scalar(
            _REPEATED_IDEA, {"author": participant.id, "title": fields.title, "description": fields.description, "since": utcnow() - REPEAT_WINDOW}
        )
        if repeat is not None:
            raise AlreadySubmitted(repeat, field="title")
        idea = Idea(workshop_id=participant.workshop_id, author_id=participant.id, **fields.__dict__)
        session.add(idea)
        touch(session, participant.workshop_id)
        session.commit()
        return idea.id


def edit_idea(
    store: Store, token: str, idea_id: int, *, title: Any = UNSET, description: Any = UNSET, locality: Any = UNSET, themes: Any = UNSET, needs: Any = UNSET
) -> None:
    """The author corrects their idea; only the fields given change."""
    given = {k: v for k, v in {"title": title, "description": description, "locality": locality, "themes": themes, "needs": needs}.items() if v is not UNSET}
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token)
        idea = get_idea(session, idea_id)
        require_author(idea, participant)
        fields = clean_idea_fields(**{"title": idea.title, **given})  # the fields not given are not read
        for key in given:
            setattr(idea, key, getattr(fields, key))
        touch_idea(session, idea)
        session.commit()


def delete_idea(store: Store, token: str, idea_id: int) -> None:
    """Delete one's own idea with everything hanging on it (commitments, votes, notes about it)."""
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token)
        idea = get_idea(session, idea_id)
        require_author(idea, participant)
        purge_idea(session, idea)
        touch(session, participant.workshop_id)
        session.commit()


def purge_idea(session: Session, idea: Idea) -> None:
    # Duplicates merged into this idea point at it: they go with it.
    for merged in session.scalars(select(Idea).where(Idea.merged_into_id == idea.id)).all():
        purge_idea(session, merged)
    session.flush()
    session.execute(delete(Commitment).where(Commitment.idea_id == idea.id))
    session.execute(delete(Vote).where(Vote.idea_id == idea.id))
    session.execute(delete(Note).where(Note.about_idea_id == idea.id))
    session.execute(delete(CarriedIdea).where(CarriedIdea.idea_id == idea.id))
    session.execute(delete(LeaderVolunteerHours).where(LeaderVolunteerHours.idea_id == idea.id))
    session.execute(delete(LeaderCard).where(LeaderCard.idea_id == idea.id))
    session.execute(delete(NextStep).where(NextStep.idea_id == idea.id))
    session.execute(delete(Invitation).where(Invitation.idea_id == idea.id))  # its codes stop working
    from .feedback import forget_verdicts  # lazy: the relevance feedback loads scikit-learn, SciPy and pandas (seconds)

    forget_verdicts(session, FitFeedback.idea_id == idea.id)
    session.delete(idea)


def commit_to_idea(store: Store, token: str, idea_id: int, *, role: str, contribution: str = "", organisation_id: int | None = None) -> int:
    """"My organisation wants to take part in this idea" — one commitment per organisation and idea.

    Committing again changes the role and contribution of the existing commitment.
    """
    role = clean_choice(role, "role", COMMITMENT_ROLES)
    organisation_id = check_optional_row_id(organisation_id, "organisation", "errors.organisation_not_found")
    contribution = clean_text(contribution, "contribution", max_length=TEXT_MAX, required=role == "contributor")
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token)
        # Locked (on PostgreSQL; SQLite writers queue anyway): two people of one organisation
        # pressing at the same instant must find each other's commitment, not both insert one.
        idea = get_idea_on_wall(session, participant.workshop_id, idea_id, lock=True)
        own = get_organisation(session, participant.person.organisation_id)
        organisation = own if organisation_id is None else get_organisation(session, organisation_id)
        if organisation.id != own.id:
            raise InvalidInput("errors.commit_only_own_organisation", field="organisation")
        commitment = session.scalar(
            select(Commitment).where(Commitment.idea_id == idea.id, Commitment.organisation_id == organisation.id)
        )
        if commitment is None:
            commitment = Commitment(idea_id=idea.id, organisation_id=organisation.id, workshop_id=participant.workshop_id)
            session.add(commitment)
        commitment.participant_id = participant.id
        commitment.role = role
        commitment.contribution = contribution
        touch(session, participant.workshop_id)
        touch_idea(session, idea)  # the idea's home wall lists who takes part
        session.commit()
        return commitment.id


def withdraw_commitment(store: Store, token: str, commitment_id: int) -> None:
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token)
        commitment = get_row(session, Commitment, commitment_id, field="commitment")
        if commitment.participant_id != participant.id:
            raise NotYourContribution()
        idea = session.get(Idea, commitment.idea_id)
        session.delete(commitment)
        touch(session, participant.workshop_id)
        touch_idea(session, idea)
        session.commit()


def add_note(
    store: Store,
    token: str,
    *,
    kind: str,
    text: str,
    subject: str,
    about_organisation_id: int | None = None,
    about_idea_id: int | None = None,
    about_text: str = "",
    visibility: str = "all",
) -> int:
    """Record tacit knowledge about an organisation, an idea, a place or a person."""
    kind = clean_choice(kind, "kind", NOTE_KINDS)
    text = clean_text(text, "text", max_length=TEXT_MAX)
    subject = clean_choice(subject, "subject", NOTE_SUBJECTS)
    visibility = clean_choice(visibility, "visibility", NOTE_VISIBILITIES)
    about_text = clean_name(about_text, "about", max_length=NAME_MAX, required=subject in ("place", "person"))
    about_organisation_id = check_optional_row_id(about_organisation_id, "about", "errors.organisation_not_found")
    about_idea_id = check_optional_row_id(about_idea_id, "about", "errors.idea_not_found")
    if subject == "organisation" and about_organisation_id is None:
        raise InvalidInput("errors.required", field="about")
    if subject == "idea" and about_idea_id is None:
        raise InvalidInput("errors.required", field="about")
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token, lock=True)
        repeat = session.scalar(_REPEATED_NOTE, {"author": participant.id, "text": text, "since": utcnow() - REPEAT_WINDOW})
        if repeat is not None:
            raise AlreadySubmitted(repeat, field="text")
        note = Note(
            workshop_id=participant.workshop_id,
            author_id=participant.id,
            kind=kind,
            text=text,
            subject=subject,
            about_organisation_id=get_organisation(session, about_organisation_id, field="about").id if subject == "organisation" else None,
            about_idea_id=get_idea_on_wall(session, participant.workshop_id, about_idea_id).id if subject == "idea" else None,
            about_text=about_text if subject in ("place", "person") else "",
            visibility=visibility,
        )
        session.add(note)
        touch(session, participant.workshop_id)
        session.commit()
        return note.id


def delete_note(store: Store, token: str, note_id: int) -> None:
    _delete_own(store, token, Note, note_id, field="note")


def add_tie(store: Store, token: str, *, organisation_a_id: int, organisation_b_id: int, kind: str) -> int:
    """Two organisations have cooperated before, know each other, or want to cooperate."""
    kind = clean_choice(kind, "kind", TIE_KINDS)
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token)
        a = get_organisation(session, organisation_a_id, field="organisation_a").id
        b = get_organisation(session, organisation_b_id, field="organisation_b").id
        if a == b:
            raise InvalidInput("errors.tie_same_organisation", field="organisation_b")
        low, high = sorted((a, b))
        # Two people entering the same tie at the same instant: the second finds the first's.
        session.get(Organisation, low, with_for_update=True)
        tie = session.scalar(
            select(Tie).where(Tie.organisation_a_id == low, Tie.organisation_b_id == high, Tie.kind == kind)
        )
        if tie is not None:
            return tie.id  # already known: nothing new to record
        tie = Tie(organisation_a_id=low, organisation_b_id=high, kind=kind, workshop_id=participant.workshop_id, author_id=participant.id)
        session.add(tie)
        touch(session, participant.workshop_id)
        session.commit()
        return tie.id


def delete_tie(store: Store, token: str, tie_id: int) -> None:
    _delete_own(store, token, Tie, tie_id, field="tie")


def _delete_own(store: Store, token: str, model: type[Note] | type[Tie], row_id: int, *, field: str) -> None:
    """Delete a note or tie the participant added themselves."""
    with store.unit_of_work(write=True) as session:
        participant = _open_participant(session, token)
        row = get_row(session, model, row_id, field=field)
        require_author(row, participant)
        session.delete(row)
        touch(session, participant.workshop_id)
        session.commit()
