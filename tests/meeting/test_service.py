"""The run of show on a real database: the sequence, editing it, moving on, the kept times,
the results moment and its list (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.factories import add_idea, commit, join, make_workshop, open_round, row_counts
from workshop.errors import InvalidInput, NotAllowed, NotFound, PhaseAlreadyRun, ResultsNotRevealed
from workshop.meeting import service as meeting
from workshop.meeting.results import top_ideas
from workshop.meeting.template import template
from workshop.services import analysis, views, voting, workshops
from workshop.services.network import read_snapshot


@pytest.fixture
def ramsberg(store):
    return make_workshop(store)


def _prepared(store, ramsberg):
    return meeting.use_template(store, ramsberg.id, ramsberg.facilitator)


def test_a_new_workshop_has_no_phases_until_the_facilitator_takes_the_template(store, ramsberg):
    assert meeting.meeting_state(store, ramsberg.id).phases == ()

    state = _prepared(store, ramsberg)

    # The template's six phases of the challenge-driven meeting, in its order, none run yet.
    assert [p.title for p in state.phases] == [p.title for p in template()]
    assert [p.form for p in state.phases] == ["wall", "idea", "note", "wall", "commitment", "mine"]
    assert state.current is None and not state.finished and state.upcoming == state.phases[0]


def test_next_phase_starts_the_first_then_ends_each_and_starts_the_next(store, ramsberg):
    state = _prepared(store, ramsberg)
    first, second = state.phases[:2]

    started = meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=None)
    moved = meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=first.id)

    assert started.current.id == first.id and started.current.started_at is not None
    assert moved.current.id == second.id
    done = moved.phases[0]
    # The first phase keeps when it ran; the second started when the first ended.
    assert done.ended_at is not None and done.started_at <= done.ended_at == moved.current.started_at


def test_a_double_click_on_next_phase_never_skips_a_phase(store, ramsberg):
    state = _prepared(store, ramsberg)
    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=None)

    # Both clicks saw the first phase running: the second finds the meeting moved on already.
    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=state.phases[0].id)
    again = meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=state.phases[0].id)

    assert again.current.id == state.phases[1].id
    assert [p.has_run for p in again.phases] == [True, True, False, False, False, False]


def test_after_the_last_phase_the_meeting_is_finished_with_every_time_kept(store, ramsberg):
    state = _prepared(store, ramsberg)
    seen = None
    for _ in range(len(state.phases) + 1):
        now = meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=seen)
        seen = now.current.id if now.current else None

    assert now.current is None and now.finished
    assert all(p.started_at is not None and p.ended_at is not None for p in now.phases)
    starts = [p.started_at for p in now.phases]
    assert starts == sorted(starts)


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_moving_on_needs_a_sequence(store, ramsberg):
    with pytest.raises(NotFound) as refused:
        meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=None)
    assert refused.value.message_key == "errors.no_phases"


@pytest.mark.parametrize(
    "given,changed",
    [
        ({"title": "Idéer och drömmar"}, {"title": "Idéer och drömmar"}),
        ({"minutes": 40}, {"minutes": 40}),
        ({"instruction": ""}, {"instruction": ""}),
        ({"form": "tie"}, {"form": "tie"}),
    ],
)
def test_a_partial_update_changes_only_the_fields_it_was_given(store, ramsberg, given, changed):
    before = _prepared(store, ramsberg).phases[1]

    after = meeting.update_phase(store, ramsberg.id, ramsberg.facilitator, before.id, **given)

    expected = {name: getattr(before, name) for name in ("title", "instruction", "minutes", "form")} | changed
    assert {name: getattr(after, name) for name in expected} == expected


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "given,field",
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 161}, "title"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 241}, "minutes"),
        ({"minutes": "tio"}, "minutes"),
        ({"form": "karta"}, "form"),
        ({"instruction": "x" * 4001}, "instruction"),
    ],
)
def test_bad_input_is_refused_under_its_field_and_nothing_is_written(store, ramsberg, given, field):
    phase = _prepared(store, ramsberg).phases[0]
    counts = row_counts(store)

    with pytest.raises(InvalidInput) as refused:
        meeting.update_phase(store, ramsberg.id, ramsberg.facilitator, phase.id, **given)

    assert refused.value.field == field
    assert row_counts(store) == counts and meeting.meeting_state(store, ramsberg.id).phases[0] == phase


def test_the_facilitator_adds_removes_and_reorders_phases(store, ramsberg):
    state = _prepared(store, ramsberg)
    added = meeting.add_phase(store, ramsberg.id, ramsberg.facilitator, title="Fika", instruction="Kaffe och bullar.", minutes=15)
    meeting.move_phase(store, ramsberg.id, ramsberg.facilitator, added.id, -1)
    meeting.remove_phase(store, ramsberg.id, ramsberg.facilitator, state.phases[0].id)

    titles = [p.title for p in meeting.meeting_state(store, ramsberg.id).phases]
    assert titles == ["Idéer", "Vem vet vad", "Prioritera med prickar", "Konstellationer och åtaganden", "Fika", "Nästa steg"]


def test_moving_the_first_phase_earlier_changes_nothing(store, ramsberg):
    state = _prepared(store, ramsberg)

    after = meeting.move_phase(store, ramsberg.id, ramsberg.facilitator, state.phases[0].id, -1)

    assert [p.id for p in after.phases] == [p.id for p in state.phases]


def test_a_phase_that_has_run_stays_where_it_ran(store, ramsberg):
    state = _prepared(store, ramsberg)
    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=None)
    first, second = state.phases[:2]

    for action in (
        lambda: meeting.remove_phase(store, ramsberg.id, ramsberg.facilitator, first.id),
        lambda: meeting.move_phase(store, ramsberg.id, ramsberg.facilitator, first.id, 1),
        lambda: meeting.move_phase(store, ramsberg.id, ramsberg.facilitator, second.id, -1),
    ):
        with pytest.raises(PhaseAlreadyRun):
            action()
    # More time for the running phase is fine: its countdown moves.
    assert meeting.update_phase(store, ramsberg.id, ramsberg.facilitator, first.id, minutes=20).minutes == 20


def test_a_sequence_is_copied_to_the_next_village_without_its_times(store, ramsberg):
    _prepared(store, ramsberg)
    meeting.update_phase(store, ramsberg.id, ramsberg.facilitator, meeting.meeting_state(store, ramsberg.id).phases[1].id, minutes=35)
    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=None)
    vedevag = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")

    assert [w[0] for w in meeting.sequences_to_copy(store, vedevag.id)] == [ramsberg.id]
    copied = meeting.copy_phases(store, vedevag.id, vedevag.facilitator, ramsberg.id)

    source = meeting.meeting_state(store, ramsberg.id).phases
    assert [(p.title, p.minutes, p.form) for p in copied.phases] == [(p.title, p.minutes, p.form) for p in source]
    assert copied.phases[1].minutes == 35
    assert all(p.started_at is None for p in copied.phases) and source[0].started_at is not None


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_copying_from_a_workshop_without_phases_is_refused(store, ramsberg):
    empty = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    with pytest.raises(NotFound) as refused:
        meeting.copy_phases(store, ramsberg.id, ramsberg.facilitator, empty.id)
    assert refused.value.field == "from_workshop"


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_another_workshops_facilitator_cannot_move_this_meeting_on(store, ramsberg):
    _prepared(store, ramsberg)
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")

    with pytest.raises(NotAllowed):
        meeting.next_phase(store, ramsberg.id, other.facilitator, seen=None)
    assert meeting.meeting_state(store, ramsberg.id).current is None


def test_moving_on_bumps_the_revision_the_wall_and_phones_poll(store, ramsberg):
    _prepared(store, ramsberg)
    before = workshops.workshop_revision(store, ramsberg.id)

    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=None)

    assert workshops.workshop_revision(store, ramsberg.id) > before


def _voted(store, ramsberg, *, reveal: bool):
    anna = join(store, ramsberg, "Anna Berg", "Ramsbergs IF")
    bo = join(store, ramsberg, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    kitchen = add_idea(store, anna, "Bygdekök i skolan", needs=[{"category": "premises", "label": "lokal"}])
    trail = add_idea(store, bo, "Skidspår runt sjön")
    quiet = add_idea(store, bo, "Bokcirkel")
    commit(store, anna, kitchen, role="possible_owner")
    voting_round = open_round(store, ramsberg, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, kitchen, 3)
    voting.set_dots(store, bo.token, kitchen, 2)
    voting.set_dots(store, bo.token, trail, 1)
    if reveal:
        voting.reveal_results(store, ramsberg.id, ramsberg.facilitator, voting_round.id)
    return voting_round, kitchen, trail, quiet


def test_the_results_moment_waits_for_the_reveal(store, ramsberg):
    voting_round, *_ = _voted(store, ramsberg, reveal=False)

    with pytest.raises(ResultsNotRevealed):
        meeting.start_results(store, ramsberg.id, ramsberg.facilitator, voting_round.id)
    assert meeting.meeting_state(store, ramsberg.id).results is None


def test_the_facilitator_starts_and_ends_the_results_moment(store, ramsberg):
    voting_round, *_ = _voted(store, ramsberg, reveal=True)

    shown = meeting.start_results(store, ramsberg.id, ramsberg.facilitator, voting_round.id)
    again = meeting.start_results(store, ramsberg.id, ramsberg.facilitator, voting_round.id)  # a second press
    on_wall = meeting.meeting_state(store, ramsberg.id).results
    meeting.end_results(store, ramsberg.id, ramsberg.facilitator)

    assert again == shown and on_wall == shown and on_wall.round_number == 1
    assert meeting.meeting_state(store, ramsberg.id).results is None


def test_hiding_the_dots_again_takes_the_results_off_the_wall(store, ramsberg):
    voting_round, *_ = _voted(store, ramsberg, reveal=True)
    meeting.start_results(store, ramsberg.id, ramsberg.facilitator, voting_round.id)

    voting.reveal_results(store, ramsberg.id, ramsberg.facilitator, voting_round.id, False)

    assert meeting.meeting_state(store, ramsberg.id).results is None


def test_the_results_list_has_the_top_ideas_their_dots_constellation_and_gaps(store, ramsberg):
    voting_round, kitchen, trail, quiet = _voted(store, ramsberg, reveal=True)
    totals = voting.voting_state(store, ramsberg.id).totals[voting_round.id]
    titles = {card.id: card.title for card in views.wall(store, ramsberg.id).ideas}
    fit = analysis.fit(analysis.network_view(read_snapshot(store)))

    lines = top_ideas(totals, titles, fit)

    # Most dots first; an idea without dots is no result.
    assert [(line.title, line.dots) for line in lines] == [("Bygdekök i skolan", 5), ("Skidspår runt sjön", 1)]
    kitchen_line = lines[0]
    # Only Ramsbergs IF has committed: the kitchen lacks a partner and the premises it asked for,
    # in the words the constellations page uses, as questions to the room.
    keys = {lack.message.key: dict(lack.message.params) for lack in kitchen_line.lacks}
    assert keys["meeting.lacks.capability"] == {"capability": "lokal"}
    assert "meeting.lacks.partners" in keys


def test_a_voting_round_removed_takes_its_results_moment_with_it(store, ramsberg):
    voting_round, *_ = _voted(store, ramsberg, reveal=True)
    _prepared(store, ramsberg)
    meeting.start_results(store, ramsberg.id, ramsberg.facilitator, voting_round.id)

    with store.unit_of_work(write=True) as session:
        for table in ("votes", "meeting_results", "meeting_phases"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() > 0
        session.execute(text("DELETE FROM votes"))
        session.execute(text("DELETE FROM voting_rounds"))
        session.commit()

    # The round went: its results moment went with it (ON DELETE CASCADE), the phases stay.
    assert meeting.meeting_state(store, ramsberg.id).results is None
    assert len(meeting.meeting_state(store, ramsberg.id).phases) == 6
