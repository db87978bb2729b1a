"""Coordinators add words to the concepts of the domain thesaurus, and take them back.

The concepts and their reviewed words live in ``data/vocabulary/concepts.toml``
(:mod:`workshop.language.concepts`). A coordinator who sees a missing word ("ekipage" for
*transport*) adds it here; it is kept in ``concept_words``, read into every snapshot
(:attr:`~workshop.network.snapshot.NetworkSnapshot.concept_words`) and used by the relevance
model beside the file's words. Only the words added here can be removed here: the file is
changed by review, like code. Thesaurus words belong to the whole process, so only a
coordinator may change them; every change is audited and bumps the process revision, so the
shared analysis follows at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..db import Store
from ..errors import InvalidInput
from ..language import concepts, in_concept, is_common, tokens
from ..models import ConceptWord, utcnow
from .access import authorise, record_audit
from .revisions import touch

__all__ = [
    "WORD_MAX",
    "AddedWord",
    "ConceptView",
    "UnknownConcept",
    "InvalidWord",
    "EverydayWord",
    "WordAlreadyInConcept",
    "WordNotAdded",
    "list_concepts",
    "add_concept_word",
    "remove_concept_word",
]

WORD_MAX = 60
# Letters (any alphabet's), spaces, hyphens and apostrophes: a word or phrase as written in a text.
_WORD_SHAPE = re.compile(r"[^\W\d_]+(?:[\s'’-]+[^\W\d_]+)*")


class UnknownConcept(InvalidInput):
    """No concept of the thesaurus has that key."""

    message_key = "words.errors.unknown_concept"


class InvalidWord(InvalidInput):
    """The word is empty, longer than :data:`WORD_MAX` characters, or not letters (with spaces,
    hyphens or apostrophes between them)."""

    message_key = "words.errors.word_missing"


class EverydayWord(InvalidInput):
    """An everyday word ("alla", "behöver") would tie every text to the concept."""

    message_key = "words.errors.everyday"


class WordAlreadyInConcept(InvalidInput):
    """The concept has the word already, in the file or added by a coordinator."""

    message_key = "words.errors.already_there"


class WordNotAdded(InvalidInput):
    """Only a word a coordinator added can be removed here (the file's words are reviewed)."""

    message_key = "words.errors.not_added"


@dataclass(frozen=True)
class AddedWord:
    word: str
    added_by: str
    added_at: Any


@dataclass(frozen=True)
class ConceptView:
    key: str
    label: str
    file_words: tuple[str, ...]
    added: tuple[AddedWord, ...]


def _clean_word(word: Any) -> str:
    text = " ".join(str(word or "").split()).lower()
    if not text:
        raise InvalidWord(field="word")
    if len(text) > WORD_MAX:
        raise InvalidWord("words.errors.word_too_long", field="word", max=WORD_MAX)
    if not _WORD_SHAPE.fullmatch(text):
        raise InvalidWord("words.errors.word_shape", field="word")
    return text


def _concept(key: Any) -> str:
    if not isinstance(key, str) or key not in concepts():
        raise UnknownConcept(field="concept")
    return key


def list_concepts(store: Store) -> list[ConceptView]:
    """Every concept with its file words and the words coordinators added, by label."""
    with store.unit_of_work() as session:
        rows = session.scalars(select(ConceptWord).order_by(ConceptWord.word)).all()
        added: dict[str, list[AddedWord]] = {}
        for row in rows:
            added.setdefault(row.concept, []).append(AddedWord(row.word, row.added_by, row.added_at))
    return sorted(
        (ConceptView(c.key, c.label, c.words, tuple(added.get(c.key, ()))) for c in concepts().values()), key=lambda view: view.label
    )


def add_concept_word(store: Store, coordinator_token: Any, concept: Any, word: Any) -> str:
    """Add ``word`` (a word or a phrase) to ``concept``; returns the word as kept (lower case).

    Raises
    ------
    NotSignedIn, NotAllowed
        ``coordinator_token`` is no coordinator's.
    UnknownConcept
        No such concept.
    InvalidWord
        Empty, longer than :data:`WORD_MAX` characters, or not made of letters.
    EverydayWord
        A single everyday word (or a phrase of function words only): it would tie every text
        to the concept.
    WordAlreadyInConcept
        The concept has the word (the same lemmas) in the file or among the added words.
    """
    key = _concept(concept)
    text = _clean_word(word)
    content = tokens(text)
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "thesaurus", "add_word")
        added = tuple((key, w) for w in session.scalars(select(ConceptWord.word).where(ConceptWord.concept == key)))
        # A word the concept has already says so, everyday or not ("bil" is in the file).
        if in_concept(key, text, added):
            raise WordAlreadyInConcept(field="word", word=text, concept=concepts()[key].label)
        if not content or (len(content) == 1 and is_common(content[0])):
            raise EverydayWord(field="word", word=text)
        session.add(ConceptWord(concept=key, word=text, added_by=actor.name[:120], added_at=utcnow()))
        label = concepts()[key].label
        record_audit(session, actor, "concept.word_add", subject_type="concept", subject_label=label, detail={"concept": key, "word": text})
        touch(session, None)
        session.commit()
    return text


def remove_concept_word(store: Store, coordinator_token: Any, concept: Any, word: Any) -> None:
    """Remove a word a coordinator added to ``concept``.

    Raises
    ------
    NotSignedIn, NotAllowed
        ``coordinator_token`` is no coordinator's.
    UnknownConcept, InvalidWord
        As for :func:`add_concept_word`.
    WordNotAdded
        No coordinator added that word to the concept (a word of the file is changed by review).
    """
    key = _concept(concept)
    text = _clean_word(word)
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "thesaurus", "remove_word")
        row = session.scalar(select(ConceptWord).where(ConceptWord.concept == key, ConceptWord.word == text))
        if row is None:
            raise WordNotAdded(field="word", word=text)
        session.delete(row)
        label = concepts()[key].label
        detail = {"concept": key, "word": text}
        record_audit(session, actor, "concept.word_remove", subject_type="concept", subject_label=label, detail=detail)
        touch(session, None)
        session.commit()
