"""What people do in the app, in a real browser: one function per user action.

Streamlit specifics live here and nowhere else: how to know a rerun has finished,
how a BaseWeb selectbox is operated, where the facilitator key and the join code are.
Every label is the Swedish one a user reads (``workshop/i18n/sv/app.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from workshop.i18n import Translator

# Sentences with numbers in them are taken from the catalog, so that a rewording there does
# not break a test; the labels people click are written out, as they read them.
sv = Translator("sv")

APP = '[data-testid="stApp"]'
SAVED = sv("contribute.saved")
ORGANISATION_KIND = {"association": "Förening", "company": "Företag", "public_body": "Kommun, region eller myndighet"}

# The app's script-run state, which Streamlit keeps on the stApp element for its own tests.
# Idle means: not running, connected, no running indicator, and no change of that state for
# a little while, because st.rerun() ends one run and starts the next with an idle moment
# between them that must not pass for "done".
STABLE_MS = 80
IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    const state = app.getAttribute('data-test-script-state');
    const connected = app.getAttribute('data-test-connection-state');
    return (state === 'notRunning' || state === 'compilationError') && connected === 'CONNECTED'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && performance.now() - (window.__pbLastChange || 0) > STABLE_MS;
}""".replace("STABLE_MS", str(STABLE_MS))


# "Sparat" (-> the browser's clock), or an error message (-> -1): whichever shows first.
SAVED_JS = """(saved) => {
    const alerts = [...document.querySelectorAll('[data-testid="stMain"] [data-testid^="stAlertContent"]')];
    if (alerts.some(a => a.getAttribute('data-testid') === 'stAlertContentError')) return -1;
    return alerts.some(a => a.innerText.includes(saved)) ? Date.now() : 0;
}"""


# Counts every change of that state (idle -> rerun requested -> running -> idle). Installed in
# every page before the app loads (``context.add_init_script``), so that an action can wait for
# the app to have *reacted* to it, however slow a loaded machine is to send the rerun.
PHONE = {"width": 390, "height": 844}  # a phone's screen in CSS pixels


STATE_COUNTER_JS = """
window.__pbStateChanges = 0;
window.__pbLastChange = 0;
new MutationObserver((records) => {
    window.__pbStateChanges += records.length;
    window.__pbLastChange = performance.now();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
"""
REACTION_MS = 5_000


def state_changes(page: Page) -> int:
    return page.evaluate("() => window.__pbStateChanges || 0")


def settle(page: Page, timeout: float = 30_000, *, since: int | None = None) -> None:
    """Wait until the app has finished what the last action started.

    With ``since`` (:func:`state_changes` read before the action) it first waits for the app
    to react to the action; without, it gives a click a moment to reach the app. Then it waits
    for the script-run state to be idle and the running indicator (``stStatusWidget``) gone.
    """
    page.wait_for_selector(APP, state="attached", timeout=timeout)
    if since is None:
        page.wait_for_timeout(100)
    else:
        try:
            page.wait_for_function("(n) => (window.__pbStateChanges || 0) > n", arg=since, timeout=REACTION_MS, polling=20)
        except PlaywrightTimeoutError:
            pass  # the action caused no rerun after all; the idle check below still holds
    page.wait_for_function(IDLE_JS, timeout=timeout, polling=50)


def act(page: Page, action) -> None:
    """Do something that reruns the app (a click, Enter), and wait until that rerun is over."""
    before = state_changes(page)
    action()
    settle(page, since=before)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    settle(page)


def open_pages(pages: list[Page], url: str) -> None:
    """Several people open the same address at once: their apps load side by side."""
    for page in pages:
        page.goto(url, wait_until="commit")
    for page in pages:
        settle(page)


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def go(page: Page, title: str) -> None:
    """Follow a link in the sidebar menu, as a user does (leaving the projector's wall mode first)."""
    leave = main(page).get_by_role("link", name="Lämna väggläget (menyn)")
    if leave.count() and not page.get_by_test_id("stSidebarNav").is_visible():
        act(page, leave.click)
    act(page, page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click)
    expect(page.get_by_test_id("stSidebarNav").locator('a[aria-current="page"]')).to_contain_text(title)


def screenshot(page: Page, path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so the window is made tall enough first."""
    size = page.viewport_size
    height = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return main ? main.scrollHeight : document.body.scrollHeight;
    }""")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(height, 6_000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def menu_titles(page: Page) -> list[str]:
    """The page titles in the sidebar menu (without their icons)."""
    labels = page.get_by_test_id("stSidebarNavLink").get_by_test_id("stMarkdownContainer")
    return [text.strip() for text in labels.all_inner_texts()]


def fill(page: Page, label: str, value: str, *, scope: Locator | None = None) -> None:
    field = (scope or main(page)).get_by_label(label, exact=True)
    field.fill(value)


def choose(page: Page, label: str, option: str, *, scope: Locator | None = None) -> None:
    """Pick ``option`` in the BaseWeb selectbox labelled ``label``: click, type, Enter.

    For a selectbox that accepts new options, an ``option`` not in the list is added.
    Locators here avoid ARIA roles: an open dropdown hides the rest of the page from them.
    """
    box = (
        (scope or main(page)).get_by_test_id("stSelectbox").filter(has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True))
    )
    field = box.locator("input")
    field.click()
    field.fill(option)
    # The typed text must first narrow the list to the option (or offer to add it).
    page.get_by_role("option").filter(has_text=option).first.wait_for()
    page.keyboard.press("Enter")
    expect(field).to_have_value(option)


def form(page: Page, button: str) -> Locator:
    """The form submitted by the button labelled ``button``."""
    return main(page).get_by_test_id("stForm").filter(has=page.get_by_test_id("stFormSubmitButton").filter(has_text=button))


def pick_radio(page: Page, option: str, *, scope: Locator | None = None, reruns: bool = False) -> None:
    """Click a radio option; ``reruns=True`` for one outside a form, which reruns the app."""
    click = (scope or main(page)).get_by_test_id("stRadio").get_by_text(option, exact=True).click
    act(page, click) if reruns else click()


def press(page: Page, name: str, *, scope: Locator | None = None) -> None:
    act(page, (scope or main(page)).get_by_role("button", name=name, exact=True).click)


def open_tab(page: Page, name: str) -> None:
    """Click a tab: the app builds only the open tab, so this reruns the page; wait for that."""
    tab = main(page).get_by_role("tab", name=name, exact=True)
    if tab.get_attribute("aria-selected") == "true":
        return
    act(page, tab.click)
    expect(main(page).get_by_role("tab", name=name, exact=True)).to_have_attribute("aria-selected", "true")


def alerts(page: Page, kind: str = "stAlertContentError", *, scope: Locator | None = None) -> list[str]:
    """The messages of the alerts of ``kind`` (error, by default), without their icons."""
    boxes = (scope or main(page)).get_by_test_id(kind).get_by_test_id("stMarkdownContainer")
    return [text.strip() for text in boxes.all_inner_texts()]


def exceptions(page: Page) -> list[str]:
    return page.get_by_test_id("stException").all_inner_texts()


def remember(page: Page, base_url: str, *, participant: str | None = None, facilitator: str | None = None) -> None:
    """Give this browser the identity cookies the app sets, for people set up through the services."""
    cookies = [("pb_participant", participant), ("pb_staff", facilitator)]
    page.context.add_cookies([{"name": name, "value": value, "url": base_url, "sameSite": "Strict"} for name, value in cookies if value])


# --- the coordinator and the facilitator ---------------------------------------------------


@dataclass
class Coordinator:
    name: str
    key: str


def make_coordinator(database_url: str, name: str = "Kim Samordnare") -> Coordinator:
    """A coordinator account, as `python -m workshop coordinator add` makes it on the server."""
    from workshop.db import create_store
    from workshop.services import coordinators

    store = create_store(database_url)
    try:
        return Coordinator(name, coordinators.add_coordinator(store, name).key)
    finally:
        store.engine.dispose()


def sign_in_as_coordinator(page: Page, base_url: str, coordinator: Coordinator) -> None:
    """Samordnare → name and key; lands on the coordinator's workshops."""
    open_page(page, base_url + "/")
    go(page, "Samordnare")
    scope = form(page, "Logga in")
    fill(page, "Namn", coordinator.name, scope=scope)
    fill(page, "Nyckel", coordinator.key, scope=scope)
    press(page, "Logga in", scope=scope)
    expect(main(page).get_by_text(f"Inloggad som samordnare: {coordinator.name}")).to_be_visible()


@dataclass
class CreatedWorkshop:
    code: str
    key: str


def create_workshop(page: Page, base_url: str, *, coordinator: Coordinator, title: str, challenge: str, locality: str) -> CreatedWorkshop:
    """The coordinator signs in and creates the workshop; returns the join code and the key shown once."""
    sign_in_as_coordinator(page, base_url, coordinator)
    scope = form(page, "Skapa workshop")
    fill(page, "Rubrik", title, scope=scope)
    fill(page, "Utmaningsfråga", challenge, scope=scope)
    choose(page, "Ort", locality, scope=scope)
    press(page, "Skapa workshop", scope=scope)
    created = main(page).get_by_test_id("stAlertContentSuccess").filter(has_text="Workshopen är skapad")
    expect(created).to_be_visible()
    code = re.search(r"Koden är ([A-Z0-9]{6})", created.inner_text()).group(1)
    key = main(page).get_by_test_id("stCode").locator("code").inner_text().strip()
    return CreatedWorkshop(code=code, key=key)


def sign_out_coordinator(page: Page) -> None:
    go(page, "Samordnare")
    press(page, "Logga ut")
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Samordnare", exact=True)).to_be_visible()


def open_projector(page: Page, base_url: str, created: CreatedWorkshop) -> None:
    """The coordinator hands over the key: this browser signs out and in as the facilitator, on the projector."""
    sign_out_coordinator(page)
    sign_in_as_facilitator(page, base_url, created.code, created.key)
    expect(page.locator(".pb-counters")).to_be_visible()


def sign_in_as_facilitator(page: Page, base_url: str, code: str, key: str) -> None:
    """Leda en workshop → code and key, as from another computer; lands on the projector view."""
    open_page(page, base_url + "/")
    go(page, "Leda en workshop")
    scope = form(page, "Logga in")
    fill(page, "Kod", code, scope=scope)
    fill(page, "Facilitatornyckel", key, scope=scope)
    press(page, "Logga in", scope=scope)
    expect(page.get_by_test_id("pb-join-code")).to_have_text(code)


# Remembers, in the projector page itself, when each idea title first appeared: the
# participant's "Sparat" is stamped with the same browser clock (Date.now()).
_WATCH = """() => {
    if (window.__pbSeen) return;
    window.__pbSeen = {};
    const scan = () => {
        for (const h of document.querySelectorAll('[data-testid="pb-idea"] h3')) {
            const title = h.textContent.trim();
            if (!(title in window.__pbSeen)) window.__pbSeen[title] = Date.now();
        }
    };
    new MutationObserver(scan).observe(document.body, {subtree: true, childList: true, characterData: true});
    scan();
}"""


def watch_projector(page: Page) -> None:
    page.evaluate(_WATCH)


def seen_on_projector(page: Page, title: str, timeout: float = 10_000) -> float:
    """The browser's clock (ms) when ``title`` first showed on the projector (waits for it)."""
    page.wait_for_function("(title) => window.__pbSeen && title in window.__pbSeen", arg=title, timeout=timeout)
    return page.evaluate("(title) => window.__pbSeen[title]", title)


def projector_code(page: Page) -> str:
    return page.get_by_test_id("pb-join-code").inner_text().strip()


def projector_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator('[data-testid="pb-idea"] h3').all_inner_texts()]


def open_voting_round(page: Page, *, dots: int, per_idea: int, visible: bool = True) -> None:
    go(page, "Prickröstning")
    fill(page, "Prickar per deltagare", str(dots))
    fill(page, "Högst prickar på en idé", str(per_idea))
    if visible:
        main(page).get_by_test_id("stCheckbox").get_by_text("Visa resultatet direkt").click()
    press(page, "Öppna omgången")
    expect(main(page).get_by_text(re.compile(r"Omgång \d+ · öppen"))).to_be_visible()


# --- participants ------------------------------------------------------------------------


def join(
    page: Page,
    link: str | None,
    *,
    name: str,
    organisation: str,
    kind: str | None = None,
    expected_code: str | None = None,
) -> None:
    """Open the join link (``None``: it is open already), continue with the prefilled code and say who you are,
    for a new organisation of ``kind`` (association, company, public_body; the form's default when ``None``).
    """
    if link is not None:
        open_page(page, link)
    code_field = main(page).get_by_label("Kod", exact=True)
    if expected_code is not None:
        expect(code_field).to_have_value(expected_code)
    press(page, "Fortsätt")
    expect(main(page).get_by_text("Välkommen till")).to_be_visible()
    pick_radio(page, "En ny organisation", reruns=True)
    fill(page, "Namn", name)
    fill(page, "Organisationens namn", organisation)
    if kind is not None:
        choose(page, "Typ av organisation", ORGANISATION_KIND[kind])
    press(page, "Gå med")
    expect(main(page).get_by_test_id("stAlertContentSuccess").filter(has_text="Du är med i")).to_be_visible()


def add_idea(page: Page, title: str, description: str = "", *, locality: str | None = None) -> float:
    """Bidra → Idé; returns the browser's clock (ms) when the "Sparat" confirmation showed.

    Going to *Bidra* first runs the page afresh, so no confirmation of an earlier idea is
    still on screen to be mistaken for this one's.
    """
    go(page, "Bidra")
    expect(main(page).get_by_text(SAVED)).to_have_count(0)
    open_tab(page, "Idé")
    scope = form(page, "Lägg till idén")
    fill(page, "Rubrik", title, scope=scope)
    if description:
        fill(page, "Beskrivning", description, scope=scope)
    if locality:
        choose(page, "Ort", locality, scope=scope)
    scope.get_by_role("button", name="Lägg till idén", exact=True).click()
    return wait_saved(page)


def wait_saved(page: Page, timeout: float = 30_000) -> float:
    """Wait for the "Sparat" confirmation; returns the browser's clock (``Date.now()``, ms) when it showed.

    Raises with the page's error messages when the app refused instead.
    """
    confirmed = page.wait_for_function(SAVED_JS, arg=SAVED, timeout=timeout, polling="raf").json_value()
    if confirmed < 0:
        settle(page)
        raise AssertionError(f"not saved: {alerts(page)}")
    settle(page)
    return confirmed


def commit_to_idea(page: Page, idea: str, *, role: str = "Partner", contribution: str = "") -> None:
    go(page, "Bidra")
    open_tab(page, "Vi vill vara med")
    scope = form(page, "Vi vill vara med")
    choose(page, "Idé", idea, scope=scope)
    pick_radio(page, role, scope=scope)
    if contribution:
        fill(page, "Vad ni bidrar med till idén", contribution, scope=scope)
    scope.get_by_role("button", name="Vi vill vara med", exact=True).click()
    wait_saved(page)


def add_note(page: Page, *, about_place: str, text: str, kind: str | None = None) -> None:
    go(page, "Bidra")
    open_tab(page, "Dold kunskap")
    pick_radio(page, "En plats", reruns=True)
    scope = form(page, "Spara kunskapen")
    if kind:
        choose(page, "Slags kunskap", kind, scope=scope)
    fill(page, "Om", about_place, scope=scope)
    fill(page, "Vad vet du?", text, scope=scope)
    scope.get_by_role("button", name="Spara kunskapen", exact=True).click()
    wait_saved(page)


def add_tie(page: Page, other: str, *, kind: str = "Har samarbetat förut") -> None:
    go(page, "Bidra")
    open_tab(page, "Kontakter")
    scope = form(page, "Lägg till kontakten")
    pick_radio(page, kind, scope=scope)
    choose(page, "och organisation", other, scope=scope)
    scope.get_by_role("button", name="Lägg till kontakten", exact=True).click()
    wait_saved(page)


def set_dots(page: Page, idea: str, dots: int) -> None:
    """On the idea wall's dot picker, choose ``idea``, type ``dots`` as my dots and press Enter.

    Enter in the form's number field submits it, as the "Lägg prickar" button does.
    """
    picker = form(page, "Lägg prickar")
    choose(page, "Idé", idea, scope=picker)
    field = picker.get_by_label("Mina prickar")
    field.fill(str(dots))
    act(page, lambda: field.press("Enter"))


def place_dots(page: Page, idea: str, dots: int, *, then: str) -> None:
    """Put ``dots`` on ``idea``; the wall then shows the voting status ``then`` (see :func:`voting_status`)."""
    set_dots(page, idea, dots)
    expect(main(page).get_by_test_id("stAlertContentInfo").filter(has_text=then)).to_be_visible()
    expect(idea_card(page, idea)).to_contain_text(f"{sv('wall.my_dots')}: {dots}")
    assert alerts(page) == [], alerts(page)


def over_budget(left: int, total: int = 5) -> str:
    """The refusal shown under the dot picker: "Prickar: du har bara 1 av 5 prickar kvar."."""
    return f"{sv('field.dots')}: {sv('forgive.vote_budget', left=left, total=total)}"


def refused_dots(page: Page, idea: str, dots: int) -> list[str]:
    """Try to put ``dots`` on ``idea`` when the app must refuse; returns what it says under the dot picker."""
    set_dots(page, idea, dots)
    expect(main(page).get_by_test_id("stAlertContentError").first).to_be_visible()
    return alerts(page)


def voting_status(*, left: int, total: int, per_idea: int, number: int = 1) -> str:
    """What the wall says while a round is open: "Röstningsomgång 1 pågår: du har 3 av 5 prickar kvar …"."""
    return sv("wall.voting_open", number=number, left=left, total=total, per_idea=per_idea)


def idea_card(page: Page, idea: str) -> Locator:
    """One idea's card on the wall (ui/cards.py): the list item holding its heading."""
    heading = page.get_by_role("heading", name=idea, exact=True)
    return main(page).get_by_test_id("pb-wall-idea").filter(has=heading)
