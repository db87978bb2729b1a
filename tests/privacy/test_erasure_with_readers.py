"""Erased means erased, also while another connection is reading (a projector refreshing its wall).

On SQLite an open read transaction pins the write-ahead log frames it may still read, so the
log cannot be truncated while it lasts; the name must still be gone from the file, the log
and the freed pages once that reader is done — without every connection having to close.
On PostgreSQL the search covers every text column (see tests/privacy/traces.py).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from tests.factories import add_idea, coordinator_token
from tests.privacy.conftest import MARTA, MARTA_EMAIL
from tests.privacy.traces import traces
from workshop.privacy import erasure
from workshop.services import workshops

MARTA_PHONE = "070-123 45 67"


def _person_id(store, identity) -> int:
    from workshop.models import Participant

    with store.unit_of_work() as session:
        return session.get(Participant, identity.participant_id).person_id


@contextmanager
def reader_holding_a_snapshot(store):
    """Another connection, inside a read transaction that has read Märta's row (as a wall does)."""
    if store.dialect == "sqlite":
        connection = sqlite3.connect(store.engine.url.database, isolation_level=None, check_same_thread=False)
        connection.execute("BEGIN")
        assert connection.execute("SELECT count(*) FROM people WHERE name = ?", (MARTA,)).fetchone() == (1,)
        try:
            yield connection
        finally:
            connection.close()
    else:
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM people WHERE name = :n"), {"n": MARTA}).scalar() == 1
            yield connection


def test_an_erased_name_is_gone_from_file_log_and_free_pages_once_a_reader_held_through_it_closes(store, meeting, marta, bo):
    add_idea(store, marta, "Bygdekök i skolan")
    person_id = _person_id(store, marta)
    assert traces(store, MARTA, MARTA_EMAIL, MARTA_PHONE)  # the search finds them before

    with reader_holding_a_snapshot(store):
        erasure.erase_person(store, coordinator_token(store), person_id, remove_contributions=False)
        for n in range(30):  # the hall goes on writing while the projector's read lasts
            add_idea(store, bo, f"Idé nummer {n}")

    workshops.workshop_revision(store, meeting.id)  # the next read of any page, after the reader closed

    assert traces(store, MARTA, MARTA_EMAIL, MARTA_PHONE) == []


def test_an_erasure_waits_for_a_short_reader_and_leaves_nothing_when_it_returns(store, meeting, marta):
    add_idea(store, marta, "Bygdekök i skolan")
    person_id = _person_id(store, marta)

    with reader_holding_a_snapshot(store) as reader:
        closing = threading.Timer(0.5, reader.close)  # a wall's refresh ends while the erasure waits
        closing.start()
        started = time.monotonic()
        erasure.erase_person(store, coordinator_token(store), person_id, remove_contributions=False)
        waited = time.monotonic() - started
        closing.join()

    assert traces(store, MARTA, MARTA_EMAIL, MARTA_PHONE) == []
    assert waited < 10  # bounded: the coordinator is never kept waiting on a projector


def test_every_sqlite_connection_overwrites_what_it_deletes(store):
    if store.dialect != "sqlite":
        return  # PostgreSQL has no such setting: see docs/privacy.md
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_the_wal_file_is_empty_after_an_erasure_with_no_reader(store, meeting, marta):
    if store.dialect != "sqlite":
        return
    erasure.erase_person(store, coordinator_token(store), _person_id(store, marta), remove_contributions=False)

    wal = Path(store.engine.url.database + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
