"""Joining a workshop, with hostile names, organisation ids and new-organisation forms.

Properties 1 and 2 (only ServiceErrors; a refusal writes nothing): see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import OMIT, hostile_id, hostile_organisation_forms, hostile_value, organisation_forms, valid_text
from tests.fuzz.world import fuzz
from workshop.lengths import NAME_MAX
from workshop.services import participants


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_joining_a_workshop_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        participants.join_workshop,
        valid={
            "workshop_id": st.sampled_from(world.workshop_ids),  # c no longer takes submissions
            "name": valid_text(NAME_MAX),
            # Both given is refused; neither joins as a private person.
            "organisation_id": st.one_of(st.just(OMIT), st.none(), st.sampled_from(world.organisation_ids)),
            "new_organisation": st.one_of(st.just(OMIT), st.none(), st.just({}), organisation_forms(world.taken_organisations)),
        },
        hostile={
            "workshop_id": hostile_id(world.workshop_ids),
            "name": hostile_value,
            "organisation_id": hostile_id(world.organisation_ids),
            "new_organisation": hostile_organisation_forms(),
        },
    )
