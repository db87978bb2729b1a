"""The app's own values in English or Swedish, as a list from Excel may hold them.

>>> kind_value("Ideell förening"), role_value("Initiativtagare"), stage_value("projektklar")
('association', 'initiator', 'project_ready')
"""

from __future__ import annotations

from ..text import file_key
from ..vocabulary import COMMITMENT_ROLES, IDEA_STAGES, NEED_CATEGORIES, NOTE_KINDS, NOTE_VISIBILITIES, ORGANISATION_KINDS, TIE_KINDS

__all__ = ["kind_value", "role_value", "tie_kind_value", "stage_value", "category_value", "note_kind_value", "visibility_value", "yes"]


def _table(values: tuple[str, ...], synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {file_key(v): v for v in values}
    for value, words in synonyms.items():
        table.update({file_key(word): value for word in words})
    return table


_KINDS = _table(
    ORGANISATION_KINDS,
    {
        "association": ("förening", "ideell förening", "ekonomisk förening", "idrottsförening", "bygdeförening", "ideell"),
        "company": ("företag", "bolag", "aktiebolag", "ab", "enskild firma", "handelsbolag", "näringsliv"),
        "public_body": ("kommun", "region", "myndighet", "offentlig", "kommun, region eller myndighet", "public body", "public"),
        "education": ("utbildning", "studieförbund", "skola", "utbildning eller studieförbund", "folkhögskola"),
        "other_organisation": ("annan", "annan organisation", "övrig", "övrigt", "other", "organisation"),
        "private_person": ("privatperson", "privat", "person", "enskild", "private person"),
    },
)
_ROLES = _table(
    COMMITMENT_ROLES,
    {
        "initiator": ("initiativtagare", "initiativ"),
        "partner": ("samarbetspartner", "part"),
        "contributor": ("bidragsgivare", "bidrar", "kan bidra med", "medverkande", "bidrar med"),
        "possible_owner": ("kan vara projektägare", "projektägare", "möjlig ägare", "ägare", "owner", "possible owner"),
    },
)
_TIES = _table(
    TIE_KINDS,
    {
        "cooperated": ("har samarbetat", "samarbetat", "samarbete", "cooperation"),
        "know": ("känner", "känner varandra", "bekanta", "knows"),
        "want": ("vill samarbeta", "vill", "wants", "want to cooperate"),
    },
)
_STAGES = _table(
    IDEA_STAGES,
    {"idea": ("idé",), "refined": ("förädlad", "bearbetad"), "project_ready": ("projektklar", "project ready", "klar"), "parked": ("parkerad", "vilande")},
)
_CATEGORIES = _table(
    NEED_CATEGORIES,
    {"competence": ("kompetens",), "resource": ("resurs", "resurser", "resources"), "premises": ("lokal", "lokaler"), "money": ("pengar", "finansiering", "medel")},
)
_NOTE_KINDS = _table(
    NOTE_KINDS,
    {
        "contacts": ("kontakter", "kontakter och nätverk", "nätverk", "kontakt"),
        "resources": ("resurser", "resurs"),
        "local_knowledge": ("lokalkännedom", "lokal kännedom", "kännedom", "local knowledge"),
        "experience": ("erfarenhet", "erfarenheter"),
        "obstacles": ("hinder",),
    },
)
_VISIBILITIES = _table(
    NOTE_VISIBILITIES,
    {"all": ("alla", "allt", "öppen", "everyone"), "facilitators": ("bara facilitatorer", "facilitatorer", "facilitator", "dold", "only facilitators")},
)
_YES = {file_key(w) for w in ("ja", "yes", "j", "y", "x", "1", "true", "sant", "samtycker", "ok")}


def _lookup(table: dict[str, str], value: str) -> str | None:
    return table.get(file_key(value))


def kind_value(value: str) -> str | None:
    return _lookup(_KINDS, value)


def role_value(value: str) -> str | None:
    return _lookup(_ROLES, value)


def tie_kind_value(value: str) -> str | None:
    return _lookup(_TIES, value)


def stage_value(value: str) -> str | None:
    return _lookup(_STAGES, value)


def category_value(value: str) -> str | None:
    return _lookup(_CATEGORIES, value)


def note_kind_value(value: str) -> str | None:
    return _lookup(_NOTE_KINDS, value)


def visibility_value(value: str) -> str | None:
    """A note's visibility as a list writes it.

    >>> visibility_value("Bara facilitatorer"), visibility_value("alla"), visibility_value("hemlig")
    ('facilitators', 'all', None)
    """
    return _lookup(_VISIBILITIES, value)


def yes(value: str) -> bool:
    """Whether a consent cell says yes (ja, x, 1, true …).

    >>> yes("Ja"), yes("nej"), yes("")
    (True, False, False)
    """
    return file_key(value) in _YES
