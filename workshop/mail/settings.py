"""The SMTP settings, read from the environment like every other setting of the app.

Nothing is configured until ``PROJEKTBEREDSKAP_SMTP_HOST`` is set: then the app keeps its
letters as files only (the outbox still takes messages, and sends them once a host is set
and the server restarts). The password is kept out of every ``repr``, log line and page.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidInput

__all__ = [
    "SECURITIES",
    "VARIABLES",
    "MailSettings",
    "MailSettingsInvalid",
    "mail_settings",
]

# The variables and their help, in the order the README's config table lists them.
VARIABLES: dict[str, str] = {
    "PROJEKTBEREDSKAP_SMTP_HOST": "the municipality's SMTP server; unset: no e-mail is sent",
    "PROJEKTBEREDSKAP_SMTP_PORT": "its port",
    "PROJEKTBEREDSKAP_SMTP_SECURITY": "starttls, tls (implicit TLS) or none",
    "PROJEKTBEREDSKAP_SMTP_USER": "the user name to log in with; unset: no login",
    "PROJEKTBEREDSKAP_SMTP_PASSWORD": "its password (never logged, never shown)",
    "PROJEKTBEREDSKAP_SMTP_CA_FILE": "a PEM file of the certificate authorities to trust",
    "PROJEKTBEREDSKAP_MAIL_FROM": "the sender address of every message",
    "PROJEKTBEREDSKAP_SMTP_MAX_ATTEMPTS": "attempts before a message is marked failed",
}
SECURITIES = ("starttls", "tls", "none")
_DEFAULT_PORT = {"starttls": 587, "tls": 465, "none": 25}


class MailSettingsInvalid(InvalidInput):
    """A setting has a value the app cannot use (the coordinator's page names which)."""

    message_key = "mail.settings_invalid"


@dataclass(frozen=True)
class MailSettings:
    """How to reach the SMTP server. ``password`` never appears in ``repr``.

    >>> MailSettings(host="smtp.lindesberg.se", sender="noreply@lindesberg.se", password="hemligt")
    MailSettings(host='smtp.lindesberg.se', port=587, security='starttls', user=None, sender='noreply@lindesberg.se', ca_file=None, max_attempts=5, timeout=30.0)
    """

    host: str
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = ""
    ca_file: Path | None = None
    max_attempts: int = 5
    timeout: float = 30.0


def _int(environ: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = (environ.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise MailSettingsInvalid(variable=name, value=raw)
    return int(raw)


def mail_settings(environ: Mapping[str, str] | None = None) -> MailSettings | None:
    """The settings in ``environ`` (default ``os.environ``), or ``None`` when no host is set.

    Raises
    ------
    MailSettingsInvalid
        A port or number that is no number, an unknown security, a missing sender, a CA
        file that does not exist. The error names the variable, never a password.

    Examples
    --------
    >>> mail_settings({}) is None
    True
    >>> mail_settings({"PROJEKTBEREDSKAP_SMTP_HOST": "smtp.example.se", "PROJEKTBEREDSKAP_SMTP_SECURITY": "tls",
    ...                "PROJEKTBEREDSKAP_MAIL_FROM": "a@example.se"}).port
    465
    """
    environ = os.environ if environ is None else environ
    host = (environ.get("PROJEKTBEREDSKAP_SMTP_HOST") or "").strip()
    if not host:
        return None
    security = (environ.get("PROJEKTBEREDSKAP_SMTP_SECURITY") or "starttls").strip().lower()
    if security not in SECURITIES:
        raise MailSettingsInvalid(variable="PROJEKTBEREDSKAP_SMTP_SECURITY", value=security)
    sender = (environ.get("PROJEKTBEREDSKAP_MAIL_FROM") or "").strip()
    if not sender or "@" not in sender or any(c in sender for c in "\r\n"):
        raise MailSettingsInvalid(variable="PROJEKTBEREDSKAP_MAIL_FROM", value=sender)
    ca_raw = (environ.get("PROJEKTBEREDSKAP_SMTP_CA_FILE") or "").strip()
    ca_file = Path(ca_raw) if ca_raw else None
    if ca_file is not None and not ca_file.is_file():
        raise MailSettingsInvalid(variable="PROJEKTBEREDSKAP_SMTP_CA_FILE", value=ca_raw)
    return MailSettings(
        host=host,
        port=_int(environ, "PROJEKTBEREDSKAP_SMTP_PORT", _DEFAULT_PORT[security], 1, 65535),
        security=security,
        user=(environ.get("PROJEKTBEREDSKAP_SMTP_USER") or "").strip() or None,
        password=environ.get("PROJEKTBEREDSKAP_SMTP_PASSWORD") or None,
        sender=sender,
        ca_file=ca_file,
        max_attempts=_int(environ, "PROJEKTBEREDSKAP_SMTP_MAX_ATTEMPTS", 5, 1, 50),
    )
