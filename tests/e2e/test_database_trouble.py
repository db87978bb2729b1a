"""When the database is busy or gone, people get a Swedish message and a retry, not a stack trace.

The busy case holds SQLite's write lock from the test for longer than the app's busy timeout
(``SQLITE_BUSY_TIMEOUT_MS``, 10 s): it is deterministic and costs about that long. The gone
case points a second server at a PostgreSQL port where nothing listens.
"""

from __future__ import annotations

import sqlite3
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.e2e import ui
from tests.e2e.harness import free_port, requires_chromium
from tests.factories import join, make_workshop
from workshop.db import SQLITE_BUSY_TIMEOUT_MS, create_store
from workshop.models import Idea

pytestmark = [pytest.mark.e2e, requires_chromium]

UNAVAILABLE = "Databasen svarar inte just nu (den kan vara upptagen). Inget har sparats – försök igen om en stund."


def test_a_locked_database_gives_a_message_and_a_retry(server, people):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ramsberg")
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    page = people.new("anna")
    ui.remember(page, server.url, participant=anna.token)
    ui.open_page(page, server.url + "/")
    ui.go(page, "Bidra")
    scope = ui.form(page, "Lägg till idén")
    ui.fill(page, "Rubrik", "Skidspår runt sjön", scope=scope)

    # Someone else holds the write lock for longer than the app is willing to wait.
    path = server.database_url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, isolation_level=None, timeout=1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        scope.get_by_role("button", name="Lägg till idén", exact=True).click()
        expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible(timeout=SQLITE_BUSY_TIMEOUT_MS + 15_000)
        waited = time.monotonic() - started
        ui.settle(page)
        assert ui.exceptions(page) == []
        expect(ui.main(page).get_by_role("button", name="Försök igen")).to_be_visible()
        assert waited >= SQLITE_BUSY_TIMEOUT_MS / 1000 - 1  # it waited its turn before giving up
    finally:
        blocker.rollback()
        blocker.close()

    # Nothing was half-written; once the lock is gone, retrying goes through.
    with store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Idea)) == 0
    ui.press(page, "Försök igen")
    expect(ui.main(page).get_by_text(UNAVAILABLE)).to_have_count(0)
    scope.get_by_role("button", name="Lägg till idén", exact=True).click()
    ui.wait_saved(page)
    with store.unit_of_work() as session:
        assert session.scalars(select(Idea.title)).all() == ["Skidspår runt sjön"]
    store.engine.dispose()


def test_an_unreachable_database_gives_a_message_and_a_retry(start_server, people):
    # A PostgreSQL address where nothing listens: the server starts, the database never answers.
    server = start_server(f"postgresql+psycopg://nobody:nothing@127.0.0.1:{free_port()}/nowhere", migrate=False)
    page = people.new("anna")
    ui.open_page(page, server.join_link("ABCDEF"))
    shown = ui.exceptions(page)
    assert shown == [], f"a stack trace instead of a message: {shown[0][:200]}"
    expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible()
    expect(ui.main(page).get_by_role("button", name="Försök igen")).to_be_visible()
