"""Invitations by e-mail (workshop/invitations/delivery.py): a batch just made is queued in the
outbox and a real SMTP server (aiosmtpd, tests/mail/conftest.py) receives each letter with a link
that opens its invitation; only an address the app may write to is used."""

from __future__ import annotations

from email import message_from_bytes, policy
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from tests.mail.conftest import certificates, smtp  # noqa: F401  (the real SMTP server)
from workshop.invitations.answers import open_invitation
from workshop.invitations.delivery import queue_invitation_emails
from workshop.invitations.service import create_invitations, idea_invitations, letter_facts
from workshop.mail import send_due
from workshop.models import AuditEvent
from workshop.security import Client
from workshop.services import participants

HALL = "http://192.168.1.20:8501"
VISITOR = Client("10.0.0.9", "browser-b")


def _batch(store, village, *organisations):
    made = create_invitations(store, village.coordinator, village.meeting.id, village.idea, {o: "erbjuder sömnad" for o in organisations})
    return letter_facts(store, village.coordinator, village.meeting.id, village.idea, made, HALL)


def test_an_invitation_reaches_the_organisations_own_address_with_a_link_that_opens_it(store, village, smtp):
    # Slöjdarna's office address may be written to; the shop has only its participant, who gave none.
    participants.join_workshop(store, village.meeting.id, name="Kansliet", organisation_id=village.crafts, email="info@slojdarna.se", contact_consent=True)
    facts = _batch(store, village, village.crafts, village.shop)

    queued = queue_invitation_emails(store, village.coordinator, village.meeting.id, village.idea, facts)
    assert (queued.queued, queued.without_address, queued.not_current) == (("Slöjdarna",), ("Kläder och Sånt AB",), ())

    server = smtp()
    assert send_due(store, settings=server.settings()) == 1
    (received,) = server.received
    assert received.recipients == ["info@slojdarna.se"]
    message = message_from_bytes(received.data, policy=policy.default)
    assert message["X-Unsent"] is None and "Lagning av kläder" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    (link,) = [word for word in body.split() if word.startswith(HALL + "/svar?kod=")]
    code = parse_qs(urlsplit(link).query)["kod"][0]
    assert open_invitation(store, code, client=VISITOR).organisation_name == "Slöjdarna"

    rows = {row.organisation_name: row.mail_status for row in idea_invitations(store, village.coordinator, village.meeting.id, village.idea)}
    assert rows == {"Slöjdarna": "sent", "Kläder och Sånt AB": None}
    with store.unit_of_work() as session:
        assert "invitation.email" in set(session.scalars(select(AuditEvent.action)))


def test_a_batch_replaced_by_a_newer_one_is_not_sent_with_its_dead_links(store, village, smtp):
    participants.join_workshop(store, village.meeting.id, name="Kansliet", organisation_id=village.crafts, email="info@slojdarna.se", contact_consent=True)
    old = _batch(store, village, village.crafts)
    _batch(store, village, village.crafts)  # a new code for the same organisation

    queued = queue_invitation_emails(store, village.coordinator, village.meeting.id, village.idea, old)
    assert (queued.queued, queued.not_current) == ((), ("Slöjdarna",))
    assert send_due(store, settings=smtp().settings()) == 0
