"""Opening voting rounds and placing dots, with hostile numbers and ids.

Properties 1 and 2 (only ServiceErrors; a refusal writes nothing): see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import OMIT, hostile_id, hostile_number, hostile_value
from tests.fuzz.world import facilitator_arguments, fuzz, hostile_facilitator_arguments
from workshop.services import voting

# What a number input or a text field gives: whole numbers, as numbers or as text.
dot_counts = st.one_of(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60).map(lambda n: f" {n} "))


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_opening_a_voting_round_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        voting.open_voting_round,
        valid={
            **facilitator_arguments(world),
            "dots_per_participant": dot_counts,
            "max_dots_per_idea": dot_counts,  # more than the dots per participant is refused
            "results_visible": st.one_of(st.just(OMIT), st.booleans()),
        },
        hostile={
            **hostile_facilitator_arguments(world),
            "dots_per_participant": st.one_of(hostile_number, hostile_value),
            "max_dots_per_idea": st.one_of(hostile_number, hostile_value),
            "results_visible": hostile_value,
        },
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_placing_dots_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        voting.set_dots,
        # Anna has 2 of her 5 dots on her own idea; at most 3 on one idea.
        valid={
            "token": st.one_of(st.just(world.anna.token), st.sampled_from(world.tokens)),
            "idea_id": st.sampled_from(world.idea_ids),  # b_carried is on meeting a's wall too
            "dots": dot_counts,
        },
        hostile={
            "token": st.one_of(hostile_value, st.sampled_from(world.facilitator_tokens)),
            "idea_id": hostile_id(world.idea_ids),
            "dots": st.one_of(hostile_number, hostile_value),
        },
    )
