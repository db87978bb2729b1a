"""Follow-up with hostile input: an idea's next step and a workshop's next meeting.

Properties 1 and 2 (only ServiceErrors; a refusal writes nothing): see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import OMIT, hostile_id, hostile_number, hostile_value, valid_optional_name, valid_optional_text
from tests.fuzz.world import facilitator_arguments, fuzz, hostile_facilitator_arguments
from workshop.followup import meetings, steps
from workshop.lengths import NAME_MAX, SHORT_MAX

_today = dt.date.today()
days_ahead = st.integers(min_value=0, max_value=3 * 365).map(lambda n: _today + dt.timedelta(days=n))


def _set_step(store, *, workshop_id, facilitator_token, **fields):
    return steps.set_next_step(store, workshop_id, facilitator_token, **fields)


def _set_meeting(store, *, workshop_id, facilitator_token, **fields):
    return meetings.set_next_meeting(store, workshop_id, facilitator_token, **fields)


@fuzz_settings(max_examples=50)
@given(data=st.data())
def test_setting_a_next_step_refuses_hostile_input_cleanly(world, data):
    people = [p.participant_id for p in (world.anna, world.bo, world.cilla, world.dag)]
    fuzz(
        world,
        data,
        _set_step,
        valid={
            **facilitator_arguments(world),
            "idea_id": st.sampled_from(world.idea_ids),
            "what": valid_optional_text(SHORT_MAX),
            "due_date": st.one_of(st.just(OMIT), st.none(), days_ahead),
            "assignee": st.one_of(
                st.just(OMIT), st.none(),
                st.tuples(st.just("participant"), st.sampled_from(people)),
                st.tuples(st.just("organisation"), st.sampled_from(world.organisation_ids)),
                st.tuples(st.just("text"), valid_optional_name(NAME_MAX, omittable=False)),
            ),
            "owner_organisation_id": st.one_of(st.just(OMIT), st.none(), st.sampled_from(world.organisation_ids)),
        },
        hostile={
            **hostile_facilitator_arguments(world),
            "idea_id": hostile_id(world.idea_ids),
            "what": hostile_value,
            "due_date": st.one_of(hostile_value, st.datetimes(), st.dates(max_value=_today - dt.timedelta(days=1))),
            "assignee": st.one_of(hostile_value, st.tuples(st.sampled_from(["participant", "organisation", "text", "x"]), hostile_value)),
            "owner_organisation_id": hostile_id(world.organisation_ids),
        },
    )


@fuzz_settings(max_examples=40)
@given(data=st.data())
def test_setting_the_next_meeting_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        _set_meeting,
        valid={
            **facilitator_arguments(world),
            "date": days_ahead,
            "time": st.times(),
            "minutes": st.one_of(st.just(OMIT), st.integers(min_value=meetings.MIN_MINUTES, max_value=meetings.MAX_MINUTES)),
            "place": valid_optional_text(SHORT_MAX),
        },
        hostile={
            **hostile_facilitator_arguments(world),
            "date": st.one_of(hostile_value, st.datetimes()),
            "time": st.one_of(hostile_value, st.dates()),
            "minutes": st.one_of(hostile_value, hostile_number),
            "place": hostile_value,
        },
    )
