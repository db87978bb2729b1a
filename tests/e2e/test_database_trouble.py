"""When the database is busy or gone, people get a Swedish message and a retry, not a stack trace,
and nothing they typed is lost: the form keeps it, and the page comes back by itself.

The busy case holds SQLite's write lock from the test for longer than the app's busy timeout
(``SQLITE_BUSY_TIMEOUT_MS``, 10 s): it is deterministic and costs about that long. The gone
case points a second server at a PostgreSQL port where nothing listens. The cut case runs
the app on PostgreSQL through a proxy the test cuts (every connection dropped, new ones
refused) and restores, as a network or database restart would.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.e2e import ui
from tests.e2e.harness import free_port, requires_chromium
from tests.factories import add_idea, join, make_workshop
from workshop.db import SQLITE_BUSY_TIMEOUT_MS, create_store
from workshop.models import Idea

pytestmark = [pytest.mark.e2e, requires_chromium]

UNAVAILABLE = "Databasen svarar inte just nu (den kan vara upptagen). Inget har sparats – försök igen om en stund."
BACK = "Databasen svarar igen. Det du skrev finns kvar – tryck på knappen igen för att spara det."
TITLE, DESCRIPTION = "Skidspår runt sjön", "Ett preparerat spår på isen varje vinter."
# The page asks every 3 s whether the database answers (ui/recovery.py): back well within this.
RECOVERS_WITHIN_MS = 15_000


def expect_typed(scope, title: str, description: str) -> None:
    """The form shows ``title`` and ``description``; waits (up to Playwright's 5 s) for the
    rerun that draws the form again to reach the browser, instead of reading mid-render."""
    expect(scope.get_by_label("Rubrik", exact=True)).to_have_value(title)
    expect(scope.get_by_label("Beskrivning", exact=True)).to_have_value(description)


def start_typing_an_idea(page, server_url, anna):
    ui.remember(page, server_url, participant=anna.token)
    ui.open_page(page, server_url + "/")
    ui.go(page, "Bidra")
    scope = ui.form(page, "Lägg till idén")
    ui.fill(page, "Rubrik", TITLE, scope=scope)
    ui.fill(page, "Beskrivning", DESCRIPTION, scope=scope)
    return scope


def _lock(server):
    """Someone else holds the write lock for longer than the app is willing to wait."""
    blocker = sqlite3.connect(server.database_url.removeprefix("sqlite:///"), isolation_level=None, timeout=1)
    blocker.execute("BEGIN EXCLUSIVE")
    return blocker


def test_a_locked_database_gives_a_message_and_a_retry_and_the_typed_idea_survives(server, people):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ramsberg")
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    page = people.new("anna")
    scope = start_typing_an_idea(page, server.url, anna)

    blocker = _lock(server)
    try:
        started = time.monotonic()
        scope.get_by_role("button", name="Lägg till idén", exact=True).click()
        expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible(timeout=SQLITE_BUSY_TIMEOUT_MS + 15_000)
        waited = time.monotonic() - started
        ui.settle(page)
        assert ui.exceptions(page) == []
        expect(ui.main(page).get_by_role("button", name="Försök igen")).to_be_visible()
        assert waited >= SQLITE_BUSY_TIMEOUT_MS / 1000 - 1  # it waited its turn before giving up
        expect_typed(scope, TITLE, DESCRIPTION)  # the failed save kept what was typed
    finally:
        blocker.rollback()
        blocker.close()

    # Nothing was half-written; once the lock is gone, retrying finds the text and goes through.
    with store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Idea)) == 0
    ui.press(page, "Försök igen")
    expect(ui.main(page).get_by_text(UNAVAILABLE)).to_have_count(0)
    expect_typed(scope, TITLE, DESCRIPTION)
    scope.get_by_role("button", name="Lägg till idén", exact=True).click()
    ui.wait_saved(page)
    with store.unit_of_work() as session:
        assert session.execute(select(Idea.title, Idea.description)).all() == [(TITLE, DESCRIPTION)]
    expect_typed(ui.form(page, "Lägg till idén"), "", "")  # saved: the next idea starts empty
    store.engine.dispose()


def test_a_page_that_met_a_locked_database_recovers_by_itself_with_the_text_kept(server, people):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ramsberg")
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    page = people.new("anna")
    scope = start_typing_an_idea(page, server.url, anna)

    blocker = _lock(server)
    try:
        scope.get_by_role("button", name="Lägg till idén", exact=True).click()
        expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible(timeout=SQLITE_BUSY_TIMEOUT_MS + 15_000)
        page.wait_for_timeout(4_000)  # the page polls while the lock lasts, and stays put
        expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible()
    finally:
        blocker.rollback()
        blocker.close()

    # Nobody touches the page: it notices the database is back.
    expect(ui.main(page).get_by_text(BACK)).to_be_visible(timeout=RECOVERS_WITHIN_MS)
    expect(ui.main(page).get_by_text(UNAVAILABLE)).to_have_count(0)
    expect_typed(ui.form(page, "Lägg till idén"), TITLE, DESCRIPTION)
    ui.form(page, "Lägg till idén").get_by_role("button", name="Lägg till idén", exact=True).click()
    ui.wait_saved(page)
    with store.unit_of_work() as session:
        assert session.execute(select(Idea.title, Idea.description)).all() == [(TITLE, DESCRIPTION)]
    store.engine.dispose()


def test_an_idea_edited_under_mina_bidrag_keeps_its_text_through_a_lock_and_a_look_elsewhere(server, people):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ramsberg")
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    idea = add_idea(store, anna, "Skidspår", description="Ett spår.")
    page = people.new("anna")
    ui.remember(page, server.url, participant=anna.token)
    ui.open_page(page, server.url + "/")
    ui.go(page, "Mina bidrag")
    ui.main(page).get_by_test_id("stExpander").get_by_text("Skidspår", exact=True).click()
    scope = ui.form(page, "Spara")
    ui.fill(page, "Rubrik", TITLE, scope=scope)
    ui.fill(page, "Beskrivning", DESCRIPTION, scope=scope)

    blocker = _lock(server)
    try:
        scope.get_by_role("button", name="Spara", exact=True).click()
        expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible(timeout=SQLITE_BUSY_TIMEOUT_MS + 15_000)
        ui.settle(page)
        assert ui.exceptions(page) == []
        expect_typed(scope, TITLE, DESCRIPTION)  # the failed save kept what was typed
        ui.press(page, "Försök igen")  # still locked: nothing is saved, the text stays
        expect_typed(ui.form(page, "Spara"), TITLE, DESCRIPTION)
    finally:
        blocker.rollback()
        blocker.close()

    with store.unit_of_work() as session:
        assert session.execute(select(Idea.title, Idea.description).where(Idea.id == idea)).one() == ("Skidspår", "Ett spår.")
    # A look at another page meanwhile (a run that does not draw the form), then back: still there.
    ui.go(page, "Bidra")
    ui.go(page, "Mina bidrag")
    scope = ui.form(page, "Spara")
    expect_typed(scope, TITLE, DESCRIPTION)
    ui.act(page, scope.get_by_role("button", name="Spara", exact=True).click)
    expect(ui.main(page).get_by_text("Klart.")).to_be_visible()
    with store.unit_of_work() as session:
        assert session.execute(select(Idea.title, Idea.description).where(Idea.id == idea)).one() == (TITLE, DESCRIPTION)
    store.engine.dispose()


class CuttableProxy:
    """A TCP relay to the database that the test can cut (drop every connection, refuse new ones)
    and restore on the same port, as a database restart or a network outage does."""

    def __init__(self, target_port: int):
        self.target = ("127.0.0.1", target_port)
        self.port = free_port()
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        try:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close alone would not
        except OSError:
            pass
        listener.close()
        with self._lock:
            for connection in self._open:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                connection.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_a_postgresql_cut_mid_save_keeps_the_typed_idea_and_the_page_recovers_by_itself(start_server, postgres_url, people):
    from sqlalchemy.engine import make_url

    real = make_url(postgres_url)
    proxy = CuttableProxy(real.port or 5432)
    url = real.set(port=proxy.port).render_as_string(hide_password=False)
    server = start_server(url)
    store = create_store(postgres_url)  # the test's own view, past the proxy
    meeting = make_workshop(store, title="Framtidens Ramsberg")
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    page = people.new("anna")
    scope = start_typing_an_idea(page, server.url, anna)

    proxy.cut()
    try:
        scope.get_by_role("button", name="Lägg till idén", exact=True).click()
        expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible(timeout=30_000)
        ui.settle(page)
        assert ui.exceptions(page) == []
        ui.press(page, "Försök igen")  # still cut: the same message, no stack trace
        expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible()
        assert ui.exceptions(page) == []
    finally:
        proxy.restore()

    try:
        expect(ui.main(page).get_by_text(BACK)).to_be_visible(timeout=RECOVERS_WITHIN_MS)
        scope = ui.form(page, "Lägg till idén")
        expect_typed(scope, TITLE, DESCRIPTION)  # a run that never drew the form lost nothing
        scope.get_by_role("button", name="Lägg till idén", exact=True).click()
        ui.wait_saved(page)
        with store.unit_of_work() as session:
            assert session.execute(select(Idea.title, Idea.description)).all() == [(TITLE, DESCRIPTION)]
    finally:
        store.engine.dispose()
        proxy.cut()  # closes the relay's port and connections


def test_an_unreachable_database_gives_a_message_and_a_retry(start_server, people):
    # A PostgreSQL address where nothing listens: the server starts, the database never answers.
    server = start_server(f"postgresql+psycopg://nobody:nothing@127.0.0.1:{free_port()}/nowhere", migrate=False)
    page = people.new("anna")
    ui.open_page(page, server.join_link("ABCDEF"))
    shown = ui.exceptions(page)
    assert shown == [], f"a stack trace instead of a message: {shown[0][:200]}"
    expect(ui.main(page).get_by_text(UNAVAILABLE)).to_be_visible()
    expect(ui.main(page).get_by_role("button", name="Försök igen")).to_be_visible()
