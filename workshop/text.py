"""How text is folded before it is compared: one function per rule, named for what it compares.

Four rules, because four questions are asked of text, and each question gets the same
answer everywhere it is asked:

- :func:`search_key`: what a person types in a search box (the wall, the map, the company
  register, the people search). Case, accents and the Swedish marks are folded, so
  "Vedevag" typed on a phone without å finds "Vedevåg".
- :func:`name_key`: whether two names are the same name (duplicate organisations, people,
  coordinators, imported rows). Vedevåg and Vedevag are two places, so letters keep their
  marks; case, spacing and punctuation do not count.
- :func:`file_key`: a column heading, sheet name or vocabulary value in an imported file
  ("Organisations-nummer", "Idéer", "Åtaganden"). Only letters and digits without marks
  count, since files come from many hands and keyboards.
- :func:`word_key`: a word of an idea or an offer for the matching of needs and offers.
  "får" (may, sheep) and "far" (father) are different words, so å, ä and ö stay; the
  accents of borrowed words (café, crème) go.

Every rule folds text written with combining marks (NFD, as some phones and macOS file
names send it) exactly as the same text with precomposed letters (NFC).
Database migrations keep their own frozen copies of a rule (a migration must not change
meaning when a rule here changes later).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lengths import NAME_MAX

__all__ = ["search_key", "name_key", "file_key", "word_key"]


def search_key(text: str) -> str:
    """Fold text for searching: case, accents and marks folded, whitespace collapsed.

    A search word is found in a text when ``search_key(word) in search_key(text)``.

    Parameters
    ----------
    text : str
        What was typed, or the text searched.

    Returns
    -------
    str
        Unicode's canonical caseless form without non-spacing marks (å → a, é → e,
        ü → u), runs of whitespace made one space, none at either end.

    Examples
    --------
    >>> search_key("Vedevåg"), search_key("VEDEVAG"), search_key("  Café   Näs ")
    ('vedevag', 'vedevag', 'cafe nas')
    >>> search_key("Vedeva\\u030ag") == search_key("Vedevåg")  # å written as a + ring
    True

    Notes
    -----
    Case folding can decompose a letter (Greek iota with dialytika and tonos), hence the
    decomposition both before and after it. O(n) in the length of ``text``.
    """
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())
    return " ".join("".join(ch for ch in folded if unicodedata.category(ch) != "Mn").split())


def name_key(name: str) -> str:
    """Fold a name for duplicate detection: the key two names share when they are one name.

    Case, spacing, punctuation and invisible characters are ignored; letters with their
    marks (å, é, vowel signs) and symbols count.

    Parameters
    ----------
    name : str
        A name as typed or imported.

    Returns
    -------
    str
        The key, at most :data:`~workshop.lengths.NAME_MAX` characters (the column's length:
        case folding can lengthen a name, ß → ss).

    Examples
    --------
    >>> name_key("Ramsbergs  Bygdegårdsförening!") == name_key("ramsbergs bygdegårdsförening")
    True
    >>> name_key("Vedevåg IF") == name_key("Vedevag IF")
    False
    >>> name_key("Vedeva\\u030ag IF") == name_key("Vedevåg IF")  # å written as a + ring
    True
    """
    folded = unicodedata.normalize("NFC", name).casefold()
    # Drop punctuation, spaces and invisible format characters only: marks are vowels in
    # many scripts and a name may be all symbols.
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZC")[:NAME_MAX]


def file_key(text: str) -> str:
    """Fold a heading, sheet name or vocabulary value of an imported file for matching.

    Parameters
    ----------
    text : str
        The heading or value as the file has it.

    Returns
    -------
    str
        Its letters and digits, case-folded, without accents or marks (compatibility
        forms such as ligatures spelt out); spaces and punctuation dropped.

    Examples
    --------
    >>> file_key("Organisations-nummer"), file_key(" Idéer "), file_key("Åtaganden")
    ('organisationsnummer', 'ideer', 'ataganden')
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


# Only the accents of borrowed words: é è ê → e; å ä ö keep their marks.
_STRIPPED_MARKS = {"\u0301", "\u0300", "\u0302"}


@lru_cache(maxsize=1)
def _marked() -> re.Pattern:
    """Characters whose decomposition holds a mark that :func:`word_key` strips (é, è, ê, …);
    none lies at or above U+3000."""
    marked = [chr(c) for c in range(0x80, 0x3000) if _STRIPPED_MARKS & set(unicodedata.normalize("NFD", chr(c)))]
    return re.compile("[" + "".join(re.escape(c) for c in marked) + "]")


def word_key(text: str) -> str:
    """Fold words for matching needs and offers: lower case, é è ê → e, å ä ö kept.

    Parameters
    ----------
    text : str
        A word or a text.

    Returns
    -------
    str
        ``text`` in lower case, composed (NFC), without acute, grave and circumflex accents.

    Examples
    --------
    >>> word_key("Caféet på Näs")
    'cafeet på näs'
    >>> word_key("får") == word_key("far")
    False
    >>> word_key("pa\\u030a") == "på"  # å written as a + ring
    True

    Notes
    -----
    Most text is composed already and has no accent to strip; it is returned after
    lowering alone, without decomposing (this runs on every word the matching reads).
    """
    lowered = text.lower()
    if lowered.isascii() or (unicodedata.is_normalized("NFC", lowered) and not _marked().search(lowered)):
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _STRIPPED_MARKS))
