"""Everything stored about a person, for their own view and the coordinator's (GDPR art. 15, 20).

A :class:`PersonData` lists the person's stored fields, the meetings they took part in and
what they added there. Two readers, two scopes:

- a participant (:func:`participant_data`) proves only that this browser joined as the
  person: anyone can join under the same name and organisation. They get everything added
  from this browser, but from the person's other devices and meetings only what the walls
  show everyone anyway (no hidden ideas, no facilitator-only notes), and their contact
  details masked;
- an answer's contact person, by the key the answer gave them
  (:func:`workshop.privacy.contact_key.contact_person_data`), gets the participant's scope with
  no browser of their own: what everyone sees, contact details masked, and their answers;
- a coordinator (:func:`person_data`) gets all of it, facilitator-only notes included, and
  the notes others wrote that may be about the person (subject "person" with their name).

:func:`as_json` turns either into the downloadable export.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..companies.personal import companies_of
from ..db import Store
from ..errors import NotFound
from ..models import Commitment, Idea, Invitation, Note, Organisation, Participant, Person, Tie, Vote, VotingRound, Workshop
from ..services.access import authorise, record_audit, require_coordinator
from ..services.rows import get_participant, is_row_id
from ..text import name_key

__all__ = ["PersonData", "participant_data", "person_data", "collect_person", "export_person", "as_json", "anonymous_label", "mask_email", "mask_phone"]


@dataclass(frozen=True)
class PersonData:
    """What is stored about one person, as plain rows (each a dict of JSON-able values)."""

    scope: str  # "participant" or "contact" (their own view: a browser's token, a contact person's key) or "coordinator" (everything)
    person: dict[str, Any]
    participations: tuple[dict[str, Any], ...]
    ideas: tuple[dict[str, Any], ...]
    commitments: tuple[dict[str, Any], ...]
    notes: tuple[dict[str, Any], ...]
    ties: tuple[dict[str, Any], ...]
    votes: tuple[dict[str, Any], ...]
    notes_about: tuple[dict[str, Any], ...] = ()  # others' notes naming them (coordinator only)
    companies: tuple[dict[str, Any], ...] = ()  # companies in the register they are the contact of
    invitations: tuple[dict[str, Any], ...] = ()  # invitation answers naming them as contact person (issue 26)

    @property
    def contributions(self) -> int:
        return len(self.ideas) + len(self.commitments) + len(self.notes) + len(self.ties) + len(self.votes)


def mask_email(email: str | None) -> str | None:
    """The address with its local part hidden but for its first letter.

    >>> mask_email("anna.berg@example.se")
    'a•••@example.se'
    """
    if not email:
        return None
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def mask_phone(phone: str | None) -> str | None:
    """The number with all but its last two digits hidden.

    >>> mask_phone("070-123 45 67")
    '•••67'
    """
    if not phone:
        return None
    digits = [ch for ch in phone if ch.isdigit()]
    return "•••" + "".join(digits[-2:])


def participant_data(store: Store, token: str) -> PersonData:
    """What is stored about the participant whose browser holds ``token`` (their *Mina uppgifter*)."""
    with store.unit_of_work() as session:
        participant = get_participant(session, token)
        return collect_person(session, session.get(Person, participant.person_id), own={participant.id}, scope="participant")


def person_data(store: Store, coordinator_token: Any, person_id: int) -> PersonData:
    """Everything stored about a person, for the coordinator's screen."""
    with store.unit_of_work() as session:
        require_coordinator(session, coordinator_token)
        return collect_person(session, _get_person(session, person_id), own=None, scope="coordinator")


def export_person(store: Store, coordinator_token: Any, person_id: int) -> str:
    """The coordinator's JSON export of a person (an access request, art. 15); written to the audit trail."""
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "people", "export")
        person = _get_person(session, person_id)
        data = collect_person(session, person, own=None, scope="coordinator")
        record_audit(session, actor, "person.export", subject_type="person", subject_id=person.id, subject_label=anonymous_label(person.id))
        session.commit()
    return as_json(data)


def anonymous_label(person_id: int) -> str:
    """How the audit trail names a person: never by name, which erasure must be able to remove."""
    return f"en deltagare (id {person_id})"


def _get_person(session: Session, person_id: Any) -> Person:
    person = session.get(Person, person_id) if is_row_id(person_id) else None
    if person is None:
        raise NotFound("errors.person_not_found", field="person")
    return person


def collect_person(session: Session, person: Person, *, own: set[int] | None, scope: str) -> PersonData:
    """The person's rows, in the caller's unit of work; ``own`` the participant ids whose every row is shown (``None``: all).

    ``scope`` is ``"coordinator"`` (contact details in full), ``"participant"`` or ``"contact"``
    (an answer's contact person by their key, :mod:`workshop.privacy.contact_key`): masked.
    """
    rows = session.execute(
        select(Participant, Workshop).join(Workshop, Workshop.id == Participant.workshop_id).where(Participant.person_id == person.id).order_by(Workshop.date, Participant.id)
    ).all()
    participant_ids = [p.id for p, _w in rows]
    full = set(participant_ids) if own is None else own
    titles = {w.id: w.title for _p, w in rows}

    organisation = session.get(Organisation, person.organisation_id) if person.organisation_id else None
    coordinator = scope == "coordinator"
    person_row = {
        "id": person.id,
        "name": person.name,
        "organisation": None if organisation is None else {"id": organisation.id, "name": organisation.name, "kind": organisation.kind},
        "email": person.email if coordinator else mask_email(person.email),
        "phone": person.phone if coordinator else mask_phone(person.phone),
        "contact_consent_at": _when(person.contact_consent_at),
        "anonymised_at": _when(person.anonymised_at),
    }
    participations = tuple(
        {"workshop_id": w.id, "workshop": w.title, "date": w.date.isoformat(), "locality": w.locality, "joined_at": _when(p.joined_at),
         "retention_until": w.retention_until.isoformat() if w.retention_until else None, "this_browser": own is not None and p.id in own}
        for p, w in rows
    )

    ideas = tuple(
        {"id": i.id, "workshop": titles.get(i.workshop_id, ""), "title": i.title, "description": i.description, "locality": i.locality,
         "themes": list(i.themes or []), "needs": list(i.needs or []), "stage": i.stage, "hidden": i.hidden, "created_at": _when(i.created_at)}
        for i in session.scalars(select(Idea).where(Idea.author_id.in_(participant_ids)).order_by(Idea.created_at, Idea.id))
        if i.author_id in full or (not i.hidden and i.merged_into_id is None)
    )
    commitments = tuple(
        {"id": c.id, "workshop": titles.get(c.workshop_id, ""), "idea": title, "organisation": org, "role": c.role, "contribution": c.contribution, "created_at": _when(c.created_at)}
        for c, title, org in session.execute(
            select(Commitment, Idea.title, Organisation.name)
            .join(Idea, Idea.id == Commitment.idea_id)
            .join(Organisation, Organisation.id == Commitment.organisation_id)
            .where(Commitment.participant_id.in_(participant_ids))
            .order_by(Commitment.created_at, Commitment.id)
        )
    )
    notes = tuple(
        _note(n, titles)
        for n in session.scalars(select(Note).where(Note.author_id.in_(participant_ids)).order_by(Note.created_at, Note.id))
        # Facilitator-only and hidden notes from another device need a coordinator to be read.
        if n.author_id in full or (n.visibility == "all" and not n.hidden)
    )
    ties = tuple(
        {"id": t.id, "workshop": titles.get(t.workshop_id, ""), "organisation_a": a, "organisation_b": b, "kind": t.kind, "created_at": _when(t.created_at)}
        for t, a, b in session.execute(
            select(Tie, _org_name(Tie.organisation_a_id), _org_name(Tie.organisation_b_id)).where(Tie.author_id.in_(participant_ids)).order_by(Tie.created_at, Tie.id)
        )
    )
    votes = tuple(
        {"workshop": titles.get(r.workshop_id, ""), "round": r.number, "idea": title, "dots": v.dots}
        for v, r, title in session.execute(
            select(Vote, VotingRound, Idea.title)
            .join(VotingRound, VotingRound.id == Vote.round_id)
            .join(Idea, Idea.id == Vote.idea_id)
            .where(Vote.participant_id.in_(full))
            .order_by(VotingRound.workshop_id, VotingRound.number, Vote.id)
        )
    )
    notes_about: tuple[dict[str, Any], ...] = ()
    if coordinator and person.anonymised_at is None:
        key = name_key(person.name)
        notes_about = tuple(
            _note(n, {})
            for n in session.scalars(select(Note).where(Note.subject == "person").order_by(Note.created_at, Note.id))
            if n.author_id not in set(participant_ids) and name_key(n.about_text) == key
        )
    # The register's contact persons (docs/companies.md).
    companies = companies_of(session, person.id, full=coordinator)
    invitations = tuple(
        {"idea": title, "organisation": org, "answer": i.status, "message": i.answer_message, "offer": i.answer_offer, "answered_at": _when(i.answered_at)}
        for i, title, org in session.execute(
            select(Invitation, Idea.title, Organisation.name)
            .join(Idea, Idea.id == Invitation.idea_id)
            .join(Organisation, Organisation.id == Invitation.organisation_id)
            .where(Invitation.contact_person_id == person.id)
            .order_by(Invitation.answered_at, Invitation.id)
        )
    )
    return PersonData(scope, person_row, participations, ideas, commitments, notes, ties, votes, notes_about, companies, invitations)


def _note(n: Note, titles: dict[int, str]) -> dict[str, Any]:
    return {"id": n.id, "workshop_id": n.workshop_id, "workshop": titles.get(n.workshop_id, ""), "kind": n.kind, "subject": n.subject, "about": n.about_text, "text": n.text,
            "visibility": n.visibility, "hidden": n.hidden, "created_at": _when(n.created_at)}


def _org_name(column):
    return select(Organisation.name).where(Organisation.id == column).scalar_subquery()


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def as_json(data: PersonData) -> str:
    """The export a person downloads: UTF-8 JSON, readable by people and programs (art. 20).

    >>> data = PersonData("participant", {"name": "Åsa"}, (), (), (), (), (), ())
    >>> '"name": "Åsa"' in as_json(data)
    True
    """
    document = {
        "format": "projektberedskap-personuppgifter/1",
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "controller": "Lindesbergs kommun",
        **asdict(data),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
