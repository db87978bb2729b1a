"""Ten phones at once: everyone joins, adds an idea and spends their dots at the same moment.

The sync API drives one thing at a time, so this test uses Playwright's asyncio API: one
Chromium, ten browser contexts, all acting concurrently. It runs in a thread of its own,
apart from the session's sync Playwright.
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from playwright.async_api import expect
from sqlalchemy import select

from tests.e2e import ui
from tests.e2e.harness import CHROMIUM_ARGS, OfflineGuard, is_local, requires_chromium
from tests.factories import make_workshop, open_round
from workshop.db import create_store
from workshop.models import Vote
from workshop.services import views

pytestmark = [pytest.mark.e2e, requires_chromium]

PEOPLE = 10
DOTS, PER_IDEA = 3, 2
TIMEOUT_MS = 90_000  # ten Streamlit sessions and ten pages on two cores


class Phone:
    """One participant's browser, driven with the asyncio API."""

    def __init__(self, page, number: int):
        self.page = page
        self.number = number
        self.main = page.get_by_test_id("stMain")

    async def settle(self, since: int | None = None) -> None:
        if since is None:
            await self.page.wait_for_timeout(150)
        else:
            try:
                await self.page.wait_for_function(
                    "(n) => (window.__pbStateChanges || 0) > n", arg=since, timeout=ui.REACTION_MS, polling=20
                )
            except PlaywrightTimeoutError:
                pass
        await self.page.wait_for_function(ui.IDLE_JS, timeout=TIMEOUT_MS, polling=100)

    async def act(self, action) -> None:
        """Click (or press) and wait until the rerun it caused is over: see ``ui.act``."""
        before = await self.page.evaluate("() => window.__pbStateChanges || 0")
        await action()
        await self.settle(since=before)

    async def go(self, title: str) -> None:
        await self.act(self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click)

    async def join(self, link: str) -> None:
        await self.page.goto(link)
        await self.settle()
        await self.act(self.main.get_by_role("button", name="Fortsätt", exact=True).click)
        await self.act(self.main.get_by_test_id("stRadio").get_by_text("En ny organisation", exact=True).click)
        await self.main.get_by_label("Namn", exact=True).fill(f"Deltagare {self.number}")
        await self.main.get_by_label("Organisationens namn", exact=True).fill(f"Förening nummer {self.number}")
        await self.main.get_by_role("button", name="Gå med", exact=True).click()
        await self.main.get_by_text("Du är med i").wait_for(timeout=TIMEOUT_MS)
        await self.settle()

    async def add_idea(self, title: str) -> None:
        await self.go("Bidra")
        form = self.main.get_by_test_id("stForm").filter(
            has=self.page.get_by_test_id("stFormSubmitButton").filter(has_text="Lägg till idén")
        )
        await form.get_by_label("Rubrik", exact=True).fill(title)
        await form.get_by_role("button", name="Lägg till idén", exact=True).click()
        saved = await (await self.page.wait_for_function(ui.SAVED_JS, arg=ui.SAVED, timeout=TIMEOUT_MS, polling=100)).json_value()
        assert saved > 0, f"{title} was not saved: {await self.main.get_by_test_id('stAlertContentError').all_inner_texts()}"
        await self.settle()

    async def set_dots(self, idea: str, dots: int) -> None:
        """The wall's one dot picker (as ui.set_dots): choose the idea, type the dots, Enter."""
        picker = self.main.get_by_test_id("stForm").filter(has=self.page.get_by_test_id("stFormSubmitButton").filter(has_text="Lägg prickar"))
        choice = picker.get_by_test_id("stSelectbox").locator("input")
        await choice.click()
        await choice.fill(idea)
        await self.page.get_by_role("option").filter(has_text=idea).first.wait_for(timeout=TIMEOUT_MS)
        await self.page.keyboard.press("Enter")
        await expect(choice).to_have_value(idea, timeout=TIMEOUT_MS)
        field = picker.get_by_label("Mina prickar")
        await field.fill(str(dots))
        await self.act(lambda: field.press("Enter"))

    async def place_dots(self, idea: str, dots: int, *, left: int) -> None:
        await self.set_dots(idea, dots)
        status = ui.voting_status(left=left, total=DOTS, per_idea=PER_IDEA)
        await expect(self.main.get_by_test_id("stAlertContentInfo").filter(has_text=status)).to_be_visible(timeout=TIMEOUT_MS)

    async def refused_dots(self, idea: str, dots: int) -> list[str]:
        await self.set_dots(idea, dots)
        errors = self.main.get_by_test_id("stAlertContentError")
        await expect(errors.first).to_be_visible(timeout=TIMEOUT_MS)
        return [t.strip() for t in await errors.get_by_test_id("stMarkdownContainer").all_inner_texts()]


async def crowd(chromium: str, link: str, titles: list[str], guard: OfflineGuard, refusals: dict, dialogs: list) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        everyone_has_an_idea = asyncio.Event()
        added = 0

        async def participant(number: int) -> None:
            nonlocal added
            context = await browser.new_context(viewport={"width": 820, "height": 800}, reduced_motion="reduce")
            context.set_default_timeout(TIMEOUT_MS)

            async def abort(route):
                guard.blocked.append(route.request.url)
                await route.abort("internetdisconnected")

            await context.route(lambda url: not is_local(url), abort)
            await context.add_init_script(ui.STATE_COUNTER_JS)
            page = await context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), asyncio.ensure_future(dialog.dismiss())))
            phone = Phone(page, number)
            await phone.join(link)
            await phone.add_idea(titles[number])
            added += 1
            if added == PEOPLE:
                everyone_has_an_idea.set()
            await asyncio.wait_for(everyone_has_an_idea.wait(), TIMEOUT_MS / 1000)
            # Two dots on the next person's idea, then two more on the one after: one too many.
            await phone.go("Idéväggen")
            first, second = titles[(number + 1) % PEOPLE], titles[(number + 2) % PEOPLE]
            await phone.place_dots(first, PER_IDEA, left=DOTS - PER_IDEA)
            refusals[number] = await phone.refused_dots(second, PER_IDEA)
            await phone.place_dots(second, DOTS - PER_IDEA, left=0)
            await context.close()

        try:
            await asyncio.gather(*(participant(number) for number in range(PEOPLE)))
        finally:
            await browser.close()


def test_ten_participants_at_once_through_the_ui(server, chromium_executable):
    store = create_store(server.database_url)
    meeting = make_workshop(store, title="Framtidens Fellingsbro", locality="Fellingsbro")
    open_round(store, meeting, dots=DOTS, per_idea=PER_IDEA)
    titles = [f"Idé {number} för Fellingsbro" for number in range(PEOPLE)]
    guard, refusals, dialogs, failures = OfflineGuard(), {}, [], []

    def run() -> None:
        try:
            asyncio.run(crowd(chromium_executable, server.join_link(meeting.join_code), titles, guard, refusals, dialogs))
        except Exception as error:  # noqa: BLE001 - whatever it is, the test thread re-raises it below
            failures.append(error)

    worker = threading.Thread(target=run, name="crowd", daemon=True)
    worker.start()
    worker.join(timeout=240)
    assert not worker.is_alive(), "the crowd did not finish in four minutes"
    if failures:
        raise failures[0]

    # Everyone's idea is in the database, once; nobody spent more than their dots.
    wall = views.wall(store, meeting.id)
    assert sorted(idea.title for idea in wall.ideas) == sorted(titles)
    assert wall.participants == PEOPLE
    with store.unit_of_work() as session:
        votes = session.execute(select(Vote.participant_id, Vote.idea_id, Vote.dots)).all()
    spent, on_idea = defaultdict(int), defaultdict(int)
    for participant_id, idea_id, dots in votes:
        spent[participant_id] += dots
        on_idea[(participant_id, idea_id)] += dots
    assert len(spent) == PEOPLE and all(dots == DOTS for dots in spent.values()), dict(spent)
    assert max(on_idea.values()) <= PER_IDEA
    # Each saw, in Swedish at the field, why the fourth dot was refused.
    assert refusals == {n: [ui.over_budget(left=DOTS - PER_IDEA, total=DOTS)] for n in range(PEOPLE)}
    assert guard.blocked == [] and dialogs == []
    store.engine.dispose()
