"""Named evidence: the rare words by which an idea names an organisation ("på Kvarnbacken")."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

import numpy as np
from scipy import sparse

from workshop.language import ALL, Resources
from workshop.text import word_key as fold_word
from workshop.language.words import WORD
from workshop.network.relevance.labels import word_key

__all__ = ["NAMED_MAX_ORGANISATIONS", "NAMED_MAX_SHARE", "NAMED_ALONE", "NAMED_LOWER"]

# A word of the idea names an organisation when at most this many organisations (and at
# most this share of them) have it in their own name, description or notes.
NAMED_MAX_ORGANISATIONS = 10
NAMED_MAX_SHARE = 0.25
# A word the idea writes in lower case (or only first in a sentence) may be a thing rather
# than a name ("en snickare", "anställda"): it names at this share of a capitalised one.
NAMED_LOWER = 0.5
# Named but nothing else ties it to the idea (no need met, another topic): it counts this share.
NAMED_ALONE = 0.3


_SENTENCE = re.compile(r"(?:^|[.!?:;]\s+|\n)")


def capitalised(text: str, resources: Resources = ALL) -> set[str]:
    """The lemmas of the words ``text`` writes with a capital inside a sentence, as names are
    written in Swedish ("på Kvarnbacken", "Företagarföreningen samordnar"); a sentence's first
    word says nothing.

    >>> sorted(capitalised("Skördefest på Kvarnbacken. Vi vill vara i ladan hos Eriksson."))
    ['eriksson', 'kvarnbacken']
    """
    found: set[str] = set()
    for sentence in _SENTENCE.split(text):
        for position, match in enumerate(WORD.finditer(sentence)):
            word = match.group()
            if position and word[0].isupper():
                found.add(word_key(fold_word(word), resources))
    return found


class NamedWords(NamedTuple):
    """The rare words by which an idea can name an organisation (:func:`named_matrices`)."""

    column: dict[str, int]  # each rare word's column, in sorted order
    weight: dict[str, float]  # 1 / the number of organisations that have it
    organisations: sparse.csr_matrix  # words x organisations: the word's weight where one has it
    ideas: sparse.csr_matrix  # ideas x words: 1, or NAMED_LOWER where the idea writes it in lower case


def named_matrices(idea_words: list[set[str]], org_words: list[set[str]], idea_texts: list[str], resources: Resources = ALL) -> NamedWords:
    """Sparse (ideas × words) and (words × organisations) matrices of the rare words by which
    an idea can name an organisation; their product is each pair's ``named`` sum.

    Parameters
    ----------
    idea_words : list of set of str
        Each idea's words that could name someone, as compared (:func:`~workshop.network.relevance.labels.word_key`).
    org_words : list of set of str
        Each organisation's words of its own name, description and notes (places left out).
    idea_texts : list of str
        Each idea's own text, to tell a name written with a capital from a thing.
    resources : Resources, optional

    Returns
    -------
    NamedWords

    Examples
    --------
    >>> named = named_matrices([{"kvarnbacken"}], [{"kvarnbacken"}, {"fisk"}, {"skog"}, {"sjö"}], ["Fest på Kvarnbacken."])
    >>> named.column, (named.ideas @ named.organisations).toarray().tolist()
    ({'fisk': 0, 'kvarnbacken': 1, 'sjö': 2, 'skog': 3}, [[1.0, 0.0, 0.0, 0.0]])
    """
    organisations_with: dict[str, int] = defaultdict(int)
    for words in org_words:
        for word in words:
            organisations_with[word] += 1
    ideas_with: dict[str, int] = defaultdict(int)
    for words in idea_words:
        for word in words:
            if word in organisations_with:
                ideas_with[word] += 1
    limit = min(NAMED_MAX_ORGANISATIONS, max(1, int(NAMED_MAX_SHARE * len(org_words))))
    # A word that many ideas use ("föreningarna", "bygden") is vocabulary, not a name.
    idea_limit = max(2, int(NAMED_MAX_SHARE * len(idea_words)))
    rare = (w for w, d in organisations_with.items() if d <= limit and ideas_with[w] <= idea_limit)
    name_column = {w: k for k, w in enumerate(sorted(rare))}
    name_weight = {w: 1.0 / organisations_with[w] for w in name_column}
    rows, columns, values = [], [], []
    for row, words in enumerate(org_words):
        for word in words:
            if word in name_column:
                rows.append(row)
                columns.append(name_column[word])
                values.append(name_weight[word])
    width = max(1, len(name_column))
    named_orgs = sparse.csr_matrix((values, (columns, rows)), shape=(width, len(org_words)), dtype=np.float32)
    rows, columns, values = [], [], []
    for row, words in enumerate(idea_words):
        written = None
        for word in words:
            if word in name_column:
                if written is None:
                    written = capitalised(idea_texts[row], resources)
                rows.append(row)
                columns.append(name_column[word])
                values.append(1.0 if word in written else NAMED_LOWER)
    named_ideas = sparse.csr_matrix(
        (np.array(values, dtype=np.float32), (rows, columns)), shape=(len(idea_words), width), dtype=np.float32
    )
    return NamedWords(name_column, name_weight, named_orgs, named_ideas)
