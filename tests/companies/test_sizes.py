"""Size classes and turnover as extracts write them."""

from __future__ import annotations

import pytest

from workshop.companies.sizes import parse_size_class, parse_turnover
from workshop.companies.vocabulary import SIZE_CLASSES, size_band
from workshop.errors import InvalidInput
from workshop.i18n import catalog


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


@pytest.mark.parametrize(
    "written, size_class",
    [
        # Every class SCB's Företagsregister gives (storleksklass 1-16), as extracts write them.
        ("0 anställda", "0"),
        ("1-4 anställda", "1-4"),
        ("5-9 anställda", "5-9"),
        ("10-19 anställda", "10-19"),
        ("20-49 anställda", "20-49"),
        ("50-99 anställda", "50-99"),
        ("100-199 anställda", "100-199"),
        ("200-499 anställda", "200-499"),
        ("500-999 anställda", "500-999"),
        ("1000-1499 anställda", "1000-1499"),
        ("1 500–1 999 anställda", "1500-1999"),
        ("2000-2999 anställda", "2000-2999"),
        ("3000-3999 anställda", "3000-3999"),
        ("4000-4999 anställda", "4000-4999"),
        ("5000-9999 anställda", "5000-9999"),
        ("10000+ anställda", "10000+"),
        ("10 000 och fler", "10000+"),
        ("1200", "1000-1499"),
        ("25000", "10000+"),
    ],
)
def test_every_scb_size_class_an_extract_can_hold_is_read(written, size_class):
    assert parse_size_class(written) == size_class


def test_every_size_class_has_a_name_and_an_eu_band():
    for size in SIZE_CLASSES:
        assert catalog("sv")[f"companies.size.{size}"] and catalog("en")[f"companies.size.{size}"]
        assert size_band(size) in {"micro", "small", "medium", "large"}
