"""Concept evidence: the domain thesaurus's concepts an idea and a profile speak of.

The need/offer match and the text evidence look at words; two short texts in
everyday words often share none, and the text vectors leave out features found in
more than a tenth of the documents, which in a small process drops most concepts of
the thesaurus. Here each document is a short vector over the thesaurus's concepts
(about forty), idf-weighted, so that an idea about "kvitton i en skokartong" and a
bookkeeper's profile meet through *accounting and funding*, while a concept that
every profile has (premises) weighs little, and a hub that speaks of everything is
diluted by its own breadth (cosine).
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.preprocessing import normalize

from workshop.language import ALL, Resources, concepts
from workshop.network.relevance.text import SYNONYM_SHARE, text_features

__all__ = ["CONCEPT_BASIS", "concept_counts", "concept_vectors"]

# Concept similarity (cosine) from which the profile is a basis for the idea.
CONCEPT_BASIS = 0.35


def concept_counts(words: list[str], resources: Resources = ALL) -> dict[str, float]:
    """The concepts a document's folded words speak of, and how many words (or phrases)
    each; a word outside the thesaurus that reaches a concept only through a synonym
    counts :data:`SYNONYM_SHARE` of a word.

    >>> concept_counts(["kassör", "revisor", "kanot"])
    {'accounting_funding': 2, 'boats_outdoor': 1}
    >>> concept_counts(["varna"])
    {'security': 0.5}
    """
    found: dict[str, float] = {}
    for feature in text_features(words, resources):
        if feature.startswith("c:"):
            found[feature[2:]] = found.get(feature[2:], 0) + 1
        elif feature.startswith("x:"):
            found[feature[2:]] = found.get(feature[2:], 0) + SYNONYM_SHARE
    return found


def concept_vectors(idea_counts: list[dict[str, int]], org_counts: list[dict[str, int]], resources: Resources = ALL) -> tuple[np.ndarray, np.ndarray]:
    """Dense, L2-normalised (ideas × concepts) and (organisations × concepts) vectors.

    Each concept counts ``1 + log(words of it in the document)`` times its idf among the
    organisations' profiles (smooth, as scikit-learn's), so a product of rows is the
    cosine of what two documents are about.

    Parameters
    ----------
    idea_counts, org_counts : list of dict
        Each idea's and each profile's concepts, with how many of its words (and phrases)
        speak of each: :func:`concept_counts`, or what
        :func:`~workshop.network.relevance.text.text_vectors` collects on the way.
    resources : Resources, optional
        Without ``concepts`` every vector is zero.

    Examples
    --------
    >>> documents = [["kassör", "revisor"], ["bokföring"], ["vandrarhem"], ["fiske"]]
    >>> ideas, orgs = concept_vectors([concept_counts(documents[0])], [concept_counts(d) for d in documents[1:]])
    >>> [round(float(x), 2) for x in (ideas @ orgs.T)[0]]
    [1.0, 0.0, 0.0]
    >>> shape = concept_vectors([], [concept_counts(d) for d in documents[1:]])[0].shape  # a process with no idea yet
    >>> shape == (0, len(concepts()))
    True

    Notes
    -----
    Linear in the words; the vectors have one column per concept.
    """
    keys = sorted(concepts()) if resources.concepts else []
    keys += sorted({key for key, _ in resources.added_words} - set(keys)) if resources.concepts else []
    column = {key: k for k, key in enumerate(keys)}
    width = max(1, len(keys))

    def matrix(counts: list[dict[str, int]]) -> np.ndarray:
        out = np.zeros((len(counts), width), dtype=np.float32)
        if not keys:
            return out
        for row, found in enumerate(counts):
            for key, count in found.items():
                if key in column:
                    out[row, column[key]] = 1.0 + math.log(count) if count >= 1 else count
        return out

    ideas, orgs = matrix(idea_counts), matrix(org_counts)
    df = (orgs > 0).sum(axis=0)
    idf = np.log((1 + len(org_counts)) / (1 + df)) + 1.0

    def unit(rows: np.ndarray) -> np.ndarray:  # scikit-learn refuses a matrix of no rows (no ideas yet)
        return normalize(rows).astype(np.float32) if len(rows) else rows

    return unit(ideas * idf), unit(orgs * idf)
