"""An answer's contact person reaches their own data with a key (issue 26).

A participant is who their browser's token says; the contact person named in an invitation's
answer (``/svar``) never joined and has no token. The answer gives them a key instead: random,
sixteen characters from :data:`workshop.security.CODE_ALPHABET` (about 76 bits, like a
facilitator key), shown once on the confirmation as a link and QR code to *Mina uppgifter*
(``/mina-uppgifter?nyckel=…``), and kept only as its SHA-256 on the invitation
(:attr:`workshop.models.Invitation.contact_key_hash`).

The key opens what a participant's token opens, for the person it names: what is stored about
them (:func:`contact_person_data`, the participant's scope: contact details masked, from
elsewhere only what everyone sees anyway), withdrawing their consent to be contacted
(:func:`withdraw_consent_by_key`) and deleting themselves (:func:`delete_by_key`: anonymised;
the organisation's answer stays the organisation's). Anonymising a person, by this key, a
coordinator or retention, drops every key naming them, so the key stops working. Wrong keys
are counted and slowed down exactly like wrong answer codes (purpose ``contact_key``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, ServiceError
from ..mail.outbox import forget_recipients
from ..models import Idea, Invitation, Person
from ..security import ANONYMOUS, Client, check_not_throttled, clear_failures, link_code_hash, new_link_code, record_failure
from ..services.access import Actor, record_audit
from .erasure import anonymise_person, scrub_free_space
from .records import PersonData, anonymous_label, collect_person

__all__ = [
    "KEY_LENGTH", "KEY_PARAMETER", "SELF_PATH", "THROTTLE", "ContactKeyNotFound",
    "issue_contact_key", "self_link", "contact_person_data", "withdraw_consent_by_key", "delete_by_key",
]

KEY_LENGTH = 16
KEY_PARAMETER = "nyckel"
SELF_PATH = "mina-uppgifter"
THROTTLE = ("contact_key", "any")


class ContactKeyNotFound(ServiceError):
    """No contact person has this key: mistyped, or the person has been deleted."""

    message_key = "self.error.unknown_key"


def issue_contact_key(invitation: Invitation) -> str:
    """A new key for the invitation's contact person, kept as a hash on the row; the key itself is returned once.

    Called in the answering unit of work, so the key exists exactly when the answer does.

    >>> row = Invitation()
    >>> key = issue_contact_key(row)
    >>> len(key), key.count("-"), row.contact_key_hash == link_code_hash(key, KEY_LENGTH)
    (19, 3, True)
    """
    key = new_link_code(KEY_LENGTH)
    invitation.contact_key_hash = link_code_hash(key, KEY_LENGTH)
    return key


def self_link(base_url: str, key: str) -> str:
    """The contact person's link to *Mina uppgifter*.

    >>> self_link("http://192.168.1.20:8501/", "ABCD-EFGH-JKMN-PQRT")
    'http://192.168.1.20:8501/mina-uppgifter?nyckel=ABCD-EFGH-JKMN-PQRT'
    """
    return f"{str(base_url).rstrip('/')}/{SELF_PATH}?{KEY_PARAMETER}={key}"


def _locate(session: Session, key: Any, client: Client) -> tuple[Invitation, Person]:
    """The invitation and person a key opens; a wrong or spent key is a counted failure.

    The failure is committed before the error is raised, so the count survives it.
    """
    if not isinstance(key, str) or not key.strip():
        raise InvalidInput("errors.required", field="contact_key")
    check_not_throttled(session, *THROTTLE, client)
    hashed = link_code_hash(key, KEY_LENGTH)
    row = session.scalar(select(Invitation).where(Invitation.contact_key_hash == hashed)) if hashed else None
    person = session.get(Person, row.contact_person_id, with_for_update=True) if row is not None and row.contact_person_id else None
    if person is None or person.anonymised_at is not None:
        record_failure(session, *THROTTLE, client)
        session.commit()
        raise ContactKeyNotFound(field="contact_key")
    clear_failures(session, *THROTTLE, client)
    return row, person


def contact_person_data(store: Store, key: Any, *, client: Client = ANONYMOUS) -> PersonData:
    """What is stored about the contact person the key names (their *Mina uppgifter*).

    The participant's scope (:func:`workshop.privacy.records.participant_data`): contact details
    masked, and from the person's meetings only what the walls show everyone; every invitation
    answer naming them in full.

    Raises
    ------
    ContactKeyNotFound, TooManyAttempts, InvalidInput
    """
    with store.unit_of_work(write=True) as session:
        _row, person = _locate(session, key, client)
        data = collect_person(session, person, own=set(), scope="contact")
        session.commit()  # the cleared failures
    return data


def withdraw_consent_by_key(store: Store, key: Any, *, client: Client = ANONYMOUS) -> None:
    """The contact person takes back their consent: e-mail and phone are deleted at once (art. 7(3)).

    Nothing else changes: the name, the organisation and the answers stay.

    Raises
    ------
    ContactKeyNotFound, TooManyAttempts, InvalidInput
    """
    with store.unit_of_work(write=True) as session:
        _row, person = _locate(session, key, client)
        forget_recipients(session, [person.email])  # nothing more goes to it, and no copy stays
        person.email = person.phone = person.contact_consent_at = None
        session.commit()
    scrub_free_space(store)


def delete_by_key(store: Store, key: Any, *, client: Client = ANONYMOUS) -> None:
    """The contact person deletes themselves: anonymised everywhere, their keys dropped.

    The organisation's answers stay the organisation's, without the person (their message and
    offer are the organisation's words). Audited as ``person.self_delete``, like a participant
    deleting themselves.

    Raises
    ------
    ContactKeyNotFound, TooManyAttempts, InvalidInput
    """
    with store.unit_of_work(write=True) as session:
        row, person = _locate(session, key, client)
        workshop_id = session.scalar(select(Idea.workshop_id).where(Idea.id == row.idea_id))
        label = anonymous_label(person.id)
        removed = anonymise_person(session, person.id)
        record_audit(
            session, Actor("contact", label), "person.self_delete", subject_type="person", subject_id=person.id,
            subject_label=label, workshop_id=workshop_id, detail={"removed_contributions": False, "by": "contact_key", **removed},
        )
        session.commit()
    scrub_free_space(store)
