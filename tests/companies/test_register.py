"""The register service: one company per identity number, the organisation found as on entry,
the contact a person of it, the personnummer kept apart, and every write audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tests.factories import add_assessment, coordinator_token, count, join, make_workshop
from workshop.companies import register
from workshop.companies.register import DuplicateCompany
from workshop.errors import InvalidInput, NotAllowed, NotSignedIn
from workshop.models import AuditEvent, Company, Organisation, Person, ProcessState
from workshop.privacy import erasure, records
from workshop.services.workshops import process_revision

SMIDE = {"name": "Ramsbergs Smide AB", "identity_number": "556036-0793", "locality": "Ramsberg", "sni_codes": "25.500, 33.110", "size_class": "1-4 anställda"}
SOLE = {"name": "Anna Bergs Hårvård", "identity_number": "811218-9876", "locality": "Storå", "sni_codes": "96021", "contact_name": "Anna Berg"}


@pytest.fixture
def token(store):
    return coordinator_token(store)


def test_a_company_is_an_organisation_of_kind_company_with_its_register_facts(store, token):
    company = register.add_company(store, token, turnover="2 350", turnover_thousands=True, source="SCB Företagsregistret", source_date="2026-03-02", **SMIDE)
    assert (company.name, company.org_number, company.legal_form) == ("Ramsbergs Smide AB", "556036-0793", "limited_company")
    assert (company.sni_codes, company.sni_section, company.size_class, company.size_band) == (("25500", "33110"), "C", "1-4", "micro")
    assert (company.turnover_sek, company.turnover_class, company.development_point) == (2_350_000, "1000-4999", "Ramsberg")
    assert (company.source, company.source_date) == ("SCB Företagsregistret", dt.date(2026, 3, 2))
    with store.unit_of_work() as session:
        organisation = session.get(Organisation, company.organisation_id)
        assert (organisation.kind, organisation.org_number, organisation.locality) == ("company", "556036-0793", "Ramsberg")


def test_adding_a_known_number_again_updates_the_same_company(store, token):
    first = register.add_company(store, token, **SMIDE)
    again = register.add_company(store, token, name="Ramsbergs Smide AB", identity_number="5560360793", size_class="5-9")
    assert again.id == first.id
    assert (again.size_class, again.sni_codes) == ("5-9", ("25500", "33110"))  # what was not given is kept
    assert count(store, Company) == 1 and count(store, Organisation) == 1


def test_a_company_already_in_the_network_keeps_its_organisation(store, token):
    meeting = make_workshop(store)
    jonas = join(store, meeting, "Jonas", "Ramsbergs Smide AB", kind="company", org_number="556036-0793")
    company = register.add_company(store, token, **SMIDE)
    assert company.organisation_id == jonas.organisation_id
    assert count(store, Organisation) == 1  # the meeting's organisation is reused, not duplicated


def test_a_sole_traders_personal_number_never_reaches_the_organisation(store, token):
    company = register.add_company(store, token, **SOLE)
    assert (company.legal_form, company.org_number, company.personal_number_masked) == ("sole_trader", None, "811218-****")
    assert "9876" not in json.dumps([str(v) for v in company.__dict__.values()])
    with store.unit_of_work() as session:
        organisation = session.get(Organisation, company.organisation_id)
        stored = session.get(Company, company.id)
        assert organisation.org_number is None
        assert stored.personal_number == "19811218-9876"
    again = register.add_company(store, token, name="Anna Bergs Hårvård och Spa", identity_number="19811218-9876")
    assert again.id == company.id and again.name == "Anna Bergs Hårvård och Spa"


def test_the_whole_personal_number_is_given_only_on_request_and_the_request_is_audited(store, token):
    company = register.add_company(store, token, **SOLE)
    assert register.reveal_personal_number(store, token, company.id) == "19811218-9876"
    with store.unit_of_work() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["company.add", "company.personal_number"]


def test_the_contact_person_is_a_person_of_the_organisation_and_contact_details_need_consent(store, token):
    without = register.add_company(store, token, contact_name="Eva Smed", contact_email="eva@example.se", contact_consent=False, **SMIDE)
    assert (without.contact_name, without.contact_email) == ("Eva Smed", None)
    with_consent = register.add_company(store, token, contact_name="Eva Smed", contact_email="eva@example.se", contact_consent=True, **SMIDE)
    assert with_consent.contact_email == "eva@example.se"
    with store.unit_of_work() as session:
        person = session.scalar(select(Person).where(Person.name == "Eva Smed"))
        assert person.organisation_id == with_consent.organisation_id and person.contact_consent_at is not None
    assert count(store, Person) == 1


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "change, field, key",
    [
        ({"identity_number": "556036-0794"}, "company_identity", "errors.org_number_checksum"),
        ({"identity_number": ""}, "company_identity", "companies.error.identity_required"),
        ({"sni_codes": "04.100"}, "company_sni", "companies.error.sni_division"),
        ({"size_class": "3-7"}, "company_size", "companies.error.size_class"),
        ({"postcode": "7119"}, "company_postcode", "companies.error.postcode"),
        ({"name": ""}, "company_name", "errors.required"),
        ({"contact_email": "eva@", "contact_name": "Eva", "contact_consent": True}, "company_contact_email", "companies.error.email"),
        ({"contact_phone": "070-1", "contact_consent": True}, "company_contact_name", "companies.error.contact_without_name"),
        ({"source_date": "2 mars"}, "company_source_date", "companies.error.date"),
    ],
)
def test_a_wrong_value_is_refused_at_its_field_and_nothing_is_written(store, token, change, field, key):
    with pytest.raises(InvalidInput) as caught:
        register.add_company(store, token, **{**SMIDE, **change})
    assert (caught.value.field, caught.value.message_key) == (field, key)
    assert count(store, Company) == 0 and count(store, Organisation) == 0


def test_editing_a_company_to_another_companys_number_is_refused(store, token):
    register.add_company(store, token, **SMIDE)
    other = register.add_company(store, token, name="Storå Snickeri AB", identity_number="559012-3450", locality="Storå")
    with pytest.raises(DuplicateCompany):
        register.update_company(store, token, other.id, name="Storå Snickeri AB", identity_number="556036-0793")


def test_an_edit_with_the_number_left_blank_keeps_a_sole_traders_personal_number(store, token):
    company = register.add_company(store, token, **SOLE)
    edited = register.update_company(store, token, company.id, name="Anna Bergs Hårvård", identity_number="", locality="Frövi")
    # A partial edit: the industry codes it was not given stay.
    assert (edited.personal_number_masked, edited.development_point, edited.sni_codes) == ("811218-****", "Ullersäter", ("96021",))


def test_every_write_is_audited_and_bumps_the_process_revision(store, token):
    before = process_revision(store)
    facts = {**SMIDE, "source": "SCB", "source_date": "2026-03-02"}
    company = register.add_company(store, token, **facts)
    register.update_company(store, token, company.id, **{**facts, "size_class": "5-9"})
    register.add_company(store, token, **{**facts, "size_class": "5-9"})  # nothing changes: nothing audited
    assert process_revision(store) > before
    with store.unit_of_work() as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.detail).where(AuditEvent.subject_type == "company").order_by(AuditEvent.id)).all()
    assert [tuple(e) for e in events] == [("company.add", {}), ("company.edit", {"fields": ["size_class"]})]


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_only_a_coordinator_may_read_or_write_the_register(store):
    meeting = make_workshop(store)
    with pytest.raises(NotSignedIn):
        register.add_company(store, "not-a-token", **SMIDE)
    with pytest.raises((NotAllowed, NotSignedIn)):
        register.list_companies(store, meeting.facilitator)


def test_the_list_filters_by_development_point_section_size_and_words(store, token):
    register.add_company(store, token, **SMIDE)
    register.add_company(store, token, **SOLE)
    register.add_company(store, token, name="Okänd Ort AB", identity_number="559012-3450", locality="Atlantis")
    assert [c.name for c in register.list_companies(store, token, development_point="Guldsmedshyttan")] == ["Anna Bergs Hårvård"]
    assert [c.name for c in register.list_companies(store, token, development_point="")] == ["Okänd Ort AB"]
    assert [c.name for c in register.list_companies(store, token, section="C")] == ["Ramsbergs Smide AB"]
    assert [c.name for c in register.list_companies(store, token, size_class="1-4")] == ["Ramsbergs Smide AB"]
    assert [c.name for c in register.list_companies(store, token, query="harvard stora")] == ["Anna Bergs Hårvård"]
    assert register.list_companies(store, token, query="9876") == []  # the hidden digits are not searchable


def test_a_company_with_a_submitted_survey_is_marked_surveyed(store, token):
    company = register.add_company(store, token, **SMIDE)
    add_assessment(store, company.id, submitted=False)
    assert not register.get_company(store, token, company.id).surveyed
    add_assessment(store, company.id, scores={"overall": 40.0})
    assert register.get_company(store, token, company.id).surveyed


def test_a_contacts_export_lists_their_company_and_erasure_removes_the_personal_number(store, token):
    company = register.add_company(store, token, **SOLE)
    with store.unit_of_work() as session:
        person_id = session.scalar(select(Person.id).where(Person.name == "Anna Berg"))
    data = records.person_data(store, token, person_id)
    assert [(c["name"], c["personal_number"]) for c in data.companies] == [("Anna Bergs Hårvård", "19811218-9876")]
    erasure.erase_person(store, token, person_id, remove_contributions=False)
    after = register.get_company(store, token, company.id)
    assert (after.personal_number_masked, after.contact_name) == ("", None)
    with store.unit_of_work() as session:
        assert session.get(Company, company.id).personal_number is None


def test_an_edit_that_gives_only_the_place_keeps_every_other_field(store, token):
    facts = {**SMIDE, "turnover": "2 350 000", "address": "Bruksgatan 1", "postcode": "71198", "contact_name": "Per Smed",
             "contact_email": "per@smide.se", "contact_consent": True, "source": "SCB", "source_date": "2026-03-02"}
    company = register.add_company(store, token, **facts)

    edited = register.update_company(store, token, company.id, locality="Frövi")

    assert edited.locality == "Frövi"
    assert (edited.name, edited.org_number, edited.sni_codes, edited.size_class, edited.turnover_sek, edited.address, edited.postcode) == (
        company.name, company.org_number, company.sni_codes, company.size_class, 2_350_000, "Bruksgatan 1", company.postcode,
    )
    assert (edited.contact_name, edited.contact_email, edited.source, edited.source_date) == ("Per Smed", "per@smide.se", "SCB", company.source_date)
