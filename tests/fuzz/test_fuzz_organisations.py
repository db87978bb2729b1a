"""Registering and correcting organisations and localities, with hostile input.

Properties 1 and 2 (only ServiceErrors; a refusal writes nothing): see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import (
    OMIT,
    hostile_id,
    hostile_organisation_fields,
    hostile_value,
    organisation_fields,
    valid_optional_text,
    valid_text,
)
from tests.fuzz.world import coordinator_arguments, facilitator_arguments, fuzz, hostile_coordinator_arguments, hostile_facilitator_arguments
from workshop.lengths import NAME_MAX
from workshop.services import organisations


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_registering_an_organisation_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        organisations.register_organisation,
        valid={
            **organisation_fields(taken=world.taken_organisations),
            "workshop_id": st.one_of(st.just(OMIT), st.none(), st.sampled_from(world.workshop_ids)),
        },
        hostile={**hostile_organisation_fields(), "workshop_id": hostile_id(world.workshop_ids)},
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_correcting_an_organisation_refuses_hostile_input_cleanly(world, data):
    organisation_ids = st.sampled_from(world.organisation_ids)  # one is merged: the survivor is corrected
    fuzz(
        world,
        data,
        organisations.update_organisation,
        # The coordinator may correct any organisation (a facilitator only those of their own meeting).
        valid={
            "workshop_id": st.just(world.a.id),
            "facilitator_token": st.just(world.coordinator),
            "organisation_id": organisation_ids,
            **organisation_fields(taken=world.taken_organisations),
        },
        hostile={
            **hostile_facilitator_arguments(world),
            "organisation_id": hostile_id(world.organisation_ids),
            **hostile_organisation_fields(),
        },
    )


@fuzz_settings(max_examples=50)
@given(data=st.data())
def test_setting_a_localitys_leader_area_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        organisations.set_locality_area,
        valid={
            **coordinator_arguments(world),
            "locality": st.one_of(st.sampled_from(["Ramsberg", "Vedevåg", " Ramsberg "]), valid_text(NAME_MAX)),
            "leader_area": st.one_of(
                st.sampled_from(["Leader Bergslagen", "Ny Leaderarea"]), valid_optional_text(NAME_MAX, omittable=False)
            ),
        },
        hostile={**hostile_coordinator_arguments(world), "locality": hostile_value, "leader_area": hostile_value},
    )
