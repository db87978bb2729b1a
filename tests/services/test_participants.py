"""Joining a workshop without an account, from an organisation or as a private person."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.factories import join, make_workshop, row_counts
from workshop.errors import DuplicateOrganisation, InvalidInput, SubmissionsClosed, WorkshopNotFound
from workshop.models import Participant
from workshop.services import organisations, participants, views, workshops


def _person_id(store, participant_id: int) -> int:
    with store.unit_of_work() as session:
        return session.scalar(select(Participant.person_id).where(Participant.id == participant_id))


def test_joining_from_an_existing_organisation_shows_its_name(store):
    meeting = make_workshop(store)
    club = organisations.register_organisation(store, name="Ramsbergs IF", kind="association", locality="Ramsberg")

    anna = participants.join_workshop(store, meeting.id, name=" Anna Berg ", organisation_id=club.id)

    assert (anna.name, anna.workshop_id, anna.organisation_id, anna.organisation_name, anna.organisation_kind) == (
        "Anna Berg",
        meeting.id,
        club.id,
        "Ramsbergs IF",
        "association",
    )


def test_joining_with_a_new_organisation_adds_it_to_the_process(store):
    meeting = make_workshop(store)

    anna = participants.join_workshop(
        store,
        meeting.id,
        name="Anna Berg",
        new_organisation={"name": "Bergslagens Bryggeri AB", "kind": "company", "org_number": "5560360793"},
    )

    listed = {o.id: o for o in organisations.list_organisations(store)}
    assert listed[anna.organisation_id].name == "Bergslagens Bryggeri AB"
    assert (listed[anna.organisation_id].sector, listed[anna.organisation_id].org_number) == ("private", "556036-0793")


@pytest.mark.parametrize(
    "new_organisation,field",
    [
        ({"name": "Ramsbergs IF", "kind": "association"}, "name"),
        ({"name": "ramsbergs if", "kind": "association"}, "name"),
        ({"name": "  Ramsbergs   I.F. ", "kind": "association"}, "name"),
        ({"name": "RAMSBERGS-IF!", "kind": "other_organisation"}, "name"),
        ({"name": "Idrottsföreningen i Ramsberg", "kind": "association", "org_number": "802002-4280"}, "org_number"),
        ({"name": "IF Ramsberg", "kind": "association", "org_number": "8020024280"}, "org_number"),
    ],
    ids=["same name", "lower case", "spacing and punctuation", "upper case and dash", "same number", "same number without dash"],
)
def test_organisation_that_exists_already_is_offered_instead_and_nothing_is_written(store, new_organisation, field):
    meeting = make_workshop(store)
    club = organisations.register_organisation(store, name="Ramsbergs IF", kind="association", org_number="802002-4280")
    before = row_counts(store)

    with pytest.raises(DuplicateOrganisation) as duplicate:
        participants.join_workshop(store, meeting.id, name="Anna Berg", new_organisation=new_organisation)

    assert (duplicate.value.existing_id, duplicate.value.existing_name, duplicate.value.field) == (club.id, "Ramsbergs IF", field)
    assert row_counts(store) == before


def test_similar_but_different_name_is_a_new_organisation(store):
    meeting = make_workshop(store)
    organisations.register_organisation(store, name="Ramsbergs IF", kind="association")

    anna = participants.join_workshop(store, meeting.id, name="Anna Berg", new_organisation={"name": "Ramsbergs IK", "kind": "association"})

    assert anna.organisation_name == "Ramsbergs IK"


def test_joining_without_an_organisation_makes_a_private_person(store):
    meeting = make_workshop(store)

    bo = participants.join_workshop(store, meeting.id, name="Bo Ek")

    assert (bo.organisation_name, bo.organisation_kind) == ("Bo Ek", "private_person")
    assert bo.organisation_id not in [o.id for o in organisations.list_organisations(store, include_private=False)]


def test_private_person_of_the_same_name_as_an_association_is_not_taken_for_it(store):
    meeting = make_workshop(store)
    club = organisations.register_organisation(store, name="Bo Ek", kind="association")

    bo = participants.join_workshop(store, meeting.id, name="Bo Ek")

    assert bo.organisation_id != club.id
    assert bo.organisation_kind == "private_person"


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
@pytest.mark.parametrize("how", ["as a private person", "from an existing organisation", "with a new organisation"])
def test_nobody_can_join_once_the_facilitator_has_closed_submissions(store, how):
    meeting = make_workshop(store)
    club = organisations.register_organisation(store, name="Ramsbergs IF", kind="association")
    workshops.set_submissions_open(store, meeting.id, meeting.facilitator, False)
    before = row_counts(store)
    arguments = {
        "as a private person": {},
        "from an existing organisation": {"organisation_id": club.id},
        "with a new organisation": {"new_organisation": {"name": "Vedevågs IF", "kind": "association"}},
    }[how]

    with pytest.raises(SubmissionsClosed):
        participants.join_workshop(store, meeting.id, name="Anna Berg", **arguments)

    assert row_counts(store) == before


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "name,message_key",
    [("", "errors.required"), ("   ", "errors.required"), ("A" * 121, "errors.too_long"), ("Anna\x1b[31m", "errors.control_characters")],
)
def test_a_name_is_required_to_join(store, name, message_key):
    meeting = make_workshop(store)

    with pytest.raises(InvalidInput) as refused:
        participants.join_workshop(store, meeting.id, name=name)

    assert (refused.value.field, refused.value.message_key) == ("name", message_key)


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_joining_a_workshop_that_does_not_exist_is_refused(store):
    with pytest.raises(WorkshopNotFound):
        participants.join_workshop(store, 999, name="Anna Berg")


def test_the_token_finds_the_participant_again_after_a_reload(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    join(store, meeting, "Bo Ek")

    assert participants.identify(store, anna.token) == anna


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
@pytest.mark.parametrize("token", ["", None, "not-a-token"])
def test_unknown_token_identifies_nobody(store, token):
    meeting = make_workshop(store)
    join(store, meeting, "Anna Berg", "Ramsbergs IF")

    assert participants.identify(store, token) is None


def test_two_devices_of_one_person_hold_different_tokens_but_count_once(store):
    meeting = make_workshop(store)
    phone = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    laptop = join(store, meeting, "anna  berg", "Ramsbergs IF")

    assert phone.token != laptop.token
    assert _person_id(store, phone.participant_id) == _person_id(store, laptop.participant_id)
    assert views.wall(store, meeting.id).participants == 1


@pytest.mark.parametrize("organisation", ["Ramsbergs IF", None], ids=["from an organisation", "as a private person"])
def test_the_same_person_at_a_later_meeting_is_the_same_person_of_the_same_organisation(store, organisation):
    first = make_workshop(store, date=dt.date(2026, 11, 30))
    second = make_workshop(store, title="Framtidens Ramsberg, del 2", date=dt.date(2027, 2, 1))
    at_first = join(store, first, "Anna Berg", organisation)

    at_second = join(store, second, "Anna Berg", organisation)

    assert at_second.participant_id != at_first.participant_id
    assert at_second.organisation_id == at_first.organisation_id
    assert _person_id(store, at_second.participant_id) == _person_id(store, at_first.participant_id)
