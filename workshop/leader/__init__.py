"""LEADER: the areas' rules as data, an idea's LEADER card, the check, the project-readiness
rule (readiness.py), the pre-score and the application draft. See docs/leader.md."""

from .card import COST_TYPES, HORIZONTAL, Card, IdeaFacts, Party
from .check import LINES, LeaderCheck, Line, leader_check
from .prescore import PreScore, ScoreLine, pre_score
from .rules import AreaRules, Rulebook, RulesFileError, SupportType, load_rules

__all__ = [
    "COST_TYPES", "HORIZONTAL", "Card", "IdeaFacts", "Party",
    "LINES", "LeaderCheck", "Line", "leader_check",
    "PreScore", "ScoreLine", "pre_score",
    "AreaRules", "Rulebook", "RulesFileError", "SupportType", "load_rules",
]
