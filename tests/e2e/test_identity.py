"""Who a browser is: remembered by a cookie across reloads and tabs, forgotten when asked to.

The tests share one server (each sets up its own meeting and people, each person a new
browser), except the one that needs to be the first browser a server sees.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium
from tests.factories import join, make_workshop
from workshop.db import create_store

pytestmark = [pytest.mark.e2e, requires_chromium]


def ullersater(server, *participants: tuple[str, str]):
    """A workshop in Ullersäter on this server, and the given (name, organisation) joined to it."""
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ullersäter", locality="Ullersäter")
    joined = [join(store, meeting, name, organisation) for name, organisation in participants]
    store.engine.dispose()
    return meeting, joined


def test_leaving_on_this_device_forgets_who_you_are(module_server, people):
    server = module_server
    _meeting, (anna,) = ullersater(server, ("Anna Berg", "Ullersäters hembygdsförening"))
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


def test_signing_out_as_facilitator_closes_the_facilitator_pages(module_server, people):
    server = module_server
    meeting, _ = ullersater(server)
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


def test_a_link_or_reload_to_any_page_opens_that_page_or_says_whom_it_is_for(server, people):
    meeting, _ = ullersater(server)
    # The projector on the wall is reloaded, the first browser this server sees (Streamlit
    # treats that one apart, see ui/navigation.settle_first_start_deep_link): it comes back,
    # and no English "Page not found" box stays over it.
    wall = people.new("projector")
    ui.remember(wall, server.url, facilitator=meeting.facilitator)
    ui.open_page(wall, server.url + "/projektor")
    expect(wall.get_by_test_id("pb-join-code")).to_have_text(meeting.join_code)
    expect(wall.get_by_role("dialog")).to_have_count(0)
    # A stranger follows a link to a participant's and a facilitator's page: a Swedish message
    # where the page would be, the menu stays the stranger's, and no English "page not found".
    stranger = people.new("stranger")
    for path, message in (("/bidra", "Gå med i en workshop först"), ("/projektor", "Den här sidan är för facilitatorer")):
        ui.open_page(stranger, server.url + path)
        expect(ui.main(stranger).get_by_text(message)).to_be_visible()
        expect(stranger.get_by_role("dialog")).to_have_count(0)
        assert ui.menu_titles(stranger) == ["Gå med", "Leda en workshop", "Samordnare"]
        assert meeting.join_code not in ui.main(stranger).inner_text()


def test_a_stranger_cannot_create_a_workshop(module_server, people):
    server = module_server
    ullersater(server)  # a coordinator exists: the first-coordinator form is closed for good
    stranger = people.new("stranger")
    for path in ("/leda", "/samordnare"):
        ui.open_page(stranger, server.url + path)
        expect(ui.main(stranger).get_by_role("button", name="Logga in", exact=True)).to_be_visible()
        expect(ui.main(stranger).get_by_role("button", name="Skapa workshop")).to_have_count(0)
        expect(ui.main(stranger).get_by_role("button", name="Skapa samordnare")).to_have_count(0)


def test_the_language_chosen_stays_after_a_reload_and_no_streamlit_english_shows(module_server, people):
    server = module_server
    phone = people.new("phone")
    ui.open_page(phone, server.url + "/")
    expect(ui.main(phone).get_by_text("Press Enter", exact=False)).to_have_count(0)
    ui.choose(phone, "Språk", "English", scope=phone.get_by_test_id("stSidebar"))
    expect(ui.main(phone).get_by_role("button", name="Continue", exact=True)).to_be_visible()

    ui.open_page(phone, server.url + "/")  # a reload: a new session, the same browser

    expect(ui.main(phone).get_by_role("button", name="Continue", exact=True)).to_be_visible()


def test_a_coordinator_sees_every_page_of_the_menu_with_nothing_folded_away(module_server, people):
    server = module_server
    coordinator = ui.make_coordinator(server.database_url, "Maja Samordnare")  # the meetings above made Kim
    laptop = people.new("coordinator")
    ui.sign_in_as_coordinator(laptop, server.url, coordinator)
    titles = ui.menu_titles(laptop)
    for title in ("Nätverkskarta", "Konstellationer", "Nätverksinsikter", "Företagsregister", "Grannskapskontor"):
        assert title in titles
    assert titles.index("Nätverksinsikter") < titles.index("Företagsregister")  # the network before the digital journey
    expect(laptop.get_by_test_id("stSidebarNav").get_by_text("View", exact=False)).to_have_count(0)
    ui.go(laptop, "Nätverksinsikter")
