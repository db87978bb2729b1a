"""Who a browser is: remembered by a cookie across reloads and tabs, forgotten when asked to."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium
from tests.factories import join, make_workshop
from workshop.db import create_store

pytestmark = [pytest.mark.e2e, requires_chromium]

def test_leaving_on_this_device_forgets_who_you_are(server, people):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ullersäter", locality="Ullersäter")
    anna = join(store, meeting, "Anna Berg", "Ullersäters hembygdsförening")
    store.engine.dispose()
    phone = people.new("anna")
    ui.remember(phone, server.url, participant=anna.token)  # she joined here yesterday
    ui.open_page(phone, server.url + "/")
    expect(ui.main(phone).get_by_text("Du är med i Framtidens Ullersäter som Anna Berg")).to_be_visible()

    ui.press(phone, "Lämna workshopen på den här enheten")
    expect(ui.main(phone).get_by_text("Gå med i en workshop")).to_be_visible()
    assert "Bidra" not in ui.menu_titles(phone)
    phone.reload()
    ui.settle(phone)
    expect(ui.main(phone).get_by_text("Gå med i en workshop")).to_be_visible()
    assert [c for c in people.contexts["anna"].cookies() if c["name"] == "pb_participant" and c["value"]] == []


def test_signing_out_as_facilitator_closes_the_facilitator_pages(server, people):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ullersäter", locality="Ullersäter")
    store.engine.dispose()
    laptop = people.new("facilitator")
    ui.remember(laptop, server.url, facilitator=meeting.facilitator)
    ui.open_page(laptop, server.url + "/")
    ui.go(laptop, "Leda en workshop")
    expect(ui.main(laptop).get_by_text("Du är inloggad som facilitator för Framtidens Ullersäter.")).to_be_visible()

    ui.press(laptop, "Logga ut som facilitator")
    assert "Projektorvy" not in ui.menu_titles(laptop)
    laptop.reload()
    ui.settle(laptop)
    assert "Projektorvy" not in ui.menu_titles(laptop)
