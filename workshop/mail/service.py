"""What the coordinator does with e-mail: see whether it is set up, send a test, look at the
outbox, and try a failed message again. Every write asks the roles table (``mail`` rows)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select

from ..db import Store
from ..errors import InvalidInput, NotFound, ServiceError
from ..i18n import translate
from ..models import OutboxMessage, utcnow
from ..services.access import authorise, record_audit, require_coordinator
from ..services.rows import is_row_id
from .outbox import ABOUT_MAX, QUEUED, DeliveryStatus, enqueue, status_of
from .sender import wake_sender
from .settings import MailSettingsInvalid, mail_settings

__all__ = ["MailSetup", "MailNotConfigured", "NotRetryable", "TEST_ABOUT", "mail_setup", "send_test_message", "messages", "retry"]

TEST_ABOUT = "test"
ADDRESS_MAX = 254
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@[^@\s.<>(),;:\"\[\]\\]+(\.[^@\s.<>(),;:\"\[\]\\]+)+$")


class MailNotConfigured(ServiceError):
    """No SMTP server is set: nothing can be sent by e-mail (letters are still files)."""

    message_key = "mail.not_configured"


class NotRetryable(ServiceError):
    """Only a failed message can be tried again (a bounced address is wrong, not unlucky)."""

    message_key = "mail.not_retryable"


@dataclass(frozen=True)
class MailSetup:
    """What the coordinator's page says about e-mail: never the password."""

    configured: bool
    host: str = ""
    port: int = 0
    security: str = ""
    sender: str = ""
    user: str = ""
    problem: str = ""  # the variable whose value cannot be used


def mail_setup() -> MailSetup:
    """Whether SMTP is configured, as the environment says."""
    try:
        settings = mail_settings()
    except MailSettingsInvalid as error:
        return MailSetup(configured=False, problem=str(error.params.get("variable", "")))
    if settings is None:
        return MailSetup(configured=False)
    return MailSetup(True, settings.host, settings.port, settings.security, settings.sender, settings.user or "")


def clean_address(value: Any, field: str = "mail_address") -> str:
    """An e-mail address as typed, trimmed; a clear error at the field otherwise.

    >>> clean_address("  anna@ramsberg.se ")
    'anna@ramsberg.se'
    >>> clean_address("anna@ramsberg")
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: mail.address_invalid mail_address
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("mail.address_missing", field=field)
    address = value.strip()
    if len(address) > ADDRESS_MAX or not _ADDRESS.match(address):
        raise InvalidInput("mail.address_invalid", field=field)
    return address


def send_test_message(store: Store, coordinator_token: Any, address: Any) -> int:
    """Queue a short Swedish test message to ``address`` and wake the sender; returns its outbox id.

    Raises
    ------
    NotSignedIn, NotAllowed
        Not a coordinator's token.
    InvalidInput
        The address is empty or no address (field ``mail_address``).
    MailNotConfigured
        No SMTP server is set (field ``mail_address``).
    """
    address = clean_address(address)
    setup = mail_setup()
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "mail", "test")
        if not setup.configured:
            raise MailNotConfigured(field="mail_address")
        message = EmailMessage()
        message["To"] = address
        message["Subject"] = translate("sv", "mail.test_subject")
        message.set_content(translate("sv", "mail.test_body", name=actor.name, host=setup.host))
        message_id = enqueue(session, message, about=TEST_ABOUT)
        record_audit(session, actor, "mail.test", subject_type="mail", subject_id=message_id, subject_label=address)
        session.commit()
    wake_sender(store)
    return message_id


def messages(store: Store, coordinator_token: Any, about: str = "", *, limit: int = 200) -> list[DeliveryStatus]:
    """The newest messages whose ``about`` starts with ``about`` (all when empty), newest first."""
    if not isinstance(about, str) or len(about) > ABOUT_MAX:
        raise InvalidInput("mail.about_invalid", field="about")
    with store.unit_of_work() as session:
        require_coordinator(session, coordinator_token)
        query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
        if about:
            escaped = about.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(OutboxMessage.about.like(escaped + "%", escape="\\"))
        return [status_of(row) for row in session.scalars(query)]


def retry(store: Store, coordinator_token: Any, message_id: Any) -> DeliveryStatus:
    """Queue a failed message again, with all its attempts, due now.

    Raises
    ------
    NotFound
        No such message.
    NotRetryable
        The message is not failed (sent, on its way, or bounced: a wrong address).
    """
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "mail", "retry")
        row = session.get(OutboxMessage, message_id) if is_row_id(message_id) else None
        if row is None:
            raise NotFound()
        if row.status != "failed":
            raise NotRetryable()
        row.status, row.attempts, row.next_attempt_at, row.claimed_at = QUEUED, 0, utcnow(), None
        record_audit(session, actor, "mail.retry", subject_type="mail", subject_id=row.id, subject_label=row.recipient, detail={"about": row.about})
        session.flush()
        status = status_of(row)
        session.commit()
    wake_sender(store)
    return status
