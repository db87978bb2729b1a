"""A company's identity number: an organisationsnummer gives the legal form, a personnummer
makes it a sole trader whose number is personal data and shown masked.

The check digits below were worked out by hand with the Luhn rule on the ten-digit form:
digits in odd places (from the left) doubled, a two-digit product's digits added, the sum
a multiple of ten. E.g. 811218-9876: 16→7, 1, 2, 2, 2, 8, 18→9, 8, 14→5, 6: sum 50.
"""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.companies.identity import InvalidPersonalNumber, mask_personal_number, normalise_personal_number, parse_identity
from workshop.errors import InvalidInput, InvalidOrganisationNumber

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    "written, number, form",
    [
        ("556036-0793", "556036-0793", "limited_company"),
        ("5560360793", "556036-0793", "limited_company"),
        ("16556036-0793", "556036-0793", "limited_company"),  # the twelve-digit form SCB writes (PeOrgNr)
        ("802412-4532", "802412-4532", "non_profit"),
        ("769601-4476", "769601-4476", "economic_association"),  # 14→5,6,18→9,6,0,1,8→8,4,14→5,6: 50
        ("916543-2106", "916543-2106", "trading_partnership"),  # 18→9,1,12→3,5,8,3,4,1,0,6: 40
    ],
)
def test_an_organisation_number_gives_its_legal_form(written, number, form):
    identity = parse_identity(written, today=TODAY)
    assert (identity.kind, identity.number, identity.legal_form, identity.shown) == ("org_number", number, form, number)


@pytest.mark.parametrize(
    "written, number",
    [
        ("811218-9876", "19811218-9876"),
        ("8112189876", "19811218-9876"),
        ("19811218-9876", "19811218-9876"),
        ("198112189876", "19811218-9876"),
        ("640327-3813", "19640327-3813"),  # 12→3,4,0,3,4,7,6,8,2,3: 40
        ("121212-1212", "20121212-1212"),  # Skatteverket's example: 2,2,2,2,2,2,2,2,2,2: 20
        ("121212+1212", "19121212-1212"),  # "+": a hundred years or more
        ("000229-1235", "20000229-1235"),  # 29 February 2000, a leap year: 0,0,0,2,4,9,2,2,6,5: 30
        ("811278-9873", "19811278-9873"),  # samordningsnummer: day 18 + 60
        ("261231-1239", "19261231-1239"),  # 31 Dec 2026 has not come yet: born in 1926
    ],
)
def test_a_personal_number_makes_a_sole_trader_and_is_shown_masked(written, number):
    identity = parse_identity(written, today=TODAY)
    assert (identity.kind, identity.number, identity.legal_form) == ("personal_number", number, "sole_trader")
    assert identity.shown == number[2:8] + "-****"


@pytest.mark.parametrize(
    "written, key",
    [
        ("811218-9877", "companies.error.personal_number_checksum"),
        ("010229-1234", "companies.error.personal_number_date"),  # 2001 is no leap year (Luhn right: 26+4)
        ("811292-9875", "companies.error.personal_number_date"),  # day 92 - 60 = 32 (Luhn right: 45+5)
        ("811318-9875", "companies.error.personal_number_date"),  # month 13 (Luhn right: 45+5)
        ("20261231-1239", "companies.error.personal_number_future"),
        ("19121212+1212", "companies.error.personal_number_format"),  # "+" belongs to the ten-digit form only
    ],
)
def test_a_personal_number_that_cannot_be_one_is_refused_with_the_reason(written, key):
    with pytest.raises(InvalidPersonalNumber) as caught:
        parse_identity(written, today=TODAY)
    assert (caught.value.message_key, caught.value.field) == (key, "company_identity")


@pytest.mark.parametrize(
    "written, error, key",
    [
        ("556036-0794", InvalidOrganisationNumber, "errors.org_number_checksum"),
        ("556036-079", InvalidInput, "companies.error.identity_format"),
        ("556O36-0793", InvalidInput, "companies.error.identity_format"),
        ("556036--0793", InvalidInput, "companies.error.identity_format"),
        (5560360793, InvalidInput, "companies.error.identity_format"),  # a number, not text: leading zeros would be lost
    ],
)
def test_a_wrong_organisation_number_is_refused_with_the_reason(written, error, key):
    with pytest.raises(error) as caught:
        parse_identity(written, today=TODAY)
    assert caught.value.message_key == key


def test_a_blank_number_is_no_number():
    assert parse_identity("  ") is None


def test_the_masked_form_hides_the_last_four_digits():
    assert mask_personal_number("19811218-9876") == "811218-****"
    assert normalise_personal_number("811218-9876", today=TODAY) == "19811218-9876"
