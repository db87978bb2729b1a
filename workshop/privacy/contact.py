"""Contact details (e-mail, phone): optional, and kept only with the person's explicit consent."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InvalidInput
from ..lengths import PHONE_MAX, SHORT_MAX
from ..validation import clean_text

__all__ = ["Contact", "clean_contact"]

# One @, something on both sides, a dot in the domain, no spaces: enough to catch a typo
# without refusing real addresses (RFC 5322 allows far more than anyone types at a meeting).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
# Digits with the separators people write: +46 70-123 45 67, 0581-810 00, (0581) 810 00.
_PHONE = re.compile(r"^\+?[\d\s\-()]+$")


@dataclass(frozen=True)
class Contact:
    email: str | None
    phone: str | None

    @property
    def given(self) -> bool:
        return bool(self.email or self.phone)


def clean_contact(email: object, phone: object, consent: object) -> Contact:
    """Validated contact details; nothing at all unless ``consent`` is ``True``.

    Details typed without consent are refused with a message at the consent box rather than
    silently dropped: the person then decides whether to tick it or empty the fields.

    >>> clean_contact(" anna@example.se ", "", True)
    Contact(email='anna@example.se', phone=None)
    >>> clean_contact("", "", False)
    Contact(email=None, phone=None)
    >>> clean_contact("anna@example.se", "", False)
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.contact_needs_consent contact_consent
    >>> clean_contact("anna(at)example.se", "", True)
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.email_invalid email
    """
    email = clean_text(email, "email", max_length=SHORT_MAX, required=False)
    phone = clean_text(phone, "phone", max_length=PHONE_MAX, required=False)
    if email and not _EMAIL.match(email):
        raise InvalidInput("errors.email_invalid", field="email")
    if phone and not (_PHONE.match(phone) and 6 <= sum(ch.isdigit() for ch in phone) <= 15):
        raise InvalidInput("errors.phone_invalid", field="phone")
    if consent is not True:
        if email or phone:
            raise InvalidInput("errors.contact_needs_consent", field="contact_consent")
        return Contact(None, None)
    return Contact(email or None, phone or None)
