"""What extracts write about a company's size, read into SCB's size class and a turnover band.

Employees: SCB's classes (:data:`workshop.companies.vocabulary.SIZE_CLASSES`), every one a
register extract can hold, from ``0`` to ``10000+``. An extract writes ``"1-4 anställda"``,
``"0 anställda"``, ``"5–9"`` (an en dash), ``"1 000-1 499 anställda"`` (a space between
thousands), ``"10000+"``, ``"500 och fler"``, or a plain number of employees, which is put in
its class.

Turnover: kronor (``turnover_sek``) when the extract gives a number (``"2 350 000"`` kr, or
``"2 350"`` in a column headed *tkr*), else the class it gives (``"1 000–4 999 tkr"``).
Both are counted in the same bands (:data:`TURNOVER_BANDS`, thousands of kronor).
"""

from __future__ import annotations

import re

from ..errors import InvalidInput
from ..validation import as_text
from .vocabulary import SIZE_CLASSES

__all__ = ["TURNOVER_BANDS", "parse_size_class", "size_class_of", "parse_turnover", "turnover_band", "band_of_class"]

#: Turnover bands in thousands of kronor (tkr): (key, lowest, highest or None). A micro
#: company in the EU's sense turns over at most 2 million euro, roughly 20 000 tkr.
TURNOVER_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-499", 0, 499),
    ("500-999", 500, 999),
    ("1000-4999", 1000, 4999),
    ("5000-9999", 5000, 9999),
    ("10000-49999", 10000, 49999),
    ("50000+", 50000, None),
)



def _bounds(key: str) -> tuple[str, int, int | None]:
    if key.endswith("+"):
        return key, int(key[:-1]), None
    low, _, high = key.partition("-")
    return key, int(low), int(high or low)


# "500+" overlaps the classes above 500 and is never chosen for a count.
_BOUNDS = [_bounds(key) for key in SIZE_CLASSES if key != "500+"]
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0](?=\d{3}\b)")
_DASHES = re.compile(r"\s*[-–—‐]\s*")
_WORDS = re.compile(r"(anställda|anstallda|anställd|employees|employee|st|personer|pers)\.?$", re.IGNORECASE)
_OR_MORE = re.compile(r"^(\d+)\s*(\+|och fler|eller fler|or more|and more)$", re.IGNORECASE)
MAX_EMPLOYEES = 10_000_000
MAX_SEK = 10**13


def size_class_of(employees: int) -> str:
    """SCB's class for a number of employees.

    >>> size_class_of(0), size_class_of(3), size_class_of(9), size_class_of(250), size_class_of(4000), size_class_of(12000)
    ('0', '1-4', '5-9', '200-499', '4000-4999', '10000+')
    """
    for key, low, high in _BOUNDS:
        if employees >= low and (high is None or employees <= high):
            return key
    raise ValueError(employees)


def parse_size_class(value: object, field: str = "company_size") -> str | None:
    """The size class an extract or a person wrote, or ``None`` when blank.

    >>> [parse_size_class(v) for v in ("1-4 anställda", "0 anställda", "5–9", "500+", "12", " 20 - 49 ", "")]
    ['1-4', '0', '5-9', '500+', '10-19', '20-49', None]
    >>> [parse_size_class(v) for v in ("500-999 anställda", "1 000–1 499 anställda", "10 000+ anställda")]
    ['500-999', '1000-1499', '10000+']
    >>> parse_size_class("3-7")
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: companies.error.size_class company_size {'value': '3-7'}
    """
    text = as_text(value, field).strip()
    if not text:
        return None
    bare = _THOUSANDS.sub("", _WORDS.sub("", text.replace("\xa0", " ")).strip())
    if bare.isdigit():
        count = int(bare)
        if count > MAX_EMPLOYEES:
            raise InvalidInput("companies.error.size_class", field=field, value=text[:20])
        return size_class_of(count)
    more = _OR_MORE.match(bare)
    candidate = f"{more.group(1)}+" if more else _DASHES.sub("-", bare)
    if candidate in SIZE_CLASSES:
        return candidate
    raise InvalidInput("companies.error.size_class", field=field, value=text[:20])


def _amount(text: str) -> int | None:
    """Digits with spaces, points or a trailing ",00" as thousands separators: an amount."""
    cleaned = text.replace("\xa0", " ").replace(" ", "")
    cleaned = re.sub(r"(kr|sek|tkr|ksek)$", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"[,.]00$", "", cleaned)
    cleaned = cleaned.replace(".", "")
    return int(cleaned) if cleaned.isdigit() else None


def turnover_band(sek: int) -> str:
    """The band (tkr) a turnover in kronor falls in.

    >>> turnover_band(350_000), turnover_band(2_350_000), turnover_band(75_000_000)
    ('0-499', '1000-4999', '50000+')
    """
    thousands = sek // 1000
    for key, low, high in TURNOVER_BANDS:
        if thousands >= low and (high is None or thousands <= high):
            return key
    return TURNOVER_BANDS[0][0]


def band_of_class(text: str) -> str | None:
    """Our band for a turnover class an extract writes (``"1 000–4 999 tkr"``, ``"500-999"``), by its lower bound.

    >>> band_of_class("1 000–4 999 tkr"), band_of_class("50 000+ tkr"), band_of_class("liten")
    ('1000-4999', '50000+', None)
    """
    folded = text.replace("\xa0", " ").strip()
    folded = re.sub(r"\s*(tkr|tsek|ksek)\s*$", "", folded, flags=re.IGNORECASE)
    parts = _DASHES.split(folded.rstrip("+").strip())
    low = _amount(parts[0]) if parts and parts[0] else None
    if low is None or len(parts) > 2 or (len(parts) == 2 and _amount(parts[1]) is None):
        return None
    return turnover_band(low * 1000)


def parse_turnover(value: object, *, thousands: bool = False, field: str = "company_turnover") -> tuple[int | None, str | None]:
    """(kronor, band): a number gives kronor (times 1000 when ``thousands``), a range its band only.

    >>> parse_turnover("2 350 000")
    (2350000, '1000-4999')
    >>> parse_turnover("2 350", thousands=True)
    (2350000, '1000-4999')
    >>> parse_turnover("1 000–4 999 tkr")
    (None, '1000-4999')
    >>> parse_turnover("")
    (None, None)
    """
    text = as_text(value, field).strip()
    if not text:
        return None, None
    amount = _amount(text)
    if amount is not None and not re.search(r"\d\s*[-–—]\s*\d|\+", text):
        if re.search(r"tkr|ksek|tsek", text, re.IGNORECASE):
            thousands = True
        sek = amount * 1000 if thousands else amount
        if sek > MAX_SEK:
            raise InvalidInput("companies.error.turnover", field=field, value=text[:20])
        return sek, turnover_band(sek)
    band = band_of_class(text)
    if band is None:
        raise InvalidInput("companies.error.turnover", field=field, value=text[:20])
    return None, band
