"""Analysis of the digital-maturity surveys, pure on plain records.

A company's profile (first and latest measurement and the change between them), aggregates
by SNI section, size class and development point, the most common needs per development
point, and companies whose needs another's offers meet. Records come from
:func:`workshop.companies.assessments.maturity_records`; nothing here reads the database.

Which survey counts: a company's *latest submitted* survey stands for it in the aggregates,
the needs and the matching; surveys in progress count nowhere.

Nobody singled out: a group with fewer than :data:`SMALL_GROUP` companies behind a figure
gets no figure (``None``, shown and exported as "färre än 5 svar"), though the group is
still listed with its count withheld too. The same holds for a single dimension's average
when fewer than :data:`SMALL_GROUP` of the group's surveys scored that dimension.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .questions import survey
from .sni import InvalidSniCode, section_of
from .vocabulary import DIMENSIONS, NEEDS, SIZE_CLASSES, SMALL_GROUP

__all__ = [
    "AssessmentRecord", "CompanyRecord", "Profile", "Aggregate", "NeedsGroup", "Match", "GROUPINGS",
    "profile", "change", "aggregates", "common_needs", "matches", "aggregate_sheets", "export_aggregates", "EXPORT_FORMATS",
]

SCORE_KEYS = (*DIMENSIONS, "overall")
GROUPINGS = ("sni_section", "size_class", "development_point")
EXPORT_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    mode: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    scores: Mapping[str, float] = field(default_factory=dict)
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompanyRecord:
    id: int
    name: str
    development_point: str | None
    size_class: str | None
    sni_codes: tuple[str, ...]
    assessments: tuple[AssessmentRecord, ...] = ()  # oldest first

    @property
    def submitted(self) -> tuple[AssessmentRecord, ...]:
        """The submitted surveys, in the order they were submitted."""
        return tuple(sorted((a for a in self.assessments if a.submitted_at is not None), key=lambda a: (a.submitted_at, a.id)))

    @property
    def latest(self) -> AssessmentRecord | None:
        done = self.submitted
        return done[-1] if done else None

    @property
    def in_progress(self) -> tuple[AssessmentRecord, ...]:
        return tuple(a for a in self.assessments if a.submitted_at is None)


def _sni_section(code: str | None) -> str | None:
    """The SNI 2007 section letter of a code (the register's table), ``None`` when it has none.

    >>> _sni_section("56100"), _sni_section("01110"), _sni_section("62010"), _sni_section("x"), _sni_section(None)
    ('I', 'A', 'J', None, None)
    """
    if not code:
        return None
    try:
        return section_of(code)
    except InvalidSniCode:  # a code the register would refuse (division 04, letters): no section
        return None


@dataclass(frozen=True)
class Profile:
    company: CompanyRecord
    first: AssessmentRecord | None
    latest: AssessmentRecord | None
    change: dict[str, float]  # dimension (and "overall") -> latest minus first; empty with one measurement


def change(first: Mapping[str, float], latest: Mapping[str, float]) -> dict[str, float]:
    """Latest minus first, for every score both measurements have.

    >>> change({"strategy": 40.0, "green": 10.0, "overall": 30.0}, {"strategy": 55.5, "overall": 35.0})
    {'strategy': 15.5, 'overall': 5.0}
    """
    return {k: round(latest[k] - first[k], 1) for k in SCORE_KEYS if first.get(k) is not None and latest.get(k) is not None}


def profile(company: CompanyRecord) -> Profile:
    """The company's first and latest submitted measurement and the change between them."""
    done = company.submitted
    first, latest = (done[0], done[-1]) if done else (None, None)
    moved = change(first.scores, latest.scores) if first is not None and latest is not first else {}
    return Profile(company, first, latest, moved)


@dataclass(frozen=True)
class Aggregate:
    """One group's averages. ``answers`` is how many companies' surveys stand behind it."""

    grouping: str
    group: str | None  # None: not known (no SNI code, size class or development point)
    answers: int
    scores: dict[str, float | None]  # score key -> average, None when withheld
    counts: dict[str, int]  # score key -> surveys with that score

    @property
    def withheld(self) -> bool:
        return self.answers < SMALL_GROUP


def _group_of(company: CompanyRecord, grouping: str) -> str | None:
    if grouping == "sni_section":
        return _sni_section(company.sni_codes[0] if company.sni_codes else None)
    if grouping == "size_class":
        return company.size_class
    if grouping == "development_point":
        return company.development_point
    raise ValueError(f"unknown grouping {grouping!r}")


def _order(grouping: str, group: str | None) -> tuple:
    if group is None:
        return (1, 0, "")
    if grouping == "size_class" and group in SIZE_CLASSES:
        return (0, SIZE_CLASSES.index(group), group)
    return (0, 0, group.casefold())


def aggregates(companies: Iterable[CompanyRecord], grouping: str) -> list[Aggregate]:
    """Average scores per group of companies with a submitted survey; small groups withheld.

    Examples
    --------
    >>> rec = lambda i, point, s: CompanyRecord(i, f"AB {i}", point, "1-4", ("56100",),
    ...     (AssessmentRecord(i, "self", dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2), s),))
    >>> many = [rec(i, "Ramsberg", {"green": 10.0 * i}) for i in range(1, 6)] + [rec(9, "Lindesberg", {"green": 90.0})]
    >>> [(a.group, a.answers, a.scores["green"]) for a in aggregates(many, "development_point")]
    [('Lindesberg', 1, None), ('Ramsberg', 5, 30.0)]

    Notes
    -----
    O(n) in the companies and their surveys, plus sorting the groups.
    """
    if grouping not in GROUPINGS:
        raise ValueError(f"unknown grouping {grouping!r}")
    groups: dict[str | None, list[Mapping[str, float]]] = {}
    for company in companies:
        latest = company.latest
        if latest is not None:
            groups.setdefault(_group_of(company, grouping), []).append(latest.scores)
    result = []
    for group in sorted(groups, key=lambda g: _order(grouping, g)):
        surveys = groups[group]
        counts = {k: sum(1 for s in surveys if s.get(k) is not None) for k in SCORE_KEYS}
        scores: dict[str, float | None] = {}
        for k in SCORE_KEYS:
            values = [float(s[k]) for s in surveys if s.get(k) is not None]
            scores[k] = round(sum(values) / len(values), 1) if len(values) >= SMALL_GROUP and len(surveys) >= SMALL_GROUP else None
        result.append(Aggregate(grouping, group, len(surveys), scores, counts))
    return result


@dataclass(frozen=True)
class NeedsGroup:
    group: str | None  # development point
    answers: int
    needs: tuple[tuple[str, int], ...] | None  # (need, companies), most common first; None when withheld

    @property
    def withheld(self) -> bool:
        return self.answers < SMALL_GROUP


def common_needs(companies: Iterable[CompanyRecord], grouping: str = "development_point") -> list[NeedsGroup]:
    """How many companies with a submitted survey need each thing, per group, most common first.

    >>> rec = lambda i, needs: CompanyRecord(i, f"AB {i}", "Ramsberg", "1-4", (),
    ...     (AssessmentRecord(i, "self", dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2), {}, needs),))
    >>> common_needs([rec(1, ("skills",)), rec(2, ("skills", "premises")), rec(3, ()), rec(4, ("premises", "skills")), rec(5, ("advice",))])[0].needs
    (('skills', 3), ('premises', 2), ('advice', 1))
    """
    groups: dict[str | None, list[tuple[str, ...]]] = {}
    for company in companies:
        latest = company.latest
        if latest is not None:
            groups.setdefault(_group_of(company, grouping), []).append(latest.needs)
    result = []
    for group in sorted(groups, key=lambda g: _order(grouping, g)):
        surveys = groups[group]
        tally = Counter(n for needs in surveys for n in set(needs) if n in NEEDS)
        ranked = tuple(sorted(tally.items(), key=lambda kv: (-kv[1], NEEDS.index(kv[0]))))
        result.append(NeedsGroup(group, len(surveys), ranked if len(surveys) >= SMALL_GROUP else None))
    return result


@dataclass(frozen=True)
class Match:
    """Two companies suggested to each other, and why: what each needs that the other offers."""

    a: CompanyRecord
    b: CompanyRecord
    a_gets: tuple[str, ...]  # a's needs that b offers
    b_gets: tuple[str, ...]  # b's needs that a offers

    @property
    def same_point(self) -> bool:
        return self.a.development_point is not None and self.a.development_point == self.b.development_point


def matches(companies: Iterable[CompanyRecord]) -> list[Match]:
    """Pairs of companies where one's needs meet the other's offers (latest submitted surveys).

    Same development point first, then the pairs that meet the most needs, then by name.

    >>> rec = lambda i, point, needs, offers: CompanyRecord(i, f"AB {i}", point, "1-4", (),
    ...     (AssessmentRecord(i, "self", dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2), {}, needs, offers),))
    >>> found = matches([rec(1, "Ramsberg", ("premises",), ()), rec(2, "Lindesberg", (), ("premises",)), rec(3, "Ramsberg", (), ("premises", "advice"))])
    >>> [(m.a.id, m.b.id, m.a_gets, m.b_gets, m.same_point) for m in found]
    [(1, 3, ('premises',), (), True), (1, 2, ('premises',), (), False)]

    Notes
    -----
    O(n²) in the companies with a submitted survey (every pair is looked at).
    """
    answered = [(c, c.latest) for c in companies if c.latest is not None]
    found = []
    for i, (a, sa) in enumerate(answered):
        for b, sb in answered[i + 1 :]:
            a_gets = tuple(k for k in NEEDS if k in sa.needs and k in sb.offers)
            b_gets = tuple(k for k in NEEDS if k in sb.needs and k in sa.offers)
            if a_gets or b_gets:
                found.append(Match(a, b, a_gets, b_gets))
    return sorted(found, key=lambda m: (not m.same_point, -(len(m.a_gets) + len(m.b_gets)), m.a.name.casefold(), m.b.name.casefold()))


# --- exports ----------------------------------------------------------------------------------


def aggregate_sheets(groups: Mapping[str, list[Aggregate]], t: Callable[..., str]):
    """The aggregates as sheets (one per grouping), withheld figures written as "färre än 5 svar".

    ``t`` is a :class:`workshop.i18n.Translator`: headings, group names and the withheld text
    are in its language. Returns ``workshop.exchange.dataset.Sheet`` values.
    """
    from ..exchange.dataset import Sheet  # lazy: the export layer loads networkx and the analysis (scikit-learn, SciPy); only an export needs it

    withheld = t("survey.aggregate.withheld", n=SMALL_GROUP)
    headings = (t("survey.aggregate.group"), t("survey.aggregate.answers"), *(survey().dimension(k).text(t.language) for k in DIMENSIONS), t("survey.overall"))
    sheets = []
    for grouping, rows in groups.items():
        body = []
        for a in rows:
            name = a.group if a.group is not None else t("survey.aggregate.unknown")
            if a.withheld:
                body.append((name, withheld, *([withheld] * len(SCORE_KEYS))))
            else:
                body.append((name, a.answers, *(a.scores[k] if a.scores[k] is not None else withheld for k in SCORE_KEYS)))
        sheets.append(Sheet(t(f"survey.grouping.{grouping}"), headings, tuple(body)))
    return tuple(sheets)


def export_aggregates(sheets, fmt: str) -> bytes:
    """The sheets as one XLSX workbook, or one CSV (a first column says which grouping).

    CSV: UTF-8 with a byte-order mark and semicolons, what Swedish Excel opens as it is.
    """
    from ..exchange.exports.workbook import safe_cell, to_xlsx  # lazy: the export layer is slow to load, as in aggregate_sheets

    if fmt == "xlsx":
        return to_xlsx(tuple(sheets))
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}")
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    for number, sheet in enumerate(sheets):
        if number == 0:
            writer.writerow(("", *sheet.headings))
        writer.writerows([safe_cell(sheet.name), *(safe_cell(v) for v in row)] for row in sheet.rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")
