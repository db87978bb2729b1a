"""An idea's LEADER card and the plain facts the check, the pre-score and the draft read.

Nothing here touches the database: :mod:`workshop.leader.service` reads these records,
and tests build them by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["COST_TYPES", "HORIZONTAL", "Card", "Party", "IdeaFacts"]

# Cost types a Leader budget is given in (Jordbruksverket's application asks by type).
COST_TYPES = ("personnel", "services", "investments", "materials", "travel", "other")

# The horizontal criteria every project is asked about.
HORIZONTAL = ("equality", "non_discrimination", "environment")


@dataclass(frozen=True)
class Card:
    """What the card holds. Amounts in whole SEK, hours in whole hours.

    ``volunteer_hours`` is ``((organisation_id, hours), ...)``; ``support_sought_sek`` None
    means the whole budget is sought.
    """

    support_type: str | None = None
    benefit: str | None = None  # workshop.leader.rules.BENEFITS
    budget: dict[str, int] = field(default_factory=dict)
    support_sought_sek: int | None = None
    focus_area: str | None = None
    goal: str | None = None
    innovation_type: str | None = None
    innovation: str = ""  # the idea's own innovation text
    horizontal: dict[str, str] = field(default_factory=dict)
    long_term: str = ""
    activities: str = ""
    indicators: str = ""
    planned_start: dt.date | None = None
    owner_sole_trader: bool = False
    volunteer_hours: tuple[tuple[int, int], ...] = ()

    @property
    def total_sek(self) -> int:
        return sum(self.budget.values())

    @property
    def sought_sek(self) -> int:
        return self.total_sek if self.support_sought_sek is None else self.support_sought_sek

    @property
    def hours(self) -> int:
        return sum(hours for _, hours in self.volunteer_hours)


@dataclass(frozen=True)
class Party:
    """An organisation committed to the idea, with its roles and what the check needs of it."""

    id: int
    name: str
    kind: str  # workshop.vocabulary.ORGANISATION_KINDS
    org_number: str | None
    locality: str | None
    leader_area: str | None
    roles: frozenset[str] = frozenset()
    contribution: str = ""


@dataclass(frozen=True)
class IdeaFacts:
    """One idea as the LEADER check sees it.

    ``leader_area`` is the area it applies in: the locality's, or where a boundary runs
    through the locality (``crosses_boundary``), the area the idea names itself.
    """

    id: int
    title: str
    locality: str | None
    crosses_boundary: bool
    leader_area: str | None
    owner_organisation_id: int | None
    parties: tuple[Party, ...]
    card: Card
    description: str = ""
    workshop_id: int | None = None
    # The idea came from a private person: an organisation must take ownership (issue 20).
    proposed_by_private_person: bool = False
