"""Organisations of the process: Swedish organisation numbers, private persons, corrections."""

from __future__ import annotations

import pytest

from tests.factories import join, make_workshop, row_counts
from workshop.errors import DuplicateOrganisation, InvalidInput, InvalidOrganisationNumber
from workshop.services import organisations, participants


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("212000-0142", "212000-0142"),  # a public body (third digit 2)
        ("556036-0793", "556036-0793"),  # a limited company
        ("5560360793", "556036-0793"),  # without the dash
        (" 556036 0793 ", "556036-0793"),  # with a space where the dash goes
        ("", None),  # not known: allowed
    ],
)
def test_valid_organisation_number_is_stored_in_one_form(store, typed, stored):
    registered = organisations.register_organisation(store, name="Bergslagens Bryggeri AB", kind="company", org_number=typed)

    assert registered.org_number == stored
    assert organisations.get_organisation_view(store, registered.id).org_number == stored


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "typed,message_key",
    [
        ("556036-0794", "errors.org_number_checksum"),  # last digit does not match
        ("212000-0143", "errors.org_number_checksum"),
        ("551036-0793", "errors.org_number_third_digit"),  # a personnummer, not an organisation
        ("800101-1234", "errors.org_number_third_digit"),
        ("5560360-793", "errors.org_number_format"),
        ("55603607931", "errors.org_number_format"),
        ("556036-079", "errors.org_number_format"),
        ("ABC036-0793", "errors.org_number_format"),
        ("556O36-0793", "errors.org_number_format"),  # the letter O for a zero
    ],
)
def test_invalid_organisation_number_is_refused_with_the_reason(store, typed, message_key):
    meeting = make_workshop(store)
    before = row_counts(store)

    with pytest.raises(InvalidOrganisationNumber) as refused:
        participants.join_workshop(
            store,
            meeting.id,
            name="Anna Berg",
            new_organisation={"name": "Bergslagens Bryggeri AB", "kind": "company", "org_number": typed},
        )

    assert (refused.value.field, refused.value.message_key) == ("org_number", message_key)
    assert row_counts(store) == before


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_private_person_with_an_organisation_number_is_refused(store):
    meeting = make_workshop(store)
    before = row_counts(store)

    with pytest.raises(InvalidInput) as refused:
        participants.join_workshop(
            store, meeting.id, name="Bo Ek", new_organisation={"name": "Bo Ek", "kind": "private_person", "org_number": "556036-0793"}
        )

    assert (refused.value.field, refused.value.message_key) == ("org_number", "errors.private_person_number")
    assert row_counts(store) == before


@pytest.mark.parametrize(
    "kind,sector",
    [("association", "nonprofit"), ("company", "private"), ("public_body", "public"), ("education", "nonprofit"), ("private_person", None)],
)
def test_organisation_kind_decides_its_leader_sector(store, kind, sector):
    assert organisations.register_organisation(store, name="Vedevåg", kind=kind).sector == sector


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_unknown_kind_is_refused(store):
    with pytest.raises(InvalidInput) as refused:
        organisations.register_organisation(store, name="Vedevågs IF", kind="club")

    assert (refused.value.field, refused.value.message_key) == ("kind", "errors.invalid_choice")


def test_offers_are_kept_by_category_cleaned_and_unique(store):
    registered = organisations.register_organisation(
        store,
        name="Ramsbergs bygdegårdsförening",
        kind="association",
        offers={"premises": ["Samlingslokal", " samlingslokal ", "Kök"], "competence": "Bokföring"},
    )

    assert registered.offers == (("premises", "samlingslokal"), ("premises", "kök"), ("competence", "bokföring"))


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_offer_in_an_unknown_category_is_refused(store):
    with pytest.raises(InvalidInput) as refused:
        organisations.register_organisation(store, name="Ramsbergs bygdegårdsförening", kind="association", offers={"weapons": ["kanon"]})

    assert refused.value.field == "offers"


def test_facilitator_corrects_an_organisations_details(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Berg", "Ramsbergs if")

    organisations.update_organisation(
        store, meeting.id, meeting.facilitator, anna.organisation_id, name="Ramsbergs IF", org_number="8020024280"
    )

    corrected = organisations.get_organisation_view(store, anna.organisation_id)
    assert (corrected.name, corrected.org_number, corrected.kind) == ("Ramsbergs IF", "802002-4280", "association")


def test_correcting_to_another_organisations_number_is_refused(store):
    meeting = make_workshop(store)
    club = organisations.register_organisation(store, name="Ramsbergs IF", kind="association", org_number="802002-4280")
    anna = join(store, meeting, "Anna Berg", "Vedevågs IF")

    with pytest.raises(DuplicateOrganisation) as duplicate:
        organisations.update_organisation(store, meeting.id, meeting.facilitator, anna.organisation_id, org_number="802002-4280")

    assert (duplicate.value.existing_id, duplicate.value.field) == (club.id, "org_number")
    assert organisations.get_organisation_view(store, anna.organisation_id).org_number is None


def test_coordinator_moves_a_locality_to_another_leader_area(store, coordinator):
    organisations.set_locality_area(store, coordinator, "Ramsberg", "Leader Mälardalen")

    assert {l.name: l.leader_area for l in organisations.list_localities(store)}["Ramsberg"] == "Leader Mälardalen"


def test_a_participant_describes_only_their_own_organisation(store):
    from tests.factories import join, make_workshop
    from workshop.errors import SubmissionsClosed
    from workshop.services import organisations, workshops

    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna", "Ramsbergs IF")
    bo = join(store, meeting, "Bo", "Bos Såg AB", kind="company")
    view = organisations.describe_own_organisation(store, bo.token, offers={"resource": ["Traktor", "traktor "]}, description="Sågverk sedan 1920")
    assert view.id == bo.organisation_id and view.offers == (("resource", "traktor"),)
    assert organisations.get_organisation_view(store, anna.organisation_id).offers == ()
    workshops.set_submissions_open(store, meeting.id, meeting.facilitator, False)
    import pytest

    with pytest.raises(SubmissionsClosed):
        organisations.describe_own_organisation(store, anna.token, offers={"money": ["medfinansiering"]})
