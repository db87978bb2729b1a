"""Whatever people type is shown as text in a real browser: no script runs, no image loads, no link forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium

pytestmark = [pytest.mark.e2e, requires_chromium]

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
HREF = '<a href="javascript:alert(1)">href</a> href'
RTL = "\u202eשלום עולם مرحبا بالعالم"
LONG = ("Bygden minns allt som hänt här sedan bruket lades ned. " * 60)[:2999] + "!"  # 3000 characters
assert len(LONG) == 3000

# What must never be in any frame of any page: the payloads taking effect.
TAKEN_EFFECT = 'img[src="x"], [onerror], a[href^="javascript:" i], iframe[src^="javascript:" i]'


def assert_inert(page: Page, people, where: str) -> None:
    """No dialog, no live payload in any frame, no stack trace."""
    assert people.dialogs == [], f"{where}: a dialog opened: {people.dialogs}"
    for frame in page.frames:
        live = frame.eval_on_selector_all(TAKEN_EFFECT, "nodes => nodes.map(n => n.outerHTML.slice(0, 120))")
        assert live == [], f"{where}: user text became markup in {frame.url}: {live}"
    assert ui.exceptions(page) == [], f"{where}: {ui.exceptions(page)[0][:300]}"


def visit_every_page(page: Page, people, role: str, checks: dict) -> list[str]:
    """Open every page in this browser's menu, run its ``checks`` if any, and check it is inert."""
    titles = ui.menu_titles(page)
    for title in titles:
        ui.go(page, title)
        for frame in page.frames[1:]:  # embedded pages (the network map) load after the run
            frame.wait_for_load_state()
        if title in checks:
            checks[title](page)
        assert_inert(page, people, f"{role} on {title}")
        # A tab's content is built only when it is opened: open each one, and the tabs that
        # appear inside it (moderation has tabs under the picked idea), latest found first.
        opened: set[str] = set()
        while todo := [tab.strip() for tab in ui.main(page).get_by_role("tab").all_inner_texts() if tab.strip() not in opened]:
            tab = todo[-1]
            opened.add(tab)
            ui.open_tab(page, tab)
            for frame in page.frames[1:]:
                frame.wait_for_load_state()
            assert_inert(page, people, f"{role} on {title}, tab {tab}")
    return titles


def test_hostile_text_never_runs(server, people):
    facilitator = people.new("facilitator")
    facilitator.evaluate("alert('probe')")  # the dialog watch works ...
    assert people.dialogs == ["alert: probe"]
    people.dialogs.clear()  # ... and from here on must stay empty

    created = ui.create_workshop(
        facilitator, server.url, coordinator=ui.make_coordinator(server.database_url), title=f"{SCRIPT} Framtidens Ramsberg", challenge=f"{IMAGE} {LINK} {HREF}", locality=RTL
    )
    ui.open_projector(facilitator, server.url, created)

    phone = people.new("participant")
    ui.join(phone, server.join_link(created.code), name=IMAGE, organisation=f"{SCRIPT} {LINK}", kind="association")
    expect(ui.main(phone).get_by_text(f"som {IMAGE} ({SCRIPT} {LINK})", exact=False)).to_be_visible()
    ideas = [(SCRIPT, f"{IMAGE}\n{LINK}"), (IMAGE, LONG), (f"{LINK} href", RTL), (RTL, HREF)]
    for title, description in ideas:
        ui.add_idea(phone, title, description)
    ui.commit_to_idea(phone, SCRIPT, role="Kan bidra med …", contribution=f"{LINK} {IMAGE}")
    ui.add_note(phone, about_place=IMAGE, text=f"{SCRIPT} {RTL} {LONG[:500]}")
    ui.open_voting_round(facilitator, dots=5, per_idea=2)

    # The text reads as typed, on the wall, the projector and the facilitator's pages.
    titles = [title for title, _ in ideas]

    def wall_reads_as_typed(page: Page) -> None:
        wall = ui.main(page)
        for title in titles:
            expect(wall.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(wall.get_by_text(LONG, exact=True)).to_be_visible()
        expect(wall.get_by_text(RTL, exact=True).first).to_be_visible()
        expect(wall.get_by_text(re.compile(re.escape(IMAGE) + r"\s+" + re.escape(LINK)))).to_be_visible()

    def projector_reads_as_typed(page: Page) -> None:
        expect(page.get_by_test_id("pb-idea")).to_have_count(len(titles))
        assert sorted(ui.projector_titles(page)) == sorted(titles)
        expect(page.get_by_role("heading", name=f"{SCRIPT} Framtidens Ramsberg")).to_be_visible()
        expect(page.get_by_text(f"{IMAGE} {LINK} {HREF}")).to_be_visible()

    def moderation_shows_values(page: Page) -> None:
        assert ui.main(page).get_by_label("Rubrik", exact=True).first.input_value() in titles

    # Every page either of them can reach: start, contribute, wall, mine, projector,
    # moderate, voting, and the network pages once they are in the menu.
    seen = visit_every_page(phone, people, "participant", {"Idéväggen": wall_reads_as_typed})
    seen += visit_every_page(
        facilitator, people, "facilitator", {"Projektorvy": projector_reads_as_typed, "Moderera": moderation_shows_values}
    )
    for expected in ("Gå med", "Bidra", "Idéväggen", "Mina bidrag", "Projektorvy", "Moderera", "Prickröstning"):
        assert expected in seen, seen
    assert people.blocked == []
