"""How well one word meets another, and why.

Words are lemmas (:func:`~workshop.language.words.lemma`). In order:

* ``same``: the same lemma ("köket", "kök") — 1;
* ``kind_of``: the offer is a compound of the need ("storkök" is a "kök") — 0.9;
* ``part_of``: the need is a compound of the offer ("kök" only partly meets a need for
  a "storkök") — 0.6;
* ``concept``: both belong to one concept of the domain thesaurus ("vandrarhem" and
  "övernattning": *övernattning*) — :data:`CONCEPT_MATCH`;
* ``synonym``: Viggo Kann's list gives them as synonyms — :data:`SYNONYM_MATCH`, only
  between content words that are not everyday words (the list is noisy); or one of
  them is outside the thesaurus and a synonym of it shares a concept with the other
  ("varna" / "larm": *trygghet och skydd*), at the same value;
* ``first_part``: one word is the first part of the other ("skog", "skogsmaskin") — 0.4.

Two compounds with the same head and different first parts are different things
("mobiltäckning", "taktäckning"): no match.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from workshop.language.concepts import AddedWords, concepts_of, synonym_concepts
from workshop.language.lexicon import is_common, synonyms
from workshop.language.words import compound

__all__ = ["Match", "Resources", "ALL", "CONCEPT_MATCH", "SYNONYM_MATCH", "term_match"]

CONCEPT_MATCH = 0.8
SYNONYM_MATCH = 0.5


@dataclass(frozen=True)
class Resources:
    """Which lexical resources are used (all by default; the others are for measuring
    each one's contribution). Without ``lemmas``, words are Snowball stems compared by
    their endings, as before the thesaurus. ``added_words`` are the words coordinators
    added to the thesaurus's concepts (:data:`~workshop.language.concepts.AddedWords`),
    used with the file's when ``concepts`` is on."""

    lemmas: bool = True
    synonyms: bool = True
    concepts: bool = True
    common_words: bool = True
    added_words: AddedWords = ()


ALL = Resources()


@dataclass(frozen=True)
class Match:
    value: float
    kind: str = "none"
    concept: str | None = None


NO_MATCH = Match(0.0)


@lru_cache(maxsize=262144)
def term_match(need: str, offer: str, resources: Resources = ALL) -> Match:
    """How well an offered lemma meets a needed one.

    Examples
    --------
    >>> term_match("kök", "storkök")
    Match(value=0.9, kind='kind_of', concept=None)
    >>> term_match("övernattning", "vandrarhem")
    Match(value=0.8, kind='concept', concept='accommodation')
    >>> term_match("mobiltäckning", "taktäckning").value, term_match("kulturarv", "arvode").value
    (0.0, 0.0)
    """
    if need == offer:
        return Match(1.0, "same")
    need_parts, offer_parts = compound(need), compound(offer)
    if offer_parts and offer_parts[1] == need:
        return Match(0.9, "kind_of")
    if need_parts and need_parts[1] == offer:
        return Match(0.6, "part_of")
    if resources.concepts:
        shared = concepts_of(need, resources.added_words) & concepts_of(offer, resources.added_words)
        if shared:
            return Match(CONCEPT_MATCH, "concept", min(shared))
    if resources.synonyms and len(need) > 3 and len(offer) > 3 and not is_common(need) and not is_common(offer):
        if offer in synonyms(need):
            return Match(SYNONYM_MATCH, "synonym")
    if resources.concepts and resources.synonyms:
        # A word outside the thesaurus meets through a synonym that is in it ("varna" /
        # "larm"), at the synonyms' value: an expanded term weighs less than a listed one.
        need_reach = concepts_of(need, resources.added_words) | synonym_concepts(need)
        offer_reach = concepts_of(offer, resources.added_words) | synonym_concepts(offer)
        shared = need_reach & offer_reach
        if shared:
            return Match(SYNONYM_MATCH, "synonym", min(shared))
    if (offer_parts and offer_parts[0] == need) or (need_parts and need_parts[0] == offer):
        return Match(0.4, "first_part")
    return NO_MATCH
