"""Coordinator accounts, sessions that end on the server, throttling that stops guessing without
locking out the right person, the audit trail, and demo data removed in one step."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from tests.factories import add_idea, coordinator_token, join, make_workshop, row_counts
from workshop.errors import (
    CoordinatorExists,
    NotAllowed,
    NotSignedIn,
    TooManyAttempts,
    WorkshopNotFound,
    WrongCoordinatorKey,
    WrongFacilitatorKey,
)
from workshop.models import AccessAttempt, StaffSession, utcnow
from workshop.security import Client
from workshop.services import access, coordinators, demo_data, moderation, views, workshops

STRANGER = Client("10.0.0.66", "stranger-tab")
FACILITATOR = Client("10.0.0.12", "facilitators-laptop")


# --- coordinator accounts -------------------------------------------------------------------


def test_a_new_coordinator_signs_in_with_the_key_shown_once_and_only_its_hash_is_kept(store):
    made = coordinators.add_coordinator(store, "Kim Samordnare")

    token = coordinators.coordinator_sign_in(store, "kim samordnare", made.key.lower().replace("-", ""))

    assert access.staff_actor(store, token) == access.Actor("coordinator", "Kim Samordnare", coordinator_id=made.coordinator.id)
    with store.unit_of_work() as session:
        from workshop.models import Coordinator

        stored = session.scalar(select(Coordinator.secret_hash))
    assert made.key not in stored and stored.startswith("sha256$")


def test_a_wrong_key_and_an_unknown_name_get_the_same_answer(store):
    coordinators.add_coordinator(store, "Kim Samordnare")

    with pytest.raises(WrongCoordinatorKey) as wrong_key:
        coordinators.coordinator_sign_in(store, "Kim Samordnare", "AAAA-BBBB-CCCC-DDDD")
    with pytest.raises(WrongCoordinatorKey) as unknown_name:
        coordinators.coordinator_sign_in(store, "Ingen Alls", "AAAA-BBBB-CCCC-DDDD")

    assert (wrong_key.value.message_key, wrong_key.value.field) == (unknown_name.value.message_key, unknown_name.value.field)


def test_two_coordinators_cannot_share_a_name(store):
    coordinators.add_coordinator(store, "Kim Samordnare")

    with pytest.raises(CoordinatorExists):
        coordinators.add_coordinator(store, " kim  SAMORDNARE ")


def test_the_first_coordinator_is_made_only_from_the_machine_itself_and_only_once(store):
    with pytest.raises(NotAllowed):
        coordinators.create_first_coordinator(store, "Främling", from_this_machine=False)
    assert not coordinators.has_coordinator(store)

    first = coordinators.create_first_coordinator(store, "Kim Samordnare", from_this_machine=True)

    assert access.staff_actor(store, first.token).is_coordinator
    with pytest.raises(CoordinatorExists):
        coordinators.create_first_coordinator(store, "Någon Annan", from_this_machine=True)
    assert [c.name for c in coordinators.list_coordinators(store)] == ["Kim Samordnare"]


def test_a_reset_key_ends_the_coordinators_sessions_and_the_old_key(store):
    old_key = coordinators.add_coordinator(store, "Kim Samordnare").key
    token = coordinators.coordinator_sign_in(store, "Kim Samordnare", old_key)

    new_key = coordinators.reset_coordinator_key(store, "Kim Samordnare")

    assert access.staff_actor(store, token) is None
    with pytest.raises(WrongCoordinatorKey):
        coordinators.coordinator_sign_in(store, "Kim Samordnare", old_key)
    assert access.staff_actor(store, coordinators.coordinator_sign_in(store, "Kim Samordnare", new_key)) is not None


# --- sessions end -----------------------------------------------------------------------------


def test_signing_out_ends_the_session_on_the_server_so_a_copied_cookie_opens_nothing(store):
    meeting = make_workshop(store)
    token = workshops.facilitator_sign_in(store, meeting.id, meeting.key)
    copied = str(token)

    access.end_staff_session(store, token)

    assert access.staff_actor(store, copied) is None
    with pytest.raises(NotSignedIn):
        workshops.set_submissions_open(store, meeting.id, copied, False)


@pytest.mark.parametrize(
    "role,idle,alive",
    [
        ("coordinator", dt.timedelta(minutes=59), True),
        ("coordinator", dt.timedelta(minutes=61), False),
        ("facilitator", dt.timedelta(hours=11), True),
        ("facilitator", dt.timedelta(hours=13), False),
    ],
)
def test_a_session_unused_longer_than_its_role_allows_is_refused(store, role, idle, alive):
    meeting = make_workshop(store)
    token = coordinator_token(store) if role == "coordinator" else workshops.facilitator_sign_in(store, meeting.id, meeting.key)
    later = utcnow() + idle

    assert (access.staff_actor(store, token, now=later) is not None) is alive


def test_activity_keeps_a_session_alive_but_not_beyond_its_absolute_limit(store):
    meeting = make_workshop(store)
    token = workshops.facilitator_sign_in(store, meeting.id, meeting.key)
    start = utcnow()

    # Used every ten hours (the projector's refresh counts): still alive after two days ...
    for hours in range(10, 50, 10):
        assert access.staff_actor(store, token, now=start + dt.timedelta(hours=hours)) is not None
    # ... but never beyond three days.
    assert access.staff_actor(store, token, now=start + dt.timedelta(days=3, hours=1)) is None


def test_reissuing_a_workshops_key_ends_its_facilitators_sessions(store, coordinator):
    meeting = make_workshop(store)
    old = meeting.facilitator

    new_key = workshops.issue_facilitator_key(store, coordinator, meeting.id)

    assert access.staff_actor(store, old) is None
    with pytest.raises(WrongFacilitatorKey):
        workshops.facilitator_sign_in(store, meeting.id, meeting.key)
    assert access.staff_actor(store, workshops.facilitator_sign_in(store, meeting.id, new_key)).workshop_id == meeting.id


def test_a_revoked_key_signs_nobody_in(store, coordinator):
    meeting = make_workshop(store)

    workshops.revoke_facilitator_key(store, coordinator, meeting.id)

    with pytest.raises(WrongFacilitatorKey):
        workshops.facilitator_sign_in(store, meeting.id, meeting.key)
    assert access.staff_actor(store, meeting.facilitator) is None
    assert workshops.workshop_info(store, meeting.id).has_facilitator_key is False


# --- throttling -------------------------------------------------------------------------------


def test_a_strangers_hundred_wrong_keys_do_not_delay_the_right_key_from_another_browser(store):
    meeting = make_workshop(store)
    for _ in range(100):
        with pytest.raises((WrongFacilitatorKey, TooManyAttempts)):
            workshops.facilitator_sign_in(store, meeting.id, "AAAA-BBBB-CCCC-DDDD", client=STRANGER)

    token = workshops.facilitator_sign_in(store, meeting.id, meeting.key, client=FACILITATOR)

    assert access.staff_actor(store, token).workshop_id == meeting.id


def test_a_strangers_wrong_keys_do_not_delay_another_browser_behind_the_same_address(store):
    # A hall's wifi: everyone shares one address; only the guessing browser waits.
    meeting = make_workshop(store)
    for _ in range(100):
        with pytest.raises((WrongFacilitatorKey, TooManyAttempts)):
            workshops.facilitator_sign_in(store, meeting.id, "AAAA-BBBB-CCCC-DDDD", client=Client("10.0.0.1", "stranger"))

    assert workshops.facilitator_sign_in(store, meeting.id, meeting.key, client=Client("10.0.0.1", "facilitator")) is not None
    assert workshops.find_workshop_by_code(store, meeting.join_code, client=Client("10.0.0.1", "a phone")).id == meeting.id


def test_the_guessing_browser_itself_is_slowed_down_after_three_wrong_keys(store):
    meeting = make_workshop(store)
    for _ in range(3):
        with pytest.raises(WrongFacilitatorKey):
            workshops.facilitator_sign_in(store, meeting.id, "AAAA-BBBB-CCCC-DDDD", client=STRANGER)

    with pytest.raises(TooManyAttempts) as slowed:
        workshops.facilitator_sign_in(store, meeting.id, meeting.key, client=STRANGER)

    assert 0 < slowed.value.params["seconds"] <= 3


def test_attempts_older_than_a_day_are_pruned_and_forgotten(store):
    meeting = make_workshop(store)
    for _ in range(5):
        with pytest.raises((WrongFacilitatorKey, TooManyAttempts)):
            workshops.facilitator_sign_in(store, meeting.id, "AAAA-BBBB-CCCC-DDDD", client=STRANGER)
    with store.unit_of_work(write=True) as session:
        session.execute(update(AccessAttempt).values(last_failure_at=utcnow() - dt.timedelta(days=2)))
        session.commit()

    with pytest.raises(WorkshopNotFound):  # any new failure prunes what is older than a day
        workshops.find_workshop_by_code(store, "ZZZZZZ", client=Client("10.0.0.5"))

    with store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(AccessAttempt)) == 3  # the new failure's: client, target, address
    assert workshops.facilitator_sign_in(store, meeting.id, meeting.key, client=STRANGER) is not None


# --- the audit trail ----------------------------------------------------------------------------


def test_the_audit_trail_says_who_hid_and_merged_what_and_only_the_coordinator_reads_it(store, coordinator):
    meeting = make_workshop(store, title="Framtidens Ramsberg")
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    kitchen, duplicate = add_idea(store, anna, "Bygdekök"), add_idea(store, anna, "Kök i skolan")
    moderation.set_idea_hidden(store, meeting.id, meeting.facilitator, kitchen, True)
    moderation.merge_ideas(store, meeting.id, coordinator, duplicate, kitchen)

    trail = coordinators.audit_trail(store, coordinator)

    assert [(e.actor_role, e.actor_name, e.action, e.subject_label) for e in trail[:2]] == [
        ("coordinator", "Kim Samordnare", "idea.merge", "Kök i skolan"),
        ("facilitator", "Framtidens Ramsberg", "idea.hide", "Bygdekök"),
    ]
    with pytest.raises((NotAllowed, NotSignedIn)):
        coordinators.audit_trail(store, meeting.facilitator)


def test_a_refused_write_leaves_no_audit_entry(store):
    meeting, other = make_workshop(store), make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    idea = add_idea(store, join(store, meeting, "Anna Berg", "Ramsbergs IF"))
    before = row_counts(store)["audit_events"]

    with pytest.raises(NotAllowed):
        moderation.set_idea_hidden(store, meeting.id, other.facilitator, idea, True)

    assert row_counts(store)["audit_events"] == before


# --- demo data ------------------------------------------------------------------------------------


def test_removing_the_demo_keeps_real_data_and_says_what_went(store, demo):
    real_coordinator = coordinator_token(store)
    real = make_workshop(store, title="Riktig träff i Ramsberg")
    anna = join(store, real, "Anna Berg", "Ramsbergs IF (riktig)")
    real_idea = add_idea(store, anna, "Riktig idé")
    assert demo_data.demo_present(store)

    counts = demo_data.remove_demo_data(store, real_coordinator)

    assert counts["workshops"] == len(demo.workshops) and counts["coordinators"] == 1
    assert not demo_data.demo_present(store)
    assert [w.title for w in workshops.list_workshops(store)] == ["Riktig träff i Ramsberg"]
    assert [c.id for c in views.wall(store, real.id).ideas] == [real_idea]
    assert [c.name for c in coordinators.list_coordinators(store)] == ["Kim Samordnare"]
    with store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(StaffSession).where(StaffSession.workshop_id.in_([w.id for w in demo.workshops]))) == 0


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_only_a_coordinator_removes_demo_data(store, demo):
    facilitator = workshops.facilitator_sign_in(store, demo.workshops[0].id, demo.workshops[0].facilitator_key)

    with pytest.raises(NotAllowed):
        demo_data.remove_demo_data(store, facilitator)

    assert demo_data.demo_present(store)
