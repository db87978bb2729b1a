"""Commitments to ideas, tacit-knowledge notes and ties between organisations."""

from __future__ import annotations

import pytest

from tests.concurrency import at_the_same_instant
from tests.factories import add_idea, add_note, add_tie, commit, count, join
from workshop.errors import InvalidInput, NotFound, NotYourContribution
from workshop.models import Commitment, Tie
from workshop.services import contributions, moderation, organisations, views


def _commitments(store, meeting, idea_id):
    card = {c.id: c for c in views.wall(store, meeting.id).ideas}[idea_id]
    return [(c.organisation_name, c.role, c.contribution) for c in card.commitments]


# Commitments


def test_commitment_shows_the_organisation_and_its_role_on_the_idea(store, meeting, anna, bo):
    idea_id = add_idea(store, anna)

    commit(store, anna, idea_id, "initiator")
    commit(store, bo, idea_id, "contributor", "Lokal och kaffe")

    assert _commitments(store, meeting, idea_id) == [
        ("Ramsbergs IF", "initiator", ""),
        ("Bergslagens Bryggeri AB", "contributor", "Lokal och kaffe"),
    ]


def test_committing_again_changes_the_role_instead_of_adding_a_second_commitment(store, meeting, anna):
    idea_id = add_idea(store, anna)
    first = commit(store, anna, idea_id, "partner")

    again = commit(store, anna, idea_id, "possible_owner")

    assert again == first
    assert _commitments(store, meeting, idea_id) == [("Ramsbergs IF", "possible_owner", "")]


def test_colleague_from_the_same_organisation_updates_the_organisations_one_commitment(store, meeting, anna):
    idea_id = add_idea(store, anna)
    colleague = join(store, meeting, "Cilla Lund", "Ramsbergs IF")
    commit(store, anna, idea_id, "partner")

    commit(store, colleague, idea_id, "initiator")

    assert _commitments(store, meeting, idea_id) == [("Ramsbergs IF", "initiator", "")]
    assert count(store, Commitment) == 1


def test_private_person_commits_as_themselves(store, meeting, anna):
    idea_id = add_idea(store, anna)
    dan = join(store, meeting, "Dan Olsson")

    commit(store, dan, idea_id, "contributor", "Kan snickra")

    card = {c.id: c for c in views.wall(store, meeting.id).ideas}[idea_id]
    assert [(c.organisation_name, c.organisation_kind) for c in card.commitments] == [("Dan Olsson", "private_person")]


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_nobody_commits_on_behalf_of_another_organisation(store, meeting, anna, bo):
    idea_id = add_idea(store, anna)

    with pytest.raises(InvalidInput) as refused:
        contributions.commit_to_idea(store, anna.token, idea_id, role="partner", organisation_id=bo.organisation_id)

    assert (refused.value.field, refused.value.message_key) == ("organisation", "errors.commit_only_own_organisation")
    assert count(store, Commitment) == 0


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "role,contribution,field,message_key",
    [
        ("contributor", "", "contribution", "errors.required"),
        ("boss", "", "role", "errors.invalid_choice"),
        ("partner", "x" * 4001, "contribution", "errors.too_long"),
    ],
)
def test_commitment_without_a_valid_role_or_contribution_is_refused(store, meeting, anna, role, contribution, field, message_key):
    idea_id = add_idea(store, anna)

    with pytest.raises(InvalidInput) as refused:
        contributions.commit_to_idea(store, anna.token, idea_id, role=role, contribution=contribution)

    assert (refused.value.field, refused.value.message_key) == (field, message_key)
    assert count(store, Commitment) == 0


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_commitment_to_an_idea_that_does_not_exist_is_refused(store, meeting, anna):
    with pytest.raises(NotFound) as refused:
        commit(store, anna, 999)

    assert refused.value.field == "idea"


def test_participant_withdraws_their_own_commitment(store, meeting, anna, bo):
    idea_id = add_idea(store, anna)
    mine = commit(store, anna, idea_id)
    commit(store, bo, idea_id)

    contributions.withdraw_commitment(store, anna.token, mine)

    assert _commitments(store, meeting, idea_id) == [("Bergslagens Bryggeri AB", "partner", "")]


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_nobody_withdraws_someone_elses_commitment(store, meeting, anna, bo):
    idea_id = add_idea(store, anna)
    bos = commit(store, bo, idea_id)

    with pytest.raises(NotYourContribution):
        contributions.withdraw_commitment(store, anna.token, bos)

    assert _commitments(store, meeting, idea_id) == [("Bergslagens Bryggeri AB", "partner", "")]


# Notes


@pytest.mark.parametrize(
    "subject,about,shown_about",
    [
        ("organisation", lambda anna, idea_id: {"about_organisation_id": anna.organisation_id}, "Ramsbergs IF"),
        ("idea", lambda anna, idea_id: {"about_idea_id": idea_id}, "Bygdekök i skolan"),
        ("place", lambda anna, idea_id: {"about_text": "Gamla skolan"}, "Gamla skolan"),
        ("person", lambda anna, idea_id: {"about_text": "Kalle på macken"}, "Kalle på macken"),
    ],
)
def test_note_names_what_it_is_about(store, meeting, anna, subject, about, shown_about):
    idea_id = add_idea(store, anna, "Bygdekök i skolan")

    add_note(store, anna, "Har nycklar till lokalen.", subject=subject, kind="contacts", **{"about_text": "", **about(anna, idea_id)})

    [note] = views.wall(store, meeting.id).notes
    assert (note.subject, note.about, note.text, note.kind, note.author_name) == (
        subject,
        shown_about,
        "Har nycklar till lokalen.",
        "contacts",
        "Anna Berg",
    )


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize("subject", ["organisation", "idea", "place", "person"])
def test_note_must_say_what_it_is_about(store, meeting, anna, subject):
    with pytest.raises(InvalidInput) as refused:
        add_note(store, anna, subject=subject, about_text="")

    assert refused.value.field == "about"
    assert views.wall(store, meeting.id, facilitator=True).notes == ()


@pytest.mark.parametrize(
    "keep_from_participants",
    [
        lambda store, meeting, anna: add_note(store, anna, "Kommunen säger nej i tysthet.", visibility="facilitators"),
        lambda store, meeting, anna: moderation.set_note_hidden(
            store, meeting.id, meeting.facilitator, add_note(store, anna, "Kommunen säger nej i tysthet."), True
        ),
    ],
    ids=["facilitators only", "hidden by the facilitator"],
)
def test_note_kept_from_participants_is_seen_by_the_facilitator_only(store, meeting, anna, keep_from_participants):
    add_note(store, anna, "Skolans kök står tomt på kvällarna.")

    keep_from_participants(store, meeting, anna)

    assert [n.text for n in views.wall(store, meeting.id).notes] == ["Skolans kök står tomt på kvällarna."]
    assert [n.text for n in views.wall(store, meeting.id, facilitator=True).notes] == [
        "Kommunen säger nej i tysthet.",
        "Skolans kök står tomt på kvällarna.",
    ]


def test_unhidden_note_returns_to_the_wall(store, meeting, anna):
    note_id = add_note(store, anna)
    moderation.set_note_hidden(store, meeting.id, meeting.facilitator, note_id, True)

    moderation.set_note_hidden(store, meeting.id, meeting.facilitator, note_id, False)

    assert [n.id for n in views.wall(store, meeting.id).notes] == [note_id]


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_note_visible_to_nobody_in_particular_is_refused(store, meeting, anna):
    with pytest.raises(InvalidInput) as refused:
        add_note(store, anna, visibility="secret")

    assert (refused.value.field, refused.value.message_key) == ("visibility", "errors.invalid_choice")


def test_participant_deletes_their_own_note_but_not_someone_elses(store, meeting, anna, bo):
    annas, bos = add_note(store, anna, "Annas anteckning"), add_note(store, bo, "Bos anteckning")

    contributions.delete_note(store, anna.token, annas)
    with pytest.raises(NotYourContribution):
        contributions.delete_note(store, anna.token, bos)

    assert [n.text for n in views.wall(store, meeting.id).notes] == ["Bos anteckning"]


# Ties


@pytest.mark.parametrize("order", ["low id first", "high id first"])
def test_tie_is_stored_as_an_ordered_pair_whichever_way_it_is_given(store, meeting, anna, bo, order):
    first, second = (anna, bo) if order == "low id first" else (bo, anna)

    tie_id = add_tie(store, anna, first, second, "cooperated")

    with store.unit_of_work() as session:
        tie = session.get(Tie, tie_id)
        assert (tie.organisation_a_id, tie.organisation_b_id) == tuple(sorted((anna.organisation_id, bo.organisation_id)))
    assert [(t.organisation_a, t.organisation_b, t.kind) for t in views.wall(store, meeting.id).ties] == [
        ("Ramsbergs IF", "Bergslagens Bryggeri AB", "cooperated")
    ]


def test_the_same_tie_told_twice_is_recorded_once(store, meeting, anna, bo):
    first = add_tie(store, anna, anna, bo, "know")

    again = add_tie(store, bo, bo, anna, "know")

    assert again == first
    assert count(store, Tie) == 1


def test_another_kind_of_tie_between_the_same_pair_is_a_second_tie(store, meeting, anna, bo):
    add_tie(store, anna, anna, bo, "cooperated")

    add_tie(store, anna, anna, bo, "want")

    assert sorted(t.kind for t in views.wall(store, meeting.id).ties) == ["cooperated", "want"]


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_organisation_cannot_be_tied_to_itself(store, meeting, anna):
    with pytest.raises(InvalidInput) as refused:
        add_tie(store, anna, anna, anna)

    assert (refused.value.field, refused.value.message_key) == ("organisation_b", "errors.tie_same_organisation")
    assert count(store, Tie) == 0


def test_tie_to_a_merged_organisation_is_a_tie_to_the_one_it_was_merged_into(store, meeting, anna, bo, coordinator):
    duplicate = organisations.register_organisation(store, name="Bryggeriet i Bergslagen", kind="company")
    organisations.merge_organisations(store, meeting.id, coordinator, duplicate.id, bo.organisation_id)

    add_tie(store, anna, anna, duplicate.id)

    assert [(t.organisation_a, t.organisation_b) for t in views.wall(store, meeting.id).ties] == [
        ("Ramsbergs IF", "Bergslagens Bryggeri AB")
    ]


def test_participant_deletes_their_own_tie_but_not_someone_elses(store, meeting, anna, bo):
    cilla = join(store, meeting, "Cilla Lund", "Vedevågs IF")
    annas, bos = add_tie(store, anna, anna, bo), add_tie(store, bo, bo, cilla)

    contributions.delete_tie(store, anna.token, annas)
    with pytest.raises(NotYourContribution):
        contributions.delete_tie(store, anna.token, bos)

    assert [t.id for t in views.wall(store, meeting.id).ties] == [bos]


def test_people_of_one_organisation_committing_at_the_same_instant_make_one_commitment(store, meeting, anna):
    # Six people from Ramsbergs IF press "Vi vill vara med" on the same idea at once.
    colleagues = [join(store, meeting, f"Medlem {n}", "Ramsbergs IF") for n in range(6)]
    idea_id = add_idea(store, anna)

    outcomes = at_the_same_instant([lambda who=who: (commit(store, who, idea_id, "partner"), "saved")[1] for who in colleagues])

    assert outcomes == ["saved"] * len(colleagues)
    assert _commitments(store, meeting, idea_id) == [("Ramsbergs IF", "partner", "")]


def test_the_same_tie_entered_by_several_people_at_once_is_recorded_once(store, meeting, anna, bo):
    # Everyone at the table knows Ramsbergs IF and the brewery cooperated; they all say so at once.
    people = [join(store, meeting, f"Medlem {n}", "Ramsbergs IF") for n in range(6)]

    outcomes = at_the_same_instant([lambda who=who: (add_tie(store, who, who, bo, "cooperated"), "saved")[1] for who in people])

    assert outcomes == ["saved"] * len(people)
    assert count(store, Tie) == 1
