"""Checks on what people type, raising :class:`InvalidInput` with the field's name."""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput, InvalidOrganisationNumber
from .models import NAME_MAX

__all__ = [
    "clean_text",
    "clean_choice",
    "clean_int",
    "clean_tags",
    "name_key",
    "normalise_org_number",
    "luhn_valid",
]

# Control characters break PostgreSQL (NUL) and terminals; newlines and tabs are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: object, field: str, *, max_length: int, required: bool = True) -> str:
    """Return ``value`` without surrounding white space, or raise for empty, long or binary text.

    >>> clean_text("  Ramsbergs bygdegård ", "name", max_length=50)
    'Ramsbergs bygdegård'
    >>> clean_text("", "name", max_length=50)
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.required name
    """
    text = "" if value is None else str(value)
    text = text.strip()
    if not text:
        if required:
            raise InvalidInput("errors.required", field=field)
        return ""
    if len(text) > max_length:
        raise InvalidInput("errors.too_long", field=field, max=max_length, length=len(text))
    if _CONTROL.search(text):
        raise InvalidInput("errors.control_characters", field=field)
    return text


def clean_choice(value: object, field: str, choices: tuple[str, ...] | frozenset[str]) -> str:
    if value not in choices:
        raise InvalidInput("errors.invalid_choice", field=field)
    return str(value)


def clean_int(value: object, field: str, *, minimum: int, maximum: int, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            raise InvalidInput("errors.required", field=field)
        return None
    if isinstance(value, bool):
        raise InvalidInput("errors.not_a_number", field=field)
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(float('inf'))
        raise InvalidInput("errors.not_a_number", field=field) from None
    if number != value and not isinstance(value, str):
        raise InvalidInput("errors.not_a_number", field=field)
    if not minimum <= number <= maximum:
        raise InvalidInput("errors.out_of_range", field=field, min=minimum, max=maximum)
    return number


def clean_tags(values: object, field: str, *, max_items: int = 20, max_length: int = 60) -> list[str]:
    """Clean a list of short labels (themes, needs): trimmed, lower case, unique, in order."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [part for part in re.split(r"[,;\n]", values)]
    if not isinstance(values, (list, tuple)):
        raise InvalidInput("errors.invalid", field=field)
    result: list[str] = []
    for raw in values:  # type: ignore[union-attr]
        label = " ".join(clean_text(raw, field, max_length=max_length, required=False).split()).lower()
        if label and label not in result:
            result.append(label)
    if len(result) > max_items:
        raise InvalidInput("errors.too_many_items", field=field, max=max_items)
    return result


def name_key(name: str) -> str:
    """Fold a name for duplicate detection: case, spacing, punctuation and invisible
    characters are ignored; letters with their marks (å, é, vowel signs) and symbols count.

    >>> name_key("Ramsbergs  Bygdegårdsförening!") == name_key("ramsbergs bygdegårdsförening")
    True
    >>> name_key("Vedevåg IF") == name_key("Vedevag IF")
    False
    """
    folded = unicodedata.normalize("NFC", name).casefold()
    # Drop punctuation, spaces and invisible format characters only: marks are vowels in
    # many scripts and a name may be all symbols. Case folding can lengthen a name (ß → ss):
    # the key is cut to the columns' length.
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZC")[:NAME_MAX]


def luhn_valid(digits: str) -> bool:
    """Check the Luhn check digit of a digit string.

    >>> luhn_valid("5560360793"), luhn_valid("5560360794")
    (True, False)
    """
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


_ORG_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def normalise_org_number(value: object, field: str = "org_number") -> str | None:
    """Validate a Swedish organisationsnummer and return it as ``NNNNNN-NNNN``.

    The third digit is at least 2 (it is what tells it from a personnummer) and the
    last digit is a Luhn check digit.

    >>> normalise_org_number("5560360793")
    '556036-0793'
    >>> normalise_org_number("") is None
    True
    """
    text = "" if value is None else str(value).strip().replace(" ", "")
    if not text:
        return None
    match = _ORG_NUMBER.match(text)
    if not match:
        raise InvalidOrganisationNumber("errors.org_number_format", field=field)
    digits = match.group(1) + match.group(2)
    if int(digits[2]) < 2:
        raise InvalidOrganisationNumber("errors.org_number_third_digit", field=field)
    if not luhn_valid(digits):
        raise InvalidOrganisationNumber("errors.org_number_checksum", field=field)
    return f"{digits[:6]}-{digits[6:]}"
