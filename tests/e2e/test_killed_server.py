"""A server killed in the middle of the evening loses nothing that anyone was told was saved."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e import ui
from tests.e2e.harness import requires_chromium
from tests.factories import join, make_workshop
from workshop.db import create_store
from workshop.models import Idea

pytestmark = [pytest.mark.e2e, requires_chromium]

CONFIRMED_BEFORE_THE_KILL = 5


def test_a_killed_server_loses_nothing_confirmed(server, people):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Guldsmedshyttan", locality="Guldsmedshyttan")
    identities = [
        join(store, meeting, "Anna Berg", "Guldsmedshyttans IK"),
        join(store, meeting, "Bo Ek", "Hyttans Bageri AB", kind="company"),
    ]
    store.engine.dispose()
    phones = []  # joined through the services, their browsers given the app's cookie (joining: the meeting test)
    for identity in identities:
        phone = people.new(identity.name)
        ui.remember(phone, server.url, participant=identity.token)
        ui.open_page(phone, server.url + "/")
        phones.append((identity.name, phone))

    # A burst of ideas from two phones, each confirmed with "Sparat" before the next.
    confirmed: list[str] = []
    for number in range(1, CONFIRMED_BEFORE_THE_KILL + 1):
        name, phone = phones[number % 2]
        title = f"Idé {number} från {name}"
        ui.add_idea(phone, title, "Skickad i en skur av idéer.")
        confirmed.append(title)

    # The next one is on its way when the power goes: SIGKILL, no clean shutdown.
    name, phone = phones[0]
    ui.go(phone, "Bidra")
    scope = ui.form(phone, "Lägg till idén")
    ui.fill(phone, "Rubrik", f"Idé {CONFIRMED_BEFORE_THE_KILL + 1} från {name} (på väg)", scope=scope)
    scope.get_by_role("button", name="Lägg till idén", exact=True).click()
    time.sleep(0.05)
    server.kill()
    assert server.process.returncode == -9

    # Restarted on the same SQLite file, the wall has every confirmed idea, once.
    server.restart()
    projector = people.new("facilitator")
    ui.remember(projector, server.url, facilitator=meeting.facilitator)
    ui.open_page(projector, server.url + "/projektor")  # the wall is simply reloaded
    expect(projector.get_by_role("dialog")).to_have_count(0)
    for title in confirmed:
        expect(projector.get_by_test_id("pb-idea").filter(has=projector.get_by_role("heading", name=title, exact=True))).to_have_count(1)

    # The participants' open pages find the restarted server and still know who they are.
    for name, phone in phones:
        ui.settle(phone)  # reconnected
        expect(phone.get_by_role("dialog")).to_have_count(0)
        ui.go(phone, "Idéväggen")
        for title in confirmed:
            expect(ui.main(phone).get_by_role("heading", name=title, exact=True)).to_have_count(1)
        assert ui.exceptions(phone) == []

    store = create_store(server.database_url)
    with store.unit_of_work() as session:
        titles = session.scalars(select(Idea.title)).all()
    store.engine.dispose()
    assert set(confirmed) <= set(titles) and len(titles) == len(set(titles)), titles
    assert len(titles) in (len(confirmed), len(confirmed) + 1)  # the one in flight: all or nothing
