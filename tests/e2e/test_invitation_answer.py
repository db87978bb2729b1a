"""The invitation's whole way in Chromium (issue 26): a coordinator invites a constellation's
uncommitted member on the constellations page, the app e-mails it through a real SMTP server
(aiosmtpd), the invited organisation opens the link from the mail and says yes on a phone
(390×844) naming a contact person, the constellations page then shows it committed, and the audit
trail has each step. The contact person follows the link the confirmation shows them once to
their own Mina uppgifter and sees their data there."""

from __future__ import annotations

import re
import time
from email import message_from_bytes, policy

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from sqlalchemy import select

from tests.e2e.harness import requires_chromium
from tests.factories import add_idea, coordinator_token, join, make_workshop
from tests.mail.conftest import HOST, certificates, smtp  # noqa: F401  (the real SMTP server)
from workshop.db import create_store
from workshop.models import AuditEvent
from workshop.services import contributions, participants

pytestmark = [pytest.mark.e2e, requires_chromium]




def test_a_member_invited_by_e_mail_says_yes_on_a_phone_and_becomes_committed(start_server, smtp, people, screenshots):
    mail = smtp()
    server = start_server(env={
        "PROJEKTBEREDSKAP_SMTP_HOST": HOST, "PROJEKTBEREDSKAP_SMTP_PORT": str(mail.port), "PROJEKTBEREDSKAP_SMTP_SECURITY": "none",
        "PROJEKTBEREDSKAP_MAIL_FROM": "projektberedskap@lindesberg.se",
    })
    store = create_store(server.database_url)
    meeting = make_workshop(store)
    hall = join(store, meeting, "Eva Ny", "Ramsbergs bygdegårdsförening", offers={"premises": ["festsal"]})
    crafts = join(store, meeting, "Bo Ek", "Slöjdarna", offers={"competence": ["sömnad", "sy kläder"]})
    # The club's own address, given with consent: the only kind an invitation is e-mailed to.
    participants.join_workshop(store, meeting.id, name="Kansliet", organisation_id=crafts.organisation_id, email="info@slojdarna.se", contact_consent=True)
    idea = add_idea(store, hall, "Lagning av kläder", description="Trasiga kläder lagas tillsammans.", needs={"competence": ["någon som kan sy"]})
    contributions.commit_to_idea(store, hall.token, idea, role="initiator")
    token = coordinator_token(store)
    store.engine.dispose()

    staff = people.new("coordinator")
    ui.remember(staff, server.url, facilitator=token)
    # The first view of a network page waits for the server's first analysis (its libraries and
    # the Swedish word lists load then): on a busy 2-core machine that can pass 30 s.
    staff.goto(f"{server.url}/konstellationer")
    ui.settle(staff, timeout=120_000)
    ui.open_tab(staff, "En idé i detalj")
    expect(ui.main(staff).get_by_text("Bjud in", exact=True)).to_be_visible()
    members = ui.main(staff).get_by_test_id("stMultiSelect").filter(has=staff.get_by_test_id("stWidgetLabel").get_by_text("Vilka vill du bjuda in?"))
    members.locator("input").click()
    members.locator("input").fill("Slöjdarna")
    staff.get_by_role("option").filter(has_text="Slöjdarna").first.click()
    staff.keyboard.press("Escape")
    ui.fill(staff, "Plats för nästa träff (frivilligt)", "Bygdegården")
    ui.press(staff, "Skapa inbjudningar")  # "Skicka inbjudan med e-post" is ticked when SMTP is set up
    expect(ui.main(staff).get_by_text("Inbjudningar skapade: 1.", exact=False)).to_be_visible()
    expect(ui.main(staff).get_by_text("E-post ligger i kön och skickas strax till: Slöjdarna.", exact=False)).to_be_visible()
    shown = re.search(r"https?://\S+/svar\?kod=[A-Z0-9-]+", ui.main(staff).inner_text()).group(0)
    deadline = time.monotonic() + 30  # the server's sender thread delivers it in the background
    while not mail.received and time.monotonic() < deadline:
        time.sleep(0.2)
    (received,) = mail.received
    assert received.recipients == ["info@slojdarna.se"]
    letter = message_from_bytes(received.data, policy=policy.default).get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/svar\?kod=[A-Z0-9-]+", letter).group(0)
    assert link == shown
    expect(ui.main(staff).get_by_test_id("stImage").locator("img").first).to_be_visible()  # its QR code
    ui.screenshot(staff, screenshots / "invitation-created.png")

    answering = people.phone()
    ui.open_page(answering, link)
    expect(ui.main(answering).get_by_text("Slöjdarna är inbjuden", exact=False)).to_be_visible()
    expect(ui.main(answering).get_by_text("Nästa träff: Bygdegården")).to_be_visible()
    assert answering.evaluate("() => document.documentElement.scrollWidth") <= ui.PHONE["width"]  # fits the phone
    ui.screenshot(answering, screenshots / "invitation-answer-phone.png")
    ui.fill(answering, "Namn på kontaktperson", "Dora Lind")
    ui.fill(answering, "E-post (frivilligt)", "dora.lind@slojdarna.se")
    ui.main(answering).get_by_test_id("stCheckbox").filter(has_text="Ja, kommunen får spara min e-post").click()
    yes = ui.main(answering).get_by_role("button", name="Ja, vi är med")
    box = yes.bounding_box()
    assert box and box["height"] >= 40  # a thumb finds it
    ui.act(answering, yes.tap)
    expect(ui.main(answering).get_by_text("Tack! Slöjdarna är nu med i idén", exact=False)).to_be_visible()
    assert ui.exceptions(answering) == []

    # The contact person's own way back to their data: shown once, as a link and a QR code.
    expect(ui.main(answering).get_by_text("Dora Lind är sparad som kontaktperson", exact=False)).to_be_visible()
    own = re.search(r"https?://\S+/mina-uppgifter\?nyckel=[A-Z0-9-]+", ui.main(answering).inner_text()).group(0)
    expect(ui.main(answering).locator(f'a[href="{own}"]')).to_have_count(1)
    ui.screenshot(answering, screenshots / "invitation-contact-key-phone.png")
    ui.open_page(answering, own)
    expect(ui.main(answering).get_by_text("Mina uppgifter som kontaktperson")).to_be_visible()
    expect(ui.main(answering).get_by_text("Namn: Dora Lind")).to_be_visible()
    expect(ui.main(answering).get_by_text("Organisation: Slöjdarna")).to_be_visible()
    expect(ui.main(answering).get_by_text("Svar på inbjudningar där personen är kontaktperson (1)")).to_be_visible()
    assert ui.alerts(answering) == [] and ui.exceptions(answering) == []
    ui.screenshot(answering, screenshots / "invitation-contact-my-data-phone.png")

    # The coordinator runs the page once more (Streamlit's own "r", the tab still open): the
    # analysis of the answer's revision is made off the page's run, so the page first shows the
    # previous one with "Uppdateras…" and must then swap in the new one by itself, as it says.
    staff.evaluate("() => document.activeElement && document.activeElement.blur()")
    ui.act(staff, lambda: staff.keyboard.press("r"))
    committed = ui.main(staff).get_by_text("Slöjdarna: har anmält sig som partner", exact=False)
    expect(committed.first).to_be_visible(timeout=60_000)
    expect(ui.main(staff).get_by_text("Bildad", exact=False).first).to_be_visible()
    # The invitation's status in the table (a canvas grid: its cells are in the DOM for screen readers).
    expect(ui.main(staff).locator("td").filter(has_text="Ja, vi är med")).to_have_count(1)
    expect(ui.main(staff).locator("td").filter(has_text="Skickat")).to_have_count(1)  # the e-mail's delivery
    assert ui.exceptions(staff) == []
    store = create_store(server.database_url)
    with store.unit_of_work() as session:
        trail = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    store.engine.dispose()
    steps = [a for a in trail if a.startswith("invitation.")]
    assert steps == ["invitation.create", "invitation.email", "invitation.answer"], trail
