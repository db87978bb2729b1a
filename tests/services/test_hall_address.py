"""The hall address for phones, kept with the workshop and as a coordinator's default (issue 23)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.factories import coordinator_token, make_workshop
from tests.services.test_migrations import _database_at
from workshop.db import create_store
from workshop.errors import InvalidInput, NotAllowed
from workshop.services import hall_address, workshops

HALL = "http://192.168.1.20:8501"


def test_the_address_picked_by_the_facilitator_is_kept_with_the_workshop(store, meeting):
    kept = hall_address.set_workshop_address(store, meeting.id, meeting.facilitator, HALL + "/")

    assert kept == HALL
    assert hall_address.workshop_address(store, meeting.id) == HALL  # any later run, any tab


def test_a_coordinators_pick_becomes_the_default_for_workshops_without_their_own(store, meeting):
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    hall_address.set_workshop_address(store, meeting.id, coordinator_token(store), HALL)

    assert hall_address.workshop_address(store, other.id) == HALL
    assert hall_address.default_address(store) == HALL  # the companies' survey links


def test_a_workshops_own_address_wins_over_the_default(store, meeting):
    hall_address.set_default_address(store, coordinator_token(store), "http://10.0.0.5:8501")
    hall_address.set_workshop_address(store, meeting.id, meeting.facilitator, HALL)

    assert hall_address.workshop_address(store, meeting.id) == HALL


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_another_workshops_facilitator_cannot_set_the_address(store, meeting):
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")

    with pytest.raises(NotAllowed):
        hall_address.set_workshop_address(store, meeting.id, other.facilitator, HALL)
    assert hall_address.workshop_address(store, meeting.id) is None


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize("typed", ["192.168.1.20:8501", "ftp://192.168.1.20", "http://192.168.1.20:8501/?code=X", "http://", "", "http://a:b@host", "http://host:port", ["http://x"]])
def test_anything_but_a_base_address_is_refused_at_the_field(store, meeting, typed):
    with pytest.raises(InvalidInput) as refused:
        hall_address.set_workshop_address(store, meeting.id, meeting.facilitator, typed)

    assert refused.value.field == "address"
    assert hall_address.workshop_address(store, meeting.id) is None


def test_setting_the_address_redraws_the_wall(store, meeting):
    before = workshops.workshop_revision(store, meeting.id)
    hall_address.set_workshop_address(store, meeting.id, meeting.facilitator, HALL)

    assert workshops.workshop_revision(store, meeting.id) > before


def test_upgrading_from_0008_keeps_workshops_and_coordinators_without_an_address(tmp_path):
    engine = _database_at(tmp_path, "0008")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, is_demo, created_at) "
            "VALUES (1, 'Framtidens Ramsberg', 'Hur?', '2026-11-30', 'Ramsberg', 'KQ7M2X', 'x', 1, 0, 0, '2026-11-30 18:00:00')"
        ))
        connection.execute(text("INSERT INTO coordinators (id, name, name_key, secret_hash, is_demo, created_at) VALUES (1, 'Kim', 'kim', 'x', 0, '2026-11-30')"))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        assert hall_address.workshop_address(store, 1) is None
        assert [info.title for info in workshops.list_workshops(store)] == ["Framtidens Ramsberg"]
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT participant_address FROM coordinators")).scalar_one() is None
    finally:
        store.engine.dispose()
