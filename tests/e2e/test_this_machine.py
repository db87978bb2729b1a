"""The README's first door: a browser on the server itself sees the demo's keys and may create
the first coordinator; a browser elsewhere sees neither (issue 22).

Streamlit gives no client address to a browser on ``localhost``, and a server listening on
``::`` sees a local IPv4 browser as ``::ffff:127.0.0.1``; AppTest has no browser at all. So the
app is served here, on every address (``::``), and opened in Chromium at ``localhost``,
``127.0.0.1`` and ``[::1]`` (the machine's own loopback names), and at the machine's network
address (a visitor on the hall's wifi, as far as the app can tell).
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.conftest import VIEWPORT
from tests.e2e.harness import StreamlitServer, requires_chromium
from tests.e2e.ui import STATE_COUNTER_JS
from workshop.addresses import machine_addresses
from workshop.db import create_store
from workshop.services import coordinators
from workshop.services.reference import ensure_reference_data

pytestmark = [pytest.mark.e2e, requires_chromium]

DEMO_HEADING = ui.sv("demo.credentials_heading")


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


LOCAL_NAMES = ["localhost", "127.0.0.1"] + (["[::1]"] if _ipv6_loopback() else [])


@contextlib.contextmanager
def served_on_every_address(tmp_path, *, demo: bool) -> Iterator[StreamlitServer]:
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    store = create_store(url)
    ensure_reference_data(store)
    store.engine.dispose()
    server = StreamlitServer(url, tmp_path, address="::", env={"PROJEKTBEREDSKAP_LOAD_DEMO": "1" if demo else "0"}, name="every-address")
    try:
        yield server.start()
    finally:
        server.stop()


def at(server: StreamlitServer, host: str, path: str = "/") -> str:
    return f"http://{host}:{server.port}{path}"


@contextlib.contextmanager
def visitor_on_the_network(browser, host: str):
    """A browser that reaches the server by its network address; nothing else may leave the machine."""
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    context.set_default_timeout(20_000)
    context.add_init_script(STATE_COUNTER_JS)
    blocked = []
    def abort(route) -> None:
        blocked.append(route.request.url)
        route.abort()

    context.route(lambda url: f"//{host}:" not in url and not ui_is_local(url), abort)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert blocked == []


def ui_is_local(url: str) -> bool:
    from tests.e2e.harness import is_local

    return is_local(url)


def network_address() -> str:
    found = machine_addresses()
    if not found:
        pytest.skip("this machine has no network address besides loopback")
    return found[0]


def test_the_demos_keys_show_at_every_local_name_and_not_from_the_network(tmp_path, browser, people):
    with served_on_every_address(tmp_path, demo=True) as server:
        for name in LOCAL_NAMES:
            page = people.new(f"server-browser-{name}")
            ui.open_page(page, at(server, name))
            expander = ui.main(page).get_by_test_id("stExpander").filter(has_text=DEMO_HEADING)
            expect(expander).to_be_visible(timeout=60_000)  # the first view loads the demo
            ui.act(page, expander.get_by_text(DEMO_HEADING).click)
            expect(expander.get_by_text("Samordnare: namn")).to_be_visible()

        with visitor_on_the_network(browser, network_address()) as page:
            ui.open_page(page, at(server, network_address()))
            expect(ui.main(page).get_by_role("button", name="Fortsätt", exact=True)).to_be_visible()
            expect(ui.main(page).get_by_text(DEMO_HEADING)).to_have_count(0)
            assert "nyckel" not in ui.main(page).inner_text().lower()


def test_the_first_coordinator_is_created_at_the_server_itself_and_nowhere_else(tmp_path, browser, people):
    with served_on_every_address(tmp_path, demo=False) as server:
        with visitor_on_the_network(browser, network_address()) as page:
            ui.open_page(page, at(server, network_address(), "/samordnare"))
            expect(ui.main(page).get_by_text(ui.sv("coordinator.none_yet"))).to_be_visible()
            expect(ui.main(page).get_by_text('python -m workshop coordinator add "Förnamn Efternamn"')).to_be_visible()
            expect(ui.main(page).get_by_role("button", name="Skapa samordnare")).to_have_count(0)
            ui.open_page(page, at(server, network_address()))
            expect(ui.main(page).get_by_text(ui.sv("home.first_coordinator"))).to_have_count(0)

        laptop = people.new("server-browser")
        ui.open_page(laptop, at(server, "localhost"))
        expect(ui.main(laptop).get_by_text(ui.sv("home.first_coordinator"))).to_be_visible()
        ui.act(laptop, ui.main(laptop).get_by_role("link", name="Samordnare").click)
        scope = ui.form(laptop, "Skapa samordnare")
        ui.fill(laptop, "Namn", "Kim Samordnare", scope=scope)
        ui.press(laptop, "Skapa samordnare", scope=scope)
        expect(ui.main(laptop).get_by_text("Kim Samordnare är nu samordnare och inloggad.")).to_be_visible()
        key = ui.main(laptop).get_by_test_id("stCode").inner_text().strip()

        store = create_store(server.database_url)
        try:
            assert coordinators.coordinator_sign_in(store, "Kim Samordnare", key)  # the key shown once works
        finally:
            store.engine.dispose()
        # Now that one exists, the server's own browser is no longer offered a first one.
        other = people.new("server-browser-later")
        ui.open_page(other, at(server, "127.0.0.1", "/samordnare"))
        expect(ui.main(other).get_by_role("button", name="Logga in", exact=True)).to_be_visible()
        expect(ui.main(other).get_by_role("button", name="Skapa samordnare")).to_have_count(0)
