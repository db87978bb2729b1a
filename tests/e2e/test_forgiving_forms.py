"""Forms that forgive and a clean wall (issue 23), in Chromium, on one server for the module.

What only a browser shows: a double click and a double tap reach the app as two presses; a
paste over ``max_chars`` is dropped by Streamlit's own input, and the live counter under a
field (ui/limits.py) is a script in the page; a reload and a new tab are new sessions; what
fits on a 1280×720 projector, and its "Pausa"; what Streamlit says for ``/start`` or an
unknown address opened directly; "Visa mer" on a phone and not on a wide screen.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.e2e import ui
from tests.e2e.harness import StreamlitServer, requires_chromium
from tests.factories import add_idea, add_note, coordinator_token, join, make_company
from workshop.companies import assessments
from workshop.db import create_store
from workshop.models import Idea, Workshop
from workshop.services import workshops
from workshop.services.reference import ensure_reference_data

pytestmark = [pytest.mark.e2e, requires_chromium]

PHONE = {"width": 390, "height": 844}
LONG = "Bastun vid sjön kan bli byns mötesplats året runt, med föreningarnas kvällar och skolans dagar. " * 8  # 776 characters
PASTED = "Ett gemensamt bygdekök i Folkets hus där föreningar, skolan och företagen lagar mat ihop " * 3  # 270 characters


class Hall:
    """The module's one server and what was set up in it through the services."""

    def __init__(self, server: StreamlitServer, demo, anna, coordinator, survey_code: str):
        self.server, self.demo, self.anna, self.coordinator, self.survey_code = server, demo, anna, coordinator, survey_code

    def count(self, model, *where) -> int:
        store = create_store(self.server.database_url, upgrade=False)
        try:
            with store.unit_of_work() as session:
                return session.scalar(select(func.count()).select_from(model).where(*where))
        finally:
            store.engine.dispose()


@pytest.fixture(scope="module")
def hall(tmp_path_factory, chromium_executable):
    folder = tmp_path_factory.mktemp("forgive")
    url = f"sqlite:///{folder / 'app.sqlite3'}"
    store = create_store(url)
    ensure_reference_data(store)
    # A demo meeting (the banner must stay off its projected wall) with a full wall: eight
    # ideas and notes, so "Senaste dolda kunskapen" has to fit under them at 1280×720.
    created = workshops.create_workshop(
        store, coordinator_token(store, "Eva Samordnare"), title="Framtidens Vedevåg", challenge="Hur kan bruksorten leva vidare och locka nya invånare?",
        date=dt.date(2026, 11, 30), locality="Vedevåg", is_demo=True,
    )
    demo = workshops.facilitator_sign_in(store, created.workshop_id, created.facilitator_key)
    meeting = type("Meeting", (), {"id": created.workshop_id, "join_code": created.join_code})()
    anna = join(store, meeting, "Anna Berg", "Vedevågs bygdeförening")
    for number in range(8):
        add_idea(store, anna, f"Idé nummer {number + 1} för bruksorten", description="En idé som behöver fler organisationer för att bli ett projekt. " * 4)
    add_idea(store, anna, "Bastu vid sjön", description=LONG)  # folded under "Visa mer" on a phone
    for number in range(3):
        add_note(store, anna, f"Kunskap nummer {number + 1} om bygden.", subject="place", about_text=f"Plats {number + 1}")
    survey_code = assessments.create_self_link(store, coordinator_token(store, "Eva Samordnare"), make_company(store, "Ramsbergs Smide AB")).code
    store.engine.dispose()
    coordinator = ui.make_coordinator(url)
    # No configured public address: the app sees the browser's own (127.0.0.1), as on a laptop.
    server = StreamlitServer(url, folder, name="forgive", env={"PROJEKTBEREDSKAP_PUBLIC_URL": ""}).start()
    yield Hall(server, demo, anna, coordinator, survey_code)
    server.stop()


def test_start_opened_directly_is_the_start_page_not_page_not_found(hall, people):
    # Not the first browser after the server started: that one meets Streamlit's folder-based
    # first run, which ui/navigation.py settles for every address alike.
    ui.open_page(people.new("first"), hall.server.url + "/")
    page = people.new("visitor")
    ui.open_page(page, hall.server.url + "/start")

    expect(ui.main(page).get_by_role("button", name="Fortsätt")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_an_unknown_address_opens_the_start_page_saying_in_swedish_that_there_is_no_such_page(hall, people):
    ui.open_page(people.new("first"), hall.server.url + "/")  # past the server's first run, as above
    page = people.new("visitor")
    ui.open_page(page, hall.server.url + "/finns-inte")

    expect(ui.main(page).get_by_test_id("stAlertContentWarning")).to_be_visible()
    assert ui.alerts(page, "stAlertContentWarning") == ["Sidan /finns-inte finns inte. Du är på startsidan: välj i menyn vart du vill."]
    expect(ui.main(page).get_by_role("button", name="Fortsätt")).to_be_visible()  # the start page's join form
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    assert page.url == hall.server.url + "/"


def test_a_long_description_folds_under_visa_mer_on_a_phone_and_shows_whole_on_a_wide_screen(hall, people):
    page = people.new("anna")
    ui.remember(page, hall.server.url, participant=hall.anna.token)
    ui.open_page(page, hall.server.url + "/vagg")
    ending = LONG.strip()[-60:]
    for width, height in ((1920, 1080), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        expect(ui.main(page).get_by_text(ending, exact=False).first).to_be_visible()
        expect(ui.main(page).locator("details.pb-more")).to_be_hidden()

    page.set_viewport_size(PHONE)
    fold = ui.main(page).locator("details.pb-more").filter(has_text="Visa mer")
    expect(fold).to_be_visible()
    expect(ui.main(page).locator(".pb-whole")).to_be_hidden()
    card = ui.main(page).locator(".pb-fold")
    expect(card).to_be_visible()
    assert len(card.inner_text()) < 400  # the card itself is short on a phone; "Visa mer" holds the rest
    fold.locator("summary").click()
    expect(fold.get_by_text(ending, exact=False)).to_be_visible()


def test_a_double_click_on_create_makes_one_workshop_and_its_key_stays(hall, people):
    page = people.new("coordinator")
    ui.sign_in_as_coordinator(page, hall.server.url, hall.coordinator)
    scope = ui.form(page, "Skapa workshop")
    ui.fill(page, "Rubrik", "Framtidens Ramsberg", scope=scope)
    ui.fill(page, "Utmaningsfråga", "Hur blir fler idéer projekt?", scope=scope)
    ui.choose(page, "Ort", "Ramsberg", scope=scope)
    ui.act(page, lambda: scope.get_by_role("button", name="Skapa workshop").dblclick())
    expect(ui.main(page).get_by_test_id("stAlertContentSuccess").filter(has_text="Workshopen är skapad")).to_be_visible()
    ui.settle(page)
    key = ui.main(page).get_by_test_id("stCode").locator("code").inner_text().strip()

    assert hall.count(Workshop, Workshop.title == "Framtidens Ramsberg") == 1
    ui.open_tab(page, "Platser och Leaderområden")  # another click: the key is still there when the tab comes back
    ui.open_tab(page, "Workshoppar")
    expect(ui.main(page).get_by_test_id("stCode").locator("code")).to_have_text(key)
    expect(ui.main(page).get_by_role("button", name="Skapa workshop")).to_have_count(0)


def test_a_double_tap_and_a_long_paste_on_a_phone(hall, people, screenshots):
    phone = people.new("phone")
    phone.set_viewport_size(PHONE)
    ui.remember(phone, hall.server.url, participant=hall.anna.token)
    ui.open_page(phone, hall.server.url + "/bidra")
    ui.open_tab(phone, "Idé")
    scope = ui.form(phone, "Lägg till idén")
    ui.fill(phone, "Rubrik", "Skidspår runt sjön", scope=scope)
    scope.get_by_role("button", name="Lägg till idén").dblclick()
    # Either way the phone says the idea is saved: "Sparat" when the second tap met the first
    # one's result, "Det här skickade du nyss" when it reached the server as a second submission
    # (on a loaded machine the taps can land either way); never an empty form with an error.
    said = ui.main(phone).get_by_test_id("stAlertContentSuccess").filter(has_text="Sparat")
    said = said.or_(ui.main(phone).get_by_test_id("stAlertContentInfo").filter(has_text=ui.sv("errors.already_submitted")))
    expect(said.first).to_be_visible(timeout=30_000)
    ui.settle(phone)

    assert ui.alerts(phone) == []  # never "Rubrik: måste fyllas i."
    assert hall.count(Idea, Idea.title == "Skidspår runt sjön") == 1

    scope = ui.form(phone, "Lägg till idén")
    title = scope.get_by_label("Rubrik", exact=True)
    counter = scope.locator('[class*="st-key-pb-limit-160-cut-"] .pb-limit-counter')
    title.press_sequentially("Bygdekök")  # typed: counted as it is typed, before any press
    expect(counter).to_have_text("8 / 160 tecken")
    ui.fill(phone, "Rubrik", PASTED, scope=scope)
    expect(title).to_have_value(PASTED)  # taken, not dropped
    over = f"{len(PASTED) - 160} tecken för mycket – texten kortas till 160 när du sparar"
    expect(counter).to_have_text(f"{len(PASTED)} / 160 tecken{over}")
    expect(counter.locator('[aria-live="polite"]')).to_have_text(over)  # a screen reader hears it
    counter.scroll_into_view_if_needed()
    phone.screenshot(path=str(screenshots / "forgive-counter-phone.png"))
    ui.press(phone, "Lägg till idén", scope=scope)

    expect(title).to_have_value(PASTED[:160])
    assert ui.alerts(phone) == [f"Rubrik fick {len(PASTED)} tecken, men högst 160 får plats: texten är kortad till 160. Läs slutet och tryck igen för att spara."]
    expect(counter).to_have_text("160 / 160 tecken")  # the cut text put back in the field is counted too
    ui.press(phone, "Lägg till idén", scope=scope)  # the message of the cut is still up until this rerun
    expect(ui.main(phone).get_by_test_id("stAlertContentSuccess").filter(has_text="Sparat")).to_be_visible()
    assert hall.count(Idea, Idea.title == PASTED[:160].strip()) == 1


def test_the_hall_address_survives_a_reload_and_a_new_tab_and_the_wall_is_clean_at_1280x720(hall, people, screenshots):
    facilitator = people.new("facilitator")
    ui.remember(facilitator, hall.server.url, facilitator=hall.demo)
    ui.open_page(facilitator, hall.server.url + "/leda")
    expect(ui.main(facilitator).get_by_text("bara den här datorn når")).to_be_visible()
    options = ui.main(facilitator).get_by_test_id("stSelectbox")
    options.locator("input").click()
    address = facilitator.get_by_role("option").first.inner_text().strip()
    assert not address.startswith("http://127.0.0.1"), address
    ui.act(facilitator, lambda: facilitator.keyboard.press("Enter"))
    expect(ui.main(facilitator).get_by_text(f"Deltagarna går med via {address}")).to_be_visible()

    wall = facilitator.context.new_page()  # a new tab: a new session of the app
    wall.set_viewport_size({"width": 1280, "height": 720})
    ui.open_page(wall, hall.server.url + "/projektor")
    expect(wall.locator(".pb-link")).to_have_text(f"{address}/?code={hall_code(wall)}")
    wall.reload()
    ui.settle(wall)
    expect(wall.locator(".pb-link")).to_contain_text(address)

    # The room reads only the wall: no demo banner, no address warning, nothing cut.
    expect(ui.main(wall).get_by_test_id("stAlert")).to_have_count(0)
    wall.screenshot(path=str(screenshots / "forgive-wall-1280x720.png"))
    outside = [
        name
        for name, locator in {
            "title": wall.locator(".pb-title"),
            "join code": wall.get_by_test_id("pb-join-code"),
            "QR code": wall.get_by_test_id("stImage").locator("img"),
            "counters": wall.locator(".pb-counters"),
            "Senaste dolda kunskapen": wall.locator(".pb-notes h2"),
            **{f"idea {n + 1}": wall.locator('[data-testid="pb-idea"]').nth(n) for n in range(6)},
        }.items()
        if not _inside(wall, locator)
    ]
    assert outside == [], f"cut at 1280×720: {outside}"


def test_the_wall_starts_paused_for_reduced_motion_and_the_space_bar_pauses_and_resumes_it(hall, people):
    wall = people.new("projector")
    ui.remember(wall, hall.server.url, facilitator=hall.demo)
    wall.set_viewport_size({"width": 1280, "height": 720})
    wall.emulate_media(reduced_motion="reduce")  # the projector's computer asks for less motion
    ui.open_page(wall, hall.server.url + "/projektor")
    control = wall.locator(".st-key-wall_pause").get_by_role("button")
    expect(control).to_have_accessible_name("Fortsätt", timeout=20_000)  # standing still from the start (WCAG 2.2.2)
    pager = wall.get_by_test_id("pb-pager")
    expect(pager).to_have_text("1/2")

    ui.act(wall, lambda: wall.keyboard.press("Space"))
    expect(control).to_have_accessible_name("Pausa")
    ui.act(wall, lambda: wall.keyboard.press("Space"))
    expect(control).to_have_accessible_name("Fortsätt")
    control.focus()  # and by Tab and Enter, as any button
    ui.act(wall, lambda: wall.keyboard.press("Enter"))
    expect(control).to_have_accessible_name("Pausa")

    # In view at 1280×720, over none of what the room reads.
    assert _inside(wall, control)
    box = control.bounding_box()
    for name, locator in {"title": wall.locator(".pb-title"), "counters": wall.locator(".pb-counters"), "notes": wall.locator(".pb-notes h2"), **{f"idea {n + 1}": wall.get_by_test_id("pb-idea").nth(n) for n in range(6)}}.items():
        other = locator.bounding_box()
        apart = box["x"] >= other["x"] + other["width"] or other["x"] >= box["x"] + box["width"] or box["y"] >= other["y"] + other["height"] or other["y"] >= box["y"] + box["height"]
        assert apart, f"Pausa covers the {name}"


def test_the_surveys_0_to_5_scale_puts_each_number_under_its_own_circle_on_a_phone(hall, people):
    phone = people.new("company")
    phone.set_viewport_size(PHONE)
    ui.open_page(phone, f"{hall.server.url}/enkat?kod={hall.survey_code}")
    scale = phone.locator('[class*="st-key-scale-"]').first
    expect(scale).to_be_visible()

    options = scale.get_by_test_id("stRadioOption")
    expect(options).to_have_count(6)
    for number in range(6):
        option = options.nth(number)
        circle = option.locator(":scope > div > div").first.bounding_box()
        label = option.get_by_text(str(number), exact=True).bounding_box()
        # The number sits under its own circle, not beside the next one ("0◯ 1◯").
        assert label["y"] >= circle["y"] + circle["height"] - 1, (number, circle, label)
        assert circle["x"] <= label["x"] + label["width"] / 2 <= circle["x"] + circle["width"], (number, circle, label)
    expect(scale.locator(".pb-scale-ends")).to_contain_text("0 = ")
    expect(scale.locator(".pb-scale-ends")).to_contain_text("5 = ")


def test_the_moderation_picker_shows_an_ideas_new_title_after_an_edit(hall, people):
    page = people.new("moderator")
    ui.remember(page, hall.server.url, facilitator=hall.demo)
    ui.open_page(page, hall.server.url + "/moderera")
    picker = ui.main(page).get_by_test_id("stSelectbox").filter(has=page.get_by_test_id("stWidgetLabel").get_by_text("Idé att moderera", exact=True))
    picker.locator("input").click()
    ui.act(page, page.get_by_role("option", name="Idé nummer 3 för bruksorten", exact=True).click)
    expect(picker.locator("input")).to_have_value("Idé nummer 3 för bruksorten")

    ui.open_tab(page, "Redigera")  # the idea is read first; its form is under its own tab
    scope = ui.form(page, "Spara")
    ui.fill(page, "Rubrik", "Idé nummer 3, nu med bastu", scope=scope)
    ui.press(page, "Spara", scope=scope)

    picker = ui.main(page).get_by_test_id("stSelectbox").filter(has=page.get_by_test_id("stWidgetLabel").get_by_text("Idé att moderera", exact=True))
    expect(picker.locator("input")).to_have_value("Idé nummer 3, nu med bastu")
    expect(ui.form(page, "Spara").get_by_label("Rubrik", exact=True)).to_have_value("Idé nummer 3, nu med bastu")


def hall_code(page) -> str:
    return page.get_by_test_id("pb-join-code").inner_text().strip()


def _inside(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size["width"] + 1 and box["y"] + box["height"] <= size["height"] + 1
