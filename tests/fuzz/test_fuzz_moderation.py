"""What facilitators do to ideas and organisations, with hostile input.

Properties 1 and 2 (only ServiceErrors; a refusal writes nothing): see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import OMIT, hostile_id, hostile_number, hostile_value, valid_optional_text
from tests.fuzz.test_fuzz_contributions import HOSTILE_IDEA_FIELDS, IDEA_FIELDS
from tests.fuzz.world import facilitator_arguments, fuzz, hostile_facilitator_arguments
from workshop.lengths import TEXT_MAX
from workshop.services import moderation, organisations

amounts = st.one_of(st.just(OMIT), st.none(), st.just(""), st.integers(min_value=0, max_value=1_000_000), st.integers(0, 10**6).map(str))


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_moderating_an_idea_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        moderation.moderate_idea,
        # Ideas brought to meeting a or carried to it; the others are merged or another meeting's.
        valid={**facilitator_arguments(world), "idea_id": st.sampled_from(world.idea_ids), **IDEA_FIELDS},
        hostile={**hostile_facilitator_arguments(world), "idea_id": hostile_id(world.idea_ids), **HOSTILE_IDEA_FIELDS},
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_updating_leader_details_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        moderation.update_leader_details,
        valid={
            **facilitator_arguments(world),
            "idea_id": st.sampled_from(world.idea_ids),
            "innovation": valid_optional_text(TEXT_MAX),
            "budget_sek": amounts,
            "cofinancing_hours": amounts,
            "owner_organisation_id": st.one_of(st.just(OMIT), st.none(), st.sampled_from(world.organisation_ids)),  # not a private person
        },
        hostile={
            **hostile_facilitator_arguments(world),
            "idea_id": hostile_id(world.idea_ids),
            "innovation": hostile_value,
            "budget_sek": st.one_of(hostile_number, hostile_value),
            "cofinancing_hours": st.one_of(hostile_number, hostile_value),
            "owner_organisation_id": hostile_id(world.organisation_ids),
        },
    )


@fuzz_settings(max_examples=50)
@given(data=st.data())
def test_merging_ideas_refuses_hostile_input_cleanly(world, data):
    ideas = st.sampled_from(world.idea_ids)
    fuzz(
        world,
        data,
        moderation.merge_ideas,
        valid={**facilitator_arguments(world), "duplicate_id": ideas, "keep_id": ideas},
        hostile={**hostile_facilitator_arguments(world), "duplicate_id": hostile_id(world.idea_ids), "keep_id": hostile_id(world.idea_ids)},
    )


@fuzz_settings(max_examples=50)
@given(data=st.data())
def test_merging_organisations_refuses_hostile_input_cleanly(world, data):
    organisation_ids = st.sampled_from(world.organisation_ids)
    fuzz(
        world,
        data,
        organisations.merge_organisations,
        valid={**facilitator_arguments(world), "duplicate_id": organisation_ids, "keep_id": organisation_ids},
        hostile={
            **hostile_facilitator_arguments(world),
            "duplicate_id": hostile_id(world.organisation_ids),
            "keep_id": hostile_id(world.organisation_ids),
        },
    )
