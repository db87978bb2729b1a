"""Dot voting in rounds: N dots per participant, at most M on one idea, results revealed by the facilitator."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.concurrency import at_the_same_instant
from tests.factories import add_idea, count, join, make_workshop, open_round
from workshop.errors import InvalidInput, NotFound, VoteBudgetExceeded, VotingClosed
from workshop.models import Vote
from workshop.services import voting, workshops


@pytest.fixture
def ideas(store, anna):
    return [add_idea(store, anna, title) for title in ("Bygdekök", "Cykelled", "Laddstolpar")]


@pytest.mark.parametrize(
    "steps,my_dots,dots_left",
    [
        ([(0, 3)], {0: 3}, 2),
        ([(0, 3), (1, 2)], {0: 3, 1: 2}, 0),
        ([(0, 3), (0, 1)], {0: 1}, 4),  # changing an idea's dots replaces them
        ([(0, 3), (0, 0)], {}, 5),  # zero takes them back
        ([(0, 2), (1, 2), (1, 0), (2, 3)], {0: 2, 2: 3}, 0),
    ],
)
def test_participant_spreads_dots_and_sees_what_is_left(store, meeting, anna, ideas, steps, my_dots, dots_left):
    open_round(store, meeting, dots=5, per_idea=3)

    for index, dots in steps:
        left = voting.set_dots(store, anna.token, ideas[index], dots)

    state = voting.voting_state(store, meeting.id, token=anna.token)
    assert state.my_dots == {ideas[index]: dots for index, dots in my_dots.items()}
    assert left == state.dots_left == dots_left


def test_more_dots_than_allowed_on_one_idea_are_refused(store, meeting, anna, ideas):
    open_round(store, meeting, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, ideas[0], 2)

    with pytest.raises(VoteBudgetExceeded) as refused:
        voting.set_dots(store, anna.token, ideas[0], 4)

    assert (refused.value.message_key, refused.value.field, refused.value.params) == ("errors.vote_over_idea_limit", "dots", {"max": 3})
    assert voting.voting_state(store, meeting.id, token=anna.token).my_dots == {ideas[0]: 2}


def test_more_dots_than_the_budget_are_refused_and_the_participant_is_told_how_many_are_left(store, meeting, anna, ideas):
    open_round(store, meeting, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, ideas[0], 3)

    with pytest.raises(VoteBudgetExceeded) as refused:
        voting.set_dots(store, anna.token, ideas[1], 3)

    assert (refused.value.message_key, refused.value.params) == ("forgive.vote_budget", {"left": 2, "total": 5})
    assert voting.voting_state(store, meeting.id, token=anna.token).my_dots == {ideas[0]: 3}


def test_more_dots_on_an_idea_that_has_some_says_the_dots_left_like_the_wall_does(store, meeting, anna, ideas):
    # 4 on the others and 1 here: none left, so this idea can hold 1, not "1 more".
    open_round(store, meeting, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, ideas[0], 3)
    voting.set_dots(store, anna.token, ideas[1], 1)
    voting.set_dots(store, anna.token, ideas[2], 1)

    with pytest.raises(VoteBudgetExceeded) as refused:
        voting.set_dots(store, anna.token, ideas[2], 2)

    assert (refused.value.message_key, refused.value.params) == ("forgive.vote_budget_here", {"left": 0, "total": 5, "most": 1})


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "dots,message_key",
    [(-1, "errors.out_of_range"), (51, "errors.out_of_range"), ("två", "errors.not_a_number"), (1.5, "errors.not_a_number")],
)
def test_dots_must_be_a_whole_number_in_range(store, meeting, anna, ideas, dots, message_key):
    open_round(store, meeting)

    with pytest.raises(InvalidInput) as refused:
        voting.set_dots(store, anna.token, ideas[0], dots)

    assert (refused.value.field, refused.value.message_key) == ("dots", message_key)


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
@pytest.mark.parametrize("how", ["no round opened yet", "round closed"])
def test_no_dots_outside_an_open_round(store, meeting, anna, ideas, how):
    if how == "round closed":
        voting_round = open_round(store, meeting)
        voting.close_voting_round(store, meeting.id, meeting.facilitator, voting_round.id)

    with pytest.raises(VotingClosed):
        voting.set_dots(store, anna.token, ideas[0], 1)

    assert count(store, Vote) == 0


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "dots,per_idea,field,message_key",
    [
        (3, 4, "max_dots_per_idea", "errors.max_per_idea_over_budget"),
        (0, 1, "dots_per_participant", "errors.out_of_range"),
        (5, 0, "max_dots_per_idea", "errors.out_of_range"),
        (None, 1, "dots_per_participant", "errors.required"),
    ],
)
def test_round_with_impossible_limits_is_refused(store, meeting, dots, per_idea, field, message_key):
    with pytest.raises(InvalidInput) as refused:
        open_round(store, meeting, dots=dots, per_idea=per_idea)

    assert (refused.value.field, refused.value.message_key) == (field, message_key)
    assert voting.voting_state(store, meeting.id).rounds == ()


def test_results_are_hidden_from_participants_until_revealed(store, meeting, anna, ideas):
    bo = join(store, meeting, "Bo Ek")
    voting_round = open_round(store, meeting, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, ideas[0], 3)
    voting.set_dots(store, bo.token, ideas[0], 1)
    voting.set_dots(store, bo.token, ideas[1], 2)
    expected = {voting_round.id: {ideas[0]: 4, ideas[1]: 2}}

    hidden = voting.voting_state(store, meeting.id, token=anna.token)
    facilitators_view = voting.voting_state(store, meeting.id, facilitator=True)
    voting.reveal_results(store, meeting.id, meeting.facilitator, voting_round.id)
    revealed = voting.voting_state(store, meeting.id, token=anna.token)

    assert (hidden.totals, facilitators_view.totals, revealed.totals) == ({}, expected, expected)


def test_round_opened_with_visible_results_shows_them_at_once(store, meeting, anna, ideas):
    voting_round = open_round(store, meeting, results_visible=True)
    voting.set_dots(store, anna.token, ideas[2], 1)

    assert voting.voting_state(store, meeting.id, token=anna.token).totals == {voting_round.id: {ideas[2]: 1}}


def test_a_new_round_closes_the_last_one_gives_fresh_dots_and_keeps_earlier_votes(store, meeting, anna, ideas):
    first = open_round(store, meeting, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, ideas[0], 3)

    second = open_round(store, meeting, dots=2, per_idea=1)
    voting.set_dots(store, anna.token, ideas[1], 1)

    state = voting.voting_state(store, meeting.id, token=anna.token, facilitator=True)
    assert [(r.number, r.is_open) for r in state.rounds] == [(1, False), (2, True)]
    assert (state.current.id, state.my_dots, state.dots_left) == (second.id, {ideas[1]: 1}, 1)
    assert state.totals == {first.id: {ideas[0]: 3}, second.id: {ideas[1]: 1}}


@pytest.mark.parametrize(
    "people,tabs",
    [(1, 8), (3, 3)],
    ids=["one participant voting from eight tabs at once", "three participants with three tabs each"],
)
def test_simultaneous_votes_never_spend_more_dots_than_the_budget(store, meeting, people, tabs):
    voters = [join(store, meeting, f"Deltagare {n}", f"Förening {n}") for n in range(people)]
    ideas = [add_idea(store, voters[0], f"Idé {n}") for n in range(tabs)]
    open_round(store, meeting, dots=3, per_idea=2)
    outcomes = at_the_same_instant(
        [lambda token=voter.token, idea_id=idea_id: (voting.set_dots(store, token, idea_id, 2), "placed")[1] for voter in voters for idea_id in ideas],
        expected=(VoteBudgetExceeded,),
    )

    # Every tab puts 2 of 3 dots on its own idea, so exactly one tab per participant can succeed.
    assert sorted(outcomes) == sorted(["placed"] * people + ["VoteBudgetExceeded"] * people * (tabs - 1))
    with store.unit_of_work() as session:
        spent = dict(session.execute(select(Vote.participant_id, func.sum(Vote.dots)).group_by(Vote.participant_id)).all())
    assert {voter.participant_id: int(spent[voter.participant_id]) for voter in voters} == {voter.participant_id: 2 for voter in voters}


def test_dots_can_be_put_on_an_idea_carried_forward_from_an_earlier_meeting(store, meeting, anna):
    earlier = make_workshop(store, title="Framtidens Ramsberg, del 1", date=dt.date(2026, 9, 1))
    carried = add_idea(store, join(store, earlier, "Cilla Lund", "Vedevågs IF"), "Badplats")
    workshops.carry_idea_forward(store, meeting.id, meeting.facilitator, carried)
    open_round(store, meeting, dots=5, per_idea=3)

    assert voting.set_dots(store, anna.token, carried, 2) == 3
    assert voting.voting_state(store, meeting.id, token=anna.token).my_dots == {carried: 2}


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_dots_cannot_be_put_on_an_idea_of_another_workshop(store, meeting, anna):
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    elsewhere = add_idea(store, join(store, other, "Cilla Lund", "Vedevågs IF"), "Badplats")
    open_round(store, meeting)

    with pytest.raises(NotFound):
        voting.set_dots(store, anna.token, elsewhere, 1)

    assert count(store, Vote) == 0


def test_tabs_opening_a_round_at_once_number_them_in_turn_and_leave_only_the_last_open(store, meeting):
    tabs = 6

    def open_round_now() -> str:
        voting.open_voting_round(store, meeting.id, meeting.facilitator, dots_per_participant=3, max_dots_per_idea=2)
        return "opened"

    outcomes = at_the_same_instant([open_round_now] * tabs)

    assert outcomes == ["opened"] * tabs
    rounds = voting.voting_state(store, meeting.id).rounds
    assert sorted(r.number for r in rounds) == list(range(1, tabs + 1))
    assert [r.number for r in rounds if r.is_open] == [tabs]
