"""The LEADER card on the real database: who may edit it, one unit of work, audited, and the
check reading the saved card (SQLite, and PostgreSQL when its URL is set)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.factories import add_idea, commit, coordinator_token, count, join, make_workshop
from workshop.errors import InvalidInput, NotAllowed, NotReadyForProject, NotSignedIn
from workshop.leader import service
from workshop.models import AuditEvent, Idea, LeaderCard, LeaderVolunteerHours, Locality
from workshop.services import moderation

TODAY = dt.date(2026, 12, 2)

CARD = dict(
    support_type="check_livskvalitet",
    benefit="public",
    budget={"services": 17_000},
    focus_area="levnadsvillkor",
    goal="Fler mötesplatser och aktiviteter för alla åldrar",
    innovation_type="shared_local_need",
    innovation="Föreningar och företag delar ett kök som står tomt på kvällarna.",
    horizontal={"equality": "Lika många kvinnor som män leder.", "non_discrimination": "Lokalen är tillgänglig.", "environment": "Mat från trakten."},
    long_term="Bygdeföreningen driver köket vidare.",
    activities="Rusta köket, kurser.",
    indicators="Kvällar köket används.",
    planned_start=dt.date(2027, 3, 1),
)


@pytest.fixture
def kitchen(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna", "Ramsbergs bygdeförening", org_number="802412-4532")
    bo = join(store, meeting, "Bo", "Ramsbergs Såg AB", kind="company", org_number="556036-0793")
    idea = add_idea(store, anna)
    commit(store, anna, idea, role="possible_owner")
    commit(store, bo, idea)
    return meeting, anna, bo, idea


def test_the_facilitator_saves_a_card_and_the_check_reads_it(store, kitchen):
    meeting, anna, bo, idea = kitchen
    service.save_card(store, meeting.id, meeting.facilitator, idea, volunteer_hours={anna.organisation_id: 10, bo.organisation_id: 5}, **CARD)

    view = service.card_view(store, meeting.id, meeting.facilitator, idea, today=TODAY)
    assert view.check.ready, [line.message.key for line in view.check.failed]
    assert (view.check.hours, view.check.volunteer_sek, view.check.required_volunteer_sek) == (15, 5_100, 5_100)
    with store.unit_of_work() as session:
        saved = session.get(Idea, idea)
        assert (saved.budget_sek, saved.cofinancing_hours) == (17_000, 15)  # the basic checklist reads the same numbers
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "idea.leader_card")).one()
        assert (audit.actor_role, audit.subject_id) == ("facilitator", idea)


def test_saving_again_replaces_the_hours_instead_of_adding_to_them(store, kitchen):
    meeting, anna, bo, idea = kitchen
    service.save_card(store, meeting.id, meeting.facilitator, idea, volunteer_hours={anna.organisation_id: 10, bo.organisation_id: 5}, **CARD)
    service.save_card(store, meeting.id, meeting.facilitator, idea, volunteer_hours={anna.organisation_id: 14}, **CARD)
    assert count(store, LeaderVolunteerHours) == 1
    check = service.card_view(store, meeting.id, meeting.facilitator, idea, today=TODAY).check
    assert not check.line("cofinancing").passed and check.line("cofinancing").message.params["missing_hours"] == 1


def test_a_coordinator_may_edit_the_card_a_participant_and_another_workshops_facilitator_may_not(store, kitchen):
    meeting, anna, _, idea = kitchen
    service.save_card(store, meeting.id, coordinator_token(store), idea, **CARD)
    other = make_workshop(store, title="Vedevåg", locality="Vedevåg")
    with pytest.raises(NotSignedIn):
        service.save_card(store, meeting.id, anna.token, idea, **CARD)
    with pytest.raises(NotAllowed):
        service.save_card(store, meeting.id, other.facilitator, idea, **CARD)
    with pytest.raises(NotSignedIn):
        service.card_view(store, meeting.id, anna.token, idea)
    assert count(store, AuditEvent, AuditEvent.action == "idea.leader_card") == 1


def test_bad_input_writes_nothing(store, kitchen):
    meeting, anna, _, idea = kitchen
    stranger = join(store, meeting, "Cia", "Storå IK")
    for bad, field in (
        ({"support_type": "smaprojekt"}, "support_type"),  # a Mälardalen kind, the idea is in Ramsberg (Bergslagen)
        ({"budget": {"services": -1}}, "budget"),
        ({"budget": {"lunch": 5}}, "budget"),
        ({"volunteer_hours": {stranger.organisation_id: 5}}, "volunteer_hours"),
        ({"planned_start": "2027-03-01"}, "planned_start"),
        ({"leader_area": "Leader Mälardalen"}, "leader_area"),  # Ramsberg is not split
    ):
        with pytest.raises(InvalidInput) as refused:
            service.save_card(store, meeting.id, meeting.facilitator, idea, **{**CARD, **bad})
        assert refused.value.field == field
    assert count(store, LeaderCard) == 0 and count(store, AuditEvent, AuditEvent.action == "idea.leader_card") == 0


def test_an_idea_in_fellingsbro_asks_for_its_area_and_keeps_the_one_chosen(store):
    meeting = make_workshop(store, title="Fellingsbro", locality="Fellingsbro")
    jonas = join(store, meeting, "Jonas", "Fellingsbro företagarförening", kind="company", locality="Fellingsbro", org_number="556036-0793")
    idea = add_idea(store, jonas, "Marknadsdagar", locality="Fellingsbro")
    commit(store, jonas, idea, role="possible_owner")

    first = service.card_view(store, meeting.id, meeting.facilitator, idea, today=TODAY)
    assert first.facts.crosses_boundary
    assert first.check.line("area").message.key == "leader.check.area.split_unknown"
    with pytest.raises(InvalidInput) as refused:
        service.save_card(store, meeting.id, meeting.facilitator, idea, support_type="smaprojekt")
    assert refused.value.field == "support_type"

    service.save_card(store, meeting.id, meeting.facilitator, idea, leader_area="Leader Mälardalen", support_type="smaprojekt")
    chosen = service.card_view(store, meeting.id, meeting.facilitator, idea, today=TODAY)
    assert chosen.area.area == "Leader Mälardalen" and chosen.check.line("area").message.key == "leader.check.area.chosen_part"
    assert chosen.score is not None  # Leader Mälardalen publishes selection criteria


def test_the_seeded_places_split_fellingsbro_and_know_the_villages(store):
    with store.unit_of_work() as session:
        places = {p.name: (p.leader_area, p.crosses_boundary) for p in session.scalars(select(Locality))}
    assert places["Fellingsbro"] == (None, True)
    assert {"Kloten", "Mårdshyttan", "Stråssa", "Rockhammar"} <= set(places)
    assert places["Rockhammar"] == ("Leader Bergslagen", False)
    assert "Nya Kopparberg" not in places and "Järnboås" not in places  # Ljusnarsberg and Nora, not Lindesberg


def test_a_card_with_a_kind_of_support_holds_back_the_project_ready_stage_until_its_rules_hold(store, kitchen):
    meeting, anna, bo, idea = kitchen
    moderation.update_leader_details(store, meeting.id, meeting.facilitator, idea, innovation=CARD["innovation"], budget_sek=17_000, cofinancing_hours=1)
    # Only 5 of 15 hours: the basic checklist passes, the Leadercheck's 30 % does not.
    service.save_card(store, meeting.id, meeting.facilitator, idea, volunteer_hours={anna.organisation_id: 5}, **CARD)
    with pytest.raises(NotReadyForProject) as refused:
        moderation.set_idea_stage(store, meeting.id, meeting.facilitator, idea, "project_ready")
    assert refused.value.params["missing"] == ("leader.check.line.cofinancing",)
    service.save_card(store, meeting.id, meeting.facilitator, idea, volunteer_hours={anna.organisation_id: 15}, **CARD)
    moderation.set_idea_stage(store, meeting.id, meeting.facilitator, idea, "project_ready")


def test_an_author_who_deletes_the_idea_takes_its_card_and_hours_along(store, kitchen):
    from workshop.services import contributions

    meeting, anna, _, idea = kitchen
    service.save_card(store, meeting.id, meeting.facilitator, idea, volunteer_hours={anna.organisation_id: 10}, **CARD)
    contributions.delete_idea(store, anna.token, idea)
    assert (count(store, LeaderCard), count(store, LeaderVolunteerHours), count(store, Idea)) == (0, 0, 0)


def test_names_in_the_draft_are_for_a_coordinator_alone_and_each_named_draft_is_logged(store, kitchen):
    meeting, _anna, _bo, idea = kitchen
    gunnel = join(store, meeting, "Gunnel Ekström")  # a private person
    commit(store, gunnel, idea, role="contributor", contribution="Bakar bröd")
    service.save_card(store, meeting.id, meeting.facilitator, idea, volunteer_hours={gunnel.organisation_id: 20}, **CARD)
    for token in (meeting.facilitator, gunnel.token, None, "not-a-token"):
        with pytest.raises((NotAllowed, NotSignedIn)):
            service.application_draft(store, idea, "md", token=token, personal_data=True, today=TODAY)
    assert count(store, AuditEvent, AuditEvent.action == "exchange.export") == 0
    plain = service.application_draft(store, idea, "md", token=meeting.facilitator, today=TODAY).decode("utf-8")
    named = service.application_draft(store, idea, "md", token=coordinator_token(store), personal_data=True, today=TODAY).decode("utf-8")
    assert "Gunnel Ekström" not in plain and "Privatperson 1" in plain
    assert "Gunnel Ekström" in named and "Privatperson 1" not in named
    with store.unit_of_work() as session:
        logged = session.scalars(select(AuditEvent).where(AuditEvent.action == "exchange.export")).one()
        detail = {"format": "application.md", "personal_data": True}
        assert (logged.actor_role, logged.subject_id, logged.detail) == ("coordinator", idea, detail)
