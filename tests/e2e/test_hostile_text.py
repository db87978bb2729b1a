"""Whatever people type is shown as text in a real browser: no script runs, no image loads, no link forms.

Web and e-mail addresses are the hard case: Streamlit's markdown (remark-gfm) links them
even when escaped, so ``plain()`` puts invisible word joiners (U+2060) in them. What a
reader sees is compared with what was typed with those joiners taken out.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium
from tests.factories import make_workshop, open_round
from workshop.db import create_store
from workshop.services import contributions
from workshop.validation import strip_invisible

pytestmark = [pytest.mark.e2e, requires_chromium]

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
HREF = '<a href="javascript:alert(1)">href</a> href'
RTL = "\u202eשלום עולם مرحبا بالعالم"
LONG = ("Bygden minns allt som hänt här sedan bruket lades ned. " * 60)[:2999] + "!"  # 3000 characters
assert len(LONG) == 3000
URL = "https://www.ramsberg.se/bygdekok?a=1&b=2"
WWW = "www.vedevag.se"
EMAIL = "anna.berg+kok@ramsbergs-if.se"
MARKDOWN = "**fet** _kursiv_ `kod` ~~bort~~ :red[röd] # rubrik"
INVISIBLE = "Rams\u200bberg\u202e\u2066 IF\u200d"  # in a name or title, stored as "Ramsberg IF"
# No link may carry these: every one is a host or mailbox that only user text names.
ADDRESSES = ("ramsberg.se", "vedevag.se", "ramsbergs-if.se")

# What must never be in any frame of any page: the payloads taking effect.
TAKEN_EFFECT = 'img[src="x"], [onerror], a[href^="javascript:" i], iframe[src^="javascript:" i]'


# Every <a> of a frame whose address leaves the app, or whose text names an address that
# only user text holds. The app's own links go to its pages (same origin) or, for
# Streamlit's heading anchors, to a place on the page itself ("#…", no text).
LINKS_FROM_USER_TEXT_JS = """([origin, addresses]) => [...document.querySelectorAll('a')].filter(a => {
    const href = a.getAttribute('href') || '';
    const text = (a.textContent || '').replaceAll('\u2060', '').toLowerCase();
    const own = href === '' || href.startsWith('#') || new URL(a.href, location.href).origin === origin;
    return !own || addresses.some(x => text.includes(x) || href.toLowerCase().includes(x));
}).map(a => a.outerHTML.slice(0, 160))"""

# What a reader sees in the main area: its text without the invisible word joiners, with
# white space collapsed as a reader (and Playwright's text matching) takes it.
SHOWN_JS = """() => (document.querySelector('[data-testid="stMain"]')?.innerText || '').replaceAll('\u2060', '').replace(/\\s+/g, ' ')"""


def shown(page: Page) -> str:
    return page.evaluate(SHOWN_JS)


def reads_as_typed(page: Page, *texts: str, timeout: float = 10_000) -> None:
    """Each of ``texts`` is on the page as typed (the page may still be drawing: wait for it)."""
    wanted = [" ".join(text.split()) for text in texts]
    try:
        page.wait_for_function(
            "(wanted) => { const seen = (" + SHOWN_JS + ")(); return wanted.every(w => seen.includes(w)); }", arg=wanted, timeout=timeout
        )
    except Exception:
        seen = shown(page)
        missing = [w for w in wanted if w not in seen]
        raise AssertionError(f"not shown as typed: {missing!r:.400} in {seen!r:.600}") from None


def assert_inert(page: Page, people, where: str) -> None:
    """No dialog, no live payload and no link made of user text in any frame, no stack trace."""
    assert people.dialogs == [], f"{where}: a dialog opened: {people.dialogs}"
    origin = page.evaluate("() => location.origin")
    for frame in page.frames:
        live = frame.eval_on_selector_all(TAKEN_EFFECT, "nodes => nodes.map(n => n.outerHTML.slice(0, 120))")
        assert live == [], f"{where}: user text became markup in {frame.url}: {live}"
        links = frame.evaluate(LINKS_FROM_USER_TEXT_JS, [origin, list(ADDRESSES)])
        assert links == [], f"{where}: user text became a link in {frame.url}: {links}"
    assert ui.exceptions(page) == [], f"{where}: {ui.exceptions(page)[0][:300]}"


def visit_every_page(page: Page, people, role: str, checks: dict) -> list[str]:
    """Open every page in this browser's menu, run its ``checks`` if any, and check it is inert.

    ``checks`` is keyed by a page's title, or by (title, tab) for what a tab shows.
    """
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
            if (title, tab) in checks:
                checks[(title, tab)](page)
            assert_inert(page, people, f"{role} on {title}, tab {tab}")
    return titles


def stored(name: str) -> str:
    """A name or title as the app keeps it: without direction controls and zero-width characters."""
    return strip_invisible(name).strip()


def test_hostile_text_never_runs(server, people):
    """Hostile text typed into the join form and an idea form, and planted through the services.

    What only a browser shows is how stored text is drawn, so most of it is planted through the
    services (the same cleaning of names and texts that the forms call) and one browser per role
    walks every page. Typing stays where it proves something: the join form (name and
    organisation) and one idea, whose title and description carry links, markdown and an address.
    The facilitator's and coordinator's forms are typed in by other browser tests; that what is
    typed is stored as typed is the services' tests' concern.
    """
    facilitator = people.new("facilitator")
    facilitator.evaluate("alert('probe')")  # the dialog watch works ...
    assert people.dialogs == ["alert: probe"]
    people.dialogs.clear()  # ... and from here on must stay empty

    challenge = f"{IMAGE} {LINK} {HREF} Läs {URL} eller skriv till {EMAIL}"
    store = create_store(server.database_url)
    meeting = make_workshop(store, title=f"{SCRIPT} Framtidens Ramsberg {WWW}", challenge=challenge, locality=RTL)
    ui.remember(facilitator, server.url, facilitator=meeting.facilitator)
    ui.open_page(facilitator, server.url + "/projektor")
    expect(facilitator.locator(".pb-counters")).to_be_visible()

    phone = people.new("participant")
    organisation = f"{SCRIPT} {LINK} {WWW} {INVISIBLE}"
    ui.join(phone, server.join_link(meeting.join_code), name=IMAGE, organisation=organisation, kind="association")
    reads_as_typed(phone, f"som {IMAGE} ({stored(organisation)})", challenge)
    token = next(c["value"] for c in people.contexts["participant"].cookies() if c["name"] == "pb_participant")
    ideas = [
        (SCRIPT, f"{IMAGE}\n{LINK}"),
        (IMAGE, LONG),
        (f"{LINK} href", RTL),
        (RTL, HREF),
        (f"Läs mer på {URL}", f"{WWW} eller {EMAIL}\n{MARKDOWN}"),  # typed, below
        (f"{INVISIBLE} {EMAIL}", f"{URL}\n\n    indraget {WWW}"),
    ]
    typed = ideas[4]
    ui.add_idea(phone, *typed)
    planted = [idea for idea in ideas if idea != typed]
    ids = {title: contributions.add_idea(store, token, title=title, description=description) for title, description in planted}
    contributions.commit_to_idea(store, token, ids[SCRIPT], role="contributor", contribution=f"{LINK} {IMAGE} {EMAIL}")
    note = f"{SCRIPT} {RTL} {URL} {EMAIL} {LONG[:500]}"
    contributions.add_note(store, token, kind="local_knowledge", subject="place", about_text=f"{IMAGE} {WWW}", text=note)
    open_round(store, meeting, dots=5, per_idea=2, results_visible=True)
    store.engine.dispose()

    # The text reads as typed (names and titles without their invisible characters), on the
    # wall, the projector and the facilitator's pages.
    titles = [stored(title) for title, _ in ideas]

    def headings(page: Page, level: str = "h3") -> list[str]:
        return [h.replace("\u2060", "").strip() for h in ui.main(page).locator(level).all_inner_texts()]

    def wall_reads_as_typed(page: Page) -> None:
        # A description over 280 characters is folded on a phone's wall: open it, as a reader would
        # (on a wide screen it is whole, and the fold is not shown).
        for fold in ui.main(page).locator("details.pb-more > summary").filter(has_text="Visa mer").all():
            if fold.is_visible():
                fold.click()
        reads_as_typed(page, *titles, LONG, RTL, f"{IMAGE} {LINK}", f"{WWW} eller {EMAIL} {MARKDOWN}", f"{URL} indraget {WWW}")
        assert sorted(headings(page)) == sorted(titles)

    def mine_reads_as_typed(page: Page) -> None:
        reads_as_typed(page, *titles, f"{IMAGE} {WWW}: {note}", EMAIL)

    def start_reads_as_typed(page: Page) -> None:
        reads_as_typed(page, challenge, stored(organisation))

    def projector_reads_as_typed(page: Page) -> None:
        expect(page.get_by_test_id("pb-idea")).to_have_count(len(titles))
        assert sorted(ui.projector_titles(page)) == sorted(titles)
        expect(page.get_by_role("heading", name=f"{SCRIPT} Framtidens Ramsberg {WWW}")).to_be_visible()
        expect(page.get_by_text(challenge)).to_be_visible()

    def moderation_reads_as_typed(page: Page) -> None:  # the picked idea, read as one card
        card = ui.main(page).get_by_test_id("pb-moderate-idea")
        assert card.locator("h3").inner_text().replace("\u2060", "").strip() in titles

    def moderation_shows_values(page: Page) -> None:  # and in the edit form, under its own tab
        assert ui.main(page).get_by_label("Rubrik", exact=True).first.input_value() in titles

    def moderation_overview_reads_as_typed(page: Page) -> None:
        reads_as_typed(page, *titles)

    def moderation_notes_read_as_typed(page: Page) -> None:
        reads_as_typed(page, note)

    def constellation_reads_as_typed(page: Page) -> None:
        assert any(heading in titles for heading in headings(page)), headings(page)

    def gaps_read_as_typed(page: Page) -> None:
        reads_as_typed(page, *titles)

    # Every page either of them can reach: start, contribute, wall, mine, projector,
    # moderate, voting, and the network pages once they are in the menu.
    seen = visit_every_page(
        phone, people, "participant", {"Gå med": start_reads_as_typed, "Idéväggen": wall_reads_as_typed, "Mina bidrag": mine_reads_as_typed}
    )
    seen += visit_every_page(
        facilitator,
        people,
        "facilitator",
        {
            "Projektorvy": projector_reads_as_typed,
            "Moderera": moderation_reads_as_typed,
            ("Moderera", "Redigera"): moderation_shows_values,
            ("Moderera", "Alla idéer"): moderation_overview_reads_as_typed,
            ("Moderera", "Dold kunskap"): moderation_notes_read_as_typed,
            ("Konstellationer", "En idé i detalj"): constellation_reads_as_typed,
            ("Insikter", "Idéer som saknar partner"): gaps_read_as_typed,
        },
    )
    for expected in ("Gå med", "Bidra", "Idéväggen", "Mina bidrag", "Projektorvy", "Moderera", "Prickröstning"):
        assert expected in seen, seen
    assert people.blocked == []
