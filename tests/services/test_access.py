"""Finding a workshop by its code, signing facilitators in, and slowing down guesses."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.concurrency import at_the_same_instant
from tests.factories import join, make_workshop
from workshop.errors import InvalidInput, NotAllowed, NotSignedIn, TooManyAttempts, WorkshopNotFound, WrongFacilitatorKey
from workshop.models import AccessAttempt
from workshop import security
from workshop.security import Client
from workshop.services import access, workshops


def _spaced(code: str) -> str:
    return " ".join(code)


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code,
        lambda code: code.lower(),
        lambda code: f"{code[:3]}-{code[3:]}",
        lambda code: f"  {code[:3].lower()} {code[3:]}  ",
        _spaced,
    ],
    ids=["as printed", "lower case", "with a dash", "spaces and lower case", "space between every character"],
)
def test_workshop_is_found_however_the_code_is_typed(store, typed):
    meeting = make_workshop(store)
    make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")

    assert workshops.find_workshop_by_code(store, typed(meeting.join_code)).id == meeting.id


def test_wrong_code_is_reported_at_the_code_field(store):
    meeting = make_workshop(store)
    wrong = "ZZZZZZ" if meeting.join_code != "ZZZZZZ" else "YYYYYY"

    with pytest.raises(WorkshopNotFound) as refused:
        workshops.find_workshop_by_code(store, wrong)

    assert refused.value.field == "code"


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
def test_empty_code_asks_for_a_code(store):
    with pytest.raises(InvalidInput) as refused:
        workshops.find_workshop_by_code(store, " - ")

    assert (refused.value.field, refused.value.message_key) == ("code", "errors.required")


def _guess_wrong(store, times: int, address: str) -> None:
    for _ in range(times):
        with pytest.raises(WorkshopNotFound):
            workshops.find_workshop_by_code(store, "ZZZZZZ", client=Client(address))


def test_after_three_wrong_codes_even_the_right_code_must_wait(store):
    meeting = make_workshop(store)
    _guess_wrong(store, 3, "10.0.0.7")

    with pytest.raises(TooManyAttempts) as slowed:
        workshops.find_workshop_by_code(store, meeting.join_code, client=Client("10.0.0.7"))

    assert slowed.value.params["seconds"] > 0


def test_another_client_is_not_slowed_by_someone_elses_guesses(store):
    meeting = make_workshop(store)
    _guess_wrong(store, 3, "10.0.0.7")

    assert workshops.find_workshop_by_code(store, meeting.join_code, client=Client("10.0.0.8")).id == meeting.id


def test_the_right_code_forgives_earlier_mistakes(store):
    # Two typos, success, two typos: five wrong codes in all, but never three in a row.
    meeting = make_workshop(store)
    _guess_wrong(store, 2, "10.0.0.7")
    workshops.find_workshop_by_code(store, meeting.join_code, client=Client("10.0.0.7"))
    _guess_wrong(store, 2, "10.0.0.7")

    assert workshops.find_workshop_by_code(store, meeting.join_code, client=Client("10.0.0.7")).id == meeting.id


def test_wrong_facilitator_key_is_refused(store):
    meeting = make_workshop(store)

    with pytest.raises(WrongFacilitatorKey) as refused:
        workshops.facilitator_sign_in(store, meeting.id, "AAAA-BBBB-CCCC-DDDD")

    assert refused.value.field == "key"


def test_key_of_another_workshop_does_not_sign_in(store):
    meeting, other = make_workshop(store), make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")

    with pytest.raises(WrongFacilitatorKey):
        workshops.facilitator_sign_in(store, meeting.id, other.key)


def test_after_three_wrong_facilitator_keys_even_the_right_key_must_wait(store):
    meeting = make_workshop(store)
    for _ in range(3):
        with pytest.raises(WrongFacilitatorKey):
            workshops.facilitator_sign_in(store, meeting.id, "AAAA-BBBB-CCCC-DDDD")

    with pytest.raises(TooManyAttempts) as slowed:
        workshops.facilitator_sign_in(store, meeting.id, meeting.key)

    assert slowed.value.params["seconds"] > 0


@pytest.mark.parametrize(
    "typed",
    [
        lambda key: key,
        lambda key: key.lower(),
        lambda key: key.replace("-", ""),
        lambda key: " " + key.replace("-", " ").lower() + " ",
    ],
    ids=["as shown", "lower case", "without dashes", "spaces instead of dashes"],
)
def test_right_facilitator_key_gives_a_token_that_lets_the_facilitator_close_submissions(store, typed):
    meeting = make_workshop(store)

    token = workshops.facilitator_sign_in(store, meeting.id, typed(meeting.key))
    workshops.set_submissions_open(store, meeting.id, token, False)

    assert access.staff_actor(store, token).workshop_id == meeting.id
    assert workshops.workshop_info(store, meeting.id).submissions_open is False


def test_unknown_facilitator_token_belongs_to_no_workshop(store):
    make_workshop(store)

    assert access.staff_actor(store, "not-a-token") is None


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
@pytest.mark.parametrize("whose", ["participant", "other workshop's facilitator", "empty", "made up"])
def test_only_this_workshops_facilitator_can_close_submissions(store, whose):
    meeting = make_workshop(store)
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    token = {
        "participant": lambda: join(store, meeting, "Anna Berg", "Ramsbergs IF").token,
        "other workshop's facilitator": lambda: other.facilitator,
        "empty": lambda: "",
        "made up": lambda: "x" * 32,
    }[whose]()

    with pytest.raises((NotSignedIn, NotAllowed)) as refused:
        workshops.set_submissions_open(store, meeting.id, token, False)

    assert refused.value.message_key in ("errors.facilitator_only", "errors.other_workshop")
    assert workshops.workshop_info(store, meeting.id).submissions_open is True


def test_guesses_sent_at_the_same_instant_are_all_counted_and_still_slowed_down(store):
    meeting = make_workshop(store)
    # Twelve wrong codes fired at once from one client (a script, or twelve open tabs).
    guesses = [lambda n=n: workshops.find_workshop_by_code(store, f"ZZZZ{n:02d}", client=Client("10.0.0.9")) for n in range(12)]

    found = at_the_same_instant(guesses, expected=(WorkshopNotFound, TooManyAttempts))
    outcomes = [{"WorkshopNotFound": "wrong", "TooManyAttempts": "slowed"}.get(outcome, outcome) for outcome in found]

    assert set(outcomes) <= {"slowed", "wrong"}, outcomes
    # Guesses are checked one after the other, so the slowing-down starts after the free three
    # (plus at most those already past the check when the first failure was counted).
    assert outcomes.count("slowed") >= 12 - 6
    with store.unit_of_work() as session:
        (attempt,) = session.scalars(select(AccessAttempt).where(AccessAttempt.key.like("join:%"))).all()
        recorded, last = attempt.failures, attempt.last_failure_at
    assert recorded == outcomes.count("wrong") >= 3  # not one failure lost to another
    # Right after the last of them even the right code must wait (checked at that instant: on a
    # loaded machine the twelve may take longer to finish than the first wait lasts).
    with store.unit_of_work() as session, pytest.raises(TooManyAttempts):
        security.check_not_throttled(session, "join", "any", Client("10.0.0.9"), now=last)
    assert workshops.find_workshop_by_code(store, meeting.join_code, client=Client("10.0.0.10")).id == meeting.id
