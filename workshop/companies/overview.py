"""The register at a glance: counts by development point, SNI section and size class, the
turnover distribution, a view by locality, and the gaps in the mapping.

Gaps are what the mapping still lacks:

- development points with few companies: fewer than :data:`FEW` (= ``SMALL_GROUP``, five).
  Below that the survey's aggregates for the point are suppressed (nobody singled out), so
  a point with fewer companies cannot be analysed yet: more companies must be mapped there;
- companies without a survey: no submitted maturity assessment;
- localities without a development point: not in ``data/companies/localities.toml``
  (the town of Lindesberg, listed there as outside the points, is counted apart).

Everything here is counts of register rows; no personal data is in an overview.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..db import Store
from ..services.access import require_coordinator
from .localities import DEVELOPMENT_POINTS, locality_map
from .register import CompanyView, _all, _views
from .sizes import TURNOVER_BANDS
from .sni import SECTIONS
from .vocabulary import SIZE_CLASSES, SMALL_GROUP

__all__ = ["FEW", "Overview", "LocalityRow", "CompanyGap", "company_overview", "summarise"]

#: A development point with fewer companies than this is a gap (see the module's notes).
FEW = SMALL_GROUP


@dataclass(frozen=True)
class LocalityRow:
    locality: str  # "" for companies without a locality
    development_point: str | None
    outside: bool  # the town: deliberately no development point
    companies: int
    surveyed: int


@dataclass(frozen=True)
class CompanyGap:
    id: int
    name: str
    development_point: str | None


@dataclass(frozen=True)
class Overview:
    """Counts as (key, count) pairs in a fixed order, zeros included, so tables and charts line up.

    ``by_development_point`` ends with ``(None, n)``: companies without a point.
    ``by_section`` and ``by_size_class`` end with ``(None, n)``: not known.
    """

    total: int
    surveyed: int
    by_development_point: tuple[tuple[str | None, int], ...]
    by_section: tuple[tuple[str | None, int], ...]
    by_size_class: tuple[tuple[str | None, int], ...]
    by_size_band: tuple[tuple[str, int], ...]
    by_turnover: tuple[tuple[str | None, int], ...]
    by_locality: tuple[LocalityRow, ...]
    few_points: tuple[tuple[str, int], ...]  # development points with fewer than FEW companies
    without_survey: tuple[CompanyGap, ...]
    localities_without_point: tuple[tuple[str, int], ...]  # (locality, companies)


def summarise(companies: list[CompanyView], *, few: int = FEW) -> Overview:
    """The overview of a list of companies (pure: the pages' caches and the tests call it).

    >>> summarise([]).by_development_point[0], summarise([]).few_points[0]
    (('Fellingsbro', 0), ('Fellingsbro', 0))
    """
    places = locality_map()
    points = Counter(c.development_point for c in companies)
    sections = Counter(c.sni_section for c in companies)
    sizes = Counter(c.size_class for c in companies)
    bands = Counter(c.size_band for c in companies if c.size_band)
    turnover = Counter(c.turnover_class for c in companies)
    by_point = tuple((p, points.get(p, 0)) for p in DEVELOPMENT_POINTS) + ((None, sum(n for p, n in points.items() if p not in DEVELOPMENT_POINTS)),)
    localities: dict[str, list[CompanyView]] = {}
    for company in companies:
        localities.setdefault(company.locality or "", []).append(company)
    rows = tuple(
        LocalityRow(
            locality, places.nearest(locality) if locality else None, places.is_outside(locality), len(group), sum(c.surveyed for c in group),
        )
        for locality, group in sorted(localities.items(), key=lambda item: (-len(item[1]), item[0]))
    )
    return Overview(
        total=len(companies),
        surveyed=sum(c.surveyed for c in companies),
        by_development_point=by_point,
        by_section=tuple((letter, sections.get(letter, 0)) for letter in SECTIONS) + ((None, sections.get(None, 0)),),
        # The classes from 500 up are shown only when a company is in them: a village has none.
        by_size_class=tuple((key, sizes.get(key, 0)) for key in SIZE_CLASSES if sizes.get(key) or SIZE_CLASSES.index(key) <= SIZE_CLASSES.index("200-499"))
        + ((None, sizes.get(None, 0)),),
        by_size_band=tuple((band, bands.get(band, 0)) for band in ("micro", "small", "medium", "large")),
        by_turnover=tuple((key, turnover.get(key, 0)) for key, _low, _high in TURNOVER_BANDS) + ((None, turnover.get(None, 0)),),
        by_locality=rows,
        few_points=tuple((p, n) for p, n in by_point if p is not None and n < few),
        without_survey=tuple(CompanyGap(c.id, c.name, c.development_point) for c in companies if not c.surveyed),
        localities_without_point=tuple((r.locality, r.companies) for r in rows if r.development_point is None and not r.outside),
    )


def company_overview(store: Store, token: Any) -> Overview:
    """The overview of the whole register, for a coordinator."""
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        companies = _views(session, _all(session))
    return summarise(companies)
