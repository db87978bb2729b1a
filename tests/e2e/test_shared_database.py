"""Two Streamlit servers on one PostgreSQL database are one workshop: nothing lives in a server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium

pytestmark = [pytest.mark.e2e, requires_chromium]

PROJECTOR_LATENCY_MS = 3_000


def test_two_servers_share_one_postgresql(start_server, postgres_url, people):
    server_a = start_server(postgres_url, name="server-a")
    server_b = start_server(postgres_url, name="server-b", migrate=False)  # finds the schema up to date

    # The facilitator works on server B and puts its projector view on the wall.
    projector = people.new("facilitator")
    created = ui.create_workshop(
        projector, server_b.url, coordinator=ui.make_coordinator(postgres_url), title="Framtidens Fellingsbro", challenge="Vad behöver Fellingsbro?", locality="Fellingsbro"
    )
    ui.open_projector(projector, server_b.url, created)
    ui.watch_projector(projector)

    # A participant reaches server A with the same code and adds an idea there.
    phone = people.new("anna")
    ui.join(
        phone,
        server_a.join_link(created.code),
        name="Anna Berg",
        organisation="Fellingsbro Folkhögskola",
        kind="association",
        expected_code=created.code,
    )
    title = "Båtbyggarkurs i gamla sågen"
    saved_at = ui.add_idea(phone, title, "Lär unga att bygga träbåtar.")

    # Server B's projector shows it within three seconds, and counts the participant.
    latency = ui.seen_on_projector(projector, title) - saved_at
    print(f"server A idea on server B's projector after {latency:.0f} ms")
    assert latency <= PROJECTOR_LATENCY_MS, latency
    expect(projector.locator(".pb-counter").filter(has_text="deltagare").locator("b")).to_have_text("1")
    assert people.blocked == []
