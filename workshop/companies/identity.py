"""A company's identity number: an organisationsnummer, or a sole trader's personnummer.

A limited company, an association or a partnership has an organisationsnummer (validated
by :func:`workshop.validation.normalise_org_number`, its legal form read from the first
digit). A sole trader (enskild näringsidkare) has none: the business is identified by the
owner's personnummer, which is **personal data**. It is kept only in
``Company.personal_number``, never on the organisation, and shown masked
(:func:`mask_personal_number`) everywhere except to a coordinator who asks for it
(:func:`workshop.companies.register.reveal_personal_number`, audited). See docs/companies.md.

Errors are :class:`InvalidPersonalNumber` (a personnummer that cannot be one) and
:class:`workshop.errors.InvalidOrganisationNumber`, each with a Swedish message key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import InvalidInput
from ..validation import as_text, legal_form, luhn_valid, normalise_org_number

__all__ = [
    "SOLE_TRADER",
    "Identity",
    "InvalidPersonalNumber",
    "parse_identity",
    "normalise_personal_number",
    "mask_personal_number",
]

#: The legal form of a business identified by its owner's personnummer (enskild näringsidkare).
SOLE_TRADER = "sole_trader"

# Six or eight digits of date, an optional separator, four digits. "+" marks a person of
# a hundred years or more in the ten-digit form (Skatteverket, SKV 704).
_PERSONAL = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")
_DIGITS_ONLY = re.compile(r"^\d{10}$|^\d{12}$|^\d{6}[-+]\d{4}$|^\d{8}[-+]\d{4}$")


class InvalidPersonalNumber(InvalidInput):
    """A personnummer (or samordningsnummer) that cannot be one: a wrong check digit, no such day."""

    message_key = "companies.error.personal_number"


@dataclass(frozen=True)
class Identity:
    """A company's identity number, normalised.

    ``kind`` is ``"org_number"`` (``number`` as ``NNNNNN-NNNN``) or ``"personal_number"``
    (``number`` as ``YYYYMMDD-NNNN``, personal data). ``legal_form`` is a ``legal_form.*``
    key; a personnummer gives :data:`SOLE_TRADER`.
    """

    kind: str
    number: str
    legal_form: str

    @property
    def is_personal(self) -> bool:
        return self.kind == "personal_number"

    @property
    def shown(self) -> str:
        """What may be shown on any screen: the organisationsnummer, or the masked personnummer."""
        return mask_personal_number(self.number) if self.is_personal else self.number


def _birth_date(year: int, month: int, day: int) -> dt.date | None:
    """The date of birth a personnummer gives, or ``None``; a samordningsnummer adds 60 to the day."""
    if day > 60:
        day -= 60
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def normalise_personal_number(value: object, field: str = "company_identity", *, today: dt.date | None = None) -> str:
    """A personnummer as ``YYYYMMDD-NNNN``, or :class:`InvalidPersonalNumber`.

    Ten digits (``YYMMDD-NNNN``, ``YYMMDD+NNNN`` for a hundred years or more, or without a
    sign) or twelve (``YYYYMMDD-NNNN``). The check digit is the Luhn digit of the ten-digit
    form; the date must exist (a samordningsnummer's day is the day of birth plus 60) and
    not lie in the future.

    >>> normalise_personal_number("811218-9876", today=dt.date(2026, 1, 1))
    '19811218-9876'
    >>> normalise_personal_number("198112189876")
    '19811218-9876'
    >>> normalise_personal_number("811278-9873", today=dt.date(2026, 1, 1))  # samordningsnummer, 18 December
    '19811278-9873'
    >>> normalise_personal_number("811218-9877")
    Traceback (most recent call last):
    ...
    workshop.companies.identity.InvalidPersonalNumber: companies.error.personal_number_checksum company_identity
    """
    text = as_text(value, field).strip().replace(" ", "")
    match = _PERSONAL.match(text)
    if not match:
        raise InvalidPersonalNumber("companies.error.personal_number_format", field=field)
    century, short, sign, tail = match.groups()
    if not luhn_valid(short + tail):
        raise InvalidPersonalNumber("companies.error.personal_number_checksum", field=field)
    today = today or dt.date.today()
    yy, month, day = int(short[:2]), int(short[2:4]), int(short[4:6])
    if century is not None:
        if sign == "+":
            raise InvalidPersonalNumber("companies.error.personal_number_format", field=field)
        year = int(century) * 100 + yy
    else:
        # The latest year ending in yy that is not after today; "+" a hundred years earlier.
        year = today.year - (today.year - yy) % 100
        if sign == "+":
            year -= 100
    born = _birth_date(year, month, day)
    if born is None:
        raise InvalidPersonalNumber("companies.error.personal_number_date", field=field)
    if century is None and born > today:
        year -= 100  # today's year ending in yy lies ahead: born a century before
        born = _birth_date(year, month, day)
        if born is None:
            raise InvalidPersonalNumber("companies.error.personal_number_date", field=field)
    if born > today:
        raise InvalidPersonalNumber("companies.error.personal_number_future", field=field)
    return f"{year:04d}{short[2:]}-{tail}"


def mask_personal_number(number: str | None) -> str:
    """The personnummer as every screen may show it: the date of birth, the last four hidden.

    >>> mask_personal_number("19811218-9876")
    '811218-****'
    >>> mask_personal_number(None)
    ''
    """
    if not number:
        return ""
    digits = number.replace("-", "").replace("+", "")
    return f"{digits[-10:-4]}-****"


def _looks_personal(digits: str) -> bool:
    """Whether ten or twelve digits are a personnummer rather than an organisationsnummer.

    An organisationsnummer's third digit is at least 2 (a month's tens digit never is); the
    twelve-digit form of an organisationsnummer begins with "16" (no one living was born
    in the 1600s).
    """
    if len(digits) == 12:
        return not digits.startswith("16")
    return int(digits[2]) < 2


def parse_identity(value: object, field: str = "company_identity", *, today: dt.date | None = None) -> Identity | None:
    """A company's identity number from what a person or an extract wrote, or ``None`` when blank.

    >>> parse_identity("556036-0793")
    Identity(kind='org_number', number='556036-0793', legal_form='limited_company')
    >>> parse_identity("16 556036-0793").number
    '556036-0793'
    >>> parse_identity("811218-9876", today=dt.date(2026, 1, 1))
    Identity(kind='personal_number', number='19811218-9876', legal_form='sole_trader')
    >>> parse_identity("") is None
    True
    """
    if value is not None and not isinstance(value, str):  # an int would lose its leading zeros
        raise InvalidInput("companies.error.identity_format", field=field)
    text = as_text(value, field).strip().replace(" ", "")
    if not text:
        return None
    if not _DIGITS_ONLY.match(text):
        raise InvalidInput("companies.error.identity_format", field=field)
    digits = re.sub(r"[-+]", "", text)
    if _looks_personal(digits):
        number = normalise_personal_number(text, field, today=today)
        return Identity("personal_number", number, SOLE_TRADER)
    if len(digits) == 12:
        text = digits[2:]
    number = normalise_org_number(text, field)  # raises InvalidOrganisationNumber, named after its failure
    return Identity("org_number", number, legal_form(number))
