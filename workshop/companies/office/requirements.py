"""The rules applied: from the evidence of one development point to the office's requirements (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..vocabulary import SIZE_CLASSES, SMALL_GROUP
from .records import CompanyEvidence, Evidence, EvidenceLine, Mean, OfficeDraft, Requirement
from .rules import DESKS_BY_SIZE, DESKS_OTHERWISE, DESKS_UNKNOWN, HIGH_CONNECTIVITY_SHARE, MEETING_MIN_COMPANIES, MEETING_SEATS, ONE_PERSON_CLASSES, RULES, SUPPORT_NEEDS

__all__ = ["size_counts", "mean_score", "office_requirements", "office_draft"]


def mean_score(companies: Iterable[CompanyEvidence], dimension: str) -> Mean:
    """The mean of ``dimension`` over the answering companies that have it, withheld below
    :data:`~workshop.companies.vocabulary.SMALL_GROUP` answers (nobody singled out).

    >>> few = [CompanyEvidence(i, f"F{i}", "limited_company", "1-4", True, scores=(("data", 30.0),)) for i in range(4)]
    >>> mean_score(few, "data")
    Mean(dimension='data', value=None, answers=4)
    >>> five = few + [CompanyEvidence(9, "F9", "limited_company", "0", True, scores=(("data", 80.0),))]
    >>> mean_score(five, "data")
    Mean(dimension='data', value=40.0, answers=5)
    """
    values = [c.score(dimension) for c in companies if c.answered]
    values = [float(v) for v in values if isinstance(v, (int, float))]
    if len(values) < SMALL_GROUP:
        return Mean(dimension, None, len(values))
    return Mean(dimension, round(sum(values) / len(values), 1), len(values))


def size_counts(companies: Iterable[CompanyEvidence]) -> tuple[tuple[str, int], ...]:
    """(size class, count) in SCB's order; an unknown class last as ``"?"``.

    Parameters
    ----------
    companies : iterable of CompanyEvidence

    Returns
    -------
    tuple of (str, int)

    Examples
    --------
    >>> size_counts([CompanyEvidence(1, "A", "limited_company", "5-9"), CompanyEvidence(2, "B", "sole_trader", None)])
    (('5-9', 1), ('?', 1))
    """
    counted = Counter(c.size_class if c.size_class in SIZE_CLASSES else "?" for c in companies)
    return tuple((s, counted[s]) for s in (*SIZE_CLASSES, "?") if counted[s])


def _need_lines(evidence: Evidence, needs: tuple[str, ...], needing: tuple[CompanyEvidence, ...]) -> list[EvidenceLine]:
    lines = [EvidenceLine("need", needs, len(needing), evidence.within, evidence.answered)]
    if needing:
        lines.append(EvidenceLine("sizes", needs, sizes=size_counts(needing)))
    return lines


def _requirement(key: str, supported: bool, variant: str, params: dict, lines: list[EvidenceLine], needing) -> Requirement:
    return Requirement(key, supported, variant, tuple(params.items()), tuple(lines), tuple(c.company_id for c in needing))


def _workplaces(evidence: Evidence) -> Requirement:
    needing = evidence.needing(RULES["workplaces"]["needs"])
    desks = sum(DESKS_BY_SIZE.get(c.size_class, DESKS_OTHERWISE) if c.size_class else DESKS_UNKNOWN for c in needing)
    return _requirement("workplaces", bool(needing), "default", {"desks": desks, "companies": len(needing)}, _need_lines(evidence, ("premises",), needing), needing)


def _meeting_room(evidence: Evidence) -> Requirement:
    needs = RULES["meeting_room"]["needs"]
    needing = evidence.needing(needs)
    low, high = MEETING_SEATS
    seats = min(high, max(low, len(needing)))
    return _requirement("meeting_room", len(needing) >= MEETING_MIN_COMPANIES, "default", {"seats": seats}, _need_lines(evidence, needs, needing), needing)


def _connectivity(evidence: Evidence) -> Requirement:
    needing = evidence.needing(("connectivity",))
    means = [mean_score(evidence.companies, d) for d in RULES["connectivity"]["means"]]
    share = len(needing) / evidence.answered if evidence.answered else 0.0
    high = share >= HIGH_CONNECTIVITY_SHARE or any(m.low for m in means)
    lines = _need_lines(evidence, ("connectivity",), needing) + [EvidenceLine("mean", mean=m) for m in means]
    return _requirement("connectivity", bool(needing) or any(m.low for m in means), "high" if high else "basic", {}, lines, needing)


def _equipment(evidence: Evidence) -> Requirement:
    needing = evidence.needing(("equipment",))
    return _requirement("equipment", bool(needing), "default", {"companies": len(needing)}, _need_lines(evidence, ("equipment",), needing), needing)


def _access(evidence: Evidence) -> Requirement:
    needing = evidence.needing(RULES["access"]["needs"])
    one_person = [c for c in needing if c.size_class in ONE_PERSON_CLASSES]
    lines = _need_lines(evidence, ("premises",), needing)
    if needing:
        lines.append(EvidenceLine("one_person", ("premises",), count=len(one_person), within=len(needing)))
    return _requirement("access", bool(needing), "own_key" if one_person else "staffed", {}, lines, needing)


def _support_role(evidence: Evidence) -> Requirement:
    needing = evidence.needing(SUPPORT_NEEDS)
    means = [mean_score(evidence.companies, d) for d in RULES["support_role"]["means"]]
    lines = _need_lines(evidence, SUPPORT_NEEDS, needing)  # any of the three, then each on its own
    lines += [EvidenceLine("need", (need,), len(evidence.needing((need,))), evidence.within, evidence.answered) for need in SUPPORT_NEEDS]
    lines += [EvidenceLine("mean", mean=m) for m in means]
    return _requirement("support_role", bool(needing) or any(m.low for m in means), "default", {"companies": len(needing)}, lines, needing)


_BUILDERS = {"workplaces": _workplaces, "meeting_room": _meeting_room, "connectivity": _connectivity,
             "equipment": _equipment, "access": _access, "support_role": _support_role}


def office_requirements(evidence: Evidence) -> tuple[Requirement, ...]:
    """Every requirement of :data:`RULES`, in order, each supported or marked *inget underlag*.

    A requirement is supported only by what was counted: a need some answering company
    has, or a mean score that is both shown (at least SMALL_GROUP answers) and low. A
    withheld mean never decides anything, so the draft cannot reveal it indirectly.

    >>> companies = (CompanyEvidence(1, "Kafé AB", "limited_company", "1-4", True, frozenset({"premises"})),
    ...              CompanyEvidence(2, "Sågen AB", "limited_company", "10-19", True, frozenset({"premises", "equipment"})),
    ...              CompanyEvidence(3, "Smedjan AB", "limited_company", "0"))
    >>> [(r.key, r.supported) for r in office_requirements(Evidence("Ramsberg", companies))]
    [('workplaces', True), ('meeting_room', True), ('connectivity', False), ('equipment', True), ('access', True), ('support_role', False)]
    >>> dict(office_requirements(Evidence("Ramsberg", companies))[0].params)["desks"]  # 1 (1-4) + 3 (10-19)
    4
    """
    return tuple(_BUILDERS[key](evidence) for key in RULES)


def office_draft(evidence: Evidence) -> OfficeDraft:
    return OfficeDraft(evidence, office_requirements(evidence))
