"""How people are named on the walls: once, and in the reader's language."""

from __future__ import annotations

from workshop.i18n import Translator
from workshop.privacy import ANONYMOUS_NAME

__all__ = ["shown_name", "person_line"]


def shown_name(t: Translator, name: str) -> str:
    """A stored name as the reader sees it: an erased person's "En deltagare" is translated.

    Erasure writes the Swedish placeholder into the database (it must read the same in every
    export); walls in another language show their own word for it.
    """
    return t("room.anonymous") if name == ANONYMOUS_NAME else name


def person_line(t: Translator, name: str, organisation: str, *, private: bool = False) -> str:
    """A person with their organisation, or their name alone when the organisation is only them.

    A private person's organisation carries their own name: "Test Person, Test Person" says
    nothing twice.
    """
    name, organisation = shown_name(t, name), shown_name(t, organisation)
    if private or not organisation or organisation.casefold() == name.casefold():
        return name
    return f"{name} ({organisation})"
