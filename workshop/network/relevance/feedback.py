"""What the process learns from its facilitators' verdicts on suggested members (issue 20).

A facilitator marks a suggested member of an idea "passar" (it fits) or "passar inte".
Two things follow, each one call inside :mod:`workshop.network.relevance`:

* :class:`Verdicts` overrides the relevance of that very pair at once: a member that does
  not fit loses its basis for the idea (it leaves the idea's constellations); one that fits
  gets a basis and :data:`FITS_BONUS`, so it ranks above every organisation not committed.
  A commitment outranks a verdict: "passar inte" leaves a committed organisation as it is.
* :class:`LearnedWords` carries the words over to the whole process: a "passar" confirms
  every pair of a content word of the idea's needs and a content word of the member's
  offers ("sy" / "textilslöjd"); a pair confirmed ``c`` times meets a need at
  ``1 - 0.5**c`` (0.5 = a need met, :data:`workshop.network.relevance.NEED_MET`, at the
  first confirmation). The relevance takes the higher of its own label match and this.

Words are stored as written (lower case) and compared through
:func:`workshop.network.relevance.stems`, so a later change of the stemming or lemmas
applies to what was learnt before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from workshop.network.relevance.labels import stems
from workshop.network.snapshot import Capability, FitVerdictRecord, WordAssociationRecord

__all__ = ["FITS_BONUS", "association_value", "content_words", "confirmed_pairs", "Verdicts", "LearnedWords"]

# A member marked "passar" ranks above every organisation not committed (their scores are ≤ 1).
FITS_BONUS = 1.0
_WORD = re.compile(r"[^\W\d_]+")
# Words of a need that say who or how much, not what ("någon som kan sy", "hjälp att …"):
# confirming them would tie every such need to the member's offers.
_VAGUE = frozenset("någon något några folk person personer hjälp behöver behov lite mer fler stor stort stora liten litet små".split())


@lru_cache(maxsize=65536)
def _stems(text: str) -> tuple[str, ...]:
    """:func:`workshop.network.relevance.stems`, cached: every need label meets every offer label."""
    return tuple(stems(text))


def association_value(confirmations: int) -> float:
    """How well a need word is met by an offer word confirmed ``confirmations`` times.

    >>> [association_value(c) for c in (0, 1, 2, 3)]
    [0.0, 0.5, 0.75, 0.875]
    """
    return 1.0 - 0.5 ** max(confirmations, 0)


def content_words(label: str) -> list[str]:
    """The words of a need or offer that say what it is (lower case, function words left out).

    >>> content_words("Någon som kan sy gardiner")
    ['sy', 'gardiner']
    """
    return [w for w in dict.fromkeys(_WORD.findall(label.lower())) if w not in _VAGUE and _stems(w)]


def confirmed_pairs(needs: Iterable[Capability], offers: Iterable[Capability]) -> list[tuple[str, str]]:
    """The (need word, offer word) pairs a "passar" for this idea and member confirms.

    >>> confirmed_pairs([Capability("competence", "någon som kan sy")], [Capability("resource", "symaskiner")])
    [('sy', 'symaskiner')]
    """
    need_words = sorted({w for n in needs for w in content_words(n.label)})
    offer_words = sorted({w for o in offers for w in content_words(o.label)})
    return [(n, o) for n in need_words for o in offer_words if n != o]


class Verdicts:
    """The per-(idea, organisation) overrides of one snapshot.

    Examples
    --------
    >>> verdicts = Verdicts([FitVerdictRecord(10, 1, True), FitVerdictRecord(10, 2, False)])
    >>> score, basis = np.array([[0.2, 0.5, -1.0]]), np.array([[False, True, False]])
    >>> verdicts.apply(score, basis, np.zeros((1, 3), dtype=bool), [10], {1: 0, 2: 1, 3: 2})
    >>> score.tolist(), basis.tolist()
    ([[1.2, 0.5, -1.0]], [[True, False, False]])
    """

    def __init__(self, records: Iterable[FitVerdictRecord]) -> None:
        self.by_idea: dict[int, dict[int, bool]] = {}
        for record in records:
            self.by_idea.setdefault(record.idea_id, {})[record.organisation_id] = record.fits

    def of(self, idea_id: int) -> dict[int, bool]:
        """The organisations marked for ``idea_id``: ``True`` fits, ``False`` does not."""
        return self.by_idea.get(idea_id, {})

    def apply(self, score: np.ndarray, basis: np.ndarray, committed: np.ndarray, idea_ids: list[int], org_pos: dict[int, int]) -> None:
        """Change ``score`` and ``basis`` (ideas × organisations, rows for ``idea_ids``) in place."""
        if not self.by_idea:
            return
        for row, idea_id in enumerate(idea_ids):
            for organisation_id, fits in self.of(idea_id).items():
                column = org_pos.get(organisation_id)
                if column is None:
                    continue
                if fits:
                    score[row, column] = max(score[row, column], 0.0) + FITS_BONUS
                    basis[row, column] = True
                elif not committed[row, column]:
                    basis[row, column] = False


class LearnedWords:
    """The process's confirmed need/offer word pairs, as a label match.

    Examples
    --------
    >>> learned = LearnedWords([WordAssociationRecord("sy", "textilslöjd", 1)])
    >>> learned.match(Capability("competence", "någon som kan sy"), Capability("competence", "textilslöjd"))
    0.5
    >>> learned.match(Capability("competence", "bokföring"), Capability("competence", "textilslöjd"))
    0.0
    """

    def __init__(self, records: Iterable[WordAssociationRecord]) -> None:
        self.table: dict[str, dict[str, float]] = {}
        for record in records:
            value = association_value(record.confirmations)
            for need in _stems(record.need_word):
                for offer in _stems(record.offer_word):
                    row = self.table.setdefault(need, {})
                    row[offer] = max(row.get(offer, 0.0), value)

    def match(self, need: Capability, offer: Capability) -> float:
        """The best learned value of a word of ``need`` against a word of ``offer`` (0 when none)."""
        if not self.table:
            return 0.0
        rows = [self.table[n] for n in _stems(need.label) if n in self.table]
        if not rows:
            return 0.0
        offered = _stems(offer.label)
        return round(max((row.get(o, 0.0) for row in rows for o in offered), default=0.0), 6)
