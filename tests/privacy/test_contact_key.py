"""An invitation answer's contact person and their own key to Mina uppgifter (issue 26), on a real database.

The key is issued once with the answer and kept only as a hash; it shows the person their data,
withdraws their consent, deletes them; wrong and spent keys are refused by name and throttled.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tests.factories import add_idea, add_note, count, join, row_counts
from tests.invitations.conftest import village  # noqa: F401  (the fixture: an idea with members not yet in)
from tests.privacy.traces import traces
from workshop.errors import TooManyAttempts
from workshop.invitations.answers import answer_invitation
from workshop.invitations.service import create_invitations
from workshop.models import AuditEvent, Commitment, Invitation, Person, Workshop
from workshop.privacy import erasure, records
from workshop.privacy.contact_key import ContactKeyNotFound, contact_person_data, delete_by_key, withdraw_consent_by_key
from workshop.privacy.retention import apply_retention
from workshop.security import Client, normalise_join_code, token_hash

ANSWERER = Client("10.0.0.7", "browser-a")
DORA = {"contact_name": "Dora Lind", "contact_email": "dora.lind@example.se", "contact_phone": "070-123 45 67", "contact_consent": True}


def _answer(store, village, answer="yes", **fields):
    (made,) = create_invitations(store, village.coordinator, village.meeting.id, village.idea, {village.crafts: "erbjuder sömnad"})
    return answer_invitation(store, made.code, answer, message="Vi hör av oss i januari.", offer="Tre symaskiner", client=ANSWERER, **fields)


def _invitation(store) -> Invitation:
    """The first invitation: the one answered."""
    with store.unit_of_work() as session:
        row = session.scalars(select(Invitation).order_by(Invitation.id)).first()
        session.expunge(row)
        return row


def _dora(store) -> Person:
    with store.unit_of_work() as session:
        person = session.get(Person, _invitation(store).contact_person_id)
        session.expunge(person)
        return person


def test_an_answer_naming_a_contact_person_gives_them_a_key_shown_once_and_kept_only_as_its_hash(store, village):
    answered = _answer(store, village, **DORA)

    key = answered.contact_key
    assert answered.answer == "yes" and len(normalise_join_code(key)) == 16  # about 76 bits: not to be guessed
    assert _invitation(store).contact_key_hash == token_hash(normalise_join_code(key))
    assert traces(store, key, normalise_join_code(key)) == []  # the key itself is stored nowhere


def test_an_answer_without_a_contact_person_gives_no_key(store, village):
    answered = _answer(store, village, "no")

    assert answered.contact_key is None
    assert _invitation(store).contact_key_hash is None


def test_the_key_shows_the_contact_person_their_data_and_the_answer_naming_them(store, village):
    key = _answer(store, village, **DORA).contact_key

    data = contact_person_data(store, key.lower().replace("-", " "), client=ANSWERER)  # typed by hand: case and dashes do not matter

    assert (data.person["name"], data.person["organisation"]["name"]) == ("Dora Lind", "Slöjdarna")
    assert (data.person["email"], data.person["phone"]) == ("d•••@example.se", "•••67")  # masked, as on a participant's page
    assert [(i["idea"], i["organisation"], i["answer"], i["offer"]) for i in data.invitations] == [("Lagning av kläder", "Slöjdarna", "yes", "Tre symaskiner")]
    exported = json.loads(records.as_json(data))
    assert exported["scope"] == "contact" and exported["invitations"][0]["idea"] == "Lagning av kläder"


@pytest.mark.parametrize(
    "wrong",
    [
        "ABCD-EFGH-JKMN-PQRT",  # well formed, nobody's
        "ABCD-EFGH",  # too short to be a key
        "ÅÄÖ!-????-????-????",  # not from the alphabet
    ],
)
def test_a_wrong_key_is_refused_by_name_and_writes_nothing_but_the_count(store, village, wrong):
    _answer(store, village, **DORA)
    before = row_counts(store)

    with pytest.raises(ContactKeyNotFound) as refused:
        contact_person_data(store, wrong, client=ANSWERER)

    assert (refused.value.message_key, refused.value.field) == ("self.error.unknown_key", "contact_key")
    after = row_counts(store)
    assert {table: n for table, n in after.items() if n != before[table]}.keys() <= {"access_attempts"}


def test_wrong_keys_are_throttled_like_answer_codes_and_slow_only_the_guesser(store, village):
    key = _answer(store, village, **DORA).contact_key
    for guess in ("ABCD-EFGH-JKMN-PQRT", "BCDE-FGHJ-KMNP-QRTW", "CDEF-GHJK-MNPQ-RTWX"):
        with pytest.raises(ContactKeyNotFound):
            contact_person_data(store, guess, client=ANSWERER)

    with pytest.raises(TooManyAttempts):  # the fourth guess waits, even with the right key
        contact_person_data(store, key, client=ANSWERER)
    with pytest.raises(TooManyAttempts):  # and nothing is written through the key meanwhile
        withdraw_consent_by_key(store, key, client=ANSWERER)
    assert _dora(store).email == "dora.lind@example.se"
    assert contact_person_data(store, key, client=Client("10.0.0.8", "browser-b")).person["name"] == "Dora Lind"


def test_withdrawing_consent_deletes_e_mail_and_phone_and_clears_nothing_else(store, village):
    key = _answer(store, village, **DORA).contact_key
    before = _dora(store)

    withdraw_consent_by_key(store, key, client=ANSWERER)

    after, invitation = _dora(store), _invitation(store)
    assert (after.email, after.phone, after.contact_consent_at) == (None, None, None)
    assert (after.name, after.organisation_id, after.anonymised_at) == (before.name, before.organisation_id, None)
    assert (invitation.status, invitation.answer_message, invitation.answer_offer, invitation.contact_person_id) == ("yes", "Vi hör av oss i januari.", "Tre symaskiner", after.id)
    assert traces(store, "dora.lind@example.se", "070-123 45 67") == []
    assert contact_person_data(store, key, client=ANSWERER).person["name"] == "Dora Lind"  # the key still opens her page


def test_deleting_oneself_by_the_key_anonymises_the_person_keeps_the_answer_and_spends_the_key(store, village):
    key = _answer(store, village, **DORA).contact_key

    delete_by_key(store, key, client=ANSWERER)

    person, invitation = _dora(store), _invitation(store)
    assert person.anonymised_at is not None and (person.name, person.email, person.phone) == ("En deltagare", None, None)
    # The organisation's answer stays the organisation's, without her.
    assert (invitation.status, invitation.answer_offer, invitation.contact_key_hash) == ("yes", "Tre symaskiner", None)
    assert count(store, Commitment, Commitment.organisation_id == village.crafts, Commitment.idea_id == village.idea) == 1
    assert traces(store, "Dora Lind", "dora.lind@example.se", "070-123 45 67") == []
    with store.unit_of_work() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "person.self_delete")).one()
        assert (event.actor_role, event.subject_id, event.workshop_id) == ("contact", person.id, village.meeting.id)
    with pytest.raises(ContactKeyNotFound):  # the key no longer works
        contact_person_data(store, key, client=ANSWERER)


def _erase(store, village, person_id):
    erasure.erase_person(store, village.coordinator, person_id, remove_contributions=False)


def _retention(store, village, _person_id):
    with store.unit_of_work() as session:
        until = session.get(Workshop, village.meeting.id).retention_until
    apply_retention(store, today=until + dt.timedelta(days=1))


@pytest.mark.parametrize("anonymise", [_erase, _retention], ids=["a coordinator's erasure", "retention"])
def test_every_other_way_of_anonymising_the_person_spends_the_key_too(store, village, anonymise):
    key = _answer(store, village, **DORA).contact_key

    anonymise(store, village, _dora(store).id)

    assert _invitation(store).contact_key_hash is None
    with pytest.raises(ContactKeyNotFound):
        contact_person_data(store, key, client=ANSWERER)


def test_a_contact_person_who_is_also_a_participant_sees_by_the_key_only_what_everyone_sees(store, village):
    # Cilla of Slöjdarna took part in the meeting; the club's answer names her as its contact.
    cilla = join(store, village.meeting, "Cilla Holm", "Slöjdarna")
    add_note(store, cilla, "Cilla kan inte på torsdagar.", visibility="facilitators")
    add_idea(store, cilla, "Syjunta i skolan")
    key = _answer(store, village, contact_name="Cilla Holm").contact_key

    data = contact_person_data(store, key, client=ANSWERER)

    assert [i["title"] for i in data.ideas] == ["Syjunta i skolan"]  # on the wall for everyone
    assert data.notes == ()  # a facilitator-only note needs the coordinator
    assert [i["organisation"] for i in data.invitations] == ["Slöjdarna"]


def _withdraw_by_key(store, village, key, _person_id):
    withdraw_consent_by_key(store, key, client=ANSWERER)


def _delete_by_key(store, village, key, _person_id):
    delete_by_key(store, key, client=ANSWERER)


def _erase_by_coordinator(store, village, _key, person_id):
    erasure.erase_person(store, village.coordinator, person_id, remove_contributions=False)


@pytest.mark.parametrize("forget", [_withdraw_by_key, _delete_by_key, _erase_by_coordinator], ids=["withdrawn consent", "deleted by the key", "erased by a coordinator"])
def test_an_invitation_e_mail_to_the_contact_persons_address_is_not_sent_once_it_may_not_be_used(store, village, forget):
    from workshop.invitations.delivery import queue_invitation_emails
    from workshop.invitations.service import letter_facts
    from workshop.models import OutboxMessage
    from workshop.services import contributions

    key = _answer(store, village, "more", **DORA).contact_key
    # Later the club is invited to another idea: the e-mail goes to the address Dora gave with consent.
    other = contributions.add_idea(store, village.anna.token, title="Sykafé", description="Sy tillsammans.")
    made = create_invitations(store, village.coordinator, village.meeting.id, other, {village.crafts: ""})
    facts = letter_facts(store, village.coordinator, village.meeting.id, other, made, "http://192.168.1.20:8501")
    assert queue_invitation_emails(store, village.coordinator, village.meeting.id, other, facts).queued == ("Slöjdarna",)
    assert count(store, OutboxMessage, OutboxMessage.recipient == DORA["contact_email"]) == 1

    forget(store, village, key, _dora(store).id)

    assert count(store, OutboxMessage) == 0  # never sent, and no copy of the address or the text stays
    assert traces(store, DORA["contact_email"]) == []
