"""Coordinator accounts, keys, retention, the audit trail and demo removal, with hostile input.

Each test checks properties 1 and 2 (only ServiceErrors; a refusal writes nothing);
see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import hostile_id, hostile_text, hostile_value, valid_text
from tests.fuzz.world import coordinator_arguments, fuzz, hostile_coordinator_arguments
from tests.factories import TEST_COORDINATOR
from workshop.lengths import NAME_MAX
from workshop.security import Client
from workshop.services import coordinators, demo_data, workshops


@fuzz_settings(max_examples=40)
@given(data=st.data())
def test_signing_a_coordinator_in_refuses_hostile_names_and_keys_cleanly(world, data):
    fuzz(
        world,
        data,
        coordinators.coordinator_sign_in,
        valid={"name": st.sampled_from([TEST_COORDINATOR, TEST_COORDINATOR.upper()]), "key": valid_text(40), "client": st.just(Client("10.1.2.3"))},
        hostile={"name": st.one_of(hostile_text, hostile_value), "key": st.one_of(hostile_text, hostile_value)},
        counts_failures=True,
    )


@fuzz_settings(max_examples=40)
@given(data=st.data())
def test_adding_a_coordinator_refuses_hostile_names_cleanly(world, data):
    fuzz(world, data, coordinators.add_coordinator, valid={"name": valid_text(NAME_MAX)}, hostile={"name": hostile_value})


@fuzz_settings(max_examples=40)
@given(data=st.data())
def test_first_coordinator_refuses_hostile_input_cleanly(world, data):
    # The world has a coordinator already: every call is refused, whatever it gets.
    fuzz(
        world,
        data,
        coordinators.create_first_coordinator,
        valid={"name": valid_text(NAME_MAX), "from_this_machine": st.booleans()},
        hostile={"name": hostile_value, "from_this_machine": hostile_value},
    )


@fuzz_settings(max_examples=40)
@given(data=st.data())
def test_issuing_and_revoking_keys_refuse_hostile_input_cleanly(world, data):
    service = data.draw(st.sampled_from([workshops.issue_facilitator_key, workshops.revoke_facilitator_key]), label="service")
    fuzz(
        world,
        data,
        service,
        valid={**coordinator_arguments(world), "workshop_id": st.sampled_from(world.workshop_ids)},
        hostile={**hostile_coordinator_arguments(world), "workshop_id": hostile_id(world.workshop_ids)},
    )


@fuzz_settings(max_examples=40)
@given(data=st.data())
def test_setting_retention_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        workshops.set_retention,
        valid={
            **coordinator_arguments(world),
            "workshop_id": st.sampled_from(world.workshop_ids),
            "retention_until": st.dates(min_value=dt.date(2026, 12, 1), max_value=dt.date(2100, 1, 1)),
        },
        hostile={
            **hostile_coordinator_arguments(world),
            "workshop_id": hostile_id(world.workshop_ids),
            "retention_until": st.one_of(hostile_value, st.datetimes(), st.dates(max_value=dt.date(2026, 1, 1)), st.dates().map(str)),
        },
    )


@fuzz_settings(max_examples=30)
@given(data=st.data())
def test_reading_the_audit_trail_and_removing_demo_data_refuse_strangers_cleanly(world, data):
    service = data.draw(st.sampled_from([coordinators.audit_trail, demo_data.remove_demo_data]), label="service")
    fuzz(world, data, service, valid=coordinator_arguments(world), hostile=hostile_coordinator_arguments(world))


@fuzz_settings(max_examples=30)
@given(data=st.data())
def test_reading_the_audit_trail_refuses_hostile_limits_and_workshops_cleanly(world, data):
    fuzz(
        world,
        data,
        coordinators.audit_trail,
        valid={**coordinator_arguments(world), "limit": st.integers(1, 5000), "workshop_id": st.sampled_from(world.workshop_ids)},
        hostile={"limit": hostile_value, "workshop_id": hostile_id(world.workshop_ids)},
    )
