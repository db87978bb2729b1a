"""The vendored word lists: how common a Swedish word is, and its synonyms.

* ``data/vocabulary/wordfreq_sv.tsv``: the Swedish words of wordfreq 3.1.1's small list
  with their Zipf frequency (log10 of occurrences per billion words; "och" 7.4,
  "behöver" 6.0, "vandrarhem" 3.3). CC BY-SA 4.0, see ``data/vocabulary/NOTICE``.
* ``data/vocabulary/th_sv_SE_v2.dat``: Viggo Kann's Swedish synonym list as Debian's
  ``mythes-sv`` ships it (MyThes format, ISO-8859-1), unchanged, with its notice.

Each is read once per process, at first use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from workshop.language.words import STOPWORDS, lemma
from workshop.text import word_key

__all__ = ["VOCABULARY", "COMMON_ZIPF", "zipf", "is_common", "synonyms"]

VOCABULARY = Path(__file__).resolve().parent.parent.parent / "data" / "vocabulary"
# A word at least this frequent (about 10 in a million words: "företagen" 4.3, "kök" 4.1,
# "lokal" 4.4) is an everyday word: it never names an organisation. Rare words and
# names ("vandrarhem" 3.3, "Kvarnbacken" not in the list) can.
COMMON_ZIPF = 4.0


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    table: dict[str, float] = {}
    with open(VOCABULARY / "wordfreq_sv.tsv", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            word, value = line.rstrip("\n").split("\t")
            table[word_key(word)] = float(value)
    return table


def zipf(word: str) -> float:
    """The Zipf frequency of a folded word, 0 when the list does not have it.

    >>> zipf("behöver") > 5, zipf("kvarnbacken")
    (True, 0.0)
    """
    return _frequencies().get(word, 0.0)


@lru_cache(maxsize=131072)
def is_common(word: str) -> bool:
    """Whether a folded word (or its lemma) is an everyday word or a function word.

    >>> [is_common(w) for w in ("alla", "gärna", "hela", "behöver", "företagen", "kvarnbacken", "vandrarhem")]
    [True, True, True, True, True, False, False]
    """
    if word in STOPWORDS:
        return True
    return max(zipf(word), zipf(lemma(word))) >= COMMON_ZIPF


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    """Each one-word head word's one-word synonyms, both ways (the list is not symmetric)."""
    found: dict[str, set[str]] = {}
    with open(VOCABULARY / "th_sv_SE_v2.dat", encoding="iso-8859-1") as lines:
        next(lines)  # the encoding
        entry = None
        for line in lines:
            line = line.rstrip("\n")
            if not line.startswith("|") and "|" in line and not line.startswith("("):
                word = word_key(line.split("|")[0])
                entry = word if " " not in word and "-" not in word else None
                continue
            if entry is None:
                continue
            for other in line.split("|")[1:]:
                other = word_key(other.strip())
                if other and " " not in other and "-" not in other and other != entry:
                    found.setdefault(entry, set()).add(other)
                    found.setdefault(other, set()).add(entry)
    return {word: frozenset(others) for word, others in found.items()}


def synonyms(word: str) -> frozenset[str]:
    """The one-word synonyms of a folded lemma in Viggo Kann's list (empty if none).

    >>> sorted(synonyms("övernattning"))[:3] == sorted(synonyms("övernattning"))[:3]
    True
    >>> "ordbok" in synonyms("lexikon")
    True
    """
    return _synonyms().get(word, frozenset())
