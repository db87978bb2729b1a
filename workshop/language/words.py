"""Swedish words: content words, lemmas and compound boundaries.

Lemmas come from simplemma's Swedish dictionary (MIT licence, shipped in its wheel):
"köket" → "kök", "elcyklar" → "elcykel", "föreningarna" → "förening". A compound is cut
where both parts are words of that dictionary, the longest known head first, with a
linking "s" or "e" allowed on the first part ("ungdomsledare" = "ungdom" + "ledare"):
a compound means a kind of its head ("elcykel" is a "cykel"), so two compounds with the
same head and different first parts are different things ("mobiltäckning" is not
"taktäckning"), and a word that only begins like another is not it ("arvode" is not
"kulturarv").
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from workshop.text import word_key

__all__ = ["STOPWORDS", "tokens", "lemma", "lemmas", "compound", "head"]

# Function words that say nothing about what an idea or an organisation is about.
STOPWORDS = frozenset(
    """
    och i på för med till av en ett att som är den det de om från vid kan vill ska har
    alla sin sina sitt vi man så men eller även mer nya ny nytt samt under efter inom
    över utan mot hela där här när hur vad vilka vem oss våra vår vårt era deras
    kring emot två tre var inte får finns göra gör också bara mycket många redan sedan varje
    något några andra både dem dess hos upp än ja nej blir bli vara varit ofta gärna just
    the and of for in to a
    """.split()
)
WORD = re.compile(r"[^\W\d_]+")
_LINKS = ("s", "e")
# Shortest first part and head of a compound ("el" + "cykel"; "tak" + "täckning").
_MIN_MODIFIER = 2
_MIN_HEAD = 3
_MIN_COMPOUND = 6


def tokens(text: str) -> list[str]:
    """The folded content words of ``text`` (function words and single letters dropped).

    >>> tokens("Vi behöver köket i bygdegården")
    ['behöver', 'köket', 'bygdegården']
    """
    return [w for w in WORD.findall(word_key(text)) if w not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=131072)
def _known(word: str) -> bool:
    # simplemma reads its Swedish dictionary once per process, at the first call.
    return simplemma.is_known(word, lang="sv")


# simplemma's dictionary gives a few forms the lemma of another word of another meaning
# ("träna", to train, → "träd", a tree; "träden", the trees, → "träde", fallow land):
# those the thesaurus would misread are corrected here.
_LEMMA_FIXES = {"träna": "träna", "träden": "träd"}


@lru_cache(maxsize=131072)
def lemma(word: str) -> str:
    """The dictionary form of one folded word; an unknown word is its own lemma.

    >>> [lemma(w) for w in ("köket", "elcyklar", "föreningarna", "symaskiner", "kvarnbacken", "träna")]
    ['kök', 'elcykel', 'förening', 'symaskin', 'kvarnbacken', 'träna']
    """
    if word in _LEMMA_FIXES:
        return _LEMMA_FIXES[word]
    if not _known(word):
        return word
    return word_key(simplemma.lemmatize(word, lang="sv"))


def lemmas(text: str) -> list[str]:
    """The lemmas of the content words of ``text``, in order.

    >>> lemmas("Köket i bygdegården och ungdomarna")
    ['kök', 'bygdegård', 'ungdom']
    """
    return [lemma(w) for w in tokens(text)]


@lru_cache(maxsize=131072)
def compound(word: str) -> tuple[str, str] | None:
    """A compound lemma's first part and head as written, or ``None`` for a simple word.

    >>> compound("elcykel"), compound("mobiltäckning"), compound("ungdomsledare")
    (('el', 'cykel'), ('mobil', 'täckning'), ('ungdom', 'ledare'))
    >>> compound("kulturarv"), compound("arvode") is None, compound("cykel") is None
    (('kultur', 'arv'), True, True)
    """
    if len(word) < _MIN_COMPOUND:
        return None
    for cut in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
        rest = word[cut:]
        if rest in _NOT_HEADS or not _known(rest):
            continue
        first = word[:cut]
        candidates = [first[: -len(link)] for link in _LINKS if first.endswith(link) and len(first) - len(link) >= _MIN_MODIFIER] + [first]
        for part in candidates:
            if len(rest) == _MIN_HEAD and len(part) < 4:
                continue  # "arv" + "ode": a short head needs a longer first part ("stor" + "kök")
            if part not in _NOT_MODIFIERS and _known(part) and _is_stem_word(part):
                return part, rest
    return None


def _is_stem_word(part: str) -> bool:
    # Two-letter first parts are real only as whole words ("el", "is"): not "st", "mo".
    return len(part) > 2 or part in _TWO_LETTER_PARTS


_TWO_LETTER_PARTS = frozenset({"el", "is", "sy", "te", "tv", "it"})
# Particles and prefixes are not first parts of a compound ("över" + "nattning", "före" + "ta").
_NOT_MODIFIERS = frozenset("över under före efter upp ut in på av an be för till om med mot bak fram när sam".split())
# Derivational endings that are also short words of the dictionary ("bokför" + "ing").
_NOT_HEADS = frozenset("ing ning het are ade ens ist ism ion lig isk ell ent ant ode era else ande ende".split())


def head(word: str) -> str:
    """What a lemma is a kind of: its compound head, or itself.

    >>> head("storkök"), head("kök")
    ('kök', 'kök')
    """
    parts = compound(word)
    return parts[1] if parts else word
