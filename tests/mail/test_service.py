"""The settings, the coordinator's test message and retry, and the sender thread."""

from __future__ import annotations

import datetime as dt
import time
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from tests.factories import coordinator_token
from workshop.errors import InvalidInput, NotAllowed, NotSignedIn
from workshop.mail import enqueue, send_due
from workshop.mail.sender import MailSender
from workshop.mail.service import MailNotConfigured, NotRetryable, mail_setup, messages, retry, send_test_message
from workshop.mail.settings import MailSettingsInvalid, mail_settings
from workshop.models import AuditEvent, utcnow

SMTP = {"PROJEKTBEREDSKAP_SMTP_HOST": "smtp.lindesberg.se", "PROJEKTBEREDSKAP_MAIL_FROM": "projektberedskap@lindesberg.se"}


@pytest.mark.parametrize(
    "extra,expected",
    [
        ({}, ("smtp.lindesberg.se", 587, "starttls", None)),
        ({"PROJEKTBEREDSKAP_SMTP_SECURITY": "tls"}, ("smtp.lindesberg.se", 465, "tls", None)),
        ({"PROJEKTBEREDSKAP_SMTP_SECURITY": "NONE", "PROJEKTBEREDSKAP_SMTP_PORT": "2525"}, ("smtp.lindesberg.se", 2525, "none", None)),
        ({"PROJEKTBEREDSKAP_SMTP_USER": "pb", "PROJEKTBEREDSKAP_SMTP_PASSWORD": "hemligt"}, ("smtp.lindesberg.se", 587, "starttls", "pb")),
    ],
)
def test_the_settings_are_read_with_the_port_following_the_security(extra, expected):
    settings = mail_settings({**SMTP, **extra})
    assert (settings.host, settings.port, settings.security, settings.user) == expected
    assert "hemligt" not in repr(settings)


@pytest.mark.parametrize(
    "extra,variable",
    [
        ({"PROJEKTBEREDSKAP_SMTP_PORT": "tjugofem"}, "PROJEKTBEREDSKAP_SMTP_PORT"),
        ({"PROJEKTBEREDSKAP_SMTP_PORT": "70000"}, "PROJEKTBEREDSKAP_SMTP_PORT"),
        ({"PROJEKTBEREDSKAP_SMTP_SECURITY": "ssl3"}, "PROJEKTBEREDSKAP_SMTP_SECURITY"),
        ({"PROJEKTBEREDSKAP_MAIL_FROM": ""}, "PROJEKTBEREDSKAP_MAIL_FROM"),
        ({"PROJEKTBEREDSKAP_SMTP_CA_FILE": "/finns/inte.pem"}, "PROJEKTBEREDSKAP_SMTP_CA_FILE"),
    ],
)
def test_a_setting_the_app_cannot_use_is_named_and_nothing_is_configured(extra, variable):
    with pytest.raises(MailSettingsInvalid) as refused:
        mail_settings({**SMTP, **extra})
    assert refused.value.params["variable"] == variable


def test_no_host_means_not_configured_and_the_page_says_so(monkeypatch):
    monkeypatch.delenv("PROJEKTBEREDSKAP_SMTP_HOST", raising=False)
    assert mail_settings({}) is None
    assert mail_setup().configured is False


def test_a_test_message_is_queued_audited_and_then_sent(store, smtp, monkeypatch):
    server = smtp()
    monkeypatch.setenv("PROJEKTBEREDSKAP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PROJEKTBEREDSKAP_SMTP_PORT", str(server.port))
    monkeypatch.setenv("PROJEKTBEREDSKAP_SMTP_SECURITY", "none")
    monkeypatch.setenv("PROJEKTBEREDSKAP_MAIL_FROM", "projektberedskap@lindesberg.se")
    token = coordinator_token(store)

    message_id = send_test_message(store, token, "  samordnare@lindesberg.se ")

    [queued] = messages(store, token)
    assert (queued.id, queued.recipient, queued.status, queued.about) == (message_id, "samordnare@lindesberg.se", "queued", "test")
    with store.unit_of_work() as session:
        assert session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()[-1] == "mail.test"
    assert send_due(store) == 1
    assert "Testmejl" in server.received[0].data.decode()
    assert messages(store, token)[0].status == "sent"


@pytest.mark.parametrize(
    "address,key",
    [("", "mail.address_missing"), ("samordnare", "mail.address_invalid"), ("a@b", "mail.address_invalid"),
     ("a@lindesberg.se\r\nBcc: alla@lindesberg.se", "mail.address_invalid"), ("två ord@lindesberg.se", "mail.address_invalid")],
)
def test_a_wrong_test_address_gets_a_swedish_message_at_the_field_and_nothing_is_queued(store, address, key, monkeypatch):
    monkeypatch.setenv("PROJEKTBEREDSKAP_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PROJEKTBEREDSKAP_MAIL_FROM", "projektberedskap@lindesberg.se")
    token = coordinator_token(store)
    with pytest.raises(InvalidInput) as refused:
        send_test_message(store, token, address)
    assert (refused.value.message_key, refused.value.field) == (key, "mail_address")
    assert messages(store, token) == []


def test_without_an_smtp_server_the_test_message_is_refused_at_the_field(store, monkeypatch):
    monkeypatch.delenv("PROJEKTBEREDSKAP_SMTP_HOST", raising=False)
    token = coordinator_token(store)
    with pytest.raises(MailNotConfigured) as refused:
        send_test_message(store, token, "samordnare@lindesberg.se")
    assert refused.value.field == "mail_address"
    assert messages(store, token) == []


def test_only_a_coordinator_sees_the_outbox(store):
    with pytest.raises((NotSignedIn, NotAllowed)):
        messages(store, "ingen-nyckel")


def _letter(to: str) -> EmailMessage:
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = "Inbjudan"
    message.set_content("Hej!")
    return message


def test_a_failed_message_can_be_tried_again_with_all_its_attempts_but_a_bounced_one_cannot(store, smtp):
    server = smtp(replies={"fel@ramsbergsif.se": "550 finns inte"})
    token = coordinator_token(store)
    t0 = utcnow() + dt.timedelta(hours=1)  # what was queued is due
    with store.unit_of_work(write=True) as session:
        failing = enqueue(session, _letter("kansliet@ramsbergsif.se"), about="invitation:1")
        session.commit()
    send_due(store, now=t0, settings=server.settings(port=1, max_attempts=1))  # the server was down: failed after its one attempt
    with store.unit_of_work(write=True) as session:
        bouncing = enqueue(session, _letter("fel@ramsbergsif.se"), about="invitation:2")
        session.commit()
    send_due(store, now=t0, settings=server.settings())
    assert {m.id: m.status for m in messages(store, token)} == {failing: "failed", bouncing: "bounced"}

    again = retry(store, token, failing)
    assert (again.status, again.attempts) == ("queued", 0)
    with pytest.raises(NotRetryable):
        retry(store, token, bouncing)
    assert send_due(store, settings=server.settings()) == 1
    assert [r.recipients for r in server.received] == [["kansliet@ramsbergsif.se"]]


def test_the_sender_thread_sends_what_is_queued_when_woken(store, smtp):
    server = smtp()
    sender = MailSender(store, lambda: server.settings(), interval=600)
    sender.start()
    try:
        with store.unit_of_work(write=True) as session:
            enqueue(session, _letter("kansliet@vedevag.se"), about="invitation:5")
            session.commit()
        sender.wake()
        deadline = time.monotonic() + 20
        while not server.received and time.monotonic() < deadline:
            time.sleep(0.05)  # polling for the condition, bounded by the deadline
    finally:
        sender.stop()
    assert [r.recipients for r in server.received] == [["kansliet@vedevag.se"]]
    assert not sender.running


def test_every_mail_setting_is_in_the_readme_config_table_and_the_deployment_guide():
    from pathlib import Path

    from workshop.mail.settings import VARIABLES

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    guide = (root / "docs" / "deployment.md").read_text(encoding="utf-8")
    missing = [name for name in VARIABLES if f"| `{name}` |" not in readme or f"| `{name}` |" not in guide]
    assert missing == []
