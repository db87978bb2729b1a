"""Need against offer, by meaning: how well an offered capability meets a needed one.

Labels are cut into words, lemmatised (:mod:`workshop.language`: "köket" → "kök") and
compared word by word, with Swedish compounds read by their head ("storkök" is a kind of
"kök"), and words of one concept of the domain thesaurus or synonyms meeting at a lower
value ("vandrarhem" meets "övernattning").
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from workshop.language import ALL, AddedWords, CONCEPT_MATCH, STOPWORDS, Match, Resources, concepts_of_text, lemma, term_match, tokens
from workshop.text import word_key as fold_word
from workshop.language.words import WORD
from workshop.network.snapshot import Capability

__all__ = ["NEED_MET", "CROSS_CATEGORY", "stems", "label_match"]

# A need counts as met by an offer at this match (half of a two-word need, or a compound head).
NEED_MET = 0.5
# An offer of another category than the need is worth this share of its match.
CROSS_CATEGORY = 0.6
# In a need such as "kök i bygdegården" the words after a preposition only qualify the rest.
_PREPOSITIONS = frozenset("i på för vid med till av från om under åt hos".split())
_QUALIFIER_WEIGHT = 0.5


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def word_key(word: str, resources: Resources = ALL) -> str:
    """How a folded word is compared: its lemma, or its Snowball stem without lemmas.

    >>> word_key("köket"), word_key("cafeet", Resources(lemmas=False))
    ('kök', 'cafeet')
    """
    return lemma(word) if resources.lemmas else _stem(word)


def stems(text: str, resources: Resources = ALL) -> list[str]:
    """The lemmas of the content words of ``text``, in order (Snowball stems when
    ``resources`` has no lemmas).

    Examples
    --------
    >>> stems("Köket i bygdegården")
    ['kök', 'bygdegård']
    >>> stems("Lokala råvaror och caféet")
    ['lokal', 'råvara', 'cafe']
    >>> stems("Lokala råvaror och caféet", Resources(lemmas=False))
    ['lokal', 'råvar', 'cafeet']
    """
    return [word_key(w, resources) for w in tokens(text)]


def _stem_match(need: str, offer: str) -> float:
    """How well an offered stem meets a needed one: equal, a compound and its head
    (a "storkök" is a "kök"; a "kök" only partly a "storkök"), or a shared start."""
    if need == offer:
        return 1.0
    if len(need) >= 3 and offer.endswith(need):
        return 0.9  # a Swedish compound is a kind of its last part: the offer is more specific
    if len(offer) >= 3 and need.endswith(offer):
        return 0.6  # the need is more specific than the offer
    short, long = (need, offer) if len(need) <= len(offer) else (offer, need)
    if len(short) >= 4 and long.startswith(short):
        return 0.5  # the first part only says what it is for: skogsmaskiner are not skog
    return 0.0


@lru_cache(maxsize=65536)
def label_words(label: str) -> tuple[tuple[str, float], ...]:
    """A label's folded words with their weight: 1, or 0.5 after the first preposition."""
    terms: dict[str, float] = {}
    weight = 1.0
    for word in WORD.findall(fold_word(label)):
        if word in _PREPOSITIONS:
            weight = _QUALIFIER_WEIGHT
            continue
        if word in STOPWORDS or len(word) < 2:
            continue
        terms[word] = max(terms.get(word, 0.0), weight)
    return tuple(terms.items())


@lru_cache(maxsize=262144)
def word_match(need: str, offer: str, resources: Resources = ALL) -> Match:
    """How well an offered folded word meets a needed one (:func:`workshop.language.term_match`
    on their lemmas; without lemmas, Snowball stems compared by their endings, and the
    thesaurus and synonyms looked up by lemma)."""
    if resources.lemmas:
        return term_match(lemma(need), lemma(offer), resources)
    value = _stem_match(_stem(need), _stem(offer))
    found = Match(value, "same" if value == 1.0 else "kind_of") if value else Match(0.0)
    if resources.concepts or resources.synonyms:
        meaning = term_match(lemma(need), lemma(offer), resources)
        if meaning.kind in ("concept", "synonym") and meaning.value > found.value:
            return meaning
    return found


@lru_cache(maxsize=65536)
def _label_concepts(label: str, added: AddedWords = ()) -> frozenset[str]:
    """The concepts a label speaks of, from its words before any preposition (a hall is
    not what "kök i bygdegården" asks for); when those speak of no concept ("någon som
    tittar på avloppet", "kunskap om fåglar"), from all its words.

    >>> sorted(_label_concepts("kök i bygdegården")), sorted(_label_concepts("kunskap om fåglar"))
    (['kitchen'], ['nature_wildlife'])
    """
    words = label_words(label)
    main = [w for w, weight in words if weight == 1.0]
    found = concepts_of_text([lemma(w) for w in main] + main, added)
    if not found:
        every = [w for w, _ in words]
        found = concepts_of_text([lemma(w) for w in every] + every, added)
    return found


@lru_cache(maxsize=262144)
def label_meaning(need: Capability, offer: Capability, resources: Resources = ALL) -> Match:
    """How well ``offer`` meets ``need`` and how: the :class:`~workshop.language.Match`
    behind :func:`label_match` (its kind is the weakest word match that counted, or
    ``concept`` when the two labels meet through a concept of the thesaurus)."""
    need_words = label_words(need.label)
    offer_words = label_words(offer.label)
    if not need_words or not offer_words:
        return Match(0.0)
    total = sum(weight for _, weight in need_words)
    value = 0.0
    kinds: set[str] = set()
    concept = None
    for n, weight in need_words:
        best = max((word_match(n, o, resources) for o, _ in offer_words), key=lambda m: m.value)
        value += weight * best.value
        if best.value and weight == 1.0:
            kinds.add(best.kind)
            concept = concept or best.concept
    value /= total
    kind = next((k for k in ("synonym", "concept", "first_part", "part_of", "kind_of", "same") if k in kinds), "none")
    if resources.concepts and value < CONCEPT_MATCH:
        # "någon som kan sy" and "textilslöjd och symaskiner" meet as wholes
        shared = _label_concepts(need.label, resources.added_words) & _label_concepts(offer.label, resources.added_words)
        if shared:
            value = CONCEPT_MATCH
            if not kinds & {"same", "kind_of", "part_of"}:  # the words themselves did not meet
                kind, concept = "concept", min(shared)
    factor = 1.0 if need.category == offer.category else CROSS_CATEGORY
    return Match(round(value * factor, 6), kind, concept)


def label_match(need: Capability, offer: Capability, resources: Resources = ALL) -> float:
    """How well ``offer`` meets ``need``, between 0 and 1.

    Each word of the need looks for its best word in the offer (:func:`word_match`:
    the same lemma 1, an offered compound of the needed word 0.9, a needed compound of
    the offered word 0.6, one concept of the thesaurus 0.8, synonyms 0.5, a shared first
    part 0.4); the match is the weighted mean over the need's words (words after a
    preposition, as in "kök i bygdegården", weigh half), at least 0.8 when the two labels
    speak of one concept, times :data:`CROSS_CATEGORY` when the categories differ.

    Examples
    --------
    >>> kitchen = Capability("premises", "storkök")
    >>> label_match(Capability("premises", "kök"), kitchen)
    0.9
    >>> label_match(Capability("premises", "kök i bygdegården"), Capability("premises", "köket"))
    0.8
    >>> label_match(Capability("premises", "kök i bygdegården"), Capability("premises", "samlingslokal")) < NEED_MET
    True
    >>> label_match(Capability("premises", "kök i bygdegården"), kitchen) >= NEED_MET
    True
    >>> label_match(Capability("resource", "lokala råvaror"), Capability("premises", "samlingslokal")) < NEED_MET
    True
    >>> label_match(Capability("premises", "övernattning"), Capability("premises", "vandrarhem med 20 bäddar"))
    0.8
    >>> label_match(Capability("premises", "mobiltäckning"), Capability("premises", "taktäckning"))
    0.0

    Notes
    -----
    O(a·b) for labels of a and b words.
    """
    return label_meaning(need, offer, resources).value

