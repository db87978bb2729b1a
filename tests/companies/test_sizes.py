"""Size classes and turnover as extracts write them."""

from __future__ import annotations

import pytest

from workshop.companies.sizes import parse_size_class, parse_turnover
from workshop.errors import InvalidInput


@pytest.mark.parametrize(
    "written, size_class",
    [
        ("0 anställda", "0"),
        ("1-4 anställda", "1-4"),
        ("1–4", "1-4"),  # an en dash, as Excel autocorrects it
        ("5–9", "5-9"),
        (" 10 - 19 ", "10-19"),
        ("20-49 employees", "20-49"),
        ("500+", "500+"),
        ("500 och fler", "500+"),
        ("0", "0"),  # a plain count goes in its class
        ("4", "1-4"),
        ("5", "5-9"),
        ("9", "5-9"),
        ("10", "10-19"),
        ("49", "20-49"),
        ("250", "200-499"),
        ("1200", "500+"),
        ("", None),
    ],
)
def test_a_size_class_is_read_as_extracts_write_it(written, size_class):
    assert parse_size_class(written) == size_class


@pytest.mark.parametrize("written", ["3-7", "många", "-4", "1-4-9"])
def test_a_size_that_is_no_class_is_refused(written):
    with pytest.raises(InvalidInput) as caught:
        parse_size_class(written)
    assert caught.value.message_key == "companies.error.size_class"


@pytest.mark.parametrize(
    "written, thousands, expected",
    [
        ("2350000", False, (2_350_000, "1000-4999")),
        ("2 350 000 kr", False, (2_350_000, "1000-4999")),
        ("2 350", True, (2_350_000, "1000-4999")),  # a column headed "Omsättning (tkr)"
        ("420 tkr", False, (420_000, "0-499")),
        ("14 200", True, (14_200_000, "10000-49999")),
        ("1 000–4 999 tkr", False, (None, "1000-4999")),  # only the class is known
        ("500-999", False, (None, "500-999")),
        ("50 000+ tkr", False, (None, "50000+")),
        ("", False, (None, None)),
    ],
)
def test_turnover_is_kronor_or_thousands_or_a_class(written, thousands, expected):
    assert parse_turnover(written, thousands=thousands) == expected


def test_a_turnover_that_is_no_amount_is_refused():
    with pytest.raises(InvalidInput) as caught:
        parse_turnover("ungefär en miljon")
    assert caught.value.message_key == "companies.error.turnover"
