"""Translation catalogs: every UI string, in Swedish (the default) and English.

A language's catalog is the folder ``workshop/i18n/<language>/``: its JSON files are
merged into one flat mapping from message key to text (``str.format`` fields for
parameters). ``tests/test_i18n.py`` fails when a key is missing in either language.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "catalog", "translate", "Translator"]

LANGUAGES = {"sv": "Svenska", "en": "English"}
DEFAULT_LANGUAGE = "sv"
_ROOT = Path(__file__).parent


@lru_cache(maxsize=None)
def catalog(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((_ROOT / language).glob("*.json")):
        with open(path, encoding="utf-8") as handle:
            for key, text in json.load(handle).items():
                if key in merged:
                    raise ValueError(f"{key} is defined twice in the {language} catalog")
                merged[key] = text
    return merged


def translate(language: str, key: str, /, **params: Any) -> str:
    """The text for ``key``; a missing key shows itself rather than crashing a workshop.

    >>> translate("sv", "app.title")
    'Projektberedskap'
    """
    text = catalog(language if language in LANGUAGES else DEFAULT_LANGUAGE).get(key)
    if text is None:
        text = catalog(DEFAULT_LANGUAGE).get(key, key)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


class Translator:
    """A callable bound to one language: ``t("key", name=...)``."""

    def __init__(self, language: str = DEFAULT_LANGUAGE):
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, /, **params: Any) -> str:
        # Positional-only: a text may have a {key} of its own (the demo's keys).
        return translate(self.language, key, **params)

    def message(self, message) -> str:
        """Translate a :class:`workshop.network.message.Message` (a key and its parameters).

        Large whole numbers (kronor, hours) are grouped the way the language writes them.

        >>> from workshop.network.message import Message
        >>> Translator("sv").message(Message("readiness.budget.ok_no_cap", {"budget": 1300000}))
        'Budget angiven: 1\xa0300\xa0000 kr.'
        """
        return self(message.key, **{k: self.number(v) for k, v in dict(message.params).items()})

    def number(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) < 10_000:
            return value
        grouped = f"{value:,}"
        return grouped.replace(",", "\xa0") if self.language == "sv" else grouped

    def choice(self, prefix: str, value: str | None) -> str:
        """The label of a vocabulary value, e.g. ``t.choice("kind", "company")``."""
        return self(f"{prefix}.{value}") if value else ""
