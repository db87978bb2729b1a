"""The neighbourhood-office draft for coordinators: read the evidence, write the files, make the idea.

The idea made from the draft keeps the final text; it is created the way imported ideas
are (no author) and audited as ``office.idea``.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import select

from ...errors import InvalidInput
from ...i18n import Translator
from ...lengths import NAME_MAX
from ...models import Company, Idea, MaturityAssessment, Organisation, Workshop
from ...services.revisions import touch
from ...services.rows import check_row_id, get_row
from ...services.access import authorise, record_audit, require_coordinator
from ...services.contributions import clean_idea_fields
from ...validation import clean_name
from ..vocabulary import DIMENSIONS, NEEDS
from .document import DRAFT_FORMATS, office_idea_fields, write_draft
from .records import CompanyEvidence, Evidence, OfficeDraft
from .requirements import office_draft
from .words import clean_edits

__all__ = ["development_points", "read_evidence", "coordinator_draft", "draft_file", "create_office_idea"]


def development_points(store) -> tuple[str, ...]:
    """The development points the register names as some company's nearest, sorted."""
    with store.unit_of_work() as session:
        found = session.scalars(select(Company.development_point).where(Company.development_point.is_not(None)).distinct())
        return tuple(sorted({p for p in found if p and p.strip()}, key=str.casefold))


def _read_evidence(session, point: str) -> Evidence:
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
    return clean_name(point, "office_point", max_length=NAME_MAX)


def read_evidence(store, point: Any) -> Evidence:
    """The companies within reach of ``point`` with their latest submitted survey (no access check)."""
    point = _clean_point(point)
    with store.unit_of_work() as session:
        return _read_evidence(session, point)


def coordinator_draft(store, token: Any, point: Any) -> OfficeDraft:
    """The draft for ``point``, for a signed-in coordinator (or :data:`~workshop.services.access.SYSTEM`)."""
    point = _clean_point(point)
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        return office_draft(_read_evidence(session, point))


def draft_file(store, token: Any, point: Any, fmt: str, edits: Any = None, language: str = "sv") -> bytes:
    """The draft for ``point`` as ``docx``, ``pdf`` or ``md``, with the coordinator's edits."""
    if fmt not in DRAFT_FORMATS:
        raise InvalidInput("errors.invalid_choice", field="format")
    cleaned = clean_edits(edits)
    return write_draft(coordinator_draft(store, token, point), fmt, cleaned, language)


def create_office_idea(store, token: Any, point: Any, workshop_id: Any, edits: Any = None, language: str = "sv") -> int:
    """Turn the draft into an idea in ``workshop_id``: created the way imported ideas are (no
    author), audited as ``office.idea``, revisions bumped so the constellation search runs for it.

    An idea is made only from a draft with at least one supported requirement.
    """
    point = _clean_point(point)
    workshop_id = check_row_id(workshop_id, "workshop", "office.errors.no_workshop")
    cleaned = clean_edits(edits)
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "office", "idea")
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
