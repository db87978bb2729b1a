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

from workshop.language.lexicon import VOCABULARY, is_common, synonyms
from workshop.language.words import compound, lemma, lemmas, tokens

__all__ = [
    "AddedWords",
    "Concept",
    "SYNONYM_EXPANSION",
    "concepts",
    "concepts_of",
    "concepts_of_word",
    "concepts_of_text",
    "in_concept",
    "synonym_concepts",
]

# Whether a word outside the thesaurus reaches the concepts of its synonyms in Viggo
# Kann's list (round 4, at reduced weight: see :func:`synonym_concepts`). Off only to
# measure its contribution (benchmarks/fit/ablation.py).
SYNONYM_EXPANSION = True

# Words coordinators added: (concept key, word as written) pairs, sorted (hashable, so a cache key).
AddedWords = tuple[tuple[str, str], ...]


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


_Index = tuple[dict[str, frozenset[str]], tuple[tuple[frozenset[str], str], ...]]


def _build_index(entries: list[tuple[str, str]]) -> _Index:
    single: dict[str, set[str]] = {}
    phrases: list[tuple[frozenset[str], str]] = []
    for key, word in entries:
        parts = lemmas(word)
        if len(parts) == 1:
            written = tokens(word)[0]
            # A suppletive lemma ("äldre" → "gammal") would make every "gamla" elderly:
            # such a word is looked up as written.
            single.setdefault(parts[0] if parts[0][:2] == written[:2] else written, set()).add(key)
            # ... and as written too: the dictionary's lemma of a bare noun is sometimes a
            # verb ("skräp" → "skräpa") while its inflected forms lead back to the noun
            # ("skräpet" → "skräp").
            single.setdefault(written, set()).add(key)
        elif parts:
            phrases.append((frozenset(parts), key))
    return {w: frozenset(k) for w, k in single.items()}, tuple(phrases)


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _build_index([(key, word) for key, concept in concepts().items() for word in concept.words])


@lru_cache(maxsize=16)
def _added_index(added: AddedWords) -> _Index:
    return _build_index([(key, word) for key, word in added if key in concepts()])


def _lookup(word: str, single: dict[str, frozenset[str]]) -> frozenset[str]:
    found = single.get(word)
    if found is None:
        parts = compound(word)
        if parts is None:
            return frozenset()
        # "kanotuthyrning": a rental (the head) of boats (the first part)
        found = single.get(parts[1], frozenset()) | single.get(parts[0], frozenset())
    return found


@lru_cache(maxsize=131072)
def _file_concepts_of(word: str) -> frozenset[str]:
    return _lookup(word, _index()[0])


@lru_cache(maxsize=65536)
def _added_concepts_of(word: str, added: AddedWords) -> frozenset[str]:
    return _lookup(word, _added_index(added)[0])


def concepts_of(word: str, added: AddedWords = ()) -> frozenset[str]:
    """The concepts of one lemma: its own, else those of its compound's head and first part
    (in the file, and among the ``added`` words).

    >>> sorted(concepts_of("vandrarhem")), sorted(concepts_of("kanotuthyrning")), sorted(concepts_of("arvode"))
    (['accommodation'], ['boats_outdoor', 'rental_lending'], [])
    >>> sorted(concepts_of("ekipage")), sorted(concepts_of("ekipage", (("transport", "ekipage"),)))
    ([], ['transport'])
    """
    found = _file_concepts_of(word)
    if added:
        found = found | _added_concepts_of(word, added)
    return found


def concepts_of_word(word: str, added: AddedWords = ()) -> frozenset[str]:
    """The concepts of a folded word as written in a text: by its lemma, or as written
    (a suppletive lemma: "äldre", "hlr").

    >>> sorted(concepts_of_word("äldre")), sorted(concepts_of_word("gamla")), sorted(concepts_of_word("vandrarhemmet"))
    (['elderly_social'], [], ['accommodation'])
    """
    return concepts_of(lemma(word), added) | concepts_of(word, added)


def concepts_of_text(words: list[str] | tuple[str, ...], added: AddedWords = ()) -> frozenset[str]:
    """The concepts of a text given as its lemmas, phrases included.

    >>> sorted(concepts_of_text(["sova", "över"])), sorted(concepts_of_text(["hyra", "lokal"]))
    (['accommodation'], ['premises', 'rental_lending'])
    """
    found: set[str] = set()
    for word in words:
        found |= concepts_of(word, added)
    present = set(words)
    phrases = _index()[1] + (_added_index(added)[1] if added else ())
    for parts, key in phrases:
        if parts <= present:
            found.add(key)
    return frozenset(found)


def in_concept(key: str, word: str, added: AddedWords = ()) -> bool:
    """Whether ``word`` (a word or phrase as a coordinator types it) is already a word of
    concept ``key``: the same lemmas as one of its words in the file or among ``added``.

    >>> in_concept("accommodation", "Vandrarhemmet"), in_concept("accommodation", "sova över"), in_concept("transport", "ekipage")
    (True, True, False)
    """
    wanted = tuple(lemmas(word))
    if not wanted:
        return False
    listed = list(concepts()[key].words) + [w for k, w in added if k == key]
    return any(tuple(lemmas(other)) == wanted for other in listed)


@lru_cache(maxsize=131072)
def synonym_concepts(word: str) -> frozenset[str]:
    """The concepts a lemma outside the thesaurus reaches through its synonyms in Viggo
    Kann's list: those of each synonym listed in the thesaurus as it stands (not through
    its compound parts, and never for or through an everyday word, whose synonyms are
    many and loose). Callers weigh these less than the word's own concepts.

    >>> sorted(synonym_concepts("varna")), sorted(synonym_concepts("vandrarhem")), sorted(synonym_concepts("alla"))
    (['security'], [], [])
    """
    if not SYNONYM_EXPANSION or len(word) <= 3 or is_common(word) or _file_concepts_of(word):
        return frozenset()
    single = _index()[0]
    found: set[str] = set()
    for other in synonyms(word):
        if len(other) > 3 and not is_common(other):
            found |= single.get(other, frozenset())
    return frozenset(found)


def concept_lemma(word: str) -> str:
    """A word of the thesaurus as it is looked up (its lemma)."""
    return lemma(word)
