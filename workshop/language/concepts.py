"""The domain thesaurus: concepts rural development projects ask for and offer.

Read from ``data/vocabulary/concepts.toml`` once per process. A word belongs to a
concept by its lemma ("vandrarhemmet" → "vandrarhem"), or by its compound head when the
whole word is not listed ("lånecykel" is a "cykel"); a phrase of several words ("sova
över") when all its content words are in the text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from workshop.language.lexicon import VOCABULARY
from workshop.language.words import compound, lemma, lemmas, tokens

__all__ = ["Concept", "concepts", "concepts_of", "concepts_of_word", "concepts_of_text"]


@dataclass(frozen=True)
class Concept:
    """One concept: its key, the label a reason shows, and its words as written in the file."""

    key: str
    label: str
    words: tuple[str, ...]


@lru_cache(maxsize=1)
def concepts() -> dict[str, Concept]:
    """Every concept of the thesaurus by key.

    >>> concepts()["accommodation"].label
    'övernattning'
    """
    with open(VOCABULARY / "concepts.toml", "rb") as file:
        data = tomllib.load(file)
    return {key: Concept(key, entry["label"], tuple(entry["words"])) for key, entry in data.items()}


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, frozenset[str]], tuple[tuple[frozenset[str], str], ...]]:
    single: dict[str, set[str]] = {}
    phrases: list[tuple[frozenset[str], str]] = []
    for key, concept in concepts().items():
        for word in concept.words:
            parts = lemmas(word)
            if len(parts) == 1:
                written = tokens(word)[0]
                # A suppletive lemma ("äldre" → "gammal") would make every "gamla" elderly:
                # such a word is looked up as written.
                single.setdefault(parts[0] if parts[0][:2] == written[:2] else written, set()).add(key)
            elif parts:
                phrases.append((frozenset(parts), key))
    return {w: frozenset(k) for w, k in single.items()}, tuple(phrases)


@lru_cache(maxsize=131072)
def concepts_of(word: str) -> frozenset[str]:
    """The concepts of one lemma: its own, else those of its compound's head and first part.

    >>> sorted(concepts_of("vandrarhem")), sorted(concepts_of("kanotuthyrning")), sorted(concepts_of("arvode"))
    (['accommodation'], ['boats_outdoor', 'rental_lending'], [])
    """
    single = _index()[0]
    found = single.get(word)
    if found is None:
        parts = compound(word)
        if parts is None:
            return frozenset()
        # "kanotuthyrning": a rental (the head) of boats (the first part)
        found = single.get(parts[1], frozenset()) | single.get(parts[0], frozenset())
    return found


def concepts_of_word(word: str) -> frozenset[str]:
    """The concepts of a folded word as written in a text: by its lemma, or as written
    (a suppletive lemma: "äldre", "hlr").

    >>> sorted(concepts_of_word("äldre")), sorted(concepts_of_word("gamla")), sorted(concepts_of_word("vandrarhemmet"))
    (['elderly_social'], [], ['accommodation'])
    """
    return concepts_of(lemma(word)) | concepts_of(word)


def concepts_of_text(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The concepts of a text given as its lemmas, phrases included.

    >>> sorted(concepts_of_text(["sova", "över"])), sorted(concepts_of_text(["hyra", "lokal"]))
    (['accommodation'], ['premises', 'rental_lending'])
    """
    found: set[str] = set()
    for word in words:
        found |= concepts_of(word)
    present = set(words)
    for parts, key in _index()[1]:
        if parts <= present:
            found.add(key)
    return frozenset(found)


def concept_lemma(word: str) -> str:
    """A word of the thesaurus as it is looked up (its lemma)."""
    return lemma(word)
