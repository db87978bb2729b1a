"""Throttling that cannot be turned against the room (issue 22).

A stranger on the hall's wifi (one address for everyone) opens a new browser session for each
wrong guess. The right join code, facilitator key, coordinator key and survey code typed in any
other browser must still be accepted at once; only the guesser's own browser ever waits.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

import pytest
from sqlalchemy import select, update

from tests.concurrency import at_the_same_instant
from tests.factories import TEST_COORDINATOR, coordinator_token, make_company, make_workshop
from workshop import security
from workshop.companies import assessments as surveys
from workshop.errors import TooManyAttempts, WorkshopNotFound, WrongCoordinatorKey, WrongFacilitatorKey
from workshop.models import AccessAttempt, utcnow
from workshop.security import Client
from workshop.services import coordinators, workshops

HALL = "10.0.0.1"  # the village hall's wifi: every phone and laptop behind this one address
WRONG_KEY = "AAAA-BBBB-CCCC-DDDD"
SHARED_COUNTS = AccessAttempt.key.like("target:%") | AccessAttempt.key.like("address:%")  # the room's, not a browser's


@dataclass
class Door:
    """One secret's door: a wrong guess and the right one, each from a given browser."""

    wrong: Callable[[Client], None]
    right: Callable[[Client], object]
    wrong_error: type[Exception]


@pytest.fixture
def doors(store) -> dict[str, Door]:
    meeting = make_workshop(store)
    coordinator_token(store)  # the coordinator exists; its key is known to the factory
    from tests.factories import _coordinator_keys

    coordinator_key = _coordinator_keys[(str(store.engine.url), TEST_COORDINATOR)]
    survey_code = surveys.create_self_link(store, coordinator_token(store), make_company(store, "Ramsbergs bageri", size_class="1-4")).code
    return {
        "join code": Door(
            wrong=lambda c: workshops.find_workshop_by_code(store, "ZZZZZZ" if meeting.join_code != "ZZZZZZ" else "YYYYYY", client=c),
            right=lambda c: workshops.find_workshop_by_code(store, meeting.join_code, client=c),
            wrong_error=WorkshopNotFound,
        ),
        "facilitator key": Door(
            wrong=lambda c: workshops.facilitator_sign_in(store, meeting.id, WRONG_KEY, client=c),
            right=lambda c: workshops.facilitator_sign_in(store, meeting.id, meeting.key, client=c),
            wrong_error=WrongFacilitatorKey,
        ),
        "coordinator key": Door(
            wrong=lambda c: coordinators.coordinator_sign_in(store, TEST_COORDINATOR, WRONG_KEY, client=c),
            right=lambda c: coordinators.coordinator_sign_in(store, TEST_COORDINATOR, coordinator_key, client=c),
            wrong_error=WrongCoordinatorKey,
        ),
        "survey code": Door(
            wrong=lambda c: surveys.open_survey(store, "AAAA-BBBB-CCCC" if survey_code != "AAAA-BBBB-CCCC" else "BBBB-CCCC-DDDD", client=c),
            right=lambda c: surveys.open_survey(store, survey_code, client=c),
            wrong_error=surveys.SurveyNotFound,
        ),
    }


def _fresh_sessions_guess_wrong(door: Door, times: int, address: str = HALL) -> None:
    for n in range(times):
        with pytest.raises(door.wrong_error):  # each from a new browser: never slowed, always looked at
            door.wrong(Client(address, f"stranger-{n}"))


DOOR_NAMES = ["join code", "facilitator key", "coordinator key", "survey code"]


@pytest.mark.parametrize(
    "attacked, opened",
    # The attack (wrong join codes, then every right secret), and each secret's own door attacked.
    [("join code", door) for door in DOOR_NAMES] + [(door, door) for door in DOOR_NAMES[1:]],
)
def test_a_strangers_three_hundred_wrong_guesses_from_the_halls_address_never_delay_a_right_secret(doors, attacked, opened):
    _fresh_sessions_guess_wrong(doors[attacked], 300)

    # A latecomer, the facilitator or the coordinator, in a browser of their own behind the same address.
    assert doors[opened].right(Client(HALL, f"latecomer-at-the-{opened}")) is not None


@pytest.mark.parametrize(
    "earlier_wrong, under_pressure, then_right_is",
    [
        (2, False, "accepted"),  # two typos are free
        (3, False, "slowed"),  # the third wrong guess makes this browser wait
        (1, True, "slowed"),  # under attack a wrong guess costs the browser its free attempts at once
        (0, True, "accepted"),  # but a browser that has not guessed wrong is never slowed
    ],
    ids=["two typos", "three typos", "one typo while the room is attacked", "no typo while the room is attacked"],
)
@pytest.mark.parametrize("door", DOOR_NAMES)
def test_only_a_browsers_own_wrong_guesses_make_it_wait(doors, door, earlier_wrong, under_pressure, then_right_is):
    if under_pressure:
        _fresh_sessions_guess_wrong(doors[door], 300)
    me = Client(HALL, "my-phone")
    for _ in range(earlier_wrong):
        with pytest.raises(doors[door].wrong_error):
            doors[door].wrong(me)

    if then_right_is == "accepted":
        assert doors[door].right(me) is not None
    else:
        with pytest.raises(TooManyAttempts) as slowed:
            doors[door].right(me)
        assert 0 < slowed.value.params["seconds"] <= 3


def test_a_right_guess_forgets_the_browsers_own_failures_but_not_the_rooms(store, doors):
    door = doors["join code"]
    me = Client(HALL, "my-phone")
    for _ in range(2):
        with pytest.raises(WorkshopNotFound):
            door.wrong(me)
    door.right(me)

    with store.unit_of_work() as session:
        keys = set(session.scalars(select(AccessAttempt.key)))
    assert not any(key.endswith(me.key) for key in keys)
    assert {key.split(":")[0] for key in keys} == {"target", "address"}  # the room's counts stay


def test_the_operator_is_told_in_the_log_when_a_target_is_under_attack(doors, caplog):
    with caplog.at_level(logging.WARNING, logger="workshop.security"):
        _fresh_sessions_guess_wrong(doors["facilitator key"], security.TARGET_PRESSURE_AFTER["facilitator"] + 5, address="10.9.9.9")

    warnings = [r.getMessage() for r in caplog.records if r.name == "workshop.security"]
    assert len(warnings) == 1 and "facilitator" in warnings[0]


def test_the_rooms_counts_start_again_after_a_quiet_hour(store, doors):
    door = doors["join code"]
    _fresh_sessions_guess_wrong(door, 300)
    with store.unit_of_work(write=True) as session:
        session.execute(update(AccessAttempt).values(last_failure_at=utcnow() - dt.timedelta(hours=2)))
        session.commit()
    me = Client(HALL, "my-phone")

    with pytest.raises(WorkshopNotFound):
        door.wrong(me)  # a typo after the attack has gone quiet: free again

    assert door.right(me) is not None
    with store.unit_of_work() as session:
        assert session.scalar(select(AccessAttempt.failures).where(AccessAttempt.key.like("target:join:%"))) == 1
        assert session.scalar(select(AccessAttempt.failures).where(AccessAttempt.key.like("address:%"))) == 1


def test_wrong_guesses_from_many_browsers_at_the_same_instant_all_count_and_a_right_one_among_them_gets_in(store, doors):
    # Twelve strangers' tabs and one latecomer press at once: the room's counts lose no failure
    # (on PostgreSQL the shared rows are upserted in one order, so no two guesses deadlock), and
    # the latecomer is let in.
    door = doors["facilitator key"]
    strangers = [lambda n=n: door.wrong(Client(HALL, f"tab-{n}")) for n in range(12)]
    latecomer = [lambda: "let in" if door.right(Client(HALL, "facilitator")) else "refused"]

    def shared_counts() -> dict[str, int]:
        with store.unit_of_work() as session:
            return dict(session.execute(select(AccessAttempt.key, AccessAttempt.failures).where(SHARED_COUNTS)).all())

    before = shared_counts()  # compared as a difference: only what these thirteen presses added
    outcomes = at_the_same_instant(strangers + latecomer, expected=(WrongFacilitatorKey,))

    assert sorted(outcomes) == ["WrongFacilitatorKey"] * 12 + ["let in"], outcomes
    added = {key: failures - before.get(key, 0) for key, failures in shared_counts().items()}
    assert sorted(n for n in added.values() if n) == [12, 12], added
