"""The coordinator's "E-post" tab through AppTest: the setup, a test message, the outbox and retry."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage

from tests.factories import coordinator_token
from tests.pages.conftest import errors, open_app, open_tab, texts, widget
from workshop.mail import enqueue, send_due
from workshop.mail.service import messages
from workshop.mail.settings import MailSettings
from workshop.models import utcnow

SMTP_ENV = {
    "PROJEKTBEREDSKAP_SMTP_HOST": "127.0.0.1",
    "PROJEKTBEREDSKAP_SMTP_SECURITY": "none",
    "PROJEKTBEREDSKAP_SMTP_PORT": "1",  # never reached here: the page only queues
    "PROJEKTBEREDSKAP_MAIL_FROM": "projektberedskap@lindesberg.se",
    "PROJEKTBEREDSKAP_SMTP_PASSWORD": "hemligt-lösen",
}


def test_without_smtp_the_tab_says_so_and_the_test_message_is_refused_at_the_address(app_store, monkeypatch):
    for name in SMTP_ENV:
        monkeypatch.delenv(name, raising=False)
    at = open_tab(open_app("pages/coordinator.py", coordinator=coordinator_token(app_store)), "E-post")

    assert "Ingen SMTP-server är inställd" in texts(at)
    at.text_input(key="mail_test_address").input("samordnare@lindesberg.se")
    widget(at.button, "Skicka testmejl").click().run()

    assert errors(at) == ["E-postadress: Ingen SMTP-server är inställd, så inget kan skickas med e-post."]


def test_with_smtp_the_tab_shows_the_server_never_the_password_and_queues_a_test(app_store, monkeypatch):
    for name, value in SMTP_ENV.items():
        monkeypatch.setenv(name, value)
    started = []  # the app starts its sender with the store; here it is only counted, so the queue stays still
    monkeypatch.setattr("ui.store.start_sender", started.append)
    token = coordinator_token(app_store)
    at = open_tab(open_app("pages/coordinator.py", coordinator=token), "E-post")

    assert "E-post skickas genom 127.0.0.1:1 (utan kryptering) med avsändaren projektberedskap@lindesberg.se." in texts(at)
    assert "hemligt-lösen" not in texts(at)
    assert len(started) == 1
    at.text_input(key="mail_test_address").input("samordnare@")
    widget(at.button, "Skicka testmejl").click().run()
    assert errors(at) == ["E-postadress: Det ser inte ut som en e-postadress. Skriv den som namn@exempel.se."]

    at.text_input(key="mail_test_address").input("samordnare@lindesberg.se")
    widget(at.button, "Skicka testmejl").click().run()

    assert not at.exception
    assert "Testmejlet till samordnare@lindesberg.se ligger i kön" in texts(at)
    assert [(m.recipient, m.status) for m in messages(app_store, token)] == [("samordnare@lindesberg.se", "queued")]
    table = at.dataframe[0].value
    assert list(table["Status"]) == ["Väntar"]


def test_a_failed_message_shows_its_swedish_error_and_is_queued_again_by_forsok_igen(app_store, monkeypatch):
    for name in SMTP_ENV:
        monkeypatch.delenv(name, raising=False)
    token = coordinator_token(app_store)
    message = EmailMessage()
    message["To"] = "kansliet@ramsbergsif.se"
    message["Subject"] = "Inbjudan: Bygdekök"
    message.set_content("Hej!")
    with app_store.unit_of_work(write=True) as session:
        message_id = enqueue(session, message, about="invitation:1")
        session.commit()
    down = MailSettings(host="127.0.0.1", port=1, security="none", sender="projektberedskap@lindesberg.se", timeout=2, max_attempts=1)
    send_due(app_store, now=utcnow() + dt.timedelta(hours=1), settings=down)

    at = open_tab(open_app("pages/coordinator.py", coordinator=token), "E-post")
    table = at.dataframe[0].value
    assert list(table["Status"]) == ["Misslyckades"]
    assert table["Senaste fel"][0].startswith("Kunde inte nå e-postservern")
    at.selectbox(key="mail_retry_pick").set_value(message_id).run()
    widget(at.button, "Försök igen").click().run()

    assert not at.exception
    assert "Brevet till kansliet@ramsbergsif.se ligger i kön igen." in texts(at)
    assert list(at.dataframe[0].value["Status"]) == ["Väntar"]
