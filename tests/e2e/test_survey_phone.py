"""The digital-maturity survey on a phone (390×844): filled in from its link, resumed after a
reload with the answers still there, then submitted and the scores shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium
from tests.factories import coordinator_token, make_company
from workshop.companies import assessments
from workshop.db import create_store

pytestmark = [pytest.mark.e2e, requires_chromium]






def test_a_survey_is_filled_in_on_a_phone_resumed_after_a_reload_and_submitted(server, people):
    store = create_store(server.database_url)
    company = make_company(store, "Ramsbergs bageri")
    link = assessments.create_self_link(store, coordinator_token(store), company)
    store.engine.dispose()

    page = people.phone()
    ui.open_page(page, f"{server.url}/enkat?kod={link.code}")
    expect(ui.main(page).get_by_text("Enkät för Ramsbergs bageri")).to_be_visible()
    expect(ui.main(page).get_by_text("Steg 1 av 7", exact=False)).to_be_visible()
    # Fits the phone: nothing wider than the screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= ui.PHONE["width"]

    ui.act(page, ui.main(page).get_by_text("Ja, jag har funderat lite", exact=True).tap)
    expect(ui.main(page).get_by_text("Sparat")).to_be_visible()
    ui.act(page, ui.main(page).get_by_text("Webbplats eller webbutik", exact=True).tap)
    expect(ui.main(page).get_by_text("Sparat")).to_be_visible()
    # The touch target is big enough for a thumb (44 px, WCAG 2.5.5).
    box = ui.main(page).get_by_test_id("stCheckbox").locator("label").filter(has_text="Webbplats eller webbutik").bounding_box()
    assert box and box["height"] >= 44

    # The phone's browser is closed; the link is opened again.
    page.reload()
    ui.settle(page)
    expect(ui.main(page).get_by_text("Enkät för Ramsbergs bageri")).to_be_visible()
    assert ui.main(page).get_by_role("radio", name="Ja, jag har funderat lite").is_checked()
    assert ui.main(page).get_by_role("checkbox", name="Webbplats eller webbutik").is_checked()
    expect(ui.main(page).get_by_text("2 av 23 frågor besvarade", exact=False)).to_be_visible()

    for _ in range(6):
        ui.act(page, ui.main(page).get_by_role("button", name="Nästa").tap)
    expect(ui.main(page).get_by_text("Behov och vad du kan bidra med")).to_be_visible()
    ui.act(page, ui.main(page).get_by_text("Kunskap", exact=True).first.tap)
    expect(ui.main(page).get_by_text("Sparat")).to_be_visible()
    ui.act(page, ui.main(page).get_by_role("button", name="Skicka in").tap)

    expect(ui.main(page).get_by_text("Tack! Enkäten är inskickad.")).to_be_visible()
    # plan "thought" 1/3 + invested 1 of cap 4 = 2/7 = 28.6: shown as 29 of 100.
    expect(ui.main(page).get_by_text("29 av 100")).to_be_visible()
    expect(ui.main(page).get_by_test_id("stImage").locator("img")).to_be_visible()  # the radar chart
    assert ui.exceptions(page) == []
    with_scores = assessments.open_survey(create_store(server.database_url), link.code)
    assert with_scores.scores == {"strategy": 28.6} and with_scores.needs == ("skills",)
