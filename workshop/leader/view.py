"""What the LEADER card page and the application draft read: :class:`CardView`."""

from __future__ import annotations

from dataclasses import dataclass

from .card import IdeaFacts
from .check import LeaderCheck
from .prescore import PreScore
from .rules import AreaRules

__all__ = ["CardView"]


@dataclass(frozen=True)
class CardView:
    """What the card page shows: the facts, the area's rules, the check and the pre-score."""

    facts: IdeaFacts
    area: AreaRules | None
    areas: tuple[str, ...]  # to choose from where a boundary runs through the place
    check: LeaderCheck
    score: PreScore | None
    has_card: bool
