"""The outbox: features queue messages in their own unit of work; a sender claims and sends them.

A message is queued with :func:`enqueue` inside the caller's transaction, so an invitation
and its e-mail are kept or rolled back together. :func:`send_due` claims the messages that
are due, sends each outside any transaction, and records what came of it. Claiming is what
keeps two servers from sending one message twice: on PostgreSQL the due rows are locked
with ``FOR UPDATE SKIP LOCKED`` (a second server skips them and takes others); on SQLite,
which has one writer at a time, a conditional update (``status = 'queued'``) claims a row
only if nobody else did.

Temporary failures (refused connection, time-out, 4xx) are tried again after 1, 2, 4 …
minutes (at most an hour) until ``max_attempts`` attempts are used; then the message is
failed. A refused recipient (5xx to RCPT) is bounced at once, other 5xx replies fail at once.
A message left in ``sending`` by a server that died is taken again after :data:`LEASE`.
A message that ended (sent, failed, bounced) is deleted :data:`KEEP` after it ended.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput
from ..i18n import translate
from ..models import OutboxMessage, utcnow
from .settings import MailSettings, mail_settings
from .transport import BOUNCED, FAILED, RETRY, SENT, Outcome, deliver, local_name

__all__ = [
    "QUEUED",
    "SENDING",
    "STATUSES",
    "LEASE",
    "KEEP",
    "ABOUT_MAX",
    "DeliveryStatus",
    "enqueue",
    "statuses",
    "send_due",
    "backoff",
    "status_of",
    "forget_recipients",
]

QUEUED, SENDING = "queued", "sending"
STATUSES = (QUEUED, SENDING, SENT, "failed", "bounced")
KEEP = dt.timedelta(days=90)  # how long an ended message stays in the outbox
LEASE = dt.timedelta(minutes=10)  # longer than any one delivery can take (the time-out is 30 s)
FIRST_RETRY = dt.timedelta(minutes=1)
LAST_RETRY = dt.timedelta(hours=1)
ABOUT_MAX = 120

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryStatus:
    """Where one message stands, for the feature that queued it and for the status table."""

    id: int
    about: str
    recipient: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: dt.datetime | None
    error_key: str | None
    error_detail: str | None
    created_at: dt.datetime
    sent_at: dt.datetime | None


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failed attempt: 1, 2, 4 … minutes, at most an hour.

    >>> [int(backoff(n).total_seconds() // 60) for n in (1, 2, 3, 7, 8, 20)]
    [1, 2, 4, 60, 60, 60]
    """
    return min(FIRST_RETRY * 2 ** (max(attempts, 1) - 1), LAST_RETRY)


def _single_line(value: object, field: str) -> str:
    text = "" if value is None else str(value)
    if any(c in text for c in "\r\n\0"):
        raise InvalidInput("mail.address_invalid", field=field)
    return text


def enqueue(session: Session, message: EmailMessage, *, about: str) -> int:
    """Queue ``message`` in the caller's unit of work (it is sent after the caller commits); returns its id.

    The recipient is the message's ``To`` (one address). ``From`` is set by the sender from
    the settings when the message has none; ``Date`` and ``Message-ID`` are added here when
    missing (the message is changed in place).

    Raises
    ------
    InvalidInput
        The message has no single recipient, or ``about`` is empty or too long.
    """
    about = _single_line(about, "about").strip()
    if not about or len(about) > ABOUT_MAX:
        raise InvalidInput("mail.about_invalid", field="about")
    recipients = message.get_all("To") or []
    addresses = [address for header in recipients for address in getattr(header, "addresses", ())]
    if len(addresses) != 1 or not addresses[0].addr_spec or "@" not in addresses[0].addr_spec:
        raise InvalidInput("mail.address_invalid", field="mail_address")
    # Servers and spam filters expect both; made once, so a retry is the same message.
    if message["Date"] is None:
        message["Date"] = formatdate(localtime=False)
    if message["Message-ID"] is None:
        message["Message-ID"] = make_msgid(domain=local_name())
    row = OutboxMessage(
        recipient=addresses[0].addr_spec,
        subject=str(message.get("Subject", ""))[:400],
        raw=message.as_bytes(policy=SMTP),
        about=about,
        status=QUEUED,
        attempts=0,
        next_attempt_at=utcnow(),
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row.id


def forget_recipients(session: Session, addresses: Iterable[str | None]) -> int:
    """Delete every message to these addresses, in the caller's unit of work; returns how many.

    For a person erased or withdrawing their consent (:mod:`workshop.privacy.erasure`): a message
    not sent yet must not go to an address that may no longer be used, and a sent one holds the
    address and the text, which are theirs. Addresses match whatever their case. A message a
    sender holds at this moment may still go out; its result is then recorded nowhere.
    """
    wanted = sorted({a.strip().casefold() for a in addresses if a and a.strip()})
    if not wanted:
        return 0
    return session.execute(
        delete(OutboxMessage).where(func.lower(OutboxMessage.recipient).in_(wanted)).execution_options(synchronize_session=False)
    ).rowcount or 0


def status_of(row: OutboxMessage) -> DeliveryStatus:
    """The plain record of one outbox row."""
    return DeliveryStatus(
        id=row.id,
        about=row.about,
        recipient=row.recipient,
        subject=row.subject,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at if row.status == QUEUED else None,
        error_key=row.error_key,
        error_detail=row.error_detail,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )


def statuses(session: Session, about: str | Iterable[str]) -> dict[str, DeliveryStatus]:
    """The newest message's status per ``about``: a prefix ("invitation:") or a list of exact values.

    A feature that sent one thing twice (a reminder) sees the newest; :func:`messages`
    in :mod:`workshop.mail.service` lists them all.
    """
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if isinstance(about, str):
        escaped = about.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(OutboxMessage.about.like(escaped + "%", escape="\\"))
    else:
        wanted = list(about)
        if not wanted:
            return {}
        query = query.where(OutboxMessage.about.in_(wanted))
    return {row.about: status_of(row) for row in session.scalars(query)}


def _claim(store: Store, now: dt.datetime, limit: int) -> list[tuple[int, str, bytes, int]]:
    """Take up to ``limit`` due messages for this sender; each attempt is counted as it is claimed."""
    due = or_(
        (OutboxMessage.status == QUEUED) & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.status == SENDING) & (OutboxMessage.claimed_at <= now - LEASE),
    )
    claimed = []
    with store.unit_of_work(write=True) as session:
        rows = session.execute(
            select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.claimed_at)
            .where(due)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)  # PostgreSQL: another sender skips these rows
        ).all()
        for message_id, status, claimed_at in rows:
            # SQLite ignores FOR UPDATE: the update claims the row only if it is as we read it.
            taken = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.status == status)
                .where(OutboxMessage.claimed_at.is_(None) if claimed_at is None else OutboxMessage.claimed_at == claimed_at)
                .values(status=SENDING, claimed_at=now, attempts=OutboxMessage.attempts + 1)
            ).rowcount
            if taken == 1:
                row = session.get(OutboxMessage, message_id)
                claimed.append((row.id, row.recipient, row.raw, row.attempts))
        session.commit()
    return claimed


def _summary(outcome: Outcome) -> str:
    return translate("sv", outcome.error_key or "mail.error.connection", detail=outcome.detail)


def _record(store: Store, message_id: int, attempts: int, outcome: Outcome, settings: MailSettings, now: dt.datetime) -> None:
    values: dict = {"claimed_at": None}
    if outcome.kind == SENT:
        values.update(status=SENT, sent_at=now, last_error=None, error_key=None, error_detail=None)
    else:
        values.update(last_error=_summary(outcome), error_key=outcome.error_key, error_detail=outcome.detail)
        if outcome.kind == RETRY and attempts < settings.max_attempts:
            values.update(status=QUEUED, next_attempt_at=now + backoff(attempts))
        elif outcome.kind == BOUNCED:
            values.update(status=BOUNCED, next_attempt_at=now)  # no next attempt: the column keeps when it ended
        else:
            values.update(status=FAILED, next_attempt_at=now)
    with store.unit_of_work(write=True) as session:
        # Only while it is still ours: a lease taken over by another sender is theirs to record.
        session.execute(
            update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.status == SENDING, OutboxMessage.claimed_at == now).values(**values)
        )
        session.commit()


def _prune(store: Store, now: dt.datetime) -> None:
    """Forget messages that ended more than :data:`KEEP` ago: their addresses and text are
    personal data the outbox no longer needs (the feature keeps its own record)."""
    with store.unit_of_work(write=True) as session:
        session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.status.in_((SENT, FAILED, BOUNCED)),
                func.coalesce(OutboxMessage.sent_at, OutboxMessage.next_attempt_at) < now - KEEP,
            )
        )
        session.commit()


def _with_sender(raw: bytes, settings: MailSettings) -> bytes:
    if b"\nFrom:" in b"\n" + raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n", b"\n"):
        return raw
    return f"From: {settings.sender}\r\n".encode("ascii") + raw


def send_due(store: Store, *, now: dt.datetime | None = None, limit: int = 10, settings: MailSettings | None = None) -> int:
    """Claim and send the messages due at ``now`` (default: the clock); returns how many were sent.

    ``settings`` default to :func:`~workshop.mail.settings.mail_settings`; with no SMTP
    server configured nothing is claimed and 0 is returned. Failures are recorded on
    their messages, never raised.
    """
    settings = settings or mail_settings()
    if settings is None:
        return 0
    now = now or utcnow()
    _prune(store, now)
    sent = 0
    for message_id, recipient, raw, attempts in _claim(store, now, limit):
        try:
            outcome = deliver(settings, recipient, _with_sender(raw, settings))
        except Exception as error:  # a bug must not leave the message "sending" for ever
            log.exception("mail to outbox row %s: unexpected failure", message_id)
            outcome = Outcome(FAILED, "mail.error.rejected", type(error).__name__)
        if outcome.kind != SENT:
            # The server's words and a code, never the password (smtplib never echoes it).
            log.info("mail %s to outbox row %s: %s %s", outcome.kind, message_id, outcome.error_key, outcome.detail)
        _record(store, message_id, attempts, outcome, settings, now)
        sent += outcome.kind == SENT
    return sent
