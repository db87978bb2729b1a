"""Data protection in a real browser: a participant's download of their data, and a coordinator's erasure."""

from __future__ import annotations

import re

import json

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium
from tests.factories import add_idea, add_note, commit, coordinator_token, join, make_workshop
from workshop.db import create_store
from workshop.services import participants

pytestmark = [pytest.mark.e2e, requires_chromium]

MARTA = "Märta Östberg"
# Every page a participant who also leads the meeting can open (start, bidra, vagg, mina,
# mina-uppgifter, projektor, moderera, rostning, karta, konstellationer, insikter).
PAGES_THAT_NAMED_HER = (
    "Gå med",
    "Bidra",
    "Idéväggen",
    "Mina bidrag",
    "Mina uppgifter",
    "Projektorvy",
    "Moderera",
    "Prickröstning",
    "Nätverkskarta",
    "Konstellationer",
    "Nätverksinsikter",
)


def set_cookies(page: Page, base_url: str, **cookies: str) -> None:
    page.context.add_cookies([{"name": name, "value": value, "url": base_url, "sameSite": "Strict"} for name, value in cookies.items()])


def tick(page: Page, label: str) -> None:
    ui.act(page, ui.main(page).get_by_test_id("stCheckbox").get_by_text(label, exact=True).click)


def pick(page: Page, label: str, option: str) -> None:
    box = ui.main(page).get_by_test_id("stSelectbox").filter(has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True))
    box.locator("input").click()
    ui.act(page, page.get_by_role("option").filter(has_text=option).first.click)


def meeting_with_marta(server):
    """Märta, a private person with consented contact details, and Bo from the brewery, with an idea each."""
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Fellingsbro", locality="Fellingsbro")
    marta = participants.join_workshop(store, meeting.id, name=MARTA, email="marta@example.se", contact_consent=True)
    bo = join(store, meeting, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    idea = add_idea(store, marta, "Bygdekök i skolan", locality="Fellingsbro")
    commit(store, bo, idea)
    add_note(store, marta, "Skolans kök står tomt på kvällarna.", about_text="Fellingsbro")
    coordinator = coordinator_token(store)  # after the workshop: making one re-keys the coordinator
    store.engine.dispose()
    return meeting, marta, bo, coordinator


def test_a_participants_download_of_my_data_holds_their_contributions(server, people, tmp_path):
    _meeting, marta, _bo, _coordinator = meeting_with_marta(server)
    phone = people.new("marta")
    set_cookies(phone, server.url, pb_participant=marta.token)
    ui.open_page(phone, server.url + "/")
    ui.go(phone, "Mina uppgifter")
    expect(ui.main(phone).get_by_text(re.compile("m•••\u2060?@example\\.se"))).to_be_visible()

    with phone.expect_download() as download:
        ui.main(phone).get_by_test_id("stDownloadButton").get_by_role("button").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())

    assert download.value.suggested_filename == "mina-uppgifter.json"
    assert exported["person"]["name"] == MARTA
    assert [i["title"] for i in exported["ideas"]] == ["Bygdekök i skolan"]
    assert [n["text"] for n in exported["notes"]] == ["Skolans kök står tomt på kvällarna."]


def test_the_coordinators_erase_removes_the_name_from_every_page(server, people):
    meeting, _marta, bo, coordinator = meeting_with_marta(server)
    # Bo is a participant, and the same browser leads the meeting: it can open every page.
    laptop = people.new("bo")
    set_cookies(laptop, server.url, pb_participant=bo.token, pb_staff=meeting.facilitator)
    ui.open_page(laptop, server.url + "/vagg")
    expect(ui.main(laptop).get_by_text(MARTA).first).to_be_visible()  # named before

    office = people.new("coordinator")
    set_cookies(office, server.url, pb_staff=coordinator)
    ui.open_page(office, server.url + "/personer")
    pick(office, "Välj person", MARTA)
    tick(office, "Jag har kontrollerat att det är rätt person; det går inte att ångra")
    ui.press(office, "Radera personen")
    expect(ui.main(office).get_by_text("Personen är raderad")).to_be_visible()
    expect(ui.main(office)).not_to_contain_text(MARTA)  # waits out the previous run's stale elements

    laptop.wait_for_timeout(1_500)  # past the shared one-second revision cache
    # Page after page through the menu, in the session that showed her name before the erase:
    # a cache the session holds would show it still (a fresh load of each page would not).
    for title in PAGES_THAT_NAMED_HER:
        ui.go(laptop, title)
        shown = ui.main(laptop).inner_text()
        assert MARTA not in shown, title
        assert ui.exceptions(laptop) == [], title
    ui.go(laptop, "Idéväggen")
    expect(ui.main(laptop).get_by_text("Bygdekök i skolan").first).to_be_visible()  # the idea stays, anonymised
