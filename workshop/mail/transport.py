"""One message to the SMTP server, and what came of it in words a coordinator can read.

:func:`deliver` never raises for a failure of the server or the network: it returns an
:class:`Outcome` that says whether the message went, whether trying again later can help
(a refused connection, a time-out, a 4xx reply) or not (a 5xx reply; a certificate that
cannot be verified), and whether the recipient's address was refused (a bounce).
"""

from __future__ import annotations

import base64
import functools
import smtplib
import socket
import ssl
from dataclasses import dataclass

from .settings import MailSettings

__all__ = ["SENT", "RETRY", "BOUNCED", "FAILED", "Outcome", "deliver", "local_name", "tls_context"]

SENT, RETRY, BOUNCED, FAILED = "sent", "retry", "bounced", "failed"
DETAIL_MAX = 300


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: ``kind`` is SENT, RETRY, BOUNCED or FAILED; ``error_key``
    a catalog key (``mail.error.*``) and ``detail`` the server's or system's own words."""

    kind: str
    error_key: str | None = None
    detail: str = ""


def tls_context(settings: MailSettings) -> ssl.SSLContext:
    """Certificates verified and the host name checked, always; ``ca_file`` replaces the system's CAs.

    Made once per CA file and process: loading the system's CAs takes a sixth of a second.
    """
    return _context(str(settings.ca_file) if settings.ca_file else None)


@functools.lru_cache(maxsize=8)
def _context(ca_file: str | None) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_file)


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}".strip()[:DETAIL_MAX]


def _by_code(code: int, detail: str, permanent_key: str) -> Outcome:
    if 400 <= code < 500:
        return Outcome(RETRY, "mail.error.temporary", detail)
    return Outcome(FAILED, permanent_key, detail)


def _log_in(client: smtplib.SMTP, user: str, password: str) -> None:
    if (user + password).isascii():
        client.login(user, password)
        return
    # smtplib encodes credentials as ASCII; a Swedish password ("lösen") needs AUTH PLAIN
    # in UTF-8 as RFC 4616 defines it.
    if not client.has_extn("auth") or "PLAIN" not in client.esmtp_features["auth"].upper().split():
        raise smtplib.SMTPAuthenticationError(535, b"AUTH PLAIN saknas: anv\xc3\xa4ndarnamn eller l\xc3\xb6senord med tecken utanf\xc3\xb6r ASCII")
    token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8")).decode("ascii")
    code, reply = client.docmd("AUTH", "PLAIN " + token)
    if code not in (235, 503):  # 503: already authenticated
        raise smtplib.SMTPAuthenticationError(code, reply)


@functools.cache
def local_name() -> str:
    """This machine's name, for EHLO and Message-IDs; smtplib would look it up (a DNS round trip) on every connection."""
    return socket.getfqdn()


def _send(settings: MailSettings, recipient: str, raw: bytes) -> None:
    context = tls_context(settings) if settings.security != "none" else None
    if settings.security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, local_hostname=local_name(), timeout=settings.timeout, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, local_hostname=local_name(), timeout=settings.timeout)
    with client:
        client.ehlo()
        if settings.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if settings.user:
            _log_in(client, settings.user, settings.password or "")
        client.sendmail(settings.sender, [recipient], raw)


def deliver(settings: MailSettings, recipient: str, raw: bytes) -> Outcome:
    """Send ``raw`` (a whole RFC 5322 message) to ``recipient``; never raises for a server's or network's failure.

    Examples
    --------
    A closed port: the connection is refused, so the message is to be tried again later.

    >>> import socket
    >>> with socket.socket() as probe:
    ...     probe.bind(("127.0.0.1", 0)); port = probe.getsockname()[1]
    >>> settings = MailSettings(host="127.0.0.1", port=port, security="none", sender="a@example.se", timeout=2)
    >>> deliver(settings, "b@example.se", b"Subject: x\\r\\n\\r\\nx").kind
    'retry'
    """
    try:
        _send(settings, recipient, raw)
    except smtplib.SMTPRecipientsRefused as error:
        code, message = next(iter(error.recipients.values()))
        detail = _reply(code, message)
        if 400 <= code < 500:
            return Outcome(RETRY, "mail.error.temporary", detail)
        return Outcome(BOUNCED, "mail.error.recipient_refused", detail)
    except smtplib.SMTPAuthenticationError as error:
        return _by_code(error.smtp_code, _reply(error.smtp_code, error.smtp_error), "mail.error.login")
    except smtplib.SMTPNotSupportedError as error:  # the server offers no STARTTLS: settings, not luck
        return Outcome(FAILED, "mail.error.tls_unsupported", str(error)[:DETAIL_MAX])
    except smtplib.SMTPResponseException as error:  # sender refused, data refused, any other reply
        return _by_code(error.smtp_code, _reply(error.smtp_code, error.smtp_error), "mail.error.rejected")
    except ssl.SSLCertVerificationError as error:
        # Trying the same server again cannot help: the CA file or the host name must change.
        return Outcome(FAILED, "mail.error.certificate", (error.verify_message or str(error))[:DETAIL_MAX])
    except ssl.SSLError as error:
        return Outcome(RETRY, "mail.error.tls", str(error)[:DETAIL_MAX])
    except (socket.timeout, TimeoutError) as error:
        return Outcome(RETRY, "mail.error.timeout", str(error)[:DETAIL_MAX])
    except (smtplib.SMTPException, OSError) as error:  # refused, unreachable, disconnected, unknown host
        return Outcome(RETRY, "mail.error.connection", (str(error) or type(error).__name__)[:DETAIL_MAX])
    return Outcome(SENT)
