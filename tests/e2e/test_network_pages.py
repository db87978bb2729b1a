"""The network map and the LEADER constellations, drawn in a real browser from a small meeting.

These pages are facilitator pages added after the first release; each test skips, saying so,
while its page is not yet in app.py's navigation.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import ROOT, requires_chromium
from tests.factories import add_idea as seed_idea
from tests.factories import add_tie, commit, join, make_workshop
from workshop.db import create_store

pytestmark = [pytest.mark.e2e, requires_chromium]

IDEA = "Bygdekök i gamla skolan"


def in_navigation(page_file: str) -> bool:
    return f'"{page_file}"' in (ROOT / "app.py").read_text(encoding="utf-8")


def needs_page(page_file: str):
    return pytest.mark.skipif(not in_navigation(page_file), reason=f"{page_file} is not in app.py's navigation yet")


def seed_meeting(server) -> str:
    """A meeting in Ramsberg whose idea three sectors want to carry; returns the facilitator token."""
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Ramsberg", locality="Ramsberg")
    bygdegard = join(store, meeting, "Anna Berg", "Ramsbergs Bygdegårdsförening")
    kafe = join(store, meeting, "Bo Ek", "Ramsbergs Kafé AB", kind="company")
    kommun = join(store, meeting, "Cilla Lund", "Lindesbergs kommun", kind="public_body", locality="Lindesberg")
    idrott = join(store, meeting, "David Holm", "Ramsbergs IF")
    idea = seed_idea(store, bygdegard, IDEA, description="Ett kök för föreningar och företag.", locality="Ramsberg")
    seed_idea(store, idrott, "Skidspår runt Ljusnaren", locality="Ramsberg")
    commit(store, bygdegard, idea, role="possible_owner")
    commit(store, kafe, idea, role="partner")
    commit(store, kommun, idea, role="contributor", contribution="Lokalen i gamla skolan")
    add_tie(store, bygdegard, bygdegard, kafe, kind="cooperated")
    add_tie(store, kafe, kafe, kommun, kind="know")
    add_tie(store, idrott, idrott, bygdegard, kind="want")
    store.engine.dispose()
    return meeting.facilitator


@pytest.fixture(scope="module")
def meeting(module_server):
    """One seeded meeting on one server for the module: every test here only looks at it."""
    return module_server, seed_meeting(module_server)


@needs_page("pages/network_map.py")
def test_the_network_map_draws_the_meeting_offline(meeting, people, screenshots):
    server, facilitator = meeting
    page = people.new("facilitator")
    ui.remember(page, server.url, facilitator=facilitator)
    ui.open_page(page, server.url + "/")
    ui.go(page, "Nätverkskarta")
    # Streamlit's frame holds the sandboxed frame the map is drawn in (ui/frame.py).
    expect(page.frame_locator("iframe").first.frame_locator("iframe").locator("canvas").first).to_be_visible(timeout=20_000)
    counts = ui.main(page).get_by_text(re.compile(r"^\d+ organisationer, \d+ kopplingar\.$"))
    expect(counts).to_be_visible()
    assert int(counts.inner_text().split()[0]) >= 4
    page.wait_for_timeout(1_000)  # let the drawing settle before the picture
    ui.screenshot(page, screenshots / "network-map.png")
    assert ui.exceptions(page) == []
    assert people.blocked == [], "the map must draw without the internet"


@needs_page("pages/constellations.py")
def test_the_constellations_page_proposes_who_could_carry_an_idea(meeting, people, screenshots):
    server, facilitator = meeting
    page = people.new("facilitator")
    ui.remember(page, server.url, facilitator=facilitator)
    ui.open_page(page, server.url + "/")
    ui.go(page, "Konstellationer")
    ui.open_tab(page, "En idé i detalj")
    before = ui.state_changes(page)
    ui.choose(page, "Idé", IDEA)  # outside a form: the page reruns for the chosen idea
    ui.settle(page, since=before)
    detail = ui.main(page)
    expect(detail.get_by_role("heading", name=IDEA)).to_be_visible()
    # The owner is named once per constellation, at the end of its reason.
    expect(detail.get_by_text(re.compile(r"· föreslagen projektägare:\S* [^·]+$")).first).to_be_visible()
    ui.screenshot(page, screenshots / "constellations.png")
    assert ui.exceptions(page) == []
    assert people.blocked == []


@needs_page("pages/network_map.py")
def test_clicking_an_organisation_on_the_map_shows_what_it_could_carry_and_with_whom(meeting, people, screenshots):
    server, facilitator = meeting
    page = people.new("facilitator")
    ui.remember(page, server.url, facilitator=facilitator)
    ui.open_page(page, server.url + "/")
    ui.go(page, "Nätverkskarta")
    frame = page.frame_locator("iframe").first.frame_locator("iframe")  # the map sits in an isolated inner frame
    canvas = frame.locator("canvas").first
    expect(canvas).to_be_visible(timeout=20_000)
    page.wait_for_timeout(1_500)  # physics settles, then the positions stay
    # Where the café is drawn, in the canvas' own pixels: a real click there, as a person would.
    spot = canvas.evaluate(
        """canvas => {
            const network = window.projektberedskapNetwork;
            const id = network.body.data.nodes.get().find(n => n.label === "Ramsbergs Kafé AB").id;
            return network.canvasToDOM(network.getPosition(id));
        }"""
    )
    canvas.click(position={"x": spot["x"], "y": spot["y"]})
    panel = frame.locator("#panel")
    expect(panel).to_be_visible()
    expect(panel.locator("h2")).to_have_text("Ramsbergs Kafé AB")
    expect(panel).to_contain_text("Skulle kunna bära:")
    expect(panel).to_contain_text(IDEA)
    expect(panel).to_contain_text("med ")
    ui.screenshot(page, screenshots / "network-map-click.png")
    frame.locator("#panel-close").click()
    expect(panel).to_be_hidden()
    assert ui.exceptions(page) == []
    assert people.blocked == []


# The map's frame, then the page inside it: the legend and the network's drawn nodes.
_MAP_GEOMETRY = """() => {
    const network = window.projektberedskapNetwork;
    const map = document.getElementById("map").getBoundingClientRect();
    const legend = document.querySelector("#legend").getBoundingClientRect();
    const details = document.querySelector("#legend details");
    const nodes = network.body.data.nodes.get().map(n => network.canvasToDOM(network.getPosition(n.id)));
    return {map: [map.left, map.top, map.right, map.bottom], legend: [legend.left, legend.top, legend.right, legend.bottom],
            legendOpen: details.open, nodes: nodes.map(p => [p.x, p.y]), width: window.innerWidth, height: window.innerHeight};
}"""


@needs_page("pages/network_map.py")
@pytest.mark.parametrize("width, height, projector", [(1920, 1080, True), (1280, 720, True), (390, 844, False)], ids=["1920x1080", "1280x720", "phone"])
def test_the_map_fits_its_screen_and_its_legend_covers_no_node(meeting, people, screenshots, width, height, projector):
    server, facilitator = meeting
    page = people.new("facilitator")
    page.set_viewport_size({"width": width, "height": height})
    ui.remember(page, server.url, facilitator=facilitator)
    ui.open_page(page, server.url + "/karta")  # on a phone the menu is folded: the page's own address
    outer = page.frame_locator("iframe").first
    expect(outer.frame_locator("iframe").locator("canvas").first).to_be_visible(timeout=20_000)
    if projector:
        before = ui.state_changes(page)
        ui.main(page).get_by_text("Projektorläge").click()
        ui.settle(page, since=before)
        expect(outer.frame_locator("iframe").locator("canvas").first).to_be_visible(timeout=20_000)
    page.wait_for_timeout(1_500)  # physics settles and the map fits itself to its frame
    frame_box = page.locator("iframe").first.bounding_box()
    inner = next(f for f in page.frames if f.parent_frame is not None and f.parent_frame.parent_frame is not None)
    geometry = inner.evaluate(_MAP_GEOMETRY)
    if projector:  # what the room sees: the screen itself (the map's frame follows the screen's height)
        page.screenshot(path=str(screenshots / f"network-map-{width}x{height}.png"))
    else:
        ui.screenshot(page, screenshots / f"network-map-{width}x{height}.png")

    # The frame is not cut off on either side, and on a room screen it ends within the screen.
    assert frame_box["x"] >= 0 and frame_box["x"] + frame_box["width"] <= width + 1
    if projector:
        assert frame_box["y"] + frame_box["height"] <= height  # the whole map in view, no scrolling
        assert frame_box["height"] <= height
    # Every organisation is drawn inside the map's own area (the map fits itself).
    left, top, right, bottom = geometry["map"]
    assert all(left - 1 <= x <= right + 1 and top - 1 <= y <= bottom + 1 for x, y in geometry["nodes"]), geometry
    if projector:
        # Beside the map, never over it.
        l_left, l_top, l_right, l_bottom = geometry["legend"]
        assert l_left >= right or l_right <= left or l_top >= bottom or l_bottom <= top, geometry
    else:
        assert geometry["legendOpen"] is False  # on a phone the legend starts folded
    assert ui.exceptions(page) == []


# Run inside the map's frame, as a script on the map would: what it can reach of the app.
REACH_JS = """() => {
    const attempt = (f) => { try { return ['read', String(f())]; } catch (e) { return ['refused', e.name]; } };
    return {
        origin: window.origin,
        cookie: attempt(() => document.cookie),
        parent: attempt(() => window.parent.document.cookie),
        top: attempt(() => window.top.document.cookie),
        storage: attempt(() => window.localStorage.length),
        topLocation: attempt(() => window.top.location.href),
    };
}"""


@needs_page("pages/network_map.py")
def test_the_maps_frame_cannot_read_the_apps_cookies_or_reach_the_page(meeting, people):
    """The module's meeting on the module's server: what the frame can reach does not depend on
    the names drawn (hostile names on the map are test_hostile_text.py's walk, which checks
    every frame of the map page)."""
    server, facilitator = meeting
    page = people.new("facilitator")
    ui.remember(page, server.url, facilitator=facilitator)
    ui.open_page(page, server.url + "/")
    assert "pb_staff=" in page.evaluate("() => document.cookie")  # there is a token to steal
    ui.go(page, "Nätverkskarta")
    inner = page.frame_locator("iframe").first.frame_locator("iframe")
    expect(inner.locator("canvas").first).to_be_visible(timeout=20_000)  # drawn, offline, with its scripts

    (streamlit_frame,) = [f for f in page.frames if f.parent_frame == page.main_frame]
    (map_frame,) = streamlit_frame.child_frames
    reach = map_frame.evaluate(REACH_JS)

    assert reach["origin"] == "null", reach
    assert reach["cookie"] == ["refused", "SecurityError"], reach
    for what in ("parent", "top", "storage"):
        assert reach[what][0] == "refused", (what, reach)
    assert reach["topLocation"][0] == "refused", reach
    # The frame Streamlit made runs no script of its own: only the sandboxed one does.
    assert streamlit_frame.evaluate("() => document.scripts.length") == 0
    assert map_frame.evaluate("() => document.scripts.length") > 0
    assert ui.exceptions(page) == []
