"""Plain records of the neighbourhood-office draft: the companies within reach, the figures, the requirements.

*Within reach* of a development point are the companies whose register row names it as
their nearest (``Company.development_point``); each counts with its latest *submitted*
survey (needs and the stored ``scores``); a company without one is counted as not answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .rules import LOW_SCORE

__all__ = ["CompanyEvidence", "Evidence", "Mean", "EvidenceLine", "Requirement", "OfficeDraft"]


@dataclass(frozen=True)
class CompanyEvidence:
    """One company within reach and its latest submitted survey (``answered`` False: none)."""

    company_id: int
    name: str
    legal_form: str
    size_class: str | None
    answered: bool = False
    needs: frozenset[str] = frozenset()
    scores: tuple[tuple[str, float], ...] = ()  # (dimension, 0-100), "overall" included

    def score(self, dimension: str) -> float | None:
        return dict(self.scores).get(dimension)


@dataclass(frozen=True)
class Evidence:
    """The companies within reach of one development point."""

    point: str
    companies: tuple[CompanyEvidence, ...] = ()

    @property
    def within(self) -> int:
        return len(self.companies)

    @property
    def answered(self) -> int:
        return sum(c.answered for c in self.companies)

    @property
    def unanswered(self) -> int:
        return self.within - self.answered

    def needing(self, needs: Iterable[str]) -> tuple[CompanyEvidence, ...]:
        """The answering companies that need any of ``needs``."""
        wanted = set(needs)
        return tuple(c for c in self.companies if c.answered and c.needs & wanted)


@dataclass(frozen=True)
class Mean:
    """A dimension's mean over the answering companies; ``value`` None when withheld (< SMALL_GROUP)."""

    dimension: str
    value: float | None
    answers: int

    @property
    def low(self) -> bool:
        return self.value is not None and self.value < LOW_SCORE


@dataclass(frozen=True)
class EvidenceLine:
    """One figure under a requirement.

    ``kind``: ``need`` (``count`` of the ``within`` companies, ``answered`` of them answered,
    need any of ``needs``), ``sizes`` (the size classes of those companies), ``one_person``
    (how many of them have no employees) or ``mean`` (a dimension's :class:`Mean`).
    """

    kind: str
    needs: tuple[str, ...] = ()
    count: int = 0
    within: int = 0
    answered: int = 0
    sizes: tuple[tuple[str, int], ...] = ()
    mean: Mean | None = None


@dataclass(frozen=True)
class Requirement:
    """One requirement of the office: ``supported`` False means *inget underlag*.

    Its text is the catalog's ``office.req.<key>.text.<variant>`` filled with ``params``.
    """

    key: str
    supported: bool
    variant: str = "default"
    params: tuple[tuple[str, Any], ...] = ()
    evidence: tuple[EvidenceLine, ...] = ()
    company_ids: tuple[int, ...] = ()  # the companies that need it


@dataclass(frozen=True)
class OfficeDraft:
    evidence: Evidence
    requirements: tuple[Requirement, ...] = field(default_factory=tuple)

    @property
    def point(self) -> str:
        return self.evidence.point

    @property
    def supported(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.supported)

    @property
    def unsupported(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.supported)
