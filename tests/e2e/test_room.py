"""The room on the day (issue 10) in real browsers: the projector's wall mode and its latency.

The tests share one server, each with a meeting and people of its own.
"""

from __future__ import annotations

import json
import math

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import ROOT, requires_chromium
from tests.factories import add_idea, add_note, join, make_workshop
from workshop.db import create_store

pytestmark = [pytest.mark.e2e, requires_chromium]

SCREENS = [(1920, 1080), (1280, 720), (390, 844)]
# A new idea must reach the open projector by itself; a page that needs a reload never shows it.
# Not the 2 s target (benchmarks/sessions.py measures that): a wait long enough for a loaded CI.
SHOWN_WITHIN_MS = 15_000
IDEAS = [
    "Bruksmuseum med kafé", "Cykelled längs Arbogaån", "Bygdekök i Folkets hus", "Laddstolpar vid skolan",
    "Kulturnatt i Vedevåg", "Båtbrygga för kanoter", "Gemensam snöröjning", "Marknad på torget",
]


def _meeting_with_eight_ideas(server):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg", challenge="Hur kan bruksorten leva vidare och locka nya invånare?")
    anna = join(store, meeting, "Anna Berg", "Vedevågs bygdeförening")
    for title in IDEAS:
        add_idea(store, anna, title, description="En idé som behöver fler organisationer för att bli ett LEADER-projekt i bygden.")
    for number in range(4):
        add_note(store, anna, f"Kunskap nummer {number + 1} om bygden.", subject="place", about_text=f"Plats {number + 1}")
    facilitator = meeting.facilitator
    store.engine.dispose()
    return meeting, facilitator, anna


def _inside(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size["width"] + 1 and box["y"] + box["height"] <= size["height"] + 1


def test_the_projector_fits_one_screen_without_streamlits_chrome_and_turns_its_pages(module_server, people, screenshots):
    server = module_server
    meeting, facilitator, anna = _meeting_with_eight_ideas(server)
    projector = people.new("projector")
    ui.remember(projector, server.url, facilitator=facilitator)
    ui.open_page(projector, server.url + "/projektor")
    expect(projector.get_by_test_id("pb-join-code")).to_be_visible()

    for width, height in SCREENS:
        projector.set_viewport_size({"width": width, "height": height})
        projector.wait_for_timeout(600)
        projector.screenshot(path=str(screenshots / f"room-projector-{width}x{height}.png"))
        for chrome in ("stSidebar", "stHeader", "stToolbar", "stMainMenu"):
            expect(projector.get_by_test_id(chrome)).to_be_hidden()
        titles = projector.locator('[data-testid="pb-idea"] h3')
        expect(titles).to_have_count(6)  # one page of ideas, the rest on the next
        placed = {
            "join code": _inside(projector, projector.get_by_test_id("pb-join-code")),
            "QR code": _inside(projector, projector.get_by_test_id("stImage").locator("img")),
            **{title.inner_text(): _inside(projector, title) for title in titles.all()},
        }
        assert all(placed.values()), f"outside the {width}×{height} screen: {[k for k, v in placed.items() if not v]}"
        # The workshop's title is larger than the challenge, and nothing a reader needs is faded.
        size = lambda selector: float(projector.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))  # noqa: E731
        assert size(".pb-title") > size(".pb-challenge")
        if width > 700:
            for selector in (".pb-link", ".pb-scan", ".pb-card .pb-meta"):
                opacity = projector.locator(selector).first.evaluate("e => getComputedStyle(e).opacity")
                assert float(opacity) == 1 and size(selector) >= height / 60, (selector, opacity, size(selector))

    # Eight ideas: two pages that turn by themselves, and the page says where it is.
    projector.set_viewport_size({"width": 1920, "height": 1080})
    expect(projector.get_by_test_id("pb-pager")).to_have_text("1/2")
    first_page = set(ui.projector_titles(projector))
    expect(projector.get_by_test_id("pb-pager")).to_have_text("2/2", timeout=20_000)
    second_page = set(ui.projector_titles(projector))
    assert first_page | second_page == set(IDEAS) and not first_page & second_page
    expect(projector.get_by_test_id("pb-notes-pager")).to_be_visible()

    # The participants' wall and the network map, at the same three sizes, for the record.
    phone = people.new("anna")
    ui.remember(phone, server.url, participant=anna.token)
    ui.open_page(phone, server.url + "/vagg")
    expect(phone.get_by_test_id("stSidebar")).to_be_visible()
    ui.act(phone, ui.main(phone).get_by_text("Visa på storskärm", exact=True).click)  # the wall goes on a screen
    for width, height in SCREENS:
        phone.set_viewport_size({"width": width, "height": height})
        phone.wait_for_timeout(400)
        phone.screenshot(path=str(screenshots / f"room-wall-{width}x{height}.png"))
        for chrome in ("stSidebar", "stHeader", "stToolbar", "stMainMenu"):
            expect(phone.get_by_test_id(chrome)).to_be_hidden()
        expect(ui.main(phone).get_by_role("heading", name=IDEAS[-1])).to_be_in_viewport()  # the newest idea
    ui.open_page(projector, server.url + "/karta")
    for width, height in SCREENS:
        projector.set_viewport_size({"width": width, "height": height})
        projector.wait_for_timeout(600)
        projector.screenshot(path=str(screenshots / f"room-map-{width}x{height}.png"))
    assert all(ui.exceptions(p) == [] for p in (projector, phone))


def test_new_ideas_reach_the_projector_by_themselves_and_their_latencies_are_recorded(module_server, people):
    """Each idea a phone adds shows on the open projector without a reload, within
    ``SHOWN_WITHIN_MS`` (a wait, not the target). The target (p95 ≤ 2 s) is a performance
    figure: ``python -m workshop bench --browser`` measures it on a served app
    (benchmarks/sessions.py, docs/benchmarks.md); here the latencies are only recorded
    (test-artifacts/room-wall-latency.json), as a timed assertion beside a loaded suite passes
    or fails by the machine's load."""
    server = module_server
    meeting, facilitator, anna = _meeting_with_eight_ideas(server)
    projector = people.new("projector")
    projector.set_viewport_size({"width": 1920, "height": 1080})
    ui.remember(projector, server.url, facilitator=facilitator)
    ui.open_page(projector, server.url + "/projektor")
    ui.watch_projector(projector)
    phone = people.new("anna")
    ui.remember(phone, server.url, participant=anna.token)
    ui.open_page(phone, server.url + "/bidra")
    ui.open_tab(phone, "Idé")

    latencies = []
    for number in range(12):
        title = f"Ny idé nummer {number + 1}"
        scope = ui.form(phone, "Lägg till idén")
        ui.fill(phone, "Rubrik", title, scope=scope)
        clicked = phone.evaluate("() => Date.now()")
        scope.get_by_role("button", name="Lägg till idén", exact=True).click()
        latencies.append(ui.seen_on_projector(projector, title, timeout=SHOWN_WITHIN_MS) - clicked)
        ui.wait_saved(phone)
    latencies.sort()
    p95 = latencies[math.ceil(0.95 * len(latencies)) - 1]
    path = ROOT / "test-artifacts" / "room-wall-latency.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"click_to_projector_ms": [round(ms) for ms in latencies], "p95_ms": round(p95)}, indent=1))
    print(f"click-to-projector latency (ms), sorted: {[round(ms) for ms in latencies]}; p95 {round(p95)}")
    assert len(latencies) == 12 and all(ms > 0 for ms in latencies), latencies  # each seen after its click


PICK = ui.sv("moderate.pick_idea")


def test_the_first_pick_of_a_duplicate_to_merge_with_stays_picked(module_server, people):
    server = module_server
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    anna = join(store, meeting, "Anna Berg", "Vedevågs bygdeförening")
    for title in ("Bygdekök", "Kök i skolan", "Cykelled"):
        add_idea(store, anna, title)
    facilitator = meeting.facilitator
    store.engine.dispose()
    laptop = people.new("facilitator")
    ui.remember(laptop, server.url, facilitator=facilitator)
    ui.open_page(laptop, server.url + "/leda")
    ui.go(laptop, "Moderera")
    ui.act(laptop, lambda: ui.choose(laptop, PICK, "Kök i skolan"))
    ui.open_tab(laptop, ui.sv("staff_light.tab.idea_merge"))  # the merge has a tab of its own

    box = ui.main(laptop).get_by_test_id("stSelectbox").filter(has=laptop.get_by_test_id("stWidgetLabel").get_by_text("Slå ihop med (dubblett av)", exact=True))
    ui.act(laptop, lambda: ui.choose(laptop, "Slå ihop med (dubblett av)", "Bygdekök"))
    laptop.wait_for_timeout(1_500)  # a late rerun would put the placeholder back
    ui.settle(laptop)
    expect(box.locator("input")).to_have_value("Bygdekök")
    expect(ui.main(laptop).get_by_role("button", name="Slå ihop", exact=True)).to_be_enabled()


def test_on_a_phone_the_menu_folds_away_after_a_page_is_picked(module_server, people):
    server = module_server
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    anna = join(store, meeting, "Anna Berg", "Vedevågs bygdeförening")
    store.engine.dispose()
    phone = people.new("anna")
    phone.set_viewport_size({"width": 390, "height": 844})  # a phone that asked for the desktop site
    ui.remember(phone, server.url, participant=anna.token)
    ui.open_page(phone, server.url + "/bidra")
    sidebar = phone.get_by_test_id("stSidebar")
    phone.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar).to_be_in_viewport()

    ui.act(phone, phone.get_by_test_id("stSidebarNav").get_by_role("link", name="Idéväggen", exact=True).click)

    expect(ui.main(phone).get_by_role("heading", name="Idéväggen")).to_be_visible()
    expect(sidebar).not_to_be_in_viewport()
