"""Joining a workshop without an account, and finding the participant again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..db import Store
from ..errors import InvalidInput, WorkshopNotFound
from ..lengths import NAME_MAX
from ..models import Organisation, Participant, Person, utcnow
from ..privacy.contact import clean_contact
from ..security import new_token, token_hash
from ..text import name_key
from ..validation import clean_name
from .organisations import clean_organisation_fields, insert_organisation
from .revisions import touch
from .rows import check_optional_row_id, check_row_id, get_organisation, get_participant, get_workshop, require_open, token_key

__all__ = ["ParticipantIdentity", "join_workshop", "identify"]

_ORGANISATION_FORM = frozenset({"name", "kind", "locality", "org_number", "offers", "description"})


@dataclass(frozen=True)
class ParticipantIdentity:
    token: str
    participant_id: int
    workshop_id: int
    name: str
    organisation_id: int
    organisation_name: str
    organisation_kind: str


def join_workshop(
    store: Store,
    workshop_id: int,
    *,
    name: str,
    organisation_id: int | None = None,
    new_organisation: dict[str, Any] | None = None,
    email: str | None = None,
    phone: str | None = None,
    contact_consent: bool = False,
) -> ParticipantIdentity:
    """Join ``workshop_id`` as ``name`` from an existing organisation, a new one, or none.

    Someone without an organisation is recorded as a private person: they can commit to
    ideas, but never count as a second organisation or own a LEADER project.
    Raises :class:`DuplicateOrganisation` when the new organisation exists already.
    ``email`` and ``phone`` are optional and kept only when ``contact_consent`` is ``True``
    (:func:`workshop.privacy.contact.clean_contact`).
    """
    name = clean_name(name, "name", max_length=NAME_MAX)
    contact = clean_contact(email, phone, contact_consent)
    check_row_id(workshop_id, None, not_found=WorkshopNotFound)
    organisation_id = check_optional_row_id(organisation_id, "organisation", "errors.organisation_not_found")
    if new_organisation is not None and not isinstance(new_organisation, dict):
        raise InvalidInput("errors.invalid", field="organisation")
    if organisation_id is not None and new_organisation:
        raise InvalidInput("errors.invalid_choice", field="organisation")
    fields = None
    if new_organisation:
        if not new_organisation.keys() <= _ORGANISATION_FORM:
            raise InvalidInput("errors.invalid", field="organisation")
        try:
            fields = clean_organisation_fields(
                **{"name": None, "kind": None, "description": "", "offers": None, "org_number": None, "locality": None, **new_organisation}
            )
        except InvalidInput as error:
            if error.field == "name":  # the form has the person's name too: say which name is wrong
                error.field = "organisation_name"
            raise
    with store.unit_of_work(write=True) as session:
        workshop = get_workshop(session, workshop_id)
        require_open(workshop)
        if organisation_id is not None:
            organisation = get_organisation(session, organisation_id)
        elif fields is not None:
            organisation = insert_organisation(session, fields, workshop_id)
        else:
            organisation = session.scalar(
                select(Organisation).where(
                    Organisation.name_key == name_key(name),
                    Organisation.kind == "private_person",
                    Organisation.merged_into_id.is_(None),
                )
            ) or insert_organisation(session, {"name": name, "kind": "private_person", "locality": workshop.locality, "org_number": None, "offers": [], "description": ""}, workshop_id)
        person = session.scalar(
            select(Person).where(Person.name_key == name_key(name), Person.organisation_id == organisation.id)
        )
        if person is None:
            person = Person(name=name, name_key=name_key(name), organisation_id=organisation.id)
            session.add(person)
            session.flush()
        if contact.given:  # given again at a later meeting: the newer details and consent count
            person.email, person.phone, person.contact_consent_at = contact.email, contact.phone, utcnow()
        token = new_token()
        participant = Participant(workshop_id=workshop_id, person_id=person.id, token_hash=token_hash(token))
        session.add(participant)
        touch(session, workshop_id)
        session.flush()
        identity = ParticipantIdentity(token, participant.id, workshop_id, person.name, organisation.id, organisation.name, organisation.kind)
        session.commit()
        return identity


def identify(store: Store, token: str) -> ParticipantIdentity | None:
    """Who holds ``token`` (from the browser's cookie or session), or ``None``."""
    key = token_key(token)
    if key is None:
        return None
    with store.unit_of_work() as session:
        participant = session.scalar(select(Participant).where(Participant.token_hash == key))
        if participant is None:
            return None
        person = participant.person
        organisation = get_organisation(session, person.organisation_id)
        return ParticipantIdentity(
            token, participant.id, participant.workshop_id, person.name, organisation.id, organisation.name, organisation.kind
        )


__all__ += ["get_participant"]
