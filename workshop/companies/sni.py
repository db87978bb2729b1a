"""SNI 2007 (Svensk näringsgrensindelning): a company's industry codes.

A code is two to five digits: the division (två siffror, e.g. ``56`` restaurants), group,
class and the Swedish detail group (``56100`` Restaurangverksamhet). Extracts write it
``56100`` or ``56.100``; both are stored as the digits. The section letter (A–U) follows
from the division (SCB, *SNI 2007*, MIS 2007:2). Every code is checked against SCB's full
list, shipped as ``data/companies/sni2007.csv`` (all five levels: 21 sections, 88 divisions,
272 groups, 615 classes, 821 detail groups; its source is in ``data/companies/README.md``):
a division SNI 2007 does not have (04, 34, 40 …) is refused, and so is a five-digit code that
is no detail group (``47110``: class 47.11 splits into 47.111 and 47.112), with the detail
groups of its class offered. A company has one main code, first in its list, and may have
more. The section names are in the catalog (``companies.sni.section.C``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InvalidInput
from ..validation import as_text

__all__ = ["SECTIONS", "LEVELS", "SniCode", "InvalidSniCode", "section_of", "sni_list", "sni_name", "parse_sni", "parse_sni_codes", "shown"]

#: Section letter → the divisions it holds (SNI 2007 = NACE Rev. 2).
SECTIONS: dict[str, tuple[int, ...]] = {
    "A": (1, 2, 3),
    "B": tuple(range(5, 10)),
    "C": tuple(range(10, 34)),
    "D": (35,),
    "E": tuple(range(36, 40)),
    "F": (41, 42, 43),
    "G": (45, 46, 47),
    "H": tuple(range(49, 54)),
    "I": (55, 56),
    "J": tuple(range(58, 64)),
    "K": (64, 65, 66),
    "L": (68,),
    "M": tuple(range(69, 76)),
    "N": tuple(range(77, 83)),
    "O": (84,),
    "P": (85,),
    "Q": (86, 87, 88),
    "R": tuple(range(90, 94)),
    "S": (94, 95, 96),
    "T": (97, 98),
    "U": (99,),
}
#: The levels of SNI 2007 by the number of digits of a code (a section is a letter).
LEVELS = {2: "division", 3: "group", 4: "class", 5: "detail"}
SNI_FILE = Path(__file__).resolve().parents[2] / "data" / "companies" / "sni2007.csv"
_SECTION_OF = {division: letter for letter, divisions in SECTIONS.items() for division in divisions}
_CODE = re.compile(r"^(\d{2})(?:\.?(\d{1,3}))?$")
MAX_CODES = 10


class InvalidSniCode(InvalidInput):
    """Not an SNI 2007 code: wrong format, or a division that does not exist."""

    message_key = "companies.error.sni_format"


@dataclass(frozen=True)
class SniCode:
    """One SNI 2007 code: ``code`` its digits, ``division`` the first two, ``section`` the letter."""

    code: str
    division: str
    section: str

    @property
    def shown(self) -> str:
        return shown(self.code)


def section_of(code: str) -> str:
    """The section letter of a code (its digits), or :class:`InvalidSniCode` for an unknown division.

    >>> section_of("56100"), section_of("01"), section_of("47190"), section_of("99000")
    ('I', 'A', 'G', 'U')
    """
    letter = _SECTION_OF.get(int(code[:2])) if code[:2].isdigit() else None
    if letter is None:
        raise InvalidSniCode("companies.error.sni_division", field="company_sni", division=code[:2])
    return letter


@lru_cache(maxsize=1)
def sni_list() -> dict[str, tuple[str, str, str]]:
    """SCB's SNI 2007, every level: code → (level, parent code, Swedish name or "").

    >>> sni_list()["47111"][:2], sni_list()["4711"][:2], sni_list()["47"][:2], sni_list()["G"][0]
    (('detail', '4711'), ('class', '471'), ('division', 'G'), 'section')
    >>> "47110" in sni_list()
    False
    """
    with SNI_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: (row["level"], row["parent"], row["name"]) for row in csv.DictReader(handle)}


def sni_name(code: str) -> str:
    """SCB's Swedish name of a code of any level; "" for the few groups and classes no public
    source names (listed in ``data/companies/README.md``).

    >>> sni_name("56100"), sni_name("56")
    ('Restaurangverksamhet', 'Restaurang-, catering- och barverksamhet')
    """
    return sni_list().get(code, ("", "", ""))[2]


def _children(code: str) -> list[str]:
    return sorted(c for c, (_level, parent, _name) in sni_list().items() if parent == code)


def shown(code: str) -> str:
    """A code as SCB writes it, with a point after the division.

    >>> shown("56100"), shown("561"), shown("56")
    ('56.100', '56.1', '56')
    """
    return code if len(code) <= 2 else f"{code[:2]}.{code[2:]}"


def parse_sni(value: object, field: str = "company_sni") -> SniCode:
    """One code from what was written: ``56100``, ``56.100``, ``56.1`` or ``56``.

    >>> parse_sni(" 56.100 ")
    SniCode(code='56100', division='56', section='I')
    >>> parse_sni("04100")
    Traceback (most recent call last):
    ...
    workshop.companies.sni.InvalidSniCode: companies.error.sni_division company_sni {'division': '04'}
    >>> parse_sni("47.110")
    Traceback (most recent call last):
    ...
    workshop.companies.sni.InvalidSniCode: companies.error.sni_unknown company_sni {'value': '47.110', 'options': '47.111, 47.112'}
    """
    text = as_text(value, field).strip().replace(" ", "")
    match = _CODE.match(text)
    if not match:
        raise InvalidSniCode("companies.error.sni_format", field=field, value=text[:20])
    code = match.group(1) + (match.group(2) or "")
    try:
        letter = section_of(code)
    except InvalidSniCode as error:
        raise InvalidSniCode(error.message_key, field=field, **error.params) from None
    if code not in sni_list():
        # The nearest level above that exists offers its codes one level down.
        parent = next((code[:n] for n in range(len(code) - 1, 1, -1) if code[:n] in sni_list()), code[:2])
        options = ", ".join(shown(c) for c in _children(parent)[:12])
        raise InvalidSniCode("companies.error.sni_unknown", field=field, value=shown(code), options=options)
    return SniCode(code, code[:2], letter)


def parse_sni_codes(values: object, field: str = "company_sni") -> list[str]:
    """A company's codes, main first: a list, or text separated by commas, semicolons, slashes or spaces.

    Repeated codes are kept once. At most ten.

    >>> parse_sni_codes("56.100, 47.199; 56100")
    ['56100', '47199']
    >>> parse_sni_codes("")
    []
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [part for part in re.split(r"[,;/\s]+", values) if part]
    if not isinstance(values, (list, tuple)):
        raise InvalidSniCode("companies.error.sni_format", field=field, value="")
    codes: list[str] = []
    for value in values:
        if isinstance(value, str) and not value.strip():
            continue
        code = parse_sni(value, field).code
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_CODES:
        raise InvalidInput("errors.too_many_items", field=field, max=MAX_CODES)
    return codes
