"""Concept evidence: the domain thesaurus's concepts an idea and a profile speak of.

The need/offer match and the text evidence look at words; two short texts in
everyday words often share none, and the text vectors leave out features found in
more than a tenth of the documents, which in a small process drops most concepts of
the thesaurus. Here each document is a short vector over the thesaurus's concepts
(about twenty), idf-weighted, so that an idea about "kvitton i en skokartong" and a
bookkeeper's profile meet through *accounting and funding*, while a concept that
every profile has (premises) weighs little, and a hub that speaks of everything is
diluted by its own breadth (cosine).
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.preprocessing import normalize

from workshop.language import ALL, Resources, concepts, concepts_of_word, lemma
from workshop.network.relevance.text import phrase_concepts

__all__ = ["CONCEPT_BASIS", "concept_vectors"]

# Concept similarity (cosine) from which the profile is a basis for the idea.
CONCEPT_BASIS = 0.35


def _counts(words: list[str], resources: Resources) -> dict[str, int]:
    found: dict[str, int] = {}
    for word in words:
        for key in concepts_of_word(word, resources.added_words):
            found[key] = found.get(key, 0) + 1
    for key in phrase_concepts(tuple(lemma(w) for w in words), resources.added_words):
        found[key] = found.get(key, 0) + 1
    return found


def concept_vectors(idea_docs: list[list[str]], org_docs: list[list[str]], resources: Resources = ALL) -> tuple[np.ndarray, np.ndarray]:
    """Dense, L2-normalised (ideas × concepts) and (organisations × concepts) vectors.

    Each concept counts ``1 + log(words of it in the document)`` times its idf among the
    organisations' profiles (smooth, as scikit-learn's), so a product of rows is the
    cosine of what two documents are about.

    Parameters
    ----------
    idea_docs, org_docs : list of list of str
        Folded words (:func:`workshop.language.tokens`) of each idea and each profile.
    resources : Resources, optional
        Without ``concepts`` every vector is zero.

    Examples
    --------
    >>> ideas, orgs = concept_vectors([["kassör", "pengar"]], [["bokföring"], ["vandrarhem"], ["fiske"]])
    >>> [round(float(x), 2) for x in (ideas @ orgs.T)[0]]
    [1.0, 0.0, 0.0]

    Notes
    -----
    Linear in the words; the vectors have one column per concept.
    """
    keys = sorted(concepts()) if resources.concepts else []
    keys += sorted({key for key, _ in resources.added_words} - set(keys)) if resources.concepts else []
    column = {key: k for k, key in enumerate(keys)}
    width = max(1, len(keys))

    def matrix(docs: list[list[str]]) -> np.ndarray:
        out = np.zeros((len(docs), width), dtype=np.float32)
        if not keys:
            return out
        for row, words in enumerate(docs):
            for key, count in _counts(words, resources).items():
                if key in column:
                    out[row, column[key]] = 1.0 + math.log(count)
        return out

    ideas, orgs = matrix(idea_docs), matrix(org_docs)
    df = (orgs > 0).sum(axis=0)
    idf = np.log((1 + len(org_docs)) / (1 + df)) + 1.0
    return normalize(ideas * idf).astype(np.float32), normalize(orgs * idf).astype(np.float32)
