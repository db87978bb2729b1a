"""People's names taken out of free text before it leaves the app.

A note about a meeting may name people ("Ring Sven-Erik, han vet hur värmen fungerar"), and
an export or application draft holds such text by default. :func:`redact_names` replaces
every known name in a text by what the exports call that person ("Privatperson 2", "en
person"), whole words only and case-insensitively, the longest name first so that "Karin
Lövgren" goes before a lone "Karin".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["display_names", "redact_names"]

MIN_NAME_CHARS = 3  # "Bo" would also hit "bo" (to live) in every Swedish sentence


def redact_names(text: str, replacements: Mapping[str, str]) -> str:
    """``text`` with each name of ``replacements`` replaced by its value.

    Names shorter than three characters are left alone: a two-letter name is also a word.

    >>> redact_names("Karin Lövgren och karin lövgren, inte Karina.", {"Karin Lövgren": "Privatperson 1"})
    'Privatperson 1 och Privatperson 1, inte Karina.'
    >>> redact_names("Ring Sven-Erik Holm.", {"Sven-Erik Holm": "en person", "Holm": "x"})
    'Ring en person.'
    >>> redact_names("Bo i Ramsberg", {"Bo": "en person"})
    'Bo i Ramsberg'
    """
    cleaned = {name.strip(): value for name, value in replacements.items() if len(name.strip()) >= MIN_NAME_CHARS}
    if not text or not cleaned:
        return text
    names = sorted(cleaned, key=lambda n: (-len(n), n))
    lookup = {name.casefold(): cleaned[name] for name in names}
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in names) + r")(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda match: lookup.get(match.group(0).casefold(), match.group(0)), text)


def display_names(organisations, t, *, personal_data: bool = False) -> dict[int, str]:
    """Each organisation's name as an export shows it: a private person as "Privatperson N"
    (numbered by id among the private persons given) unless ``personal_data`` is asked for.

    ``organisations`` are records with ``id``, ``name`` and ``kind``; ``t`` a translator.
    The exports and the LEADER application draft both name parties with this one rule.

    >>> from types import SimpleNamespace as Org
    >>> from workshop.i18n import Translator
    >>> parties = (Org(id=7, name="Gunnel Ekström", kind="private_person"), Org(id=3, name="Ramsbergs IF", kind="association"))
    >>> display_names(parties, Translator("sv"))
    {3: 'Ramsbergs IF', 7: 'Privatperson 1'}
    >>> display_names(parties, Translator("sv"), personal_data=True)[7]
    'Gunnel Ekström'
    """
    names: dict[int, str] = {}
    private = 0
    for organisation in sorted(organisations, key=lambda o: o.id):
        if organisation.kind == "private_person" and not personal_data:
            private += 1
            names[organisation.id] = t("exchange.private_person", number=private)
        else:
            names[organisation.id] = organisation.name
    return names
