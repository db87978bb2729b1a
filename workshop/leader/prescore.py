"""A self-check against the area's selection criteria: never the board's (LAG's) decision.

Each criterion gets a grade 0..``scale_max`` from what the card and the check show, times the
criterion's weight from the rules file. The grades are a rough reading of the card, meant to
show where an application is thin before the office reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..network.message import Message
from .card import IdeaFacts
from .check import PRIVATE_PERSON, LeaderCheck
from .rules import AreaRules

__all__ = ["ScoreLine", "PreScore", "pre_score"]


@dataclass(frozen=True)
class ScoreLine:
    key: str
    name: str
    weight: int
    grade: int
    points: int
    reason: Message


@dataclass(frozen=True)
class PreScore:
    """``threshold`` None: no pass mark is known (a self-check built from what the office
    publishes, ``self_check``), so nothing is said about reaching one."""

    lines: tuple[ScoreLine, ...]
    threshold: int | None
    max_points: int
    self_check: bool = False

    @property
    def points(self) -> int:
        return sum(line.points for line in self.lines)

    @property
    def reaches_threshold(self) -> bool | None:
        return None if self.threshold is None else self.points >= self.threshold


def _grade(key: str, scale: int, facts: IdeaFacts, check: LeaderCheck) -> tuple[int, Message]:
    card = facts.card
    passed = {line.key: line.passed for line in check.lines}
    organisations = [p for p in facts.parties if p.kind != PRIVATE_PERSON]
    if key == "samverkan":
        grade = min(scale, len(organisations))
        return grade, Message("leader.score.samverkan", {"count": len(organisations)})
    if key == "lokal_forankring":
        local = sum(1 for p in facts.parties if (p.leader_area and p.leader_area == facts.leader_area) or (p.leader_area is None and p.locality and p.locality == facts.locality))
        grade = scale * local // len(facts.parties) if facts.parties else 0
        return grade, Message("leader.score.lokal_forankring", {"local": local, "count": len(facts.parties)})
    if key == "kostnadseffektivitet":
        failing = sum(1 for k in ("budget", "cofinancing", "support_rate") if not passed.get(k))
        return max(0, scale - 2 * failing), Message("leader.score.kostnadseffektivitet", {"failing": failing})
    if key == "genomforandekapacitet":
        grade = 2 * passed.get("owner", False) + 2 * bool(card.activities.strip()) + passed.get("start", False)
        return min(scale, grade), Message("leader.score.genomforandekapacitet", {})
    if key == "bestaende_resultat":
        grade = 3 * bool(card.long_term.strip()) + 2 * bool(card.indicators.strip())
        return min(scale, grade), Message("leader.score.bestaende_resultat", {})
    if key == "insatsomradets_mal":
        if passed.get("strategy"):
            return scale, Message("leader.score.insatsomradets_mal.ok", {})
        return (2 if card.focus_area else 0), Message("leader.score.insatsomradets_mal.partly" if card.focus_area else "leader.score.insatsomradets_mal.none", {})
    if key == "nytankande_och_horisontella":
        innovation, horizontal = bool(passed.get("innovation")), bool(passed.get("horizontal"))
        return min(scale, 3 * innovation + 2 * horizontal), Message("leader.score.nytankande_och_horisontella", {
            "innovation": "✓" if innovation else "–", "horizontal": "✓" if horizontal else "–"})
    return 0, Message("leader.score.unknown", {})


def pre_score(area: AreaRules, facts: IdeaFacts, check: LeaderCheck) -> PreScore | None:
    """Grade the idea on each of the area's selection criteria; None when the area has none.

    Grades (``scale_max`` 5 in the files today):

    * samverkan: one per committed organisation (private persons not counted), at most 5;
    * lokal förankring: 5 × the share of committed parties in the idea's area or place, rounded down;
    * kostnadseffektivitet: 5, less 2 for each of budget, co-financing and support rate that fails;
    * genomförandekapacitet: 2 for an eligible owner, 2 for described activities, 1 for a valid start;
    * bestående resultat: 3 for who keeps it going, 2 for indicators;
    * insatsområdets mål: 5 when the strategy line holds, 2 with an insatsområde but no goal;
    * nytänkande och horisontella (Leader Bergslagen's self-check): 3 when the innovation line
      holds, 2 when the horizontal criteria are answered.

    Examples
    --------
    >>> import datetime as dt
    >>> from workshop.leader.card import Card, IdeaFacts
    >>> from workshop.leader.check import leader_check
    >>> from workshop.leader.rules import load_rules
    >>> book = load_rules()
    >>> facts = IdeaFacts(1, "Tom idé", "Fellingsbro", True, "Leader Mälardalen", None, (), Card())
    >>> score = pre_score(book.areas["Leader Mälardalen"], facts, leader_check(book, facts, dt.date(2026, 12, 2)))
    >>> score.points, score.threshold, score.max_points, score.reaches_threshold
    (0, 250, 500, False)

    Notes
    -----
    Linear in the number of committed organisations.
    """
    if area.selection is None:
        return None
    scale = area.selection.scale_max
    lines = []
    for criterion in area.selection.criteria:
        grade, reason = _grade(criterion.key, scale, facts, check)
        lines.append(ScoreLine(criterion.key, criterion.name, criterion.weight, grade, grade * criterion.weight, reason))
    return PreScore(tuple(lines), area.selection.threshold, area.selection.max_points, area.selection.self_check)
