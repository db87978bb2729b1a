"""What people (and broken pages) might hand a service: hostile values and valid text.

``hostile_*`` strategies produce anything at all; ``valid_*`` ones produce what a service
must accept and store unchanged after its documented cleaning. :func:`calls` mixes the
two so that most examples get past validation and reach the database: it picks a few
arguments to spoil and draws the rest valid, so a failure shrinks to the fewest spoiled
arguments.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from decimal import Decimal
from collections.abc import Mapping

from hypothesis import strategies as st

from workshop.lengths import NAME_MAX, TEXT_MAX
from workshop.validation import _CONTROL, strip_invisible
from workshop.vocabulary import NEED_CATEGORIES, ORGANISATION_KINDS

# Keyword left out of the call, so the service's default is used.
OMIT = object()

# Characters ``clean_text`` refuses (NUL breaks PostgreSQL; the rest break terminals).
CONTROL_CHARACTERS = "".join(chr(c) for c in range(0x80) if _CONTROL.match(chr(c)))

# Text that has broken software before: bidirectional overrides, joiners, combining marks,
# characters whose case mapping or normal form is longer than they are, quoting, formats.
# fmt: off
TRICKY = [
    "\x00", "\x1b[31m", "\x7f", "\x85", "\u00a0", "\u1680", "\u2028", "\u2029", "\u3000",
    "\u202e", "\u200f", "\u200e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\u034f",
    "e\u0301", "A\u030a", "Å", "\u0308\u0308\u0308", "Z\u0335\u0321\u0362",
    "👩\u200d👩\u200d👧", "🇸🇪", "🏳️\u200d🌈", "😀", "\U0010ffff", "\ufffd", "\uffff", "\ud7ff",
    "ß", "ΐ", "ﬃ", "İ", "ŉ", "\u0958", "\ufb2c", "Σ", "ς",
    "שלום", "مرحبا", "日本語", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "١٢٣",
    "'; DROP TABLE ideas; --", '"', "\\", "%s", "%(name)s", "{0}", "${x}", "<script>alert(1)</script>", "&amp;",
    "\r\n", "\t", "\n", "  ", "null", "None", "0", "-1", "1e309", "NaN", "  Ramsberg  ",
]
# fmt: on

_LIMITS = (6, 11, 16, 40, 60, 120, 160, 200, 4000)


def _repeat(unit: str, length: int) -> str:
    return (unit * (length // max(len(unit), 1) + 1))[:length]


# --- anything at all ------------------------------------------------------------------------

# Half of a UTF-16 pair on its own: Python text can hold one (a broken client, a bad
# decoder), no database encoding can.
lone_surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)
text_with_a_lone_surrogate = st.builds(lambda a, s, b: a + s + b, st.text(max_size=8), lone_surrogates, st.text(max_size=8))

hostile_text = st.one_of(
    st.text(),  # any Unicode except surrogates, which no browser sends
    text_with_a_lone_surrogate,  # which a broken client may
    st.lists(st.sampled_from(TRICKY), max_size=12).map("".join),
    st.builds(lambda a, b: a + b, st.lists(st.sampled_from(TRICKY), max_size=4).map("".join), st.text(max_size=20)),
    # Long text, up to 10 000 characters.
    st.builds(_repeat, st.text(min_size=1, max_size=8), st.integers(min_value=1, max_value=10_000)),
    # Just under, at and over the limits of the fields, with surrounding space that is stripped.
    st.builds(
        lambda pad, unit, limit, delta: pad + _repeat(unit, limit + delta) + pad,
        st.sampled_from(["", " ", "\u00a0", "\n\t"]),
        st.sampled_from(["x", "å", "ß", "😀", "e\u0301", "ab "]),
        st.sampled_from(_LIMITS),
        st.integers(min_value=-1, max_value=1),
    ),
)

huge_integers = st.sampled_from(
    [2**31 - 1, 2**31, -(2**31) - 1, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 2**70, -(2**70), 10**30, -(10**30)]
)

# Values that no argument of any service takes: each one, anywhere in a call (also inside a
# list or a dict), must be refused with the app's own error, never stored in its printed form.
WRONG_EVERYWHERE = (bytes, bytearray, memoryview, float, complex, Decimal, set, frozenset)
IMPOSSIBLE_NUMBER = 2**63  # beyond every id, count and amount a service takes


def surely_wrong(value) -> bool:
    """Whether ``value`` holds something no service argument takes (see :data:`wrong_types`)."""
    if isinstance(value, WRONG_EVERYWHERE) or type(value) is object:
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) >= IMPOSSIBLE_NUMBER
    if isinstance(value, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, (list, tuple)):
        return any(surely_wrong(v) for v in value)
    if isinstance(value, dict):
        return any(surely_wrong(k) or surely_wrong(v) for k, v in value.items())
    return False


wrong_types = st.one_of(
    st.binary(max_size=12),
    st.binary(max_size=6).map(bytearray),
    st.floats(),
    st.sampled_from([1.0, 0.0, -0.0, 2.5, float("nan")]),
    st.complex_numbers(max_magnitude=10),
    st.sets(st.integers(0, 3), max_size=3),
    st.frozensets(st.text(max_size=3), max_size=2),
    st.just(object()),
    st.sampled_from([2**63, 2**64, 2**70, -(2**70), 10**30]),
    text_with_a_lone_surrogate,
    st.lists(st.one_of(st.binary(max_size=4), st.floats(), text_with_a_lone_surrogate), min_size=1, max_size=3),
)

hostile_number = st.one_of(
    st.integers(min_value=-100, max_value=100),
    st.integers(),
    huge_integers,
    st.floats(),  # with nan and ±inf
    st.sampled_from([0.5, -0.0, 1e300, float("inf"), float("-inf"), float("nan")]),
    st.booleans(),
)

_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.sampled_from(TRICKY))

hostile_value = st.one_of(
    hostile_text,
    st.none(),
    hostile_number,
    st.lists(_scalar, max_size=5),
    st.tuples(_scalar, _scalar),
    st.dictionaries(st.text(max_size=10), _scalar, max_size=4),
    st.dictionaries(st.integers(), _scalar, max_size=2),
    st.binary(max_size=20),
    st.just(dt.date(2026, 11, 30)),
    st.just(object()),
    wrong_types,
)


def hostile_id(valid_ids=()) -> st.SearchStrategy:
    """Ids of rows that exist, of none, and of every wrong type and range.

    Also an existing id in another shape (``"3"``, ``[3]``, ``3.0``, ``b"3"``), which
    must not be read as that id.
    """
    return _hostile_id(tuple(sorted(valid_ids)))


@cache
def _hostile_id(valid_ids: tuple[int, ...]) -> st.SearchStrategy:
    near = st.integers(min_value=-3, max_value=max([0, *valid_ids]) + 3)
    choices = [near, huge_integers, st.none(), st.booleans(), st.floats(), st.text(max_size=12), st.lists(st.integers(), max_size=3), wrong_types]
    if valid_ids:
        choices.append(
            st.sampled_from(sorted(valid_ids)).flatmap(
                lambda i: st.sampled_from([str(i), f" {i} ", [i], (i,), float(i), str(i).encode(), {"id": i}, Decimal(i)])
            )
        )
    choices.append(st.dictionaries(st.sampled_from(["id", "x"]), st.integers(min_value=1, max_value=5), max_size=2))
    if valid_ids:
        choices.insert(0, st.sampled_from(sorted(valid_ids)))
    return st.one_of(choices)


@cache
def hostile_choice(choices) -> st.SearchStrategy:
    """One of a closed vocabulary, one of it spelled a little wrong, or anything."""
    near_misses = [miss for c in choices for miss in (f" {c}", c.upper(), f"{c}\x00", c.replace("_", " "))]
    return st.one_of(st.sampled_from(near_misses), hostile_value)


def hostile_mapping(keys, value_strategies: Mapping[str, st.SearchStrategy] | None = None) -> st.SearchStrategy:
    """Dicts with some of ``keys`` (valid or hostile values), unknown keys, or not a dict at all."""
    values = value_strategies or {}

    @st.composite
    def build(draw):
        chosen = draw(st.lists(st.sampled_from(list(keys)), unique=True))
        result = {k: draw(st.one_of(values.get(k, hostile_value), hostile_value)) for k in chosen}
        if draw(st.booleans()):
            result.update(draw(st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), _scalar, max_size=2)))
        return result

    return st.one_of(build(), hostile_value)


# --- what must be accepted ------------------------------------------------------------------

# The builders below are cached (``functools.cache``): tests call them inside their bodies, once
# per example, and Hypothesis validates every strategy object it has not drawn from before —
# about a quarter of a text fuzz test's time went to validating the same strategies again.
# A strategy is immutable, so the examples drawn are the same.

_PADDING = st.sampled_from(["", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "\r\n", " \u2028"])

# Anything but control characters (and surrogates, which Hypothesis leaves out).
_text_character = st.characters(codec="utf-8", exclude_characters=CONTROL_CHARACTERS)
_tricky_valid = st.sampled_from([t for t in TRICKY if not any(c in CONTROL_CHARACTERS for c in t)])


def _fits(max_length: int):
    def check(text: str) -> bool:
        return 0 < len(text.strip()) <= max_length

    return check


@cache
def valid_text(max_length: int) -> st.SearchStrategy[str]:
    """Text ``clean_text(..., max_length=max_length)`` accepts: non-empty, short enough, no control characters."""
    core = st.one_of(
        st.text(_text_character, min_size=1, max_size=min(max_length, 80)),
        st.lists(st.one_of(_tricky_valid, st.text(_text_character, max_size=4)), min_size=1, max_size=10).map("".join),
        # Exactly at the limit, with characters that are one code point but several bytes.
        st.builds(
            lambda unit, length: _repeat(unit, length).strip() or "x",
            st.sampled_from(["x", "å", "😀", "ß", "語", "ab c", "\u202e\u05d0", "e\u0301"]),
            st.sampled_from(sorted({max_length, max_length - 1, max(1, max_length // 2)})),
        ),
    )
    return st.builds(lambda a, text, b: a + text + b, _PADDING, core, _PADDING).filter(_fits(max_length))


@cache
def valid_optional_text(max_length: int, *, omittable: bool = True) -> st.SearchStrategy:
    """What an optional text field accepts: valid text, blank, ``None`` or (``omittable``) the keyword left out."""
    return st.one_of(valid_text(max_length), st.sampled_from(["", "   ", None, *([OMIT] if omittable else [])]))


def as_name(text: str) -> str:
    """What a name or title is stored as: without direction controls and zero-width characters, stripped."""
    return strip_invisible(text).strip()


@cache
def valid_name(max_length: int) -> st.SearchStrategy[str]:
    """A name or title a service accepts: valid text with something visible left once the invisible is removed."""
    return valid_text(max_length).filter(lambda text: as_name(text) != "")


@cache
def valid_optional_name(max_length: int, *, omittable: bool = True) -> st.SearchStrategy:
    """An optional name (a locality): a valid name, blank, ``None`` or (``omittable``) left out."""
    return st.one_of(valid_name(max_length), st.sampled_from(["", "   ", None, *([OMIT] if omittable else [])]))


_tag = valid_text(60).filter(lambda t: not any(sep in t for sep in ",;\n"))

valid_tags = st.one_of(
    st.none(),
    st.lists(st.one_of(valid_text(60), st.sampled_from(["", "  "])), max_size=25).filter(
        lambda tags: len({" ".join(t.split()).lower() for t in tags if t.strip()}) <= 20
    ),
    st.lists(_tag, min_size=1, max_size=8).map(", ".join),  # typed into one field
)


def expected_tags(values) -> list[str]:
    """The documented cleaning of tags: invisible characters removed, trimmed, white space collapsed, lower case, unique, in order."""
    if values is None:
        return []
    if isinstance(values, str):
        values = re.split(r"[,;\n]", values)
    result: list[str] = []
    for value in values:
        label = " ".join(strip_invisible(value).split()).lower()
        if label and label not in result:
            result.append(label)
    return result


@cache
def valid_capabilities(categories) -> st.SearchStrategy:
    """Needs or offers, in the two shapes the services take."""
    label_lists = st.lists(valid_text(60), min_size=1, max_size=3)
    as_dict = st.dictionaries(st.sampled_from(categories), label_lists, max_size=len(categories))
    as_pairs = st.lists(st.tuples(st.sampled_from(categories), valid_text(60)), max_size=6)
    as_dicts = as_pairs.map(lambda pairs: [{"category": c, "label": label} for c, label in pairs])
    return st.one_of(st.none(), as_dict, as_pairs, as_dicts)


def expected_capabilities(values) -> list[tuple[str, str]]:
    if not values:
        return []
    if isinstance(values, dict):
        pairs = [(c, label) for c, labels in values.items() for label in labels]
    else:
        pairs = [(v["category"], v["label"]) if isinstance(v, dict) else tuple(v) for v in values]
    result: list[tuple[str, str]] = []
    for category, label in pairs:
        cleaned = " ".join(strip_invisible(label).split()).lower()
        if cleaned and (category, cleaned) not in result:
            result.append((category, cleaned))
    return result


@cache
def valid_org_numbers() -> st.SearchStrategy:
    """Swedish organisation numbers as people type them (a Luhn check digit, third digit ≥ 2)."""

    def with_check_digit(first_nine: str) -> str:
        total = 0
        for index, char in enumerate(reversed(first_nine)):
            digit = int(char) * (2 if index % 2 == 0 else 1)
            total += digit - 9 if digit > 9 else digit
        return first_nine + str((10 - total % 10) % 10)

    nine = st.builds(
        lambda a, b, rest: f"{a}{b}{rest}",
        st.integers(0, 9),
        st.integers(0, 9),
        st.integers(2, 9).flatmap(lambda third: st.text("0123456789", min_size=6, max_size=6).map(lambda six: f"{third}{six}")),
    )
    return nine.map(with_check_digit).flatmap(
        lambda digits: st.sampled_from([digits, f"{digits[:6]}-{digits[6:]}", f" {digits[:6]} - {digits[6:]} "])
    )


# --- calls ----------------------------------------------------------------------------------


@st.composite
def calls(draw, valid: Mapping[str, st.SearchStrategy], hostile: Mapping[str, st.SearchStrategy], *, spoil_at_most: int = 2) -> dict:
    """Keyword arguments: valid ones, with up to ``spoil_at_most`` drawn from ``hostile`` instead.

    Arguments drawn as :data:`OMIT` are left out of the returned dict.
    """
    spoiled = draw(st.sets(st.sampled_from(sorted(hostile)), max_size=spoil_at_most)) if hostile else set()
    drawn = {name: draw(hostile[name] if name in spoiled else strategy) for name, strategy in valid.items()}
    return {name: value for name, value in drawn.items() if value is not OMIT}


# --- organisations, as registered, joined with and corrected ---------------------------------


def organisation_fields(*, omittable: bool = True, taken: tuple[tuple[str, str], ...] = ()) -> dict[str, st.SearchStrategy]:
    """Valid fields of an organisation (``name`` and ``kind`` always; the rest may be left out).

    ``taken`` holds (name, organisation number) pairs of existing organisations: drawn
    now and then, differently spelled, to reach the duplicate checks.
    """
    return dict(_organisation_fields(omittable, tuple(taken)))  # a copy: callers add to it


@cache  # one strategy object per shape: Hypothesis validates each new one (~50 ms) at its first draw
def _organisation_fields(omittable: bool, taken: tuple[tuple[str, str], ...]) -> dict[str, st.SearchStrategy]:
    optional = [OMIT] if omittable else []
    taken_names = [spelling for name, _ in taken for spelling in (name, name.upper(), f" {name.lower()}! ")]
    taken_numbers = [number.replace("-", "") for _, number in taken if number]
    return {
        "name": st.one_of(valid_name(NAME_MAX), *([st.sampled_from(taken_names)] if taken_names else [])),
        "kind": st.sampled_from([k for k in ORGANISATION_KINDS if k != "private_person"]),
        "locality": valid_optional_name(NAME_MAX, omittable=omittable),
        "org_number": st.one_of(st.sampled_from([None, "", *optional, *taken_numbers]), valid_org_numbers()),
        "offers": st.one_of(st.sampled_from(optional or [None]), valid_capabilities(NEED_CATEGORIES)),
        "description": valid_optional_text(TEXT_MAX, omittable=omittable),
    }


def hostile_organisation_fields() -> dict[str, st.SearchStrategy]:
    return {
        "name": hostile_value,
        "kind": st.one_of(hostile_choice(ORGANISATION_KINDS), st.just("private_person")),
        "locality": hostile_value,
        "org_number": st.one_of(
            hostile_value, st.sampled_from(["556036-0794", "5510360793", "556036-07930", "55603607"]), st.text("0123456789- ", max_size=14)
        ),
        "offers": hostile_value,
        "description": hostile_value,
    }


def organisation_forms(taken: tuple[tuple[str, str], ...] = ()) -> st.SearchStrategy[dict]:
    """The ``new_organisation`` dict of ``join_workshop``, as the page fills it in."""
    valid = organisation_fields(omittable=False, taken=taken)
    required = {k: valid[k] for k in ("name", "kind")}
    optional = {k: v for k, v in valid.items() if k not in required}
    return st.fixed_dictionaries(required, optional=optional)


def hostile_organisation_forms() -> st.SearchStrategy:
    return hostile_mapping(["name", "kind", "locality", "org_number", "offers", "description"], hostile_organisation_fields())
