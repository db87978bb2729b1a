"""The neighbourhood office's rules, in one place (docs/neighbourhood-office.md explains each with a worked example)."""

from __future__ import annotations

__all__ = ["LOW_SCORE", "DESKS_BY_SIZE", "DESKS_OTHERWISE", "DESKS_UNKNOWN", "MEETING_MIN_COMPANIES", "MEETING_SEATS", "HIGH_CONNECTIVITY_SHARE", "ONE_PERSON_CLASSES", "SUPPORT_NEEDS", "EDIT_MAX", "RULES"]


#: A dimension's mean below this (0-100) counts as low: the office should make up for it.
LOW_SCORE = 40.0
#: Workplaces a company needing premises is counted for, by SCB size class. A one-person
#: company uses one desk; a company with staff seldom sends everyone to a shared office.
DESKS_BY_SIZE = {"0": 1, "1-4": 1, "5-9": 2, "10-19": 3, "20-49": 3}
DESKS_OTHERWISE = 3  # larger classes (seldom within reach of a village office)
DESKS_UNKNOWN = 1  # no size class in the register
#: A meeting room is shared: asked for when at least this many companies need premises,
#: advice or a support person (they meet the behovsstödjare, advisers and customers there).
MEETING_MIN_COMPANIES = 2
MEETING_SEATS = (4, 12)  # seats: one per such company, at least 4, at most 12
#: The high connectivity level when at least this share of the answering companies ask for it.
HIGH_CONNECTIVITY_SHARE = 0.5
#: One-person companies (no employees) need their own key: they work when customers allow.
ONE_PERSON_CLASSES = ("0",)
#: Needs a support role (behovsstödjare) meets.
SUPPORT_NEEDS = ("support_person", "advice", "skills")
#: How long the coordinator's own text of one requirement may be.
EDIT_MAX = 1500

#: Every requirement, in the draft's order, with the needs and mean scores that motivate it.
RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "workplaces": {"needs": ("premises",), "means": ()},
    "meeting_room": {"needs": ("premises", "advice", "support_person"), "means": ()},
    "connectivity": {"needs": ("connectivity",), "means": ("readiness", "data")},
    "equipment": {"needs": ("equipment",), "means": ()},
    "access": {"needs": ("premises",), "means": ()},
    "support_role": {"needs": SUPPORT_NEEDS, "means": ("human", "strategy")},
}
