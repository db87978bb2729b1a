"""The office draft turned into an idea: it is in the chosen workshop with the draft's text and
needs, audited, the wall's revision bumped, and the constellation search finds the companies
that need it (never naming a sole trader)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import add_assessment, coordinator_token, join, make_company, make_workshop, row_counts
from workshop.companies.office import service as office_service
from workshop.errors import InvalidInput, NotAllowed, NotFound
from workshop.models import AuditEvent, Company, Idea, Workshop
from workshop.services import analysis
from workshop.services.network import read_snapshot

SCORES = {"strategy": 30.0, "readiness": 35.0, "human": 40.0, "data": 30.0, "automation": 20.0, "green": 45.0, "overall": 33.3}


@pytest.fixture
def process(store):
    """A workshop in Ramsberg where the municipality, the region and a landlord already take
    part, and four companies near Ramsberg that answered the survey (one a sole trader)."""
    meeting = make_workshop(store)
    kommun = join(store, meeting, "Kerstin", "Lindesbergs kommun", kind="public_body", locality="Lindesberg",
                  offers={"premises": ["lokaler i kommunens fastigheter"], "competence": ["näringslivsrådgivning"]})
    region = join(store, meeting, "Rolf", "Region Örebro län", kind="public_body", locality="Örebro", offers={"money": ["regionala utvecklingsmedel"]})
    landlord = join(store, meeting, "Lars", "Ramsbergs Fastigheter AB", kind="company", offers={"premises": ["kontorslokal", "lokal"]})
    companies = {}
    for name, size, needs, form in (
        ("Ramsbergs Kafé AB", "1-4", ("premises", "connectivity"), "limited_company"),
        ("Gruvstugans Keramik AB", "0", ("premises", "support_person"), "limited_company"),
        ("Kopparbergs Skogstjänst AB", "5-9", ("equipment", "advice"), "limited_company"),
        ("Anna Andersson", "0", ("premises",), "sole_trader"),
    ):
        company_id = make_company(store, name, size_class=size, legal_form=form)
        add_assessment(store, company_id, scores=SCORES, needs=needs)
        companies[name] = company_id
    add_assessment(store, make_company(store, "Femte Företaget AB", size_class="1-4"), scores=SCORES, needs=())
    return meeting, companies, {"kommun": kommun.organisation_id, "region": region.organisation_id, "landlord": landlord.organisation_id}


def _organisation_of(store, company_id):
    with store.unit_of_work() as session:
        return session.scalar(select(Company.organisation_id).where(Company.id == company_id))


def test_the_idea_is_in_the_chosen_workshop_with_the_drafts_text_needs_and_place(store, process):
    meeting, _companies, _ = process
    idea_id = office_service.create_office_idea(store, coordinator_token(store), "Ramsberg", meeting.id, {"workplaces": "Sex platser i gamla skolan."})
    with store.unit_of_work() as session:
        idea = session.get(Idea, idea_id)
        assert (idea.workshop_id, idea.title, idea.locality, idea.author_id, idea.stage) == (meeting.id, "Grannskapskontor i Ramsberg", "Ramsberg", None, "idea")
        assert "Arbetsplatser: Sex platser i gamla skolan." in idea.description
        assert "Lindesbergs kommun, Region Örebro län, en hyresvärd" in idea.description
        assert "Ramsbergs Kafé AB" in idea.description and "Gruvstugans Keramik AB" in idea.description
        # A sole trader's business name may be the owner's own name: counted, never named.
        assert "Anna Andersson" not in idea.description
        # The company with no need of its own is not named either.
        assert "Femte Företaget AB" not in idea.description
        categories = {n["category"] for n in idea.needs}
        assert categories == {"premises", "resource", "competence", "money"}
        assert {"category": "competence", "label": "behovsstödjare"} in idea.needs


def test_the_idea_is_audited_and_the_walls_revision_bumped(store, process):
    meeting, _companies, _ = process
    with store.unit_of_work() as session:
        before = session.scalar(select(Workshop.revision).where(Workshop.id == meeting.id))
    idea_id = office_service.create_office_idea(store, coordinator_token(store), "Ramsberg", meeting.id)
    with store.unit_of_work() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "office.idea")).one()
        assert (event.actor_role, event.subject_id, event.workshop_id, event.subject_label) == ("coordinator", idea_id, meeting.id, "Grannskapskontor i Ramsberg")
        assert event.detail["point"] == "Ramsberg" and "workplaces" in event.detail["requirements"]
        assert session.scalar(select(Workshop.revision).where(Workshop.id == meeting.id)) > before


def test_the_constellation_search_finds_the_companies_that_need_the_office(store, process):
    meeting, companies, partners = process
    idea_id = office_service.create_office_idea(store, coordinator_token(store), "Ramsberg", meeting.id)
    result = analysis.refresh(read_snapshot(store))
    ranked = [organisation for organisation, _score in result.fit.relevance.ranked(idea_id)]
    needing = {_organisation_of(store, companies[n]) for n in ("Ramsbergs Kafé AB", "Gruvstugans Keramik AB", "Kopparbergs Skogstjänst AB")}
    assert needing & set(ranked), ranked
    # The landlord and the municipality meet the need for premises, the region the money.
    assert {partners["landlord"], partners["kommun"], partners["region"]} <= set(ranked)
    found = result.fit.results[idea_id]
    assert found.can_form
    assert needing & {member for candidate in found.candidates for member in candidate.members}, found.candidates


def test_only_a_coordinator_turns_a_draft_into_an_idea_and_nothing_is_written_otherwise(store, process):
    meeting, _companies, _ = process
    before = row_counts(store)
    with pytest.raises(NotAllowed):
        office_service.create_office_idea(store, meeting.facilitator, "Ramsberg", meeting.id)
    with pytest.raises(NotFound):
        office_service.create_office_idea(store, coordinator_token(store), "Ramsberg", 99_999)
    with pytest.raises(InvalidInput) as nothing:
        office_service.create_office_idea(store, coordinator_token(store), "Guldsmedshyttan", meeting.id)  # no company there
    assert nothing.value.message_key == "office.errors.nothing_to_offer"
    with pytest.raises(InvalidInput):
        office_service.create_office_idea(store, coordinator_token(store), "Ramsberg", meeting.id, {"workplaces": "x" * 5000})
    after = row_counts(store)
    after.pop("staff_sessions", None), before.pop("staff_sessions", None)
    after.pop("audit_events", None), before.pop("audit_events", None)  # the coordinator's sign-in
    assert after == before
