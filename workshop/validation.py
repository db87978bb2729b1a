"""Checks on what people type, raising :class:`InvalidInput` with the field's name."""

from __future__ import annotations

import re

from .errors import InvalidInput, InvalidOrganisationNumber
from .lengths import TAG_MAX, TAGS_MAX

__all__ = [
    "clean_text",
    "clean_name",
    "clean_choice",
    "clean_int",
    "clean_flag",
    "clean_tags",
    "strip_invisible",
    "as_text",
    "normalise_org_number",
    "luhn_valid",
    "LEGAL_FORMS",
    "legal_form",
]

# Control characters break PostgreSQL (NUL) and terminals; newlines and tabs are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Direction controls (embeddings, overrides, isolates, the marks LRM, RLM and ALM) and
# zero-width characters (space, non-joiner, joiner, word joiner, byte-order mark). Invisible
# in a name or a title, they make it read differently from what it is: "\u202egpj.exe"
# shows as "exe.jpg", and two names that look the same are different. Descriptions keep
# them (right-to-left text needs its marks, emoji sequences their joiners).
INVISIBLE_IN_NAMES = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]")


def strip_invisible(text: str) -> str:
    """``text`` without direction controls and zero-width characters.

    >>> strip_invisible("Rams\u200bberg\u202e IF")
    'Ramsberg IF'
    """
    return INVISIBLE_IN_NAMES.sub("", text)


def as_text(value: object, field: str) -> str:
    """``value`` if it is text that can be stored, else the app's own refusal.

    Only ``str`` is text: a list, a number or bytes is refused instead of being stored as
    its printed form (``"['x']"``, ``"b'x'"``). A lone surrogate (half of a UTF-16 pair,
    which no browser sends but a broken client may) cannot be encoded for the database.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput("errors.invalid", field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput("errors.unencodable_text", field=field) from None
    return str(value)  # a subclass of str is stored as plain text


def clean_text(value: object, field: str, *, max_length: int, required: bool = True, name: bool = False) -> str:
    """Return ``value`` without surrounding white space, or raise for empty, long, binary or non-text values.

    ``name`` (names and titles): direction controls and zero-width characters are removed
    too (see :func:`strip_invisible`).

    >>> clean_text("  Ramsbergs bygdegård ", "name", max_length=50)
    'Ramsbergs bygdegård'
    >>> clean_text("\u202eRamsberg\u200b", "name", max_length=50, name=True)
    'Ramsberg'
    >>> clean_text("", "name", max_length=50)
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.required name
    >>> clean_text(["Ramsberg"], "name", max_length=50)
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.invalid name
    """
    text = as_text(value, field)
    if name:
        text = strip_invisible(text)
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


def clean_name(value: object, field: str, *, max_length: int, required: bool = True) -> str:
    """:func:`clean_text` for names and titles: invisible direction and zero-width characters removed."""
    return clean_text(value, field, max_length=max_length, required=required, name=True)


def clean_choice(value: object, field: str, choices: tuple[str, ...] | frozenset[str]) -> str:
    """``value`` if it is one of ``choices`` (text only: a list is not looked up at all)."""
    if not isinstance(value, str) or value not in choices:
        raise InvalidInput("errors.invalid_choice", field=field)
    return str(value)


_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,12}")


def clean_int(value: object, field: str, *, minimum: int, maximum: int, required: bool = False) -> int | None:
    """A whole number in ``minimum..maximum``, or ``None`` when blank.

    An ``int`` (not a bool), or text of ASCII digits as a text field gives it (surrounding
    space allowed). Floats, lists and other types are refused, not rounded or printed.

    >>> clean_int(5, "dots", minimum=0, maximum=50), clean_int(" 5 ", "dots", minimum=0, maximum=50)
    (5, 5)
    >>> clean_int(5.0, "dots", minimum=0, maximum=50)
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.not_a_number dots
    """
    if isinstance(value, str):
        value = as_text(value, field).strip()
    if value is None or value == "":
        if required:
            raise InvalidInput("errors.required", field=field)
        return None
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("errors.not_a_number", field=field)
    if not minimum <= value <= maximum:
        raise InvalidInput("errors.out_of_range", field=field, min=minimum, max=maximum)
    return int(value)


def clean_flag(value: object, field: str) -> bool:
    """``value`` if it is ``True`` or ``False``; ``1``, ``"yes"`` or a list are refused, not read as truthy.

    >>> clean_flag(True, "hidden")
    True
    >>> clean_flag("False", "hidden")
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.invalid hidden
    """
    if not isinstance(value, bool):
        raise InvalidInput("errors.invalid", field=field)
    return value


def clean_tags(values: object, field: str, *, max_items: int = TAGS_MAX, max_length: int = TAG_MAX) -> list[str]:
    """Clean a list of short labels (themes, needs): trimmed, lower case, unique, in order.

    Labels are names: invisible direction and zero-width characters are removed. Each
    must be text; a list of anything else is refused.
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [part for part in re.split(r"[,;\n]", values)]
    if not isinstance(values, (list, tuple)):
        raise InvalidInput("errors.invalid", field=field)
    result: list[str] = []
    for raw in values:  # type: ignore[union-attr]
        label = " ".join(clean_name(raw, field, max_length=max_length, required=False).split()).lower()
        if label and label not in result:
            result.append(label)
    if len(result) > max_items:
        raise InvalidInput("errors.too_many_items", field=field, max=max_items)
    return result


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
    if value is not None and not isinstance(value, str):  # an int would lose its leading zeros
        raise InvalidOrganisationNumber("errors.org_number_format", field=field)
    try:
        text = as_text(value, field).strip().replace(" ", "")
    except InvalidInput as error:
        raise InvalidOrganisationNumber(error.message_key, field=field) from None
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


#: What the first digit of an organisationsnummer says about the legal form (Skatteverket, SKV 709).
#: The keys of the values are catalog keys under ``legal_form.``.
LEGAL_FORMS: dict[str, str] = {
    "1": "estate",  # dödsbo
    "2": "public_body",  # stat, region, kommun, församling
    "3": "foreign_company",  # utländskt företag med filial
    "5": "limited_company",  # aktiebolag
    "6": "partnership_simple",  # enkelt bolag
    "7": "economic_association",  # ekonomisk förening, bostadsrättsförening
    "8": "non_profit",  # ideell förening, stiftelse
    "9": "trading_partnership",  # handelsbolag, kommanditbolag
}


def legal_form(org_number: str) -> str:
    """The legal form an organisationsnummer's first digit gives, as a ``legal_form.*`` key.

    Takes a number as :func:`normalise_org_number` returns it. A first digit the tax agency
    does not use gives ``"unknown"``.

    >>> legal_form("556036-0793"), legal_form("802412-4532"), legal_form("212000-1850")
    ('limited_company', 'non_profit', 'public_body')
    """
    return LEGAL_FORMS.get(org_number[:1], "unknown")
