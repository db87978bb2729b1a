"""Plain rankings to hold the app's suggestions against (issue 20).

Each takes a snapshot and returns, per idea, every organisation not committed to it,
best first. The lexical ones compare the idea's text (title, description, needs)
with the organisation's (name, description, offers) and know no Swedish:

* ``char``: TF-IDF over character 3–5-grams within words (``char_wb``), cosine;
* ``word``: TF-IDF over words, cosine;
* ``bm25``: Okapi BM25 over words (k1 = 1.5, b = 0.75), the idea as the query;
* ``connected``: everyone by summed tie strength, whatever the idea;
* ``random``: a seeded shuffle (the evaluation averages several seeds).
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Callable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from workshop.network.snapshot import IdeaRecord, NetworkSnapshot, OrganisationRecord

from .evaluation import most_connected_ranking

__all__ = ["idea_text", "organisation_text", "tfidf_ranking", "bm25_ranking", "random_ranking", "BASELINES"]

Ranking = Callable[[NetworkSnapshot], dict[int, list[int]]]
_TOKEN = re.compile(r"\w+")


def idea_text(idea: IdeaRecord) -> str:
    return " ".join([idea.title, idea.description, *sorted(n.label for n in idea.needs)])


def organisation_text(organisation: OrganisationRecord) -> str:
    return " ".join([organisation.name, organisation.description, *sorted(o.label for o in organisation.offers)])


def _committed(snapshot: NetworkSnapshot) -> dict[int, set[int]]:
    committed: dict[int, set[int]] = {}
    for c in snapshot.commitments:
        committed.setdefault(c.idea_id, set()).add(c.organisation_id)
    return committed


def _rank(snapshot: NetworkSnapshot, scores: np.ndarray) -> dict[int, list[int]]:
    """Rows of ``scores`` (ideas × organisations) as rankings, committed left out, ties by id."""
    ids = [o.id for o in snapshot.organisations]
    committed = _committed(snapshot)
    rankings = {}
    for row, idea in enumerate(snapshot.ideas):
        order = sorted(range(len(ids)), key=lambda k: (-scores[row, k], ids[k]))
        rankings[idea.id] = [ids[k] for k in order if ids[k] not in committed.get(idea.id, set())]
    return rankings


def tfidf_ranking(snapshot: NetworkSnapshot, **vectorizer) -> dict[int, list[int]]:
    """Cosine of TF-IDF vectors fitted on every idea and organisation text.

    Examples
    --------
    >>> from workshop.network.snapshot import OrganisationRecord as O, IdeaRecord as I
    >>> s = NetworkSnapshot(organisations=(O(1, "Syföreningen", "association", "nonprofit", None, None, description="symaskiner"),
    ...                                    O(2, "Bryggeriet", "company", "private", None, None, description="öl")),
    ...                     ideas=(I(1, "Sy kläder", 1, None, None, description="låna symaskin"),))
    >>> tfidf_ranking(s, analyzer="char_wb", ngram_range=(3, 5))
    {1: [1, 2]}
    """
    ideas = [idea_text(i) for i in snapshot.ideas]
    organisations = [organisation_text(o) for o in snapshot.organisations]
    if not ideas or not organisations:
        return {i.id: [] for i in snapshot.ideas}
    matrix = TfidfVectorizer(lowercase=True, **vectorizer).fit_transform(ideas + organisations)
    scores = (matrix[: len(ideas)] @ matrix[len(ideas) :].T).toarray()
    return _rank(snapshot, scores)


def bm25_ranking(snapshot: NetworkSnapshot, *, k1: float = 1.5, b: float = 0.75) -> dict[int, list[int]]:
    """Okapi BM25 with the idea's words as the query and organisations as documents.

    Examples
    --------
    >>> from workshop.network.snapshot import OrganisationRecord as O, IdeaRecord as I
    >>> s = NetworkSnapshot(organisations=(O(1, "A", "association", "nonprofit", None, None, description="kanoter att hyra"),
    ...                                    O(2, "B", "company", "private", None, None, description="öl")),
    ...                     ideas=(I(1, "Hyra kanoter", 1, None, None),))
    >>> bm25_ranking(s)
    {1: [1, 2]}
    """
    documents = [Counter(_TOKEN.findall(organisation_text(o).lower())) for o in snapshot.organisations]
    n = len(documents)
    lengths = [sum(d.values()) for d in documents]
    average = sum(lengths) / n if n else 1.0
    frequency = Counter(word for d in documents for word in d)
    idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in frequency.items()}
    scores = np.zeros((len(snapshot.ideas), n))
    for row, idea in enumerate(snapshot.ideas):
        query = set(_TOKEN.findall(idea_text(idea).lower()))
        for col, document in enumerate(documents):
            norm = k1 * (1 - b + b * lengths[col] / average)
            scores[row, col] = sum(
                idf[w] * document[w] * (k1 + 1) / (document[w] + norm) for w in query if w in document
            )
    return _rank(snapshot, scores)


def random_ranking(snapshot: NetworkSnapshot, *, seed: int = 0) -> dict[int, list[int]]:
    """Everyone not committed, in a seeded random order per idea."""
    rng = random.Random(seed)
    committed = _committed(snapshot)
    ids = [o.id for o in snapshot.organisations]
    rankings = {}
    for idea in snapshot.ideas:
        order = [o for o in ids if o not in committed.get(idea.id, set())]
        rng.shuffle(order)
        rankings[idea.id] = order
    return rankings


BASELINES: dict[str, Ranking] = {
    "char n-gram TF-IDF": lambda s: tfidf_ranking(s, analyzer="char_wb", ngram_range=(3, 5)),
    "word TF-IDF": lambda s: tfidf_ranking(s, analyzer="word"),
    "BM25": bm25_ranking,
    "most connected": most_connected_ranking,
}
