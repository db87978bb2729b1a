"""The outbox against a real SMTP server: what arrives, what is retried, what bounces, TLS."""

from __future__ import annotations

import datetime as dt
import email
import logging
import threading
from email.message import EmailMessage
from email.policy import default

import pytest
from sqlalchemy import select

from tests.mail.conftest import free_port
from workshop.db import create_store
from workshop.mail import enqueue, send_due, statuses
from workshop.mail.settings import MailSettings
from workshop.models import OutboxMessage, utcnow

# The clock the senders are given: an hour after the tests start, so whatever a test queues is due.
T0 = utcnow().replace(microsecond=0) + dt.timedelta(hours=1)
LETTER = b"%PDF-1.7 inbjudan till Ramsbergs IF \x00\xff"  # binary bytes must come back as they were


def letter(to: str = "kansliet@ramsbergsif.se", subject: str = "Inbjudan: Bygdekök i Ramsberg", about: str = "invitation:1") -> EmailMessage:
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = subject
    message.set_content("Hej Ramsbergs IF!\n\nVill ni vara med i idén Bygdekök? Svara på länken:\nhttps://projektberedskap.example.se/svar?kod=ÅÄÖ123\n")
    message.add_attachment(LETTER, maintype="application", subtype="pdf", filename="inbjudan-ramsbergs-if.pdf")
    return message


def queue(store, *messages: EmailMessage, about: str = "invitation:") -> list[int]:
    with store.unit_of_work(write=True) as session:
        ids = [enqueue(session, m, about=f"{about}{i + 1}") for i, m in enumerate(messages)]
        session.commit()
    return ids


def row(store, message_id: int) -> OutboxMessage:
    with store.unit_of_work() as session:
        found = session.get(OutboxMessage, message_id)
        session.expunge(found)  # read as it is now, kept after the session ends
        return found


def test_a_queued_letter_arrives_intact_with_its_swedish_text_and_attachment(store, smtp):
    server = smtp()
    [message_id] = queue(store, letter())

    assert send_due(store, now=T0, settings=server.settings()) == 1

    [received] = server.received
    assert received.sender == "projektberedskap@lindesberg.se"
    assert received.recipients == ["kansliet@ramsbergsif.se"]
    parsed = email.message_from_bytes(received.data, policy=default)
    assert parsed["Subject"] == "Inbjudan: Bygdekök i Ramsberg"
    assert parsed["From"] == "projektberedskap@lindesberg.se"
    assert parsed["Message-ID"] and parsed["Date"].datetime is not None  # what spam filters look for
    assert "https://projektberedskap.example.se/svar?kod=ÅÄÖ123" in parsed.get_body(("plain",)).get_content()
    [attachment] = parsed.iter_attachments()
    assert attachment.get_filename() == "inbjudan-ramsbergs-if.pdf"
    assert attachment.get_content() == LETTER
    sent = row(store, message_id)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, None)
    assert send_due(store, now=T0 + dt.timedelta(hours=2), settings=server.settings()) == 0  # never sent twice
    assert len(server.received) == 1


def test_a_refused_connection_is_retried_later_and_ends_failed_with_a_readable_error(store):
    closed = MailSettings(host="127.0.0.1", port=free_port(), security="none", sender="projektberedskap@lindesberg.se", timeout=2, max_attempts=3)
    [message_id] = queue(store, letter())

    send_due(store, now=T0, settings=closed)
    first = row(store, message_id)
    assert (first.status, first.attempts, first.next_attempt_at) == ("queued", 1, T0 + dt.timedelta(minutes=1))
    assert first.last_error.startswith("Kunde inte nå e-postservern")

    send_due(store, now=T0 + dt.timedelta(seconds=30), settings=closed)  # not due yet: untouched
    assert row(store, message_id).attempts == 1

    send_due(store, now=T0 + dt.timedelta(minutes=1), settings=closed)
    second = row(store, message_id)
    assert (second.status, second.attempts, second.next_attempt_at) == ("queued", 2, T0 + dt.timedelta(minutes=3))

    send_due(store, now=T0 + dt.timedelta(minutes=3), settings=closed)
    last = row(store, message_id)
    assert (last.status, last.attempts, last.error_key) == ("failed", 3, "mail.error.connection")
    assert "refused" in last.error_detail.lower()
    send_due(store, now=T0 + dt.timedelta(days=1), settings=closed)
    assert row(store, message_id).attempts == 3  # given up: not tried again


@pytest.mark.parametrize(
    "reply,status,attempts,error_key",
    [
        ("550 5.1.1 Mottagaren finns inte", "bounced", 1, "mail.error.recipient_refused"),
        ("451 4.3.0 Försök senare", "queued", 1, "mail.error.temporary"),
    ],
    ids=["a 5xx refusal bounces at once", "a 4xx refusal is tried again"],
)
def test_a_refused_recipient_bounces_or_waits_as_the_servers_reply_says(store, smtp, reply, status, attempts, error_key):
    server = smtp(replies={"finns.inte@ramsbergsif.se": reply})
    wrong, right = queue(store, letter(to="finns.inte@ramsbergsif.se"), letter(to="kansliet@vedevag.se"))

    assert send_due(store, now=T0, settings=server.settings()) == 1

    refused = row(store, wrong)
    assert (refused.status, refused.attempts, refused.error_key) == (status, attempts, error_key)
    assert reply.split(" ", 1)[0] in refused.last_error  # the server's own code, for whoever reads it
    assert row(store, right).status == "sent"  # one bad address does not hold up the others
    assert [r.recipients for r in server.received] == [["kansliet@vedevag.se"]]
    send_due(store, now=T0 + dt.timedelta(hours=1), settings=server.settings())
    assert row(store, wrong).attempts == (1 if status == "bounced" else 2)


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_tls_to_a_server_whose_certificate_the_ca_file_trusts_delivers(store, smtp, certificates, security):
    server = smtp(security=security)
    [message_id] = queue(store, letter())

    assert send_due(store, now=T0, settings=server.settings(ca_file=certificates.ca)) == 1

    assert row(store, message_id).status == "sent"
    assert len(server.received) == 1


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_a_certificate_no_trusted_ca_signed_is_refused_and_nothing_is_sent(store, smtp, certificates, security):
    server = smtp(security=security)
    [message_id] = queue(store, letter())

    assert send_due(store, now=T0, settings=server.settings(ca_file=certificates.other_ca)) == 0

    refused = row(store, message_id)
    assert (refused.status, refused.error_key) == ("failed", "mail.error.certificate")
    assert "certifikat" in refused.last_error
    assert server.received == []


def test_a_wrong_password_fails_with_a_readable_error_that_never_holds_the_password(store, smtp, certificates, caplog):
    server = smtp(security="starttls", login=("projektberedskap", "rätt-lösen-123"))
    queue(store, letter())
    caplog.set_level(logging.DEBUG)

    send_due(store, now=T0, settings=server.settings(ca_file=certificates.ca, user="projektberedskap", password="fel-lösen-987"))

    with store.unit_of_work() as session:
        failed = session.scalars(select(OutboxMessage)).one()
        session.expunge(failed)
    assert (failed.status, failed.error_key) == ("failed", "mail.error.login")
    assert "fel-lösen-987" not in f"{failed.last_error} {failed.error_detail} {caplog.text}"
    assert server.received == []


def test_the_right_password_over_starttls_delivers(store, smtp, certificates):
    server = smtp(security="starttls", login=("projektberedskap", "rätt-lösen-123"))
    queue(store, letter())

    assert send_due(store, now=T0, settings=server.settings(ca_file=certificates.ca, user="projektberedskap", password="rätt-lösen-123")) == 1


def test_two_servers_sending_at_once_send_each_message_exactly_once(store, smtp):
    server = smtp()
    ids = queue(store, *[letter(to=f"forening{i}@lindesberg.se") for i in range(24)])
    settings = server.settings()
    # Two stores on one database: two server processes, each with its own engine and sender.
    others = [create_store(store.engine.url.render_as_string(hide_password=False), upgrade=False) for _ in range(2)]
    start = threading.Barrier(2)
    counts: list[int] = []

    def sender(other):
        start.wait()
        total = 0
        while True:
            sent = send_due(other, now=T0, limit=3, settings=settings)
            total += sent
            if sent == 0:
                break
        counts.append(total)

    threads = [threading.Thread(target=sender, args=(other,)) for other in others]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for other in others:
        other.engine.dispose()

    recipients = sorted(r for received in server.received for r in received.recipients)
    assert recipients == sorted(f"forening{i}@lindesberg.se" for i in range(24))  # each once, none twice
    assert sum(counts) == 24
    with store.unit_of_work() as session:
        assert set(session.scalars(select(OutboxMessage.status).where(OutboxMessage.id.in_(ids)))) == {"sent"}


def test_a_message_left_sending_by_a_dead_server_is_taken_again_after_the_lease(store, smtp):
    server = smtp()
    [message_id] = queue(store, letter())
    with store.unit_of_work(write=True) as session:  # claimed by a server that then died
        session.get(OutboxMessage, message_id).status = "sending"
        session.get(OutboxMessage, message_id).claimed_at = T0
        session.get(OutboxMessage, message_id).attempts = 1
        session.commit()

    assert send_due(store, now=T0 + dt.timedelta(minutes=5), settings=server.settings()) == 0
    assert send_due(store, now=T0 + dt.timedelta(minutes=11), settings=server.settings()) == 1
    assert (row(store, message_id).status, row(store, message_id).attempts) == ("sent", 2)


def test_a_message_queued_in_a_unit_of_work_that_rolls_back_is_never_sent(store, smtp):
    server = smtp()
    with store.unit_of_work(write=True) as session:
        enqueue(session, letter(), about="invitation:1")  # no commit: the invitation failed

    assert send_due(store, now=T0, settings=server.settings()) == 0
    assert server.received == []


def test_statuses_answer_by_prefix_or_by_list_with_the_newest_message_per_about(store, smtp):
    server = smtp(replies={"fel@ramsbergsif.se": "550 nej"})
    with store.unit_of_work(write=True) as session:
        enqueue(session, letter(to="fel@ramsbergsif.se"), about="invitation:17")
        enqueue(session, letter(to="kansliet@vedevag.se"), about="invitation:18")
        enqueue(session, letter(to="ny@ramsbergsif.se"), about="invitation:17")  # sent again, to a corrected address
        enqueue(session, letter(to="x@lindesberg.se"), about="test")
        session.commit()
    send_due(store, now=T0, settings=server.settings())

    with store.unit_of_work() as session:
        by_prefix = statuses(session, "invitation:")
        by_list = statuses(session, ["invitation:18", "invitation:99"])
    assert {about: (s.recipient, s.status) for about, s in by_prefix.items()} == {
        "invitation:17": ("ny@ramsbergsif.se", "sent"),
        "invitation:18": ("kansliet@vedevag.se", "sent"),
    }
    assert list(by_list) == ["invitation:18"]


def test_a_message_without_exactly_one_recipient_is_refused_when_queued(store):
    message = letter()
    del message["To"]
    message["To"] = "a@lindesberg.se, b@lindesberg.se"
    with store.unit_of_work(write=True) as session:
        with pytest.raises(Exception) as refused:
            enqueue(session, message, about="invitation:1")
    assert refused.value.message_key == "mail.address_invalid"


def test_messages_that_ended_are_forgotten_after_ninety_days_and_waiting_ones_are_kept(store, smtp):
    server = smtp(replies={"fel@ramsbergsif.se": "550 nej"})
    sent, bounced = queue(store, letter(), letter(to="fel@ramsbergsif.se"))
    send_due(store, now=T0, settings=server.settings())
    [waiting] = queue(store, letter(to="ny@vedevag.se"), about="reminder:")
    down = server.settings(port=free_port())

    send_due(store, now=T0 + dt.timedelta(days=89), settings=down)  # the server is down that day
    assert (row(store, sent).status, row(store, bounced).status, row(store, waiting).status) == ("sent", "bounced", "queued")

    send_due(store, now=T0 + dt.timedelta(days=91), settings=down)
    with store.unit_of_work() as session:
        assert session.scalars(select(OutboxMessage.id)).all() == [waiting]  # still waiting for its server


def test_starttls_asked_of_a_server_that_offers_none_fails_at_once_naming_the_setting(store, smtp):
    server = smtp(security="none")
    [message_id] = queue(store, letter())

    send_due(store, now=T0, settings=server.settings(security="starttls"))

    refused = row(store, message_id)
    assert (refused.status, refused.attempts, refused.error_key) == ("failed", 1, "mail.error.tls_unsupported")
    assert "PROJEKTBEREDSKAP_SMTP_SECURITY" in refused.last_error
    assert server.received == []  # nothing went in the clear
