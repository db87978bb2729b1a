"""PostgreSQL's change notifications: a write on one server wakes the walls of every server.

Two "servers" here are two engines on one database, each with its own listener thread
(workshop/services/changes.py), as two server processes would hold them.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from tests.conftest import POSTGRES_URL_VARIABLE
from tests.factories import add_idea, make_workshop
from workshop.db import create_store
from workshop.services import workshops
from workshop.services.changes import ChangeListener

pytestmark = [
    pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="notifications need PostgreSQL"),
    pytest.mark.parametrize("store", ["postgresql"], indirect=True),
]

SECONDS = 5  # far beyond what a notification takes; the tests wait for the event itself


def _url(store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def servers(store):
    """Two servers' listeners and the second server's own store."""
    here, there = ChangeListener(_url(store)), ChangeListener(_url(store), retry=0.5)
    other = create_store(_url(store), upgrade=False)
    assert here.wait_until(lambda listener: listener.connected, SECONDS)
    assert there.wait_until(lambda listener: listener.connected, SECONDS)
    yield here, there, other
    here.stop()
    there.stop()
    other.engine.dispose()


def test_a_new_idea_on_one_server_is_announced_to_every_server_with_its_workshop(store, meeting, anna, servers):
    here, there, other = servers
    elsewhere = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg")
    before = (here.generation(meeting.id), there.generation(meeting.id), there.generation(elsewhere.id))
    seen = workshops.workshop_revision(other, meeting.id)

    add_idea(store, anna, "Bygdekök i skolan")  # written through the first server's engine

    assert there.wait_until(lambda listener: listener.generation(meeting.id) > before[1], SECONDS), "the other server heard of it"
    assert here.wait_until(lambda listener: listener.generation(meeting.id) > before[0], SECONDS), "and so did the writer's own"
    assert workshops.workshop_revision(other, meeting.id) > seen, "the other server's next read finds the idea's revision"
    assert there.generation(elsewhere.id) == before[2], "another workshop's walls stay asleep"


def test_a_write_that_rolls_back_is_never_announced(store, meeting, anna, servers):
    _here, there, _other = servers
    before = there.generation()
    with pytest.raises(Exception):
        add_idea(store, anna, "")  # refused: no title
    add_idea(store, anna, "Cykelkök")  # the next write is announced, alone
    assert there.wait_until(lambda listener: listener.generation() > before, SECONDS)
    assert there.generation() == before + 1


def test_a_listener_that_lost_its_connection_lets_pages_poll_until_it_is_back(store, meeting, anna, servers):
    _here, there, _other = servers
    lost = there.backend_pid
    with store.engine.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": lost})
    # Away: no generation to key on, so the pages poll the revision as on SQLite.
    assert there.wait_until(lambda listener: listener.generation(meeting.id) is None, SECONDS)
    assert there.wait_until(lambda listener: listener.connected, SECONDS), "it reconnects by itself"
    assert there.backend_pid != lost
    # Back: what was announced meanwhile is lost, so it counts a change of every wall, then hears new ones.
    back = there.generation(meeting.id)
    assert back >= 1
    add_idea(store, anna, "Bygdekök i skolan")
    assert there.wait_until(lambda listener: listener.generation(meeting.id) > back, SECONDS)
