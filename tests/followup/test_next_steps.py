"""An idea's next step and owner (workshop/followup/steps.py): kept with history, partial
updates that never clear what they were not given, Swedish refusals at the field, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.factories import add_idea, count, join, make_workshop
from workshop.errors import InvalidInput, NotAllowed, NotFound
from workshop.followup import steps
from workshop.models import AuditEvent, Idea, NextStep

TODAY = dt.date(2026, 12, 7)


def _actions(store) -> list[str]:
    with store.unit_of_work() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_each_change_of_a_step_is_kept_and_the_newest_is_in_force(store, meeting, anna, bo):
    idea = add_idea(store, anna)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Boka köket", due_date=dt.date(2027, 1, 15), assignee=("organisation", bo.organisation_id), today=TODAY)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Skicka budget till Leader", today=TODAY)

    history = steps.idea_steps(store, meeting.id, meeting.facilitator, idea)
    assert [v.what for v in history] == ["Skicka budget till Leader", "Boka köket"]
    # The newer version kept the date and the organisation it was not given.
    assert (history[0].due_date, history[0].assignee) == (dt.date(2027, 1, 15), "Bergslagens Bryggeri AB")
    assert _actions(store).count("idea.next_step") == 2


# Each row: the one field a second save gives, and the value it sets.
PARTIAL = [
    ("what", "Ringa kommunen", lambda v: v.what),
    ("due_date", dt.date(2027, 3, 1), lambda v: v.due_date),
    ("assignee", ("text", "Kalle på Bruket"), lambda v: v.assignee),
    ("owner_organisation_id", "anna_org", lambda v: v.owner),
]


@pytest.mark.parametrize("field,value,read", PARTIAL, ids=[p[0] for p in PARTIAL])
def test_a_save_that_gives_one_field_keeps_every_other_field(store, meeting, anna, bo, field, value, read):
    idea = add_idea(store, anna)
    first = steps.set_next_step(
        store, meeting.id, meeting.facilitator, idea, what="Boka köket", due_date=dt.date(2027, 1, 15),
        assignee=("organisation", bo.organisation_id), owner_organisation_id=bo.organisation_id, today=TODAY,
    )
    given = anna.organisation_id if value == "anna_org" else value
    second = steps.set_next_step(store, meeting.id, meeting.facilitator, idea, today=TODAY, **{field: given})

    expected = {"what": "Boka köket", "due_date": dt.date(2027, 1, 15), "assignee": "Bergslagens Bryggeri AB", "owner": "Bergslagens Bryggeri AB"}
    shown = {"what": second.what, "due_date": second.due_date, "assignee": second.assignee, "owner": second.owner}
    changed = "owner" if field == "owner_organisation_id" else field
    expected[changed] = {"anna_org": "Ramsbergs IF", ("text", "Kalle på Bruket"): "Kalle på Bruket"}.get(value, value) if not isinstance(value, dt.date) else value
    assert shown == expected
    assert read(first) != read(second)


def test_the_owner_set_with_a_step_is_the_ideas_owner_and_audited_as_its_leader_details(store, meeting, anna, bo):
    idea = add_idea(store, anna)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Boka köket", owner_organisation_id=bo.organisation_id, today=TODAY)
    with store.unit_of_work() as session:
        assert session.get(Idea, idea).owner_organisation_id == bo.organisation_id
    assert _actions(store)[-2:] == ["idea.next_step", "idea.leader_details"]


def test_a_given_none_clears_the_date_and_who_does_it(store, meeting, anna, bo):
    idea = add_idea(store, anna)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Boka köket", due_date=dt.date(2027, 1, 15), assignee=("organisation", bo.organisation_id), today=TODAY)
    cleared = steps.set_next_step(store, meeting.id, meeting.facilitator, idea, due_date=None, assignee=None, today=TODAY)
    assert (cleared.what, cleared.due_date, cleared.assignee_kind, cleared.assignee) == ("Boka köket", None, None, "")


def test_a_participant_of_the_ideas_meeting_can_be_named_but_not_one_of_another_meeting(store, meeting, anna):
    idea = add_idea(store, anna)
    named = steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Ringa skolan", assignee=("participant", anna.participant_id), today=TODAY)
    assert (named.assignee_kind, named.assignee) == ("participant", "Anna Berg")

    elsewhere = join(store, make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg"), "Cilla Lund", "Vedevågs IF")
    with pytest.raises(NotFound) as refused:
        steps.set_next_step(store, meeting.id, meeting.facilitator, idea, assignee=("participant", elsewhere.participant_id), today=TODAY)
    assert (refused.value.field, refused.value.message_key) == ("step_assignee", "followup.errors.assignee_not_found")


# (what the facilitator typed, the field the message is shown under, the message)
REFUSED = [
    (dict(what="   "), "step_what", "errors.required"),
    (dict(due_date=dt.date(2027, 1, 1)), "step_what", "errors.required"),  # a first step needs its "what"
    (dict(what="Boka", due_date=dt.date(2026, 12, 6)), "step_due", "followup.errors.due_in_past"),
    (dict(what="Boka", due_date=dt.date(2207, 1, 1)), "step_due", "followup.errors.due_too_far"),
    (dict(what="Boka", due_date="2027-01-01"), "step_due", "errors.invalid"),
    (dict(what="Boka", assignee=("organisation", None)), "step_assignee", "followup.errors.choose_assignee"),
    (dict(what="Boka", assignee=("text", "  ")), "step_assignee", "followup.errors.choose_assignee"),
    (dict(what="Boka", assignee=("someone", 1)), "step_assignee", "errors.invalid_choice"),
    (dict(what="Boka", assignee=("organisation", 10**12)), "step_assignee", "followup.errors.assignee_not_found"),
    (dict(what="x" * 201), "step_what", "errors.too_long"),
    (dict(what="Boka", owner_organisation_id="private"), "owner", "errors.private_person_cannot_own"),
]


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize("fields,field,key", REFUSED, ids=[f"{r[1]}:{r[2]}:{i}" for i, r in enumerate(REFUSED)])
def test_bad_input_is_refused_at_its_field_and_writes_nothing(store, meeting, anna, fields, field, key):
    idea = add_idea(store, anna)
    fields = dict(fields)  # the table's rows are shared by both databases' runs
    if fields.get("owner_organisation_id") == "private":
        fields["owner_organisation_id"] = join(store, meeting, "Dora Lind").organisation_id  # joined without an organisation: a private person
    before = (count(store, NextStep), count(store, AuditEvent))
    with pytest.raises((InvalidInput, NotFound)) as refused:
        steps.set_next_step(store, meeting.id, meeting.facilitator, idea, today=TODAY, **fields)
    assert (refused.value.field, refused.value.message_key) == (field, key)
    assert (count(store, NextStep), count(store, AuditEvent)) == before


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_another_meetings_facilitator_may_not_set_a_step(store, meeting, anna):
    idea = add_idea(store, anna)
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    with pytest.raises(NotAllowed):
        steps.set_next_step(store, meeting.id, other.facilitator, idea, what="Boka", today=TODAY)
    with pytest.raises(NotFound):  # nor reach it through their own workshop: it is not on their wall
        steps.set_next_step(store, other.id, other.facilitator, idea, what="Boka", today=TODAY)
    assert count(store, NextStep) == 0


def test_deleting_an_idea_with_steps_takes_its_steps_along(store, meeting, anna):
    # The author deletes their own idea: its steps must not block it (a foreign key) nor linger.
    idea = add_idea(store, anna)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Boka köket", today=TODAY)
    from workshop.services import contributions

    contributions.delete_idea(store, anna.token, idea)
    assert (count(store, NextStep), count(store, Idea)) == (0, 0)


def test_removing_the_demo_takes_its_steps_and_next_meeting_and_keeps_a_real_ideas_step(store, meeting, anna, coordinator):
    from sqlalchemy import update

    from workshop.followup import meetings
    from workshop.models import NextMeeting, Workshop
    from workshop.services import demo_data

    demo = make_workshop(store, title="Demo: Framtidens Ramsberg")
    demo_idea = add_idea(store, join(store, demo, "Demo Dora", "Demoföreningen"), "Demoidé")
    steps.set_next_step(store, demo.id, demo.facilitator, demo_idea, what="Visa demon", today=TODAY)
    meetings.set_next_meeting(store, demo.id, demo.facilitator, date=dt.date(2027, 1, 14), time=dt.time(18, 30), today=TODAY)
    real = add_idea(store, anna, "Riktig idé")
    steps.set_next_step(store, meeting.id, meeting.facilitator, real, what="Boka köket", today=TODAY)
    with store.unit_of_work(write=True) as session:
        session.execute(update(Workshop).where(Workshop.id == demo.id).values(is_demo=True))
        session.commit()

    demo_data.remove_demo_data(store, coordinator)
    with store.unit_of_work() as session:
        assert list(session.scalars(select(NextStep.what))) == ["Boka köket"]
    assert count(store, NextMeeting) == 0


def test_an_erased_participants_name_is_gone_from_the_step_they_were_named_for(store, meeting, anna, coordinator):
    from workshop.models import Participant
    from workshop.privacy import erasure

    idea = add_idea(store, anna)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Ringa skolan", assignee=("participant", anna.participant_id), today=TODAY)
    with store.unit_of_work() as session:
        person_id = session.get(Participant, anna.participant_id).person_id
    erasure.erase_person(store, coordinator, person_id, remove_contributions=False)

    (step,) = steps.idea_steps(store, meeting.id, meeting.facilitator, idea)
    assert step.what == "Ringa skolan" and step.assignee_kind == "participant"
    assert "Anna" not in step.assignee


def test_an_overdue_step_can_be_edited_with_the_date_it_already_has(store, meeting, anna):
    # The form sends back the date it shows; a step past its date must not become uneditable.
    idea = add_idea(store, anna)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Boka köket", due_date=dt.date(2026, 12, 20), today=TODAY)
    later = dt.date(2027, 1, 10)
    edited = steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Boka köket och matsalen", due_date=dt.date(2026, 12, 20), today=later)
    assert (edited.what, edited.due_date) == ("Boka köket och matsalen", dt.date(2026, 12, 20))
    with pytest.raises(InvalidInput) as refused:  # but a new date in the past is still refused
        steps.set_next_step(store, meeting.id, meeting.facilitator, idea, due_date=dt.date(2026, 12, 21), today=later)
    assert refused.value.message_key == "followup.errors.due_in_past"
