"""The invited organisation's side: open an invitation by its code and answer it once.

Wrong, expired and used codes are counted as failed guesses and slowed down exactly like wrong
join codes (:func:`workshop.security.check_not_throttled`, purpose ``invitation``). A "Ja, vi
är med" becomes a :class:`~workshop.models.Commitment` of the organisation, audited, with the
revisions bumped, so the idea's state follows; a "Nej tack" keeps the organisation out of the
idea's suggestions (:mod:`workshop.services.network` reads it into the snapshot). A contact
person is a :class:`~workshop.models.Person` of the organisation, with contact details only
with consent (the join form's rule, :func:`workshop.privacy.contact.clean_contact`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, ServiceError
from ..lengths import NAME_MAX, TEXT_MAX
from ..models import Commitment, Idea, Invitation, Organisation, Person, Workshop, utcnow
from ..privacy.contact import clean_contact
from ..privacy.contact_key import issue_contact_key
from ..security import ANONYMOUS, Client, check_not_throttled, clear_failures, link_code_hash, record_failure
from ..services.access import Actor, record_audit
from ..services.revisions import touch, touch_idea
from ..services.rows import get_organisation
from ..text import name_key
from ..validation import clean_name, clean_text
from .service import ANSWERS, CODE_LENGTH, InvitationExpired, InvitationNotFound, InvitationUsed, InvitationView, effective_status

__all__ = ["THROTTLE", "Answered", "open_invitation", "answer_invitation"]

THROTTLE = ("invitation", "any")
_ANSWERED = frozenset(ANSWERS)


@dataclass(frozen=True)
class Answered:
    """An answer given: which, and the contact person's key to *Mina uppgifter* (shown once; ``None`` without one)."""

    answer: str
    contact_key: str | None = None


def _locate(session: Session, code: Any, client: Client, now: dt.datetime, *, lock: bool) -> Invitation:
    """The waiting invitation a code opens; a wrong, expired or used code is a counted failure.

    The failure is committed before the error is raised, so the count survives it.
    """
    check_not_throttled(session, *THROTTLE, client)
    key = link_code_hash(code, CODE_LENGTH)
    query = select(Invitation).where(Invitation.code_hash == key)
    row = session.scalar(query.with_for_update() if lock else query) if key else None
    error: ServiceError | None = None
    if row is None:
        error = InvitationNotFound(field="code")
    elif row.status in _ANSWERED:
        error = InvitationUsed(field="code")
    elif effective_status(row, now) == "expired":
        row.status = "expired"
        error = InvitationExpired(field="code")
    if error is not None:
        record_failure(session, *THROTTLE, client)
        session.commit()
        raise error
    clear_failures(session, *THROTTLE, client)
    return row


def _view(session: Session, row: Invitation) -> InvitationView:
    idea = session.get(Idea, row.idea_id)
    challenge = session.scalar(select(Workshop.challenge).where(Workshop.id == idea.workshop_id)) or ""
    organisation = session.get(Organisation, row.organisation_id)
    return InvitationView(
        idea.title, idea.description or "", challenge, organisation.name, row.reasons or "", tuple(row.others or ()),
        row.meeting_date, row.meeting_place or "", row.expires_at,
    )


def _required_code(code: Any) -> None:
    if not isinstance(code, str) or not code.strip():
        raise InvalidInput("errors.required", field="code")


def open_invitation(store: Store, code: Any, *, client: Client = ANONYMOUS, now: dt.datetime | None = None) -> InvitationView:
    """The invitation a code opens, to answer; wrong, expired and used codes are refused and throttled.

    Raises
    ------
    InvitationNotFound, InvitationExpired, InvitationUsed, TooManyAttempts
    """
    _required_code(code)
    with store.unit_of_work(write=True) as session:
        row = _locate(session, code, client, now or utcnow(), lock=False)
        view = _view(session, row)
        session.commit()
    return view


def _contact_person(session: Session, organisation: Organisation, name: Any, email: Any, phone: Any, consent: Any) -> Person | None:
    """The answer's contact person: found again by name within the organisation, or a new person.

    The same rules as the join form: contact details only with consent (:func:`clean_contact`).
    """
    contact = clean_contact(email, phone, consent)
    name = clean_name(name, "contact_name", max_length=NAME_MAX, required=contact.given)
    if not name:
        return None
    person = session.scalar(select(Person).where(Person.name_key == name_key(name), Person.organisation_id == organisation.id, Person.anonymised_at.is_(None)))
    if person is None:
        person = Person(name=name, name_key=name_key(name), organisation_id=organisation.id)
        session.add(person)
        session.flush()
    if contact.given:  # given again: the newer details and consent count
        person.email, person.phone, person.contact_consent_at = contact.email, contact.phone, utcnow()
    return person


def answer_invitation(
    store: Store,
    code: Any,
    answer: Any,
    *,
    message: Any = "",
    offer: Any = "",
    contact_name: Any = "",
    contact_email: Any = "",
    contact_phone: Any = "",
    contact_consent: Any = False,
    client: Client = ANONYMOUS,
    now: dt.datetime | None = None,
) -> Answered:
    """Answer an invitation once: ``"yes"`` (a commitment), ``"more"`` (tell us more) or ``"no"``.

    Everything typed is checked before anything is written, so a bad field writes nothing and
    leaves the code working. Returns the answer given and, when it names a contact person, that
    person's key to their own data (:mod:`workshop.privacy.contact_key`): the only time the key
    exists outside its hash.

    Raises
    ------
    InvalidInput
        An unknown answer, a too long text, contact details without consent, a contact
        without a name (each at its field).
    InvitationNotFound, InvitationExpired, InvitationUsed, TooManyAttempts
    """
    _required_code(code)
    if answer not in ANSWERS:
        raise InvalidInput("invitations.error.pick_answer", field="answer")
    message = clean_text(message, "message", max_length=TEXT_MAX, required=False)
    offer = clean_text(offer, "offer", max_length=TEXT_MAX, required=False)
    clean_contact(contact_email, contact_phone, contact_consent)  # refused here, before the code is spent
    clean_name(contact_name, "contact_name", max_length=NAME_MAX, required=bool(str(contact_email or "").strip() or str(contact_phone or "").strip()))
    now = now or utcnow()
    with store.unit_of_work(write=True) as session:
        row = _locate(session, code, client, now, lock=True)
        idea = session.get(Idea, row.idea_id)
        organisation = get_organisation(session, row.organisation_id)
        person = _contact_person(session, organisation, contact_name, contact_email, contact_phone, contact_consent)
        row.status, row.answered_at = answer, now
        row.answer_message, row.answer_offer = message, offer
        row.contact_person_id = person.id if person is not None else None
        key = issue_contact_key(row) if person is not None else None
        actor = Actor("invited", organisation.name)
        if answer == "yes":
            commitment = session.scalar(select(Commitment).where(Commitment.idea_id == idea.id, Commitment.organisation_id == organisation.id))
            if commitment is None:
                session.add(Commitment(idea_id=idea.id, organisation_id=organisation.id, workshop_id=idea.workshop_id, role="partner", contribution=offer))
        record_audit(
            session, actor, "invitation.answer", subject_type="idea", subject_id=idea.id, subject_label=idea.title,
            workshop_id=idea.workshop_id, detail={"organisation_id": organisation.id, "invitation_id": row.id, "answer": answer},
        )
        touch(session, idea.workshop_id)
        touch_idea(session, idea)  # a yes is on every wall showing the idea; a no changes its suggestions
        session.commit()
    return Answered(answer, key)
