"""Text evidence: an idea's words against an organisation's profile, TF-IDF over lemmas,
their character 4-grams and compound heads and, at reduced weight, the thesaurus concepts
and synonyms they have, so compounds, inflections and other words for the same thing
still meet."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from workshop.language import ALL, AddedWords, Resources, concepts_of, concepts_of_text, concepts_of_word, is_common, lemma, synonym_concepts, synonyms
from workshop.language.words import compound
from workshop.network.relevance.labels import word_key

__all__ = ["TEXT_MIN", "TEXT_FLOOR", "TEXT_FULL"]

# Text similarity (cosine) from which the profile alone is a basis (short texts written in
# everyday words share little: at 0.12, half the partners of the no-cue process had none);
# the similarity at which it counts fully (when several profiles go beyond it, they count
# relative to the most similar one); and from which a reason may say "the profile is
# about the same thing" and a past idea is "similar".
TEXT_FLOOR = 0.02
TEXT_FULL = 0.15
TEXT_MIN = 0.12
# Weight of a character 4-gram feature against a whole stem's, before normalising.
NGRAM_WEIGHT = 0.35
# Expanded terms in the text evidence weigh this much of a word the two texts share: a
# concept of the domain thesaurus both speak of ("vandrarhem", "övernattning"), a
# synonym in Viggo Kann's list, a compound's head ("elcykel" also speaks of "cykel").
CONCEPT_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.25
HEAD_WEIGHT = 0.25
# A concept a word outside the thesaurus reaches only through a synonym (``x:``).
SYNONYM_CONCEPT_WEIGHT = 0.25
# ... and counts this share of a word among the concepts a document speaks of.
SYNONYM_SHARE = 0.5


def everyday(word: str, added: AddedWords = ()) -> bool:
    """An everyday word that explains nothing ("alla", "behöver", "företagen"); an everyday
    word of the thesaurus ("kök", "cykel") still says what a profile is about."""
    return is_common(word) and not concepts_of_word(word, added)


# Weight of each kind of feature against a whole word's (before normalising); character
# 4-grams weigh NGRAM_WEIGHT.
_FEATURE_WEIGHTS = {"w:": 1.0, "h:": HEAD_WEIGHT, "c:": CONCEPT_WEIGHT, "s:": SYNONYM_WEIGHT, "x:": SYNONYM_CONCEPT_WEIGHT}


def text_features(words: list[str], resources: Resources = ALL) -> list[str]:
    """A document's features, from its folded words: each word's lemma (``w:``) and the
    lemma's character 4-grams with word boundaries, so that compounds sharing a head or
    a first part ("storkök", "kök") share features; with lemmas, a compound's head
    (``h:``); the concepts of the thesaurus it belongs to (``c:``, phrases such as
    "sova över" included); its synonyms (``s:``, content words only).

    >>> text_features(["kök"], Resources(synonyms=False, concepts=False))
    ['w:kök', ' kök', 'kök ']
    >>> "c:accommodation" in text_features(["vandrarhemmet"])
    True
    """
    features: list[str] = []
    for word in words:
        features.extend(word_features(word, resources))
    if resources.concepts:
        features.extend(f"c:{key}" for key in phrase_concepts(tuple(lemma(w) for w in words), resources.added_words))
    return features


def phrase_concepts(words: tuple[str, ...], added: AddedWords = ()) -> frozenset[str]:
    """The concepts that only a phrase of several words names ("sova över", "laga mat")."""
    return concepts_of_text(words, added) - frozenset(k for w in words for k in concepts_of(w, added))


@lru_cache(maxsize=131072)
def word_features(word: str, resources: Resources = ALL) -> tuple[str, ...]:
    key = word_key(word, resources)
    padded = f" {key} "
    features = [f"w:{key}"]
    features += [padded] if len(padded) <= 4 else [padded[i : i + 4] for i in range(len(padded) - 3)]
    if resources.lemmas:
        parts = compound(key)
        if parts:  # a simple word's head is the word itself, already there
            features.append(f"h:{parts[1]}")
    base = lemma(word)
    if resources.concepts:
        features += [f"c:{concept}" for concept in sorted(concepts_of_word(word, resources.added_words))]
    if resources.synonyms and len(base) > 3 and not is_common(word):
        others = synonyms(base)
        if others:
            features += [f"s:{other}" for other in sorted(others | {base})]
        if resources.concepts:
            features += [f"x:{concept}" for concept in sorted(synonym_concepts(base))]
    return tuple(features)


def text_vectors(
    idea_docs: list[list[str]], org_docs: list[list[str]], resources: Resources = ALL, concept_counts: list | None = None
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, dict[str, float]]:
    """TF-IDF vectors of the ideas' and the profiles' folded words, and each kept word's idf.

    Parameters
    ----------
    idea_docs, org_docs : list of list of str
        Each idea's and each organisation's folded words (:func:`workshop.language.tokens`).
    resources : Resources, optional
    concept_counts : list, optional
        When given, each document's thesaurus concepts and how many of its words (or
        phrases) speak of each are appended to it, ideas first (for
        :func:`~workshop.network.relevance.concepts.concept_vectors`).

    Returns
    -------
    idea_vectors, org_vectors : scipy.sparse.csr_matrix
        One L2-normalised row per document (sublinear tf, smooth idf, each feature
        weighted by its kind), so a product of rows is their cosine similarity.
    idf : dict
        The idf of every whole word (``w:`` feature) kept.

    Examples
    --------
    >>> ideas, profiles, idf = text_vectors([["kök"]], [["storkök"], ["fiske"]])
    >>> [round(float(x), 2) for x in (ideas @ profiles.T).toarray()[0]]
    [0.14, 0.0]
    """
    vocabulary: dict[str, int] = {}
    rows, columns = [], []
    for row, doc in enumerate(idea_docs + org_docs):
        features = text_features(doc, resources)
        if concept_counts is not None:
            counts: dict[str, float] = {}
            for feature in features:
                if feature.startswith("c:"):
                    counts[feature[2:]] = counts.get(feature[2:], 0) + 1
                elif feature.startswith("x:"):  # reached through a synonym: a share of a word
                    counts[feature[2:]] = counts.get(feature[2:], 0) + SYNONYM_SHARE
            concept_counts.append(counts)
        for feature in features:
            columns.append(vocabulary.setdefault(feature, len(vocabulary)))
        rows.extend([row] * len(features))
    documents = len(idea_docs) + len(org_docs)
    if not vocabulary:  # no text at all yet, e.g. a brand-new process
        empty = sparse.csr_matrix((0, 1), dtype=np.float32)
        idea_vectors = sparse.csr_matrix((len(idea_docs), 1), dtype=np.float32) if idea_docs else empty
        org_vectors = sparse.csr_matrix((len(org_docs), 1), dtype=np.float32) if org_docs else empty
        return idea_vectors, org_vectors, {}
    counts = sparse.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), (rows, columns)), shape=(documents, len(vocabulary)), dtype=np.float32
    )
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(vocabulary))
    names = [None] * len(vocabulary)
    for feature, column in vocabulary.items():
        names[column] = feature
    # Features found in more than a tenth of the documents (and at least 20) tell little
    # about what one is about, and make the similarity products dense and slow (a
    # concept of the thesaurus too: kept however common, it made ranking 10 000 ideas
    # three times slower for the same recall).
    max_df = max(0.1, 20 / documents)
    keep = df <= max_df * documents
    idf = np.log((1 + documents) / (1 + df)) + 1.0  # scikit-learn's smooth idf
    scale = np.array([_FEATURE_WEIGHTS.get(name[:2], NGRAM_WEIGHT) for name in names], dtype=np.float32)
    weights = (idf * scale * keep).astype(np.float32)
    counts.data = 1.0 + np.log(counts.data)  # sublinear tf
    matrix = normalize(counts @ sparse.diags(weights))
    matrix.eliminate_zeros()
    idf_of = {name: float(idf[column]) for column, name in enumerate(names) if name.startswith("w:") and keep[column]}
    return matrix[: len(idea_docs)].tocsr(), matrix[len(idea_docs) :].tocsr(), idf_of



def character_vectors(idea_texts: list[str], org_texts: list[str], max_df: float = 0.1) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """TF-IDF vectors of character 3–5-grams within words (L2-normalised rows), fitted on the
    profiles alone: a note or an edit of one idea then moves that idea's vector only, so the
    incremental analysis keeps every other idea's result (workshop.network.incremental)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: only when an index is built

    if not idea_texts or not org_texts:
        return sparse.csr_matrix((len(idea_texts), 1), dtype=np.float32), sparse.csr_matrix((len(org_texts), 1), dtype=np.float32)
    limit = min(1.0, max(max_df, 20 / len(org_texts)))
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_df=limit, dtype=np.float32)
    try:
        profiles = vectorizer.fit_transform(org_texts)
    except ValueError:  # no n-gram left
        return sparse.csr_matrix((len(idea_texts), 1), dtype=np.float32), sparse.csr_matrix((len(org_texts), 1), dtype=np.float32)
    return vectorizer.transform(idea_texts).tocsr(), profiles.tocsr()
