"""Creating workshops, finding them by join code and signing facilitators in, with hostile input.

Each test checks properties 1 and 2 (only ServiceErrors; a refusal writes nothing);
see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import OMIT, hostile_id, hostile_text, hostile_value, valid_text
from tests.fuzz.world import THROTTLED_CLIENT, coordinator_arguments, fuzz, hostile_coordinator_arguments
from workshop.security import Client
from workshop.lengths import NAME_MAX, TEXT_MAX, TITLE_MAX
from workshop.security import CODE_ALPHABET
from workshop.services import workshops

join_codes = st.text(CODE_ALPHABET, min_size=6, max_size=6)
clients = st.sampled_from(["127.0.0.1", "::1", "2001:db8::1", "unknown", THROTTLED_CLIENT]).map(Client)


def _as_typed(code: str) -> st.SearchStrategy[str]:
    """A join code the way people type it from the wall."""
    return st.sampled_from([code, code.lower(), f" {code[:3]}-{code[3:]} ", f"{code[:3]} {code[3:]}".lower()])


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_creating_a_workshop_refuses_hostile_input_cleanly(world, data):
    fuzz(
        world,
        data,
        workshops.create_workshop,
        valid={
            **coordinator_arguments(world),
            "title": valid_text(TITLE_MAX),
            "challenge": valid_text(TEXT_MAX),
            "date": st.dates(),
            "locality": valid_text(NAME_MAX),
            "facilitator_key": st.one_of(st.just(OMIT), valid_text(40)),
            "join_code": st.one_of(st.just(OMIT), join_codes, st.just(world.a.join_code)),  # the last is taken
        },
        hostile={
            **hostile_coordinator_arguments(world),
            "title": hostile_value,
            "challenge": hostile_value,
            "date": st.one_of(hostile_value, st.datetimes(), st.dates().map(str)),
            "locality": hostile_value,
            "facilitator_key": hostile_value,
            "join_code": hostile_value,
        },
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_finding_a_workshop_by_code_refuses_hostile_codes_cleanly(world, data):
    codes = [m.join_code for m in (world.a, world.b, world.c)]
    _inputs, found, _error = fuzz(
        world,
        data,
        workshops.find_workshop_by_code,
        valid={"code": st.sampled_from(codes).flatmap(_as_typed), "client": clients},
        hostile={"code": st.one_of(hostile_text, hostile_value, join_codes)},
        counts_failures=True,
    )
    if found is not None:
        assert found.join_code in codes


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_signing_a_facilitator_in_refuses_hostile_keys_cleanly(world, data):
    meetings = [world.a, world.b, world.c]
    meeting = data.draw(st.sampled_from(meetings), label="meeting")
    fuzz(
        world,
        data,
        workshops.facilitator_sign_in,
        valid={"workshop_id": st.just(meeting.id), "key": st.one_of(st.just(meeting.key), st.just(meeting.key.lower().replace("-", "")))},
        hostile={
            "workshop_id": hostile_id(world.workshop_ids),
            "key": st.one_of(hostile_value, st.sampled_from([m.key for m in meetings]), st.just(meeting.key + "\x00")),
        },
        counts_failures=True,
    )
