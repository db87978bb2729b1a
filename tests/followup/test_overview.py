"""The follow-up read model (workshop/followup/overview.py): the stale flag, the filters by
development point and Leader area, the LEADER check status the card shows, who may read it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from tests.factories import add_idea, commit, join, make_workshop
from workshop.errors import NotAllowed
from workshop.followup import steps
from workshop.followup.overview import follow_up, follow_up_rows
from workshop.leader import service as leader
from workshop.models import Commitment, Idea, utcnow
from workshop.services import moderation, organisations


def _age(store, idea_id: int, days: int) -> dt.date:
    """Make the idea (and its commitments) look ``days`` old; return today."""
    then = utcnow() - dt.timedelta(days=days)
    with store.unit_of_work(write=True) as session:
        session.execute(update(Idea).where(Idea.id == idea_id).values(created_at=then, updated_at=then))
        session.execute(update(Commitment).where(Commitment.idea_id == idea_id).values(created_at=then))
        session.commit()
    return utcnow().date()


def _rows(store, **filters):
    with store.unit_of_work() as session:
        return {row.title: row for row in follow_up(session, **filters)}


@pytest.mark.parametrize("days,stale", [(29, False), (30, True), (45, True)])
def test_an_idea_with_no_change_for_30_days_is_flagged(store, meeting, anna, days, stale):
    idea = add_idea(store, anna, "Bygdekök")
    today = _age(store, idea, days)
    assert _rows(store, today=today)["Bygdekök"].stale is stale


def test_a_new_step_or_a_new_commitment_takes_the_flag_away(store, meeting, anna, bo):
    first, second = add_idea(store, anna, "Bygdekök"), add_idea(store, anna, "Skidspår")
    today = _age(store, first, 40)
    _age(store, second, 40)
    assert [_rows(store, today=today)[t].stale for t in ("Bygdekök", "Skidspår")] == [True, True]

    steps.set_next_step(store, meeting.id, meeting.facilitator, first, what="Boka köket", today=today)
    commit(store, bo, second)
    assert [_rows(store, today=today)[t].stale for t in ("Bygdekök", "Skidspår")] == [False, False]


def test_a_parked_idea_is_never_flagged(store, meeting, anna):
    idea = add_idea(store, anna, "Bygdekök")
    moderation.set_idea_stage(store, meeting.id, meeting.facilitator, idea, "parked")
    today = _age(store, idea, 60)
    row = _rows(store, today=today)["Bygdekök"]
    assert (row.stage, row.stale) == ("parked", False)


def test_stale_ideas_come_first(store, meeting, anna):
    add_idea(store, anna, "Aktuell idé")
    old = add_idea(store, anna, "Bortglömd idé")
    today = _age(store, old, 31)
    with store.unit_of_work() as session:
        assert [r.title for r in follow_up(session, today=today)] == ["Bortglömd idé", "Aktuell idé"]


def test_filters_by_development_point_and_by_leader_area(store, meeting, anna, coordinator):
    add_idea(store, anna, "Bygdekök", locality="Ramsberg")
    add_idea(store, anna, "Kanotled", locality="Storå")  # Storå's nearest development point is Guldsmedshyttan
    vedevag = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    add_idea(store, join(store, vedevag, "Cilla Lund", "Vedevågs IF", locality="Vedevåg"), "Badplats", locality="Vedevåg")
    # The coordinator moves Vedevåg to another Leader area (the mapping is data): the filter follows.
    organisations.set_locality_area(store, coordinator, "Vedevåg", "Leader Mälardalen")

    assert set(_rows(store)) == {"Bygdekök", "Kanotled", "Badplats"}
    assert set(_rows(store, development_point="Ramsberg")) == {"Bygdekök"}
    assert set(_rows(store, development_point="Guldsmedshyttan")) == {"Kanotled"}
    assert set(_rows(store, leader_area="Leader Mälardalen")) == {"Badplats"}
    assert set(_rows(store, leader_area="Leader Bergslagen", development_point="Vedevåg")) == set()
    assert set(_rows(store, workshop_id=vedevag.id)) == {"Badplats"}


def test_the_leader_status_is_the_cards_own_check(store, meeting, anna):
    idea = add_idea(store, anna, "Bygdekök")
    assert _rows(store)["Bygdekök"].leader_status == "no_support"

    leader.save_card(store, meeting.id, meeting.facilitator, idea, support_type="check_livskvalitet")
    card = leader.card_view(store, meeting.id, meeting.facilitator, idea)
    row = _rows(store)["Bygdekök"]
    assert row.leader_status == "missing"
    assert row.leader_missing == tuple(f"leader.check.line.{line.key}" for line in card.check.failed)
    assert row.leader_missing  # a fresh card misses something, so the comparison above says something


def test_hidden_and_merged_ideas_are_not_followed_up(store, meeting, anna):
    kept, hidden, merged = (add_idea(store, anna, t) for t in ("Bygdekök", "Dold idé", "Dubblett"))
    moderation.set_idea_hidden(store, meeting.id, meeting.facilitator, hidden, True)
    moderation.merge_ideas(store, meeting.id, meeting.facilitator, merged, kept)
    assert set(_rows(store)) == {"Bygdekök"}


def test_a_facilitator_reads_only_their_own_walls_ideas_and_the_whole_process_is_the_coordinators(store, meeting, anna, coordinator):
    add_idea(store, anna, "Bygdekök")
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    assert [r.title for r in follow_up_rows(store, meeting.facilitator, workshop_id=meeting.id)] == ["Bygdekök"]
    assert [r.title for r in follow_up_rows(store, coordinator)] == ["Bygdekök"]
    with pytest.raises(NotAllowed):
        follow_up_rows(store, other.facilitator, workshop_id=meeting.id)
    with pytest.raises(NotAllowed):
        follow_up_rows(store, meeting.facilitator)  # the whole process: coordinators only


def test_an_idea_where_a_boundary_runs_shows_the_area_its_card_chose(store, meeting, anna):
    # Fellingsbro is split between two Leader areas: the idea names its own, on its card.
    idea = add_idea(store, anna, "Marknadsdagar", locality="Fellingsbro")
    assert _rows(store)["Marknadsdagar"].leader_area is None
    leader.save_card(store, meeting.id, meeting.facilitator, idea, leader_area="Leader Mälardalen")
    card = leader.card_view(store, meeting.id, meeting.facilitator, idea)
    row = _rows(store)["Marknadsdagar"]
    assert (row.leader_area, row.development_point, row.leader_status) == (card.facts.leader_area, "Fellingsbro", "no_support")
    assert row.leader_area == "Leader Mälardalen"


def test_who_can_be_named_lists_each_person_of_the_ideas_meetings_once_and_no_private_person_as_organisation(store, meeting, anna, bo):
    from workshop.followup.overview import assignee_choices
    from workshop.services import participants

    idea = add_idea(store, anna, "Bygdekök")
    participants.join_workshop(store, meeting.id, name="Anna Berg", organisation_id=anna.organisation_id)  # a second device
    private = join(store, meeting, "Dora Lind")  # no organisation: a private person
    elsewhere = join(store, make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg"), "Cilla Lund", "Vedevågs IF")

    people, organisations_ = assignee_choices(store, meeting.id, meeting.facilitator, idea)
    assert sorted(people.values()) == ["Anna Berg", "Bo Ek", "Dora Lind"]  # Cilla is at another meeting
    assert private.organisation_id not in organisations_ and elsewhere.organisation_id in organisations_
