"""The domain thesaurus: concepts rural development projects ask for and offer.

Read from ``data/vocabulary/concepts.toml`` once per process. A word belongs to a
concept by its lemma ("vandrarhemmet" → "vandrarhem"), or by its compound head when the
whole word is not listed ("lånecykel" is a "cykel"); a phrase of several words ("sova
över") when all its content words are in the text; an everyday *situation* of
``data/vocabulary/situations.toml`` ("bussen går inte": transport) when all its content
words are within :data:`SITUATION_WINDOW` words of each other.
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
    "SITUATIONS",
    "SITUATION_WINDOW",
    "SYNONYM_EXPANSION",
    "concepts",
    "concepts_of",
    "concepts_of_word",
    "concepts_of_text",
    "in_concept",
    "read_situations",
    "situations",
    "situation_concepts",
    "synonym_concepts",
]

# Whether a word outside the thesaurus reaches the concepts of its synonyms in Viggo
# Kann's list (round 4, at reduced weight: see :func:`synonym_concepts`). Off only to
# measure its contribution (benchmarks/fit/ablation.py).
SYNONYM_EXPANSION = True

# Whether the everyday situations of situations.toml name their concepts (round 6). Off only
# to measure their contribution (benchmarks/fit/ablation.py).
SITUATIONS = True
# A situation's words must stand within this many content words of each other: in a long
# text "buss" in one sentence and "går" in another say nothing about getting there.
SITUATION_WINDOW = 6

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


@lru_cache(maxsize=1)
def situations() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every everyday situation of ``situations.toml`` as (its content words' lemmas, concept).

    >>> (("buss", "gå"), "transport") in situations()
    True
    """
    with open(VOCABULARY / "situations.toml", "rb") as file:
        return read_situations(tomllib.load(file))


def read_situations(data: dict) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The situations of a parsed ``situations.toml`` as (lemmas, concept) pairs.

    Raises
    ------
    ValueError
        A situation of fewer than two content words, or under a concept the thesaurus
        does not have: one word alone would tie every text that uses it to the concept.

    >>> read_situations({"transport": {"situations": ["bussen går inte"]}})
    ((('buss', 'gå'), 'transport'),)
    >>> read_situations({"transport": {"situations": ["går inte"]}})
    Traceback (most recent call last):
    ...
    ValueError: situations.toml: 'går inte' (transport) has fewer than two content words
    """
    found = []
    for key, entry in data.items():
        if key not in concepts():
            raise ValueError(f"situations.toml: no concept {key!r} in concepts.toml")
        for phrase in entry["situations"]:
            parts = tuple(dict.fromkeys(lemmas(phrase)))
            if len(parts) < 2:
                raise ValueError(f"situations.toml: {phrase!r} ({key}) has fewer than two content words")
            found.append((parts, key))
    return tuple(found)


@lru_cache(maxsize=1)
def _situations_by_first() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for parts, key in situations():
        grouped.setdefault(parts[0], []).append((parts, key))
    return {word: tuple(entries) for word, entries in grouped.items()}


def situation_concepts(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The concepts of the everyday situations in a text given as its lemmas, in order: all
    of a situation's words within :data:`SITUATION_WINDOW` words of each other.

    >>> sorted(situation_concepts(["ingen", "buss", "gå", "kväll"])), sorted(situation_concepts(["buss"] + ["x"] * 9 + ["gå"]))
    (['transport'], [])

    Notes
    -----
    O(w + m·p) for w words and the m situations whose first word is among them, of p words
    each (positions found once).
    """
    if not SITUATIONS:
        return frozenset()
    where: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        where.setdefault(word, []).append(position)
    found = set()
    by_first = _situations_by_first()
    for parts, key in (entry for word in where for entry in by_first.get(word, ())):
        if key in found or not all(part in where for part in parts):
            continue
        for start in where[parts[0]]:  # each other word at its occurrence nearest this one
            spread = [start] + [min(where[part], key=lambda p: abs(p - start)) for part in parts[1:]]
            if max(spread) - min(spread) < SITUATION_WINDOW:
                found.add(key)
                break
    return frozenset(found)


def concepts_of_text(words: list[str] | tuple[str, ...], added: AddedWords = ()) -> frozenset[str]:
    """The concepts of a text given as its lemmas, phrases and everyday situations included.

    >>> sorted(concepts_of_text(["sova", "över"])), sorted(concepts_of_text(["hyra", "lokal"]))
    (['accommodation'], ['premises', 'rental_lending'])
    >>> sorted(concepts_of_text(["kall", "inne", "salen"])), sorted(concepts_of_text(["kall", "vinter", "salen"]))
    (['energy_charging'], [])
    """
    found: set[str] = set()
    for word in words:
        found |= concepts_of(word, added)
    present = set(words)
    phrases = _index()[1] + (_added_index(added)[1] if added else ())
    for parts, key in phrases:
        if parts <= present:
            found.add(key)
    return frozenset(found) | situation_concepts(words)


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
