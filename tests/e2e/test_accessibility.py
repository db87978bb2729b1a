"""WCAG 2.1 AA in a real browser: axe-core over every page for every role, and a keyboard walk.

One server on the demo data, one Chromium, one browser context per role (public, participant,
facilitator, coordinator) and in it one tab, one document: the first page is loaded, every
other one is reached inside the app (its menu link, or the browser's history as a link does),
so axe-core is injected once per role and no page starts a new session. Each page is judged
at a desktop's size and then at a phone's (the same document narrowed to 390 px: the
stylesheets and Streamlit's own layout answer the width, the menu folds as on a phone).
axe-core (vendored, ``tests/e2e/vendor/``) runs with the WCAG 2.0/2.1 A and AA rules; a
serious or critical violation anywhere fails the test, and the message lists all of them by page.
The summary of every violation of any impact is written to
``test-artifacts/accessibility.json``; ``python scripts/accessibility_summary.py`` copies it
into ``docs/accessibility.md``.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e import ui
from tests.e2e.harness import ROOT, OfflineGuard, StreamlitServer, requires_chromium
from tests.factories import make_company
from workshop.companies import assessments
from workshop.db import create_store
from workshop.demo import load_demo
from workshop.services import coordinators, organisations, participants, voting, workshops

# One worker runs both tests (scripts/test.sh runs xdist with --dist loadgroup): the demo server is started once.
pytestmark = [pytest.mark.e2e, requires_chromium, pytest.mark.xdist_group("accessibility")]

AXE = ROOT / "tests" / "e2e" / "vendor" / "axe.min.js"
SUMMARY = ROOT / "test-artifacts" / "accessibility.json"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
FAILING = ("serious", "critical")
DOTS = 3  # per participant in the round the fixture opens
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# axe in the page (and in every frame, the map's included: init scripts run in each document).
RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: (n.failureSummary || '').slice(0, 300)})),
    }));
}"""

# Every page each role can reach, by its address, judged on a desktop and on a phone.
PUBLIC = ["start", "start?code={code}", "leda", "samordnare", "enkat?kod={survey}", "svar", "tillganglighet"]
PARTICIPANT = ["bidra", "vagg", "mina", "mina-uppgifter", "resultat"]
FACILITATOR = ["leda", "projektor", "korschema", "moderera", "rostning", "leader-kort", "karta", "konstellationer", "insikter", "uppfoljning"]
COORDINATOR = [
    "samordnare",
    "importera",
    "exportera",
    "personer",
    "leader-regler",
    "foretag",
    "foretag-import",
    "foretag-oversikt",
    "foretag-mognad",
    "grannskapskontor",
]


@dataclass
class Demo:
    server: StreamlitServer
    join_code: str
    survey_code: str
    participant: str
    facilitator: str
    coordinator: str
    organisation: str  # one the demo knows, to join as
    round_number: int  # the voting round open for the keyboard walk (the demo held earlier ones)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[Demo]:
    """The demo meeting on a server of its own, and a signed-in session for each role."""
    folder = tmp_path_factory.mktemp("a11y")
    url = f"sqlite:///{folder / 'app.sqlite3'}"
    store = create_store(url)
    summary = load_demo(store)
    meeting = next(w for w in summary.workshops if w.submissions_open)
    person = participants.join_workshop(store, meeting.id, name="Alva Åkesson")
    facilitator = workshops.facilitator_sign_in(store, meeting.id, meeting.facilitator_key)
    coordinator = coordinators.coordinator_sign_in(store, summary.coordinator_name, summary.coordinator_key)
    opened = voting.open_voting_round(store, meeting.id, facilitator, dots_per_participant=DOTS, max_dots_per_idea=2)
    organisation = next(o.name for o in organisations.list_organisations(store, include_private=False))
    company = make_company(store, "Ramsbergs bageri")
    survey = assessments.create_self_link(store, coordinator, company)
    store.engine.dispose()
    server = StreamlitServer(url, folder, name="a11y").start()
    try:
        yield Demo(server, meeting.join_code, survey.code, person.token, facilitator, coordinator, organisation, opened.number)
    finally:
        server.stop()


def context_for(browser, offline: OfflineGuard, base_url: str, cookies: dict[str, str]):
    context = browser.new_context(viewport=DESKTOP, locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(20_000)
    offline.attach(context)
    context.add_init_script(ui.STATE_COUNTER_JS)
    context.add_init_script(path=str(AXE))
    context.add_cookies([{"name": name, "value": value, "url": base_url, "sameSite": "Strict"} for name, value in cookies.items()])
    return context


FIXED_JS = """() => document.documentElement.lang !== 'en'
    && [...document.querySelectorAll('style')].some(s => s.textContent.includes('stCaptionContainer'))
    && (!document.querySelector('[data-testid="stSidebarNavItems"]')
        || document.querySelector('[data-testid="stSidebarNavItems"]').getAttribute('role') === 'none')"""

# A link followed inside the app: the address changes and Streamlit opens the page in the same
# session (its history listener), as the menu's links do; a hidden page and a query string too.
FOLLOW_JS = """(path) => {
    history.pushState({}, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
}"""

# Streamlit folds its menu when the window narrows to a phone's and opens it again when it
# widens, as a phone's or a desktop's first load shows it: wait for that (the wall has none).
MENU_FOLDED_JS = """() => {
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    return !sidebar || sidebar.getBoundingClientRect().right <= 0;
}"""
MENU_OPEN_JS = """() => {
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    return !sidebar || getComputedStyle(sidebar).display === 'none' || sidebar.getBoundingClientRect().left >= 0;
}"""


def visit(page: Page, base: str, path: str) -> None:
    """Open the page as a user does: by its menu link when the menu shows one, else as a link
    inside the app would (the history), and only the first page of a tab by loading it."""
    if page.url == "about:blank":
        ui.open_page(page, f"{base}/{path}")
        return
    link = page.locator(f'[data-testid="stSidebarNav"] a[href="{base}/{path}"]')
    reachable = link.count() and link.is_visible() and not link.evaluate("a => Boolean(a.closest('[inert]'))")  # a dialog makes the menu inert
    if "?" not in path and reachable:
        ui.act(page, link.click)
        expect(link).to_have_attribute("aria-current", "page")
    else:
        ui.act(page, lambda: page.evaluate(FOLLOW_JS, f"/{path}"))
    ui.settle(page)


def axe(page: Page) -> list[dict]:
    """axe's violations on the page as it is now, the map's inner frames included."""
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    # A frame inside a frame (the map: sandboxed, of an opaque origin) does not answer the page's
    # axe (it reports it only as "frame-tested, incomplete"): judge each such document in place.
    for frame in page.frames:
        if frame.parent_frame is not None and frame.parent_frame.parent_frame is not None:
            for violation in frame.evaluate(RUN_AXE, WCAG_TAGS):
                violation["nodes"] = [{**node, "target": "iframe iframe " + node["target"]} for node in violation["nodes"]]
                violations.append(violation)
    return violations


def judge(page: Page, base: str, path: str) -> dict[str, list[dict]]:
    """The page's violations on a desktop and on a phone: ``{"desktop": [...], "phone": [...]}``."""
    url = f"{base}/{path}"
    visit(page, base, path)
    if "karta" in url:  # the map draws in its own frames after the run; judge the drawn map
        expect(page.frame_locator("iframe").first.frame_locator("iframe").locator("canvas").first).to_be_visible(timeout=30_000)
    assert ui.exceptions(page) == [], f"{url} failed to draw"
    # The app's own fixes (ui/accessibility.py) are part of the page: judge it once they are in.
    # On a busy machine they can land a moment after the run is over; if they never do, axe says so.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(FIXED_JS, timeout=5_000)
    found = {"desktop": axe(page)}
    page.set_viewport_size(PHONE)
    page.wait_for_function(MENU_FOLDED_JS)
    found["phone"] = axe(page)
    page.set_viewport_size(DESKTOP)
    page.wait_for_function(MENU_OPEN_JS)
    return found


def grouped(found: dict[str, list[dict]], impacts=FAILING) -> str:
    lines = []
    for where, violations in found.items():
        bad = [v for v in violations if v["impact"] in impacts]
        if bad:
            lines.append(f"{where}:")
            for v in bad:
                targets = "; ".join(n["target"] for n in v["nodes"][:4])
                lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x: {targets})")
    return "\n".join(lines)


def test_every_page_for_every_role_has_no_serious_wcag_violation_on_a_phone_or_a_desktop(demo, browser):
    offline = OfflineGuard()
    base = demo.server.url
    roles = {
        "public": ({}, PUBLIC),
        "participant": ({"pb_participant": demo.participant}, PARTICIPANT),
        "facilitator": ({"pb_staff": demo.facilitator}, FACILITATOR),
        "coordinator": ({"pb_staff": demo.coordinator}, COORDINATOR),
    }
    found: dict[str, list[dict]] = {}
    timings: dict[str, float] = {}
    for role, (cookies, paths) in roles.items():
        context = context_for(browser, offline, base, cookies)
        try:
            page = context.new_page()
            for path in paths:
                started = time.perf_counter()
                for viewport_name, violations in judge(page, base, path.format(code=demo.join_code, survey=demo.survey_code)).items():
                    found[f"{role} {viewport_name} /{path}"] = violations  # the codes change with every run: named by their place
                timings[f"{role} /{path}"] = round(time.perf_counter() - started, 2)
        finally:
            context.close()
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "axe": AXE.read_text(encoding="utf-8")[:20].removeprefix("/*! axe v").split()[0],
        "tags": WCAG_TAGS,
        "date": time.strftime("%Y-%m-%d"),
        "total_seconds": round(sum(timings.values()), 1),
        "pages": found,
        "seconds": timings,
    }
    SUMMARY.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    assert offline.blocked == [], f"requests to other hosts: {offline.blocked}"
    problems = grouped(found)
    assert not problems, "serious or critical WCAG 2.1 A/AA violations:\n" + problems


# The focused element's accessible name, roughly as a screen reader says it, and whether the
# focus can be seen (an outline or a ring: WCAG 2.4.7).
FOCUSED_JS = r"""() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {name: '', tag: '', visible: false};
    // Icons are ligature text ("edit_note") hidden from screen readers: leave them out, as they do.
    const shown = el.cloneNode(true);
    shown.querySelectorAll('[aria-hidden="true"]').forEach(hidden => hidden.remove());
    const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText) || shown.textContent || '';
    const style = getComputedStyle(el);
    const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    return {name: label.replace(/\s+/g, ' ').trim(), tag: el.tagName.toLowerCase(), visible};
}"""


def tab_to(page: Page, name: str, *, limit: int = 80) -> None:
    """Press Tab (only Tab) until the element named ``name`` has the focus, and check that it shows."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        seen.append(focused["name"][:30])
        if focused["name"] == name:
            assert focused["visible"], f"the keyboard focus on {name!r} cannot be seen"
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab; the focus went through {seen}")


def keyboard(page: Page, key: str) -> None:
    """A key that submits or clicks: wait for the app to have answered it."""
    ui.act(page, lambda: page.keyboard.press(key))


def test_joining_adding_an_idea_and_voting_take_the_keyboard_alone(demo, browser):
    offline = OfflineGuard()
    context = context_for(browser, offline, demo.server.url, {})
    try:
        page = context.new_page()
        ui.open_page(page, f"{demo.server.url}/?code={demo.join_code}")
        tab_to(page, "Fortsätt")
        keyboard(page, "Enter")
        expect(ui.main(page).get_by_text("Välkommen till", exact=False)).to_be_visible()
        tab_to(page, "Namn")
        page.keyboard.type("Tove Tangent")
        tab_to(page, "Organisation")
        page.keyboard.type(demo.organisation)
        page.get_by_role("option").filter(has_text=demo.organisation).first.wait_for()
        page.keyboard.press("Enter")
        tab_to(page, "Gå med")
        keyboard(page, "Space")
        expect(ui.main(page).get_by_test_id("stAlertContentSuccess").filter(has_text="Du är med i")).to_be_visible()

        tab_to(page, "Bidra")  # the menu's link, reached from the page like any other
        keyboard(page, "Enter")
        tab_to(page, "Rubrik")
        page.keyboard.type("Cykelverkstad i stationshuset")
        tab_to(page, "Lägg till idén")
        keyboard(page, "Enter")
        expect(ui.main(page).get_by_text(ui.SAVED)).to_be_visible()

        tab_to(page, "Idéväggen")
        keyboard(page, "Enter")
        tab_to(page, "Idé")  # the wall's one dot picker: which idea, then how many dots
        page.keyboard.type("Cykelverkstad")
        page.get_by_role("option").filter(has_text="Cykelverkstad i stationshuset").first.wait_for()
        page.keyboard.press("Enter")
        tab_to(page, "Mina prickar")
        page.keyboard.press("Control+a")
        page.keyboard.type("1")
        keyboard(page, "Enter")
        expect(ui.idea_card(page, "Cykelverkstad i stationshuset")).to_contain_text("Mina prickar: 1")
        expect(ui.main(page).get_by_test_id("stAlertContentInfo").filter(has_text=ui.voting_status(left=DOTS - 1, total=DOTS, per_idea=2, number=demo.round_number))).to_be_visible()
        assert ui.alerts(page) == []
    finally:
        context.close()
    assert offline.blocked == []
