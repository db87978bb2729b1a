"""The neighbourhood-office requirements draft (grannskapskontor): what a shared office near
one development point should offer, each requirement traced to the figures behind it.

*Within reach* of a development point are the companies whose register row names it as
their nearest (``Company.development_point``); the register derives that from the
company's locality. Each company counts with its latest *submitted* survey (needs and the
stored ``scores``); a company without one is counted as not answered.

The module has two halves. The pure half works on plain frozen dataclasses:
:func:`office_requirements` applies the rules (all of them in :data:`RULES` and the
constants beside it, explained with a worked example in docs/neighbourhood-office.md),
:func:`draft_blocks` lays the draft out and :func:`write_draft` renders it as Markdown,
DOCX or PDF; :func:`office_idea_fields` turns it into an idea's fields. The service half
reads the rows through a unit of work (:func:`read_evidence`), writes the files
(:func:`draft_file`) and creates the idea (:func:`create_office_idea`). Coordinators only.

Edits: the coordinator may rewrite each requirement's text before exporting. Edits are
kept for the session, not stored (see the docs): the evidence under each requirement is
always the computed one, and the idea made from the draft keeps the final text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..exchange.exports.report import Block, to_docx, to_markdown, to_pdf
from ..i18n import Translator
from .vocabulary import DIMENSIONS, NEEDS, SIZE_CLASSES, SMALL_GROUP

__all__ = [
    "RULES", "LOW_SCORE", "DESKS_BY_SIZE", "MEETING_MIN_COMPANIES", "MEETING_SEATS", "HIGH_CONNECTIVITY_SHARE",
    "ONE_PERSON_CLASSES", "SUPPORT_NEEDS", "EDIT_MAX", "DRAFT_FORMATS",
    "CompanyEvidence", "Evidence", "Mean", "EvidenceLine", "Requirement", "OfficeDraft",
    "mean_score", "office_requirements", "office_draft", "requirement_text", "evidence_text", "clean_edits",
    "draft_blocks", "write_draft", "office_idea_fields",
    "development_points", "read_evidence", "coordinator_draft", "draft_file", "create_office_idea",
]

# --- the rules, in one place (docs/neighbourhood-office.md explains each) ------------------

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


# --- plain records --------------------------------------------------------------------------


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


# --- the rules applied ----------------------------------------------------------------------


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


def _sizes(companies: Iterable[CompanyEvidence]) -> tuple[tuple[str, int], ...]:
    """(size class, count) in SCB's order; an unknown class last as ``"?"``."""
    counted = Counter(c.size_class if c.size_class in SIZE_CLASSES else "?" for c in companies)
    return tuple((s, counted[s]) for s in (*SIZE_CLASSES, "?") if counted[s])


def _need_lines(evidence: Evidence, needs: tuple[str, ...], needing: tuple[CompanyEvidence, ...]) -> list[EvidenceLine]:
    lines = [EvidenceLine("need", needs, len(needing), evidence.within, evidence.answered)]
    if needing:
        lines.append(EvidenceLine("sizes", needs, sizes=_sizes(needing)))
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


# --- words ----------------------------------------------------------------------------------


def _size_label(size: str) -> str:
    return size.replace("-", "–")


def evidence_text(line: EvidenceLine, t: Translator) -> str:
    """One evidence line in words ("7 av 15 företag inom räckhåll (12 har svarat) behöver …")."""
    if line.kind == "need":
        words = [t(f"office.need.{n}") for n in line.needs]
        needs = words[0] if len(words) == 1 else ", ".join(words[:-1]) + t("office.or") + words[-1]
        return t("office.evidence.need", count=line.count, within=line.within, answered=line.answered, needs=needs)
    if line.kind == "sizes":
        parts = [t("office.evidence.size_unknown", count=n) if s == "?" else t("office.evidence.size_item", size=_size_label(s), count=n) for s, n in line.sizes]
        return t("office.evidence.sizes", sizes=", ".join(parts))
    if line.kind == "one_person":
        return t("office.evidence.one_person", count=line.count, of=line.within)
    mean = line.mean
    dimension = t(f"office.dimension.{mean.dimension}")
    if mean.value is None:
        return t("office.evidence.mean_withheld", dimension=dimension, minimum=SMALL_GROUP)
    value = f"{mean.value:.1f}".replace(".", ",") if t.language == "sv" else f"{mean.value:.1f}"
    key = "office.evidence.mean_low" if mean.low else "office.evidence.mean"
    return t(key, dimension=dimension, value=value, answers=mean.answers, low=f"{LOW_SCORE:.0f}")


def requirement_title(requirement: Requirement, t: Translator) -> str:
    return t(f"office.req.{requirement.key}.title")


def generated_text(requirement: Requirement, t: Translator) -> str:
    """The requirement's text as the rules write it."""
    if not requirement.supported:
        return t("office.no_evidence")
    return t(f"office.req.{requirement.key}.text.{requirement.variant}", **dict(requirement.params))


def requirement_text(requirement: Requirement, t: Translator, edits: Mapping[str, str] | None = None) -> str:
    """The coordinator's text when given (and not blank), else the generated one."""
    edited = (edits or {}).get(requirement.key)
    return edited.strip() if requirement.supported and edited and edited.strip() else generated_text(requirement, t)


def clean_edits(edits: Any) -> dict[str, str]:
    """The coordinator's texts, by requirement key: known keys, text only, at most EDIT_MAX characters.

    >>> clean_edits({"workplaces": "  Sex platser. "})
    {'workplaces': 'Sex platser.'}
    """
    from ..errors import InvalidInput
    from ..validation import clean_text

    if edits is None:
        return {}
    if not isinstance(edits, Mapping):
        raise InvalidInput("errors.invalid", field="office_edits")
    cleaned = {}
    for key, value in edits.items():
        if key not in RULES:
            raise InvalidInput("errors.invalid_choice", field="office_edits")
        text = clean_text(value if value is not None else "", f"office_{key}", max_length=EDIT_MAX, required=False)
        if text:
            cleaned[key] = text
    return cleaned


# --- the draft ------------------------------------------------------------------------------


DRAFT_FORMATS = {"docx": to_docx, "pdf": to_pdf, "md": to_markdown}


def _summary(evidence: Evidence, t: Translator) -> tuple[str, ...]:
    items = [t("office.summary.within", count=evidence.within, point=evidence.point),
             t("office.summary.answered", count=evidence.answered), t("office.summary.unanswered", count=evidence.unanswered)]
    sizes = _sizes(evidence.companies)
    if sizes:
        items.append(evidence_text(EvidenceLine("sizes", sizes=sizes), t))
    return tuple(items)


def draft_blocks(draft: OfficeDraft, t: Translator, edits: Mapping[str, str] | None = None) -> list[Block]:
    """The draft as report blocks: the evidence summary, then each requirement with its text
    (the coordinator's where edited) and, under it, the computed evidence."""
    blocks = [Block("title", t("office.draft.title", point=draft.point)), Block("paragraph", t("office.draft.intro", point=draft.point))]
    blocks += [Block("heading", t("office.draft.evidence")), Block("bullets", items=_summary(draft.evidence, t))]
    if not draft.evidence.answered:
        blocks.append(Block("paragraph", t("office.draft.no_answers")))
    for requirement in draft.supported:
        blocks.append(Block("heading", requirement_title(requirement, t)))
        blocks.append(Block("paragraph", requirement_text(requirement, t, edits)))
        blocks.append(Block("bullets", text=t("office.draft.basis"), items=tuple(evidence_text(line, t) for line in requirement.evidence)))
    if draft.unsupported:
        blocks.append(Block("heading", t("office.draft.unsupported")))
        blocks.append(Block("paragraph", t("office.no_evidence")))
        for r in draft.unsupported:  # with what was counted, so the reader sees why
            blocks.append(Block("bullets", text=f"{requirement_title(r, t)}: {t('office.draft.unsupported')}", items=tuple(evidence_text(line, t) for line in r.evidence)))
    blocks += [Block("heading", t("office.draft.method")), Block("paragraph", t("office.draft.method_text", minimum=SMALL_GROUP, low=f"{LOW_SCORE:.0f}"))]
    return blocks


def write_draft(draft: OfficeDraft, fmt: str, edits: Mapping[str, str] | None = None, language: str = "sv") -> bytes:
    """The draft as ``fmt`` (``docx``, ``pdf`` or ``md``); ``KeyError`` for another format."""
    return DRAFT_FORMATS[fmt](draft_blocks(draft, Translator(language), edits))


# --- the draft as an idea -------------------------------------------------------------------

NAMES_IN_IDEA = 20  # companies named in the idea's description; more are counted


def _named_companies(draft: OfficeDraft) -> list[str]:
    # The idea names the companies that need the office, so that the constellation search
    # finds them (workshop.network.relevance: an idea naming an organisation is evidence).
    # Never a sole trader: a sole trader's business name is often the owner's own name, and
    # an idea's text is shown on walls and in exports. They stay counted, not named.
    wanted = {i for r in draft.supported for i in r.company_ids}
    return sorted({c.name for c in draft.evidence.companies if c.company_id in wanted and c.legal_form != "sole_trader"}, key=str.casefold)


def office_idea_fields(draft: OfficeDraft, t: Translator, edits: Mapping[str, str] | None = None, max_length: int = 4000) -> dict[str, Any]:
    """The idea the draft becomes: title, description, locality (the development point) and
    needs in the idea's own vocabulary (:data:`workshop.vocabulary.NEED_CATEGORIES`)."""
    supported = {r.key for r in draft.supported}
    needs: list[tuple[str, str]] = [("premises", t("office.idea.need.premises"))]
    for key, category in (("workplaces", "premises"), ("meeting_room", "premises"), ("connectivity", "resource"),
                          ("equipment", "resource"), ("support_role", "competence")):
        if key in supported:
            needs.append((category, t(f"office.idea.need.{key}")))
    needs.append(("money", t("office.idea.need.money")))

    names = _named_companies(draft)
    tail = [t("office.idea.seeking", point=draft.point)]
    if names:
        shown = ", ".join(names[:NAMES_IN_IDEA])
        more = len(names) - NAMES_IN_IDEA
        tail.append(t("office.idea.companies", names=shown) + (t("office.idea.more", count=more) if more > 0 else ""))
    head = [t("office.idea.intro", point=draft.point, within=draft.evidence.within, answered=draft.evidence.answered)]

    def body(full: bool) -> str:
        lines = []
        for r in draft.supported:
            first = evidence_text(r.evidence[0], t) if r.evidence else ""
            lines.append(f"{requirement_title(r, t)}: {requirement_text(r, t, edits) if full else first}")
        return "\n\n".join(head + lines + tail)

    description = body(True)
    if len(description) > max_length:  # long edits: each requirement by its first figure
        description = body(False)
    if len(description) > max_length:
        description = description[: max_length - 1].rstrip() + "…"
    return {"title": t("office.idea.title", point=draft.point), "description": description, "locality": draft.point, "needs": needs}


# --- the service part -----------------------------------------------------------------------


def development_points(store) -> tuple[str, ...]:
    """The development points the register names as some company's nearest, sorted."""
    from sqlalchemy import select

    from ..models import Company

    with store.unit_of_work() as session:
        found = session.scalars(select(Company.development_point).where(Company.development_point.is_not(None)).distinct())
        return tuple(sorted({p for p in found if p and p.strip()}, key=str.casefold))


def _read_evidence(session, point: str) -> Evidence:
    from sqlalchemy import select

    from ..models import Company, MaturityAssessment, Organisation

    rows = session.execute(
        select(Company.id, Organisation.name, Company.legal_form, Company.size_class)
        .join(Organisation, Organisation.id == Company.organisation_id)
        .where(Company.development_point == point, Organisation.merged_into_id.is_(None))
        .order_by(Company.id)
    ).all()
    ids = [r.id for r in rows]
    latest: dict[int, Any] = {}
    if ids:
        assessments = session.execute(
            select(MaturityAssessment.company_id, MaturityAssessment.needs, MaturityAssessment.scores)
            .where(MaturityAssessment.company_id.in_(ids), MaturityAssessment.submitted_at.is_not(None))
            .order_by(MaturityAssessment.submitted_at, MaturityAssessment.id)
        ).all()
        for a in assessments:
            latest[a.company_id] = a  # the last one submitted wins
    companies = []
    for r in rows:
        a = latest.get(r.id)
        if a is None:
            companies.append(CompanyEvidence(r.id, r.name, r.legal_form, r.size_class))
            continue
        scores = tuple(sorted((k, float(v)) for k, v in (a.scores or {}).items() if k in (*DIMENSIONS, "overall") and isinstance(v, (int, float)) and math.isfinite(v)))
        companies.append(CompanyEvidence(r.id, r.name, r.legal_form, r.size_class, True, frozenset(n for n in (a.needs or ()) if n in NEEDS), scores))
    return Evidence(point, tuple(companies))


def _clean_point(point: Any) -> str:
    from ..models import NAME_MAX
    from ..validation import clean_name

    return clean_name(point, "office_point", max_length=NAME_MAX)


def read_evidence(store, point: Any) -> Evidence:
    """The companies within reach of ``point`` with their latest submitted survey (no access check)."""
    point = _clean_point(point)
    with store.unit_of_work() as session:
        return _read_evidence(session, point)


def coordinator_draft(store, token: Any, point: Any) -> OfficeDraft:
    """The draft for ``point``, for a signed-in coordinator (or :data:`~workshop.services.access.SYSTEM`)."""
    from ..services.access import require_coordinator

    point = _clean_point(point)
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        return office_draft(_read_evidence(session, point))


def draft_file(store, token: Any, point: Any, fmt: str, edits: Any = None, language: str = "sv") -> bytes:
    """The draft for ``point`` as ``docx``, ``pdf`` or ``md``, with the coordinator's edits."""
    from ..errors import InvalidInput

    if fmt not in DRAFT_FORMATS:
        raise InvalidInput("errors.invalid_choice", field="format")
    cleaned = clean_edits(edits)
    return write_draft(coordinator_draft(store, token, point), fmt, cleaned, language)


def create_office_idea(store, token: Any, point: Any, workshop_id: Any, edits: Any = None, language: str = "sv") -> int:
    """Turn the draft into an idea in ``workshop_id``: created the way imported ideas are (no
    author), audited as ``office.idea``, revisions bumped so the constellation search runs for it.

    An idea is made only from a draft with at least one supported requirement.
    """
    from ..errors import InvalidInput
    from ..models import Idea
    from ..models import Workshop
    from ..services.rows import check_row_id, get_row
    from ..services.revisions import touch
    from ..services.access import record_audit, require_coordinator
    from ..services.contributions import clean_idea_fields

    point = _clean_point(point)
    workshop_id = check_row_id(workshop_id, "workshop", "office.errors.no_workshop")
    cleaned = clean_edits(edits)
    with store.unit_of_work(write=True) as session:
        actor = require_coordinator(session, token)
        workshop = get_row(session, Workshop, workshop_id, field="workshop", message_key="office.errors.no_workshop")
        draft = office_draft(_read_evidence(session, point))
        if not draft.supported:
            raise InvalidInput("office.errors.nothing_to_offer", field="office_point")
        fields = clean_idea_fields(**office_idea_fields(draft, Translator(language), cleaned))
        idea = Idea(workshop_id=workshop.id, author_id=None, stage="idea", **fields.__dict__)
        session.add(idea)
        session.flush()
        record_audit(session, actor, "office.idea", subject_type="idea", subject_id=idea.id, subject_label=idea.title, workshop_id=workshop.id,
                     detail={"point": point, "requirements": [r.key for r in draft.supported], "edited": sorted(cleaned)})
        touch(session, workshop.id)
        session.commit()
        return idea.id
