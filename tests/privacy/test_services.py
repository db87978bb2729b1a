"""Data protection at the service layer, on SQLite and PostgreSQL: consent, access, erasure, retention."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tests.factories import coordinator_token, add_idea, add_note, add_tie, commit, count, join, make_workshop, open_round, row_counts
from tests.privacy.conftest import MARTA, MARTA_EMAIL
from tests.privacy.traces import traces
from workshop.errors import InvalidInput, NotAllowed, NotFound, NotSignedIn, UnknownParticipant
from workshop.models import AuditEvent, Idea, Note, Person, Tie, Vote
from workshop.privacy import erasure, people, records
from workshop.privacy.retention import apply_retention
from workshop.services import organisations, participants, views, voting, workshops


def _person(store, person_id: int) -> Person:
    with store.unit_of_work() as session:
        person = session.get(Person, person_id)
        session.expunge(person)  # read as it is now, usable after the session ends
        return person


def _person_id(store, identity) -> int:
    with store.unit_of_work() as session:
        from workshop.models import Participant

        return session.get(Participant, identity.participant_id).person_id


# --- joining -----------------------------------------------------------------------------


def test_joining_without_consent_stores_no_contact_details(store, meeting):
    anna = participants.join_workshop(store, meeting.id, name="Anna Berg", contact_consent=False)

    person = _person(store, _person_id(store, anna))
    assert (person.email, person.phone, person.contact_consent_at) == (None, None, None)


def test_joining_with_consent_stores_the_details_and_when_consent_was_given(store, meeting, marta):
    person = _person(store, _person_id(store, marta))

    assert (person.email, person.phone) == (MARTA_EMAIL, "070-123 45 67")
    assert person.contact_consent_at is not None


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_contact_details_without_consent_are_refused_at_the_consent_box_and_nothing_is_written(store, meeting):
    before = row_counts(store)

    with pytest.raises(InvalidInput) as refused:
        participants.join_workshop(store, meeting.id, name="Anna Berg", email="anna@example.se", contact_consent=False)

    assert (refused.value.field, refused.value.message_key) == ("contact_consent", "errors.contact_needs_consent")
    assert row_counts(store) == before


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "email,phone,field",
    [("anna(at)example.se", "", "email"), ("anna@example", "", "email"), ("", "ring mig", "phone"), ("", "123", "phone")],
)
def test_malformed_contact_details_are_refused_at_their_field(store, meeting, email, phone, field):
    with pytest.raises(InvalidInput) as refused:
        participants.join_workshop(store, meeting.id, name="Anna Berg", email=email, phone=phone, contact_consent=True)

    assert refused.value.field == field
    assert count(store, Person) == 0


# --- what a participant sees -----------------------------------------------------------------


def test_a_participant_sees_everything_they_added_and_their_contact_details_masked(store, meeting, marta, bo):
    idea = add_idea(store, marta, "Bygdekök i skolan")
    commit(store, marta, idea)
    add_note(store, marta, "Skolans kök står tomt på kvällarna.")
    add_note(store, marta, "Rektorn vill inte, men kommunen kan.", visibility="facilitators")
    add_tie(store, marta, marta, bo, "know")
    open_round(store, meeting)
    voting.set_dots(store, marta.token, idea, 2)

    data = records.participant_data(store, marta.token)

    assert data.person["name"] == MARTA
    assert data.person["email"] == "m•••@example.se" and data.person["phone"] == "•••67"
    assert [i["title"] for i in data.ideas] == ["Bygdekök i skolan"]
    assert [c["idea"] for c in data.commitments] == ["Bygdekök i skolan"]
    # Their own facilitator-only note is theirs to see; it was written from this browser.
    assert sorted(n["text"] for n in data.notes) == ["Rektorn vill inte, men kommunen kan.", "Skolans kök står tomt på kvällarna."]
    assert [{t["organisation_a"], t["organisation_b"]} for t in data.ties] == [{MARTA, "Bergslagens Bryggeri AB"}]
    assert [v["dots"] for v in data.votes] == [2]


def test_the_participant_export_holds_no_facilitator_note_written_on_another_device(store, meeting, marta):
    # Someone joining under the same name from another device is the same person: what they wrote
    # only for facilitators must not be readable from here.
    other_device = participants.join_workshop(store, meeting.id, name=MARTA)
    add_note(store, other_device, "Endast för facilitatorer: konflikt i styrelsen.", visibility="facilitators")
    add_note(store, other_device, "Bygdegården har ett nytt kök.")

    exported = records.as_json(records.participant_data(store, marta.token))

    assert "konflikt i styrelsen" not in exported
    assert "Bygdegården har ett nytt kök." in exported


def test_the_participant_export_holds_no_one_elses_facilitator_note_about_them(store, meeting, marta, bo):
    add_note(store, bo, "Märta Östberg är svår att samarbeta med.", subject="person", about_text=MARTA, visibility="facilitators")

    exported = records.as_json(records.participant_data(store, marta.token))

    assert "svår att samarbeta" not in exported


def test_the_export_is_readable_utf8_json_with_swedish_letters_as_they_are(store, meeting, marta):
    add_idea(store, marta, "Åkerns dag i Öskevik")

    exported = records.as_json(records.participant_data(store, marta.token))

    assert "Åkerns dag i Öskevik" in exported
    assert json.loads(exported)["ideas"][0]["title"] == "Åkerns dag i Öskevik"


def test_facilitator_only_notes_never_reach_the_participants_wall(store, meeting, marta):
    add_note(store, marta, "Bara för facilitatorer.", visibility="facilitators")

    assert [n.text for n in views.wall(store, meeting.id).notes] == []
    assert [n.text for n in views.wall(store, meeting.id, facilitator=True).notes] == ["Bara för facilitatorer."]


# --- deleting oneself ---------------------------------------------------------------------


def test_deleting_oneself_keeps_contributions_as_en_deltagare_and_leaves_no_name_or_email(store, meeting, marta, bo):
    idea = add_idea(store, marta, "Bygdekök i skolan", description="Ett gemensamt kök.")
    commit(store, bo, idea)

    erasure.delete_myself(store, marta.token, remove_contributions=False)

    card = views.wall(store, meeting.id).ideas[0]
    assert (card.title, card.author_name) == ("Bygdekök i skolan", "En deltagare")
    assert participants.identify(store, marta.token) is None
    assert traces(store, MARTA, MARTA_EMAIL, "070-123 45 67") == []


def test_deleting_oneself_with_contributions_removes_what_this_browser_added_and_nothing_of_others(store, meeting, marta, bo):
    mine = add_idea(store, marta, "Bygdekök i skolan")
    theirs = add_idea(store, bo, "Bryggeriets öppna dag")
    commit(store, marta, theirs)
    add_note(store, marta, "Skolans kök står tomt.")
    add_tie(store, marta, marta, bo)
    open_round(store, meeting)
    voting.set_dots(store, marta.token, theirs, 1)

    erasure.delete_myself(store, marta.token, remove_contributions=True)

    assert [i.title for i in views.wall(store, meeting.id, facilitator=True).ideas] == ["Bryggeriets öppna dag"]
    assert views.wall(store, meeting.id).ideas[0].commitments == ()
    assert count(store, Idea, Idea.id == mine) == 0
    assert (count(store, Note), count(store, Tie), count(store, Vote)) == (0, 0, 0)
    assert traces(store, MARTA, MARTA_EMAIL) == []


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_a_browser_that_deleted_itself_cannot_do_it_again(store, meeting, marta):
    erasure.delete_myself(store, marta.token, remove_contributions=False)

    with pytest.raises(UnknownParticipant):
        erasure.delete_myself(store, marta.token, remove_contributions=True)


# --- the coordinator ---------------------------------------------------------------------


def test_the_coordinator_finds_a_person_across_meetings_by_name_or_e_mail(store, meeting, marta, bo):
    later = make_workshop(store, title="Ramsberg igen", date=dt.date(2027, 3, 1))
    participants.join_workshop(store, later.id, name=MARTA)

    by_name = people.find_people(store, coordinator_token(store), "marta ostberg")
    by_email = people.find_people(store, coordinator_token(store), "MARTA.OSTBERG@")

    assert [(p.name, p.workshops) for p in by_name] == [(MARTA, ("Framtidens Ramsberg", "Ramsberg igen"))]
    assert [p.name for p in by_email] == [MARTA]
    assert sorted(p.name for p in people.find_people(store, coordinator_token(store), "")) == ["Bo Ek", MARTA]


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
@pytest.mark.parametrize("who,error", [("facilitator", NotAllowed), ("nobody", NotSignedIn)])
def test_only_a_coordinator_may_find_export_or_erase_people(store, meeting, marta, who, error):
    token = meeting.facilitator if who == "facilitator" else "not-a-session"
    person_id = _person_id(store, marta)
    before = row_counts(store)

    for action in (
        lambda: people.find_people(store, token, ""),
        lambda: records.person_data(store, token, person_id),
        lambda: records.export_person(store, token, person_id),
        lambda: erasure.erase_person(store, token, person_id, remove_contributions=True),
    ):
        with pytest.raises(error):
            action()
    assert row_counts(store) == before
    assert _person(store, person_id).name == MARTA


def test_the_coordinators_export_holds_everything_and_is_audited_without_the_name(store, meeting, marta, bo):
    add_note(store, marta, "Bara för facilitatorer.", visibility="facilitators")
    add_note(store, bo, "Märta kan allt om bygdekök.", subject="person", about_text=MARTA)
    person_id = _person_id(store, marta)

    exported = json.loads(records.export_person(store, coordinator_token(store), person_id))

    assert exported["person"]["email"] == MARTA_EMAIL
    assert [n["text"] for n in exported["notes"]] == ["Bara för facilitatorer."]
    assert [n["text"] for n in exported["notes_about"]] == ["Märta kan allt om bygdekök."]
    with store.unit_of_work() as session:
        event = session.execute(
            select(AuditEvent.actor_role, AuditEvent.subject_id, AuditEvent.subject_label).where(AuditEvent.action == "person.export")
        ).one()
    assert tuple(event) == ("coordinator", person_id, f"en deltagare (id {person_id})")


def test_erasing_a_person_leaves_their_name_and_e_mail_nowhere_in_the_database(store, meeting, marta, bo):
    idea = add_idea(store, marta, "Bygdekök i skolan")
    commit(store, marta, idea)
    add_tie(store, bo, marta, bo)
    # A facilitator corrected their private organisation: the audit trail named it after them.
    organisations.update_organisation(store, meeting.id, meeting.facilitator, marta.organisation_id, locality="Ställdalen")
    later = make_workshop(store, title="Ramsberg igen", date=dt.date(2027, 3, 1))
    again = participants.join_workshop(store, later.id, name=MARTA)
    person_id = _person_id(store, marta)
    assert traces(store, MARTA, MARTA_EMAIL)  # the search finds them before

    erasure.erase_person(store, coordinator_token(store), person_id, remove_contributions=False)

    assert traces(store, MARTA, MARTA_EMAIL, "070-123 45 67") == []
    assert views.wall(store, meeting.id).ideas[0].author_name == "En deltagare"
    assert participants.identify(store, again.token) is None
    with store.unit_of_work() as session:
        labels = [e.subject_label for e in session.scalars(select(AuditEvent).where(AuditEvent.subject_id == person_id))]
    assert f"en deltagare (id {person_id})" in labels


def test_erasing_a_person_with_contributions_removes_them_from_every_meeting(store, meeting, marta, bo):
    add_idea(store, marta, "Bygdekök i skolan")
    later = make_workshop(store, title="Ramsberg igen", date=dt.date(2027, 3, 1))
    add_idea(store, participants.join_workshop(store, later.id, name=MARTA), "Cykelled längs Ljusnan")
    add_idea(store, bo, "Bryggeriets öppna dag")

    removed = erasure.erase_person(store, coordinator_token(store), _person_id(store, marta), remove_contributions=True)

    assert removed["ideas"] == 2
    assert [i.title for i in views.wall(store, meeting.id, facilitator=True).ideas] == ["Bryggeriets öppna dag"]
    assert views.wall(store, later.id, facilitator=True).ideas == ()
    assert traces(store, MARTA, MARTA_EMAIL) == []


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_erasing_someone_unknown_says_the_person_is_not_found(store):
    with pytest.raises(NotFound) as refused:
        erasure.erase_person(store, coordinator_token(store), 4711, remove_contributions=False)

    assert refused.value.field == "person"


def test_an_erased_person_is_not_found_again_and_a_new_join_under_the_name_is_someone_new(store, meeting, marta):
    person_id = _person_id(store, marta)
    erasure.erase_person(store, coordinator_token(store), person_id, remove_contributions=False)

    assert people.find_people(store, coordinator_token(store), MARTA) == ()
    again = participants.join_workshop(store, meeting.id, name=MARTA)
    assert _person_id(store, again) != person_id


# --- retention ---------------------------------------------------------------------------


def test_retention_anonymises_people_whose_every_meeting_is_past_its_date_and_audits_per_workshop(store):
    first = make_workshop(store, title="Första träffen", date=dt.date(2026, 1, 10))
    later = make_workshop(store, title="Andra träffen", date=dt.date(2026, 6, 10))
    workshops.set_retention(store, coordinator_token(store), first.id, dt.date(2026, 12, 31))
    workshops.set_retention(store, coordinator_token(store), later.id, dt.date(2027, 12, 31))
    gone = participants.join_workshop(store, first.id, name=MARTA, email=MARTA_EMAIL, contact_consent=True)
    add_idea(store, gone, "Bygdekök i skolan")
    kept = join(store, first, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    join(store, later, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")  # a later meeting keeps its later date

    run = apply_retention(store, today=dt.date(2027, 1, 1))

    assert (run.people, run.workshops) == (1, (first.id,))
    assert _person(store, _person_id(store, kept)).name == "Bo Ek"
    assert views.wall(store, first.id).ideas[0].author_name == "En deltagare"
    assert traces(store, MARTA, MARTA_EMAIL) == []
    with store.unit_of_work() as session:
        audited = session.execute(select(AuditEvent.actor_role, AuditEvent.workshop_id, AuditEvent.detail).where(AuditEvent.action == "person.retention")).all()
    assert [(role, workshop_id, detail["people"]) for role, workshop_id, detail in audited] == [("system", first.id, 1)]


def test_retention_run_again_changes_nothing(store):
    first = make_workshop(store, title="Första träffen", date=dt.date(2026, 1, 10))
    workshops.set_retention(store, coordinator_token(store), first.id, dt.date(2026, 12, 31))
    participants.join_workshop(store, first.id, name=MARTA)
    apply_retention(store, today=dt.date(2027, 1, 1))
    before = row_counts(store)

    again = apply_retention(store, today=dt.date(2027, 1, 2))

    assert (again.people, again.workshops) == (0, ())
    assert row_counts(store) == before


def test_retention_keeps_everyone_until_the_day_after_the_date(store):
    first = make_workshop(store, title="Första träffen", date=dt.date(2026, 1, 10))
    workshops.set_retention(store, coordinator_token(store), first.id, dt.date(2026, 12, 31))
    marta = participants.join_workshop(store, first.id, name=MARTA)

    assert apply_retention(store, today=dt.date(2026, 12, 31)).people == 0
    assert participants.identify(store, marta.token).name == MARTA


def test_withdrawing_consent_deletes_the_contact_details_and_keeps_the_participant(store, meeting, marta):
    erasure.withdraw_contact_consent(store, marta.token)

    person = _person(store, _person_id(store, marta))
    assert (person.name, person.email, person.phone, person.contact_consent_at) == (MARTA, None, None, None)
    assert participants.identify(store, marta.token) is not None
    assert traces(store, MARTA_EMAIL) == []


def test_erasing_rewrites_audit_entries_that_name_the_person_and_no_others(store, meeting):
    bo = participants.join_workshop(store, meeting.id, name="Bo")
    farm = join(store, meeting, "Greta Lund", "Bondegårdens förening")
    for organisation_id in (bo.organisation_id, farm.organisation_id):
        organisations.update_organisation(store, meeting.id, meeting.facilitator, organisation_id, locality="Ställdalen")
    person_id = _person_id(store, bo)

    erasure.erase_person(store, coordinator_token(store), person_id, remove_contributions=False)

    with store.unit_of_work() as session:
        labels = list(session.scalars(select(AuditEvent.subject_label).where(AuditEvent.action == "organisation.edit").order_by(AuditEvent.id)))
    assert labels == [f"en deltagare (id {person_id})", "Bondegårdens förening"]
