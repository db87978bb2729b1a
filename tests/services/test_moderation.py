"""What facilitators do: hide, edit, merge ideas and organisations, move ideas through stages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.factories import add_idea, add_note, add_tie, commit, count, join, make_workshop, open_round
from workshop.errors import InvalidInput, NotFound, NotReadyForProject, NotAllowed, NotSignedIn, NotYourContribution, ServiceError
from workshop.models import Commitment, Tie, Vote
from workshop.services import moderation, organisations, participants, views, voting, workshops


def _titles(store, meeting, *, facilitator=False):
    return [card.title for card in views.wall(store, meeting.id, facilitator=facilitator).ideas]


def _card(store, meeting, idea_id):
    return {card.id: card for card in views.wall(store, meeting.id, facilitator=True).ideas}[idea_id]


# Ideas


def test_hidden_idea_disappears_from_the_participants_wall_but_not_the_facilitators(store, meeting, anna):
    hidden = add_idea(store, anna, "Reklam för min firma")
    add_idea(store, anna, "Bygdekök")

    moderation.set_idea_hidden(store, meeting.id, meeting.facilitator, hidden, True)

    assert _titles(store, meeting) == ["Bygdekök"]
    assert _titles(store, meeting, facilitator=True) == ["Bygdekök", "Reklam för min firma"]
    assert _card(store, meeting, hidden).hidden is True


def test_unhidden_idea_returns_to_the_wall(store, meeting, anna):
    idea_id = add_idea(store, anna, "Bygdekök")
    moderation.set_idea_hidden(store, meeting.id, meeting.facilitator, idea_id, True)

    moderation.set_idea_hidden(store, meeting.id, meeting.facilitator, idea_id, False)

    assert _titles(store, meeting) == ["Bygdekök"]


def test_facilitator_edits_anyones_idea_with_the_same_cleaning(store, meeting, anna):
    idea_id = add_idea(store, anna, "bygdekök", themes=["mat"])

    moderation.moderate_idea(
        store, meeting.id, meeting.facilitator, idea_id, title=" Bygdekök i skolan ", description="Rättad.", themes="Mat, MAT, turism"
    )

    card = _card(store, meeting, idea_id)
    assert (card.title, card.description, card.themes, card.author_name) == ("Bygdekök i skolan", "Rättad.", ("mat", "turism"), "Anna Berg")


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_facilitators_edit_is_refused_like_a_participants(store, meeting, anna):
    idea_id = add_idea(store, anna, "Bygdekök")

    with pytest.raises(InvalidInput) as refused:
        moderation.moderate_idea(store, meeting.id, meeting.facilitator, idea_id, title="")

    assert refused.value.field == "title"
    assert _card(store, meeting, idea_id).title == "Bygdekök"


def test_merging_a_duplicate_moves_commitments_dots_and_notes_and_removes_it(store, meeting, anna, bo):
    cilla = join(store, meeting, "Cilla Lund", "Vedevågs IF")
    keep = add_idea(store, anna, "Bygdekök", description="Ett kök.", themes=["mat"])
    duplicate = add_idea(store, bo, "Kök i skolan", description="Skolans kök på kvällarna.", themes=["mat", "skola"])
    commit(store, anna, keep, "initiator")
    commit(store, anna, duplicate, "partner")  # Ramsbergs IF on both: one commitment stays
    commit(store, bo, duplicate, "contributor", "Öl till invigningen")
    add_note(store, cilla, "Rektorn är positiv.", subject="idea", about_idea_id=duplicate)
    voting_round = open_round(store, meeting, dots=5, per_idea=3)
    voting.set_dots(store, cilla.token, keep, 1)
    voting.set_dots(store, cilla.token, duplicate, 2)  # Cilla's dots on both ideas add up
    voting.set_dots(store, bo.token, duplicate, 3)

    moderation.merge_ideas(store, meeting.id, meeting.facilitator, duplicate, keep)

    assert _titles(store, meeting) == _titles(store, meeting, facilitator=True) == ["Bygdekök"]
    card = _card(store, meeting, keep)
    assert [(c.organisation_name, c.role) for c in card.commitments] == [
        ("Ramsbergs IF", "initiator"),
        ("Bergslagens Bryggeri AB", "contributor"),
    ]
    assert (card.themes, card.description) == (("mat", "skola"), "Ett kök.\n\nSkolans kök på kvällarna.")
    assert [(n.about, n.text) for n in views.wall(store, meeting.id).notes] == [("Bygdekök", "Rektorn är positiv.")]
    assert voting.voting_state(store, meeting.id, facilitator=True).totals == {voting_round.id: {keep: 6}}
    assert voting.voting_state(store, meeting.id, token=cilla.token).my_dots == {keep: 3}
    assert (count(store, Commitment), count(store, Vote)) == (2, 2)


def test_merging_never_leaves_more_dots_on_one_idea_than_the_round_allows_and_returns_the_rest(store, meeting, anna, bo):
    keep = add_idea(store, anna, "Bygdekök")
    duplicate = add_idea(store, bo, "Kök i skolan")
    voting_round = open_round(store, meeting, dots=5, per_idea=2)
    voting.set_dots(store, anna.token, keep, 2)
    voting.set_dots(store, anna.token, duplicate, 2)  # 4 on the merged idea would break the limit of 2
    voting.set_dots(store, bo.token, duplicate, 1)

    moderation.merge_ideas(store, meeting.id, meeting.facilitator, duplicate, keep)

    mine = voting.voting_state(store, meeting.id, token=anna.token)
    assert (mine.my_dots, mine.dots_left) == ({keep: 2}, 3)
    assert voting.voting_state(store, meeting.id, facilitator=True).totals == {voting_round.id: {keep: 3}}


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_an_idea_cannot_be_merged_into_itself(store, meeting, anna):
    idea_id = add_idea(store, anna)

    with pytest.raises(InvalidInput) as refused:
        moderation.merge_ideas(store, meeting.id, meeting.facilitator, idea_id, idea_id)

    assert refused.value.message_key == "errors.merge_same"
    assert _titles(store, meeting) == ["Bygdekök i skolan"]


def test_an_idea_cannot_be_merged_into_one_that_was_merged_away(store, meeting, anna):
    first, second, third = (add_idea(store, anna, title) for title in ("Kök", "Kök igen", "Kök en gång till"))
    moderation.merge_ideas(store, meeting.id, meeting.facilitator, second, first)

    with pytest.raises(NotFound):
        moderation.merge_ideas(store, meeting.id, meeting.facilitator, third, second)

    assert _titles(store, meeting) == ["Kök en gång till", "Kök"]


@pytest.mark.parametrize("stage", ["refined", "parked", "idea"])
def test_facilitator_moves_an_idea_to_a_stage(store, meeting, anna, stage):
    idea_id = add_idea(store, anna)

    moderation.set_idea_stage(store, meeting.id, meeting.facilitator, idea_id, stage)

    assert _card(store, meeting, idea_id).stage == stage


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize("stage", ["done", "", None, "Refined"])
def test_unknown_stage_is_refused(store, meeting, anna, stage):
    idea_id = add_idea(store, anna)

    with pytest.raises(InvalidInput) as refused:
        moderation.set_idea_stage(store, meeting.id, meeting.facilitator, idea_id, stage)

    assert (refused.value.field, refused.value.message_key) == ("stage", "errors.invalid_choice")
    assert _card(store, meeting, idea_id).stage == "idea"


def test_idea_missing_leader_criteria_does_not_become_project_ready(store, meeting, anna):
    # A bare idea has no owner, budget or partners yet: the checklist itself is tested with the analysis.
    idea_id = add_idea(store, anna)

    with pytest.raises(NotReadyForProject) as refused:
        moderation.set_idea_stage(store, meeting.id, meeting.facilitator, idea_id, "project_ready")

    assert refused.value.field == "stage"
    assert _card(store, meeting, idea_id).stage == "idea"


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_private_person_cannot_be_a_projects_owner(store, meeting, anna):
    idea_id = add_idea(store, anna)
    dan = join(store, meeting, "Dan Olsson")

    with pytest.raises(InvalidInput) as refused:
        moderation.update_leader_details(store, meeting.id, meeting.facilitator, idea_id, owner_organisation_id=dan.organisation_id)

    assert (refused.value.field, refused.value.message_key) == ("owner", "errors.private_person_cannot_own")


# Organisations


def test_merging_organisations_moves_people_commitments_notes_and_ties(store, meeting, anna, bo):
    duplicate = join(store, meeting, "Erik Holm", "IF Ramsberg")
    cilla = join(store, meeting, "Cilla Lund", "Vedevågs IF")
    both, only_duplicate = add_idea(store, bo, "Bygdekök"), add_idea(store, bo, "Cykelled")
    commit(store, anna, both, "initiator")
    commit(store, duplicate, both, "partner")
    commit(store, duplicate, only_duplicate, "partner")
    add_tie(store, anna, anna, duplicate, "know")  # becomes a tie to itself: dropped
    add_tie(store, anna, anna, bo, "cooperated")
    add_tie(store, duplicate, duplicate, bo, "cooperated")  # the same as the one above: merged
    add_tie(store, duplicate, duplicate, cilla, "want")  # moves to Ramsbergs IF
    add_note(store, cilla, "Har en klubbstuga.", subject="organisation", about_organisation_id=duplicate.organisation_id)

    organisations.merge_organisations(store, meeting.id, meeting.facilitator, duplicate.organisation_id, anna.organisation_id)

    assert "IF Ramsberg" not in [o.name for o in organisations.list_organisations(store)]
    assert participants.identify(store, duplicate.token).organisation_name == "Ramsbergs IF"
    assert [(c.organisation_name, c.role) for c in _card(store, meeting, both).commitments] == [("Ramsbergs IF", "initiator")]
    assert [c.organisation_name for c in _card(store, meeting, only_duplicate).commitments] == ["Ramsbergs IF"]
    assert [(n.about, n.text) for n in views.wall(store, meeting.id).notes] == [("Ramsbergs IF", "Har en klubbstuga.")]
    with store.unit_of_work() as session:
        ties = {(t.organisation_a_id, t.organisation_b_id, t.kind) for t in session.scalars(select(Tie))}
    ramsberg = anna.organisation_id
    assert ties == {(*sorted((ramsberg, bo.organisation_id)), "cooperated"), (*sorted((ramsberg, cilla.organisation_id)), "want")}


def test_merged_organisation_keeps_the_duplicates_number_and_offers(store, meeting, coordinator):
    keep = organisations.register_organisation(store, name="Ramsbergs IF", kind="association", offers={"premises": ["klubbstuga"]})
    duplicate = organisations.register_organisation(
        store, name="IF Ramsberg", kind="association", org_number="802002-4280", offers={"competence": ["bokföring"]}
    )

    organisations.merge_organisations(store, meeting.id, coordinator, duplicate.id, keep.id)

    merged = organisations.get_organisation_view(store, keep.id)
    assert (merged.org_number, merged.offers) == ("802002-4280", (("premises", "klubbstuga"), ("competence", "bokföring")))
    assert organisations.get_organisation_view(store, duplicate.id) == merged  # the old id leads to the kept one


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_an_organisation_cannot_be_merged_into_itself(store, meeting, anna):
    with pytest.raises(InvalidInput) as refused:
        organisations.merge_organisations(store, meeting.id, meeting.facilitator, anna.organisation_id, anna.organisation_id)

    assert refused.value.message_key == "errors.merge_same"


# Only the workshop's facilitator


FACILITATOR_ACTIONS = {
    "close submissions": lambda s, w, t, x: workshops.set_submissions_open(s, w, t, False),
    "carry an idea forward": lambda s, w, t, x: workshops.carry_idea_forward(s, w, t, x["elsewhere"]),
    "edit an idea": lambda s, w, t, x: moderation.moderate_idea(s, w, t, x["idea"], title="Ändrad"),
    "hide an idea": lambda s, w, t, x: moderation.set_idea_hidden(s, w, t, x["idea"], True),
    "hide a note": lambda s, w, t, x: moderation.set_note_hidden(s, w, t, x["note"], True),
    "merge ideas": lambda s, w, t, x: moderation.merge_ideas(s, w, t, x["second_idea"], x["idea"]),
    "move an idea's stage": lambda s, w, t, x: moderation.set_idea_stage(s, w, t, x["idea"], "parked"),
    "fill in LEADER details": lambda s, w, t, x: moderation.update_leader_details(s, w, t, x["idea"], budget_sek=100_000),
    "merge organisations": lambda s, w, t, x: organisations.merge_organisations(
        s, w, t, x["bo"].organisation_id, x["anna"].organisation_id
    ),
    "correct an organisation": lambda s, w, t, x: organisations.update_organisation(s, w, t, x["anna"].organisation_id, name="Ändrad"),
    "open a voting round": lambda s, w, t, x: voting.open_voting_round(s, w, t, dots_per_participant=3, max_dots_per_idea=1),
    "close a voting round": lambda s, w, t, x: voting.close_voting_round(s, w, t, x["round"].id),
    "reveal results": lambda s, w, t, x: voting.reveal_results(s, w, t, x["round"].id),
}


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
@pytest.mark.parametrize("action", FACILITATOR_ACTIONS.values(), ids=FACILITATOR_ACTIONS.keys())
def test_facilitator_actions_refuse_participants_and_other_workshops_facilitators(store, meeting, anna, bo, action):
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    things = {
        "anna": anna,
        "bo": bo,
        "idea": add_idea(store, anna, "Bygdekök"),
        "second_idea": add_idea(store, bo, "Kök i skolan"),
        "note": add_note(store, anna),
        "elsewhere": add_idea(store, join(store, other, "Cilla Lund", "Vedevågs IF"), "Badplats"),
        "round": open_round(store, meeting),
    }
    revisions = (workshops.workshop_revision(store, meeting.id), workshops.process_revision(store))

    with pytest.raises(NotSignedIn) as participant_refused:
        action(store, meeting.id, anna.token, things)
    with pytest.raises(NotAllowed) as other_facilitator_refused:
        action(store, meeting.id, other.facilitator, things)

    assert participant_refused.value.message_key == "errors.facilitator_only"
    assert other_facilitator_refused.value.message_key == "errors.other_workshop"
    assert (workshops.workshop_revision(store, meeting.id), workshops.process_revision(store)) == revisions


def test_facilitator_of_a_later_meeting_votes_on_a_carried_idea_but_leaves_its_stage_home(store, meeting, anna):
    later = make_workshop(store, title="Framtidens Ramsberg, del 2", date=dt.date(2027, 2, 1))
    idea_id = add_idea(store, anna, "Bygdekök")
    workshops.carry_idea_forward(store, later.id, later.facilitator, idea_id)

    with pytest.raises(NotAllowed):
        moderation.set_idea_stage(store, later.id, later.facilitator, idea_id, "refined")

    assert [(c.title, c.stage, c.carried) for c in views.wall(store, later.id).ideas] == [("Bygdekök", "idea", True)]


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_facilitator_cannot_hide_an_idea_of_another_workshop(store, meeting):
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    elsewhere = add_idea(store, join(store, other, "Cilla Lund", "Vedevågs IF"), "Badplats")

    with pytest.raises(ServiceError):
        moderation.set_idea_hidden(store, meeting.id, meeting.facilitator, elsewhere, True)

    assert _titles(store, other) == ["Badplats"]
