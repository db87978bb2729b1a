"""The revision counters: no row that every writer locks, and a process revision that only grows."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, select, text, update

from tests.conftest import POSTGRES_URL_VARIABLE
from tests.factories import add_idea, coordinator_token, join, make_workshop
from tests.services.test_migrations import _database_at
from workshop.db import Store, create_store
from workshop.models import ProcessState, Workshop
from workshop.services import demo_data, organisations, revisions, workshops


def _process_counter(store) -> int:
    with store.unit_of_work() as session:
        return session.scalar(select(ProcessState.revision).where(ProcessState.id == 1))


def test_a_write_to_a_wall_raises_the_process_revision_without_locking_the_process_row(store, meeting, anna):
    # Writers of different workshops share no row: the wall's own counter moves, the process's does not.
    counter, process = _process_counter(store), workshops.process_revision(store)
    add_idea(store, anna, "Bygdekök i skolan")
    assert (_process_counter(store), workshops.process_revision(store) > process) == (counter, True)


def test_writes_to_two_workshops_each_raise_the_process_revision(store, meeting, anna):
    other = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg")
    bo = join(store, other, "Bo Ek", "Vedevågs bygdelag")
    seen = [workshops.process_revision(store)]
    for number, who in enumerate((anna, bo, anna)):
        add_idea(store, who, f"Idé nr {number}")
        seen.append(workshops.process_revision(store))
    assert seen == sorted(set(seen)), f"every write gave a new, higher number: {seen}"


def test_a_change_no_wall_shows_raises_the_process_revision_only(store, meeting):
    wall, process = workshops.workshop_revision(store, meeting.id), workshops.process_revision(store)
    organisations.register_organisation(store, name="Ramsbergs Hembygdsförening", kind="association")
    assert (workshops.workshop_revision(store, meeting.id), workshops.process_revision(store) > process) == (wall, True)


def test_removing_the_demo_never_brings_the_process_revision_back_to_a_number_it_had(store, meeting, anna):
    demo = make_workshop(store, title="Demo: Framtidens Vedevåg", locality="Vedevåg")
    visitor = join(store, demo, "Demo Dahl", "Demoföreningen")
    for title in ("Demoidé ett", "Demoidé två"):
        add_idea(store, visitor, title)
    with store.unit_of_work(write=True) as session:
        session.execute(update(Workshop).where(Workshop.id == demo.id).values(is_demo=True))
        session.commit()
    add_idea(store, anna, "Bygdekök i skolan")
    before = workshops.process_revision(store)
    demo_data.remove_demo_data(store, coordinator_token(store))
    # Deleting the demo workshop takes its revision out of the sum; the process counter makes up for it.
    assert workshops.process_revision(store) == before + 1
    assert [w.id for w in workshops.list_workshops(store)] == [meeting.id]


def test_upgrading_from_0008_keeps_the_process_revision_ahead_of_every_cached_number(tmp_path):
    # A database at 0008 whose process counter is at 7 with a workshop at revision 5: after 0014 the
    # process revision is their sum, so no number a server cached before can come back.
    engine = _database_at(tmp_path, "0008")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, created_at, retention_until, is_demo) "
            "VALUES (1, 'Framtidens Ramsberg', 'Hur?', '2026-11-30', 'Ramsberg', 'KQ7M2X', 'x', 1, 5, '2026-11-30 18:00:00', '2028-11-29', 0)"
        ))
        connection.execute(text("UPDATE process_state SET revision = 7"))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        assert workshops.process_revision(store) == 12
        assert workshops.workshop_revision(store, 1) == 5
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM stored_analyses")).scalar() == 0
    finally:
        store.engine.dispose()


@pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="row locks between servers: PostgreSQL")
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
@pytest.mark.parametrize("held", ["another workshop's wall", "a change no wall shows"])
def test_a_writer_never_waits_for_a_writer_of_another_workshop_on_another_server(store, meeting, anna, held):
    # Server one has bumped its counter and not committed yet (it holds that row's lock until it
    # does). Server two, whose every statement gives up after a second of waiting for a lock, still
    # saves an idea on its own workshop's wall: no row is shared between them.
    other = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg")
    bo = join(store, other, "Bo Ek", "Vedevågs bygdelag")
    url = store.engine.url.render_as_string(hide_password=False)
    impatient = Store(create_engine(url, connect_args={"options": "-c lock_timeout=1000"}))
    try:
        with store.unit_of_work(write=True) as session:
            revisions.touch(session, meeting.id if held == "another workshop's wall" else None)
            before = workshops.process_revision(impatient)
            add_idea(impatient, bo, "Bygdebuss")  # DatabaseUnavailable here if it waited for the held row
            after = workshops.process_revision(impatient)
            session.commit()
        assert after > before
        assert workshops.process_revision(store) > after, "and the held write counts once it commits"
    finally:
        impatient.engine.dispose()
