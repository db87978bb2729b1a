"""Swedish meaning, offline, from lexical resources that ship with the repository.

* :mod:`.words`: content words (folded by :func:`workshop.text.word_key`), lemmas
  (simplemma's Swedish dictionary) and compound boundaries found in that dictionary
  ("elcykel" = "el" + "cykel").
* :mod:`.lexicon`: the vendored word lists under ``data/vocabulary/``: word frequencies
  (wordfreq's Swedish list, CC BY-SA 4.0) to tell an everyday word from a name, and
  Viggo Kann's Swedish synonym list (the ``mythes-sv`` thesaurus).
* :mod:`.concepts`: the domain thesaurus of our own (``data/vocabulary/concepts.toml``):
  what rural development projects ask for and offer, each with its Swedish words.
* :mod:`.match`: how well one word meets another, and why ("vandrarhem" meets
  "övernattning" through the concept *övernattning*).

Every resource is read once per process; nothing is downloaded.
"""

from workshop.language.concepts import AddedWords, Concept, concepts, concepts_of, concepts_of_text, concepts_of_word, in_concept, synonym_concepts
from workshop.language.lexicon import COMMON_ZIPF, is_common, synonyms, zipf
from workshop.language.match import ALL, CONCEPT_MATCH, SYNONYM_MATCH, Match, Resources, term_match
from workshop.language.words import STOPWORDS, compound, head, lemma, lemmas, tokens

__all__ = [
    "AddedWords",
    "COMMON_ZIPF",
    "CONCEPT_MATCH",
    "SYNONYM_MATCH",
    "Concept",
    "ALL",
    "Match",
    "Resources",
    "STOPWORDS",
    "compound",
    "concepts",
    "concepts_of",
    "concepts_of_text",
    "concepts_of_word",
    "in_concept",
    "head",
    "is_common",
    "lemma",
    "lemmas",
    "synonym_concepts",
    "synonyms",
    "term_match",
    "tokens",
    "zipf",
]
