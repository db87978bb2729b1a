"""The checks every service runs on what people type, on their own: anything in, an answer or InvalidInput out."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import (
    CONTROL_CHARACTERS,
    expected_tags,
    hostile_number,
    hostile_text,
    hostile_value,
    valid_org_numbers,
    valid_tags,
    valid_text,
)
from tests.fuzz.world import only_service_errors
from workshop.errors import InvalidInput, InvalidOrganisationNumber
from workshop.validation import clean_int, clean_tags, clean_text, luhn_valid, normalise_org_number

max_lengths = st.sampled_from([1, 6, 60, 120, 160, 4000])


@fuzz_settings(max_examples=200)
@given(value=st.one_of(hostile_value, hostile_text), max_length=max_lengths, required=st.booleans())
def test_clean_text_returns_the_text_stripped_or_refuses_it(value, max_length, required):
    inputs = {"value": value}
    cleaned, error = only_service_errors(lambda: clean_text(value, "field", max_length=max_length, required=required), inputs)
    if error is not None:
        assert isinstance(error, InvalidInput) and error.field == "field"
        return
    expected = "" if value is None else str(value).strip()
    assert cleaned == expected
    assert len(cleaned) <= max_length and not any(c in CONTROL_CHARACTERS for c in cleaned)
    assert cleaned or not required


@fuzz_settings(max_examples=100)
@given(data=st.data(), max_length=max_lengths)
def test_clean_text_accepts_every_valid_text(data, max_length):
    text = data.draw(valid_text(max_length))
    assert clean_text(text, "field", max_length=max_length) == text.strip()


@fuzz_settings(max_examples=200)
@given(
    value=st.one_of(hostile_number, hostile_value, st.integers(-10, 60).map(str), st.decimals(allow_nan=True, allow_infinity=True)),
    bounds=st.sampled_from([(0, 50), (1, 50), (0, 100_000_000), (-5, 5)]),
    required=st.booleans(),
)
def test_clean_int_returns_a_whole_number_in_range_or_refuses_it(value, bounds, required):
    minimum, maximum = bounds
    inputs = {"value": value}
    number, error = only_service_errors(
        lambda: clean_int(value, "field", minimum=minimum, maximum=maximum, required=required), inputs
    )
    if error is not None:
        assert not isinstance(error, InvalidInput) or error.field == "field"
        return
    if number is None:
        assert (value is None or (isinstance(value, str) and not value.strip())) and not required
        return
    assert type(number) is int and minimum <= number <= maximum
    # Only a whole number, or its ASCII digits as a text field gives them, is read as one:
    # never a float, a bool, a list or bytes, rounded or printed.
    assert type(value) is int or (isinstance(value, str) and value.strip().lstrip("+-").isascii() and value.strip().lstrip("+-").isdigit())
    assert number == int(value)


@fuzz_settings(max_examples=200)
@given(values=st.one_of(hostile_value, st.lists(st.one_of(hostile_text, hostile_value), max_size=25)))
def test_clean_tags_returns_unique_lower_case_labels_or_refuses_them(values):
    inputs = {"values": values}
    tags, error = only_service_errors(lambda: clean_tags(values, "themes"), inputs)
    if error is not None:
        assert not isinstance(error, InvalidInput) or error.field == "themes"
        return
    assert len(tags) == len(set(tags)) <= 20
    for tag in tags:
        assert tag == " ".join(tag.split()).lower() and tag


@fuzz_settings(max_examples=100)
@given(values=valid_tags)
def test_clean_tags_keeps_every_valid_label_trimmed_collapsed_and_lower_cased(values):
    assert clean_tags(values, "themes") == expected_tags(values)


@fuzz_settings(max_examples=200)
@given(value=st.one_of(hostile_value, hostile_text, st.text("0123456789- ", max_size=14), st.integers(0, 10**11), valid_org_numbers()))
def test_normalise_org_number_returns_the_number_with_a_dash_or_refuses_it(value):
    number, error = only_service_errors(lambda: normalise_org_number(value), {"value": value})
    if error is not None:
        assert isinstance(error, InvalidOrganisationNumber) and error.field == "org_number"
        return
    if number is None:
        assert value is None or (isinstance(value, str) and not value.strip().replace(" ", ""))
        return
    assert isinstance(value, str)  # a number would have lost its leading zeros
    assert re.fullmatch(r"\d{6}-\d{4}", number) and luhn_valid(number.replace("-", "")) and int(number[2]) >= 2
    assert normalise_org_number(number) == number


@fuzz_settings(max_examples=100)
@given(typed=valid_org_numbers())
def test_normalise_org_number_accepts_every_valid_number_as_typed(typed):
    digits = "".join(c for c in typed if c.isdigit())
    assert normalise_org_number(typed) == f"{digits[:6]}-{digits[6:]}"
