"""Use cases of the digital-maturity survey: links, interviews, answers saved one at a time, submit.

Who may do what:

=========================================  ===========  ==============================
what                                       coordinator  anyone holding a survey code
=========================================  ===========  ==============================
make a self-fill link, start an interview  yes          no
read and answer a survey in progress       yes (by id)  that survey only (by its code)
submit it (scores computed and stored)     yes (by id)  that survey only
change a submitted survey                  no           no (answer again: a new survey)
see a company's surveys and the analysis   yes          no
=========================================  ===========  ==============================

A self-fill code is random (:func:`new_survey_code`, 12 characters from 27, about 57 bits)
and shown once; only its SHA-256 is kept (``MaturityAssessment.code_hash``). Wrong or unknown
codes are counted as failed guesses and slowed down exactly like wrong join codes
(:func:`workshop.security.check_not_throttled`, purpose ``survey``).

Every answer is written when it is given (:func:`save_answer`), so a closed browser loses
nothing and the same code opens the survey where it was left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, ServiceError  # noqa: F401  (ServiceError: what callers catch)
from ..lengths import NAME_MAX, SHORT_MAX
from ..models import Company, MaturityAssessment, Organisation, utcnow
from ..security import ANONYMOUS, Client, check_not_throttled, clear_failures, link_code_hash, new_link_code, record_failure
from ..services.access import authorise, record_audit, require_coordinator
from ..services.rows import get_row
from ..validation import clean_text
from .maturity import AssessmentRecord, CompanyRecord
from .questions import clean_answer, survey
from .scoring import SCORING_VERSION, score_answers
from .vocabulary import NEEDS

__all__ = [
    "SURVEY_CODE_LENGTH", "NEEDS_FIELD", "OFFERS_FIELD", "COMMENT_FIELD", "COMMENT_MAX",
    "SurveyNotFound", "SurveySubmitted", "SelfFillLink", "SurveyState",
    "new_survey_code", "create_self_link", "start_interview", "open_survey", "survey_state", "save_answer", "submit",
    "company_surveys", "maturity_records", "company_choices",
]

SURVEY_CODE_LENGTH = 12
NEEDS_FIELD, OFFERS_FIELD, COMMENT_FIELD = "needs", "offers", "comment"
COMMENT_MAX = 2000
_THROTTLE = ("survey", "any")


class SurveyNotFound(ServiceError):
    """No survey has this code (a wrong guess), or no survey this id."""

    message_key = "survey.error.unknown_code"


class SurveySubmitted(ServiceError):
    """The survey is submitted: its answers stay as they were (answer again for a new one)."""

    message_key = "survey.error.submitted"


@dataclass(frozen=True)
class SelfFillLink:
    assessment_id: int
    code: str  # shown once; only its hash is kept


@dataclass(frozen=True)
class SurveyState:
    """One survey as its page shows it."""

    assessment_id: int
    company_id: int
    company_name: str
    mode: str
    interviewer: str | None
    occasion: str | None
    answers: dict[str, Any]  # question id -> answer (the comment is under COMMENT_FIELD)
    needs: tuple[str, ...]
    offers: tuple[str, ...]
    scores: dict[str, float] | None
    started_at: Any
    updated_at: Any
    submitted_at: Any

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def comment(self) -> str:
        return str(self.answers.get(COMMENT_FIELD) or "")


def new_survey_code() -> str:
    """Twelve characters in three groups, from the join codes' easy-to-read alphabet.

    >>> from workshop.security import CODE_ALPHABET
    >>> code = new_survey_code()
    >>> len(code), code.count("-"), set(code.replace("-", "")) <= set(CODE_ALPHABET)
    (14, 2, True)
    """
    return new_link_code(SURVEY_CODE_LENGTH)


def _code_hash(code: Any) -> str | None:
    """The stored form of a typed code (case, spaces and dashes do not matter), or ``None``."""
    return link_code_hash(code, SURVEY_CODE_LENGTH)


def _state(session: Session, row: MaturityAssessment) -> SurveyState:
    name = session.scalar(select(Organisation.name).join(Company, Company.organisation_id == Organisation.id).where(Company.id == row.company_id))
    return SurveyState(
        row.id, row.company_id, name or "", row.mode, row.interviewer, row.occasion, dict(row.answers or {}),
        tuple(row.needs or ()), tuple(row.offers or ()), dict(row.scores) if row.scores is not None else None,
        row.started_at, row.updated_at, row.submitted_at,
    )


def _company(session: Session, company_id: Any) -> Company:
    return get_row(session, Company, company_id, field="survey_company", message_key="survey.error.company_not_found")


def create_self_link(store: Store, token: Any, company_id: int) -> SelfFillLink:
    """A new survey for the company to fill in itself; the code is returned once, to go in the link."""
    code = new_survey_code()
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "surveys", "link")
        company = _company(session, company_id)
        now = utcnow()
        row = MaturityAssessment(company_id=company.id, mode="self", code_hash=link_code_hash(code, SURVEY_CODE_LENGTH), answers={}, needs=[], offers=[],
                                 started_at=now, updated_at=now)
        session.add(row)
        session.flush()
        record_audit(session, actor, "survey.link", subject_type="company", subject_id=company.id, subject_label=company.organisation.name)
        link = SelfFillLink(row.id, code)
        session.commit()
    return link


def start_interview(store: Store, token: Any, company_id: int, *, interviewer: Any, occasion: Any) -> int:
    """A new survey filled in by ``interviewer`` at ``occasion`` (an interview, an open meeting)."""
    interviewer = clean_text(interviewer, "survey_interviewer", max_length=NAME_MAX, name=True)
    occasion = clean_text(occasion, "survey_occasion", max_length=SHORT_MAX)
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "surveys", "interview")
        company = _company(session, company_id)
        now = utcnow()
        row = MaturityAssessment(company_id=company.id, mode="interview", interviewer=interviewer, occasion=occasion, answers={}, needs=[], offers=[],
                                 started_at=now, updated_at=now)
        session.add(row)
        session.flush()
        record_audit(session, actor, "survey.interview", subject_type="company", subject_id=company.id, subject_label=company.organisation.name,
                     detail={"interviewer": interviewer, "occasion": occasion})
        assessment_id = row.id
        session.commit()
    return assessment_id


def _locate(session: Session, ref: Any, token: Any, client: Client, *, lock: bool) -> MaturityAssessment:
    """The survey a code (anyone) or an id (a coordinator) names; a wrong code is a counted failure.

    A wrong code commits its failure before raising, so the count survives the error.
    """
    if isinstance(ref, str):
        check_not_throttled(session, *_THROTTLE, client)
        key = _code_hash(ref)
        query = select(MaturityAssessment).where(MaturityAssessment.code_hash == key)
        row = session.scalar(query.with_for_update() if lock else query) if key else None
        if row is None:
            record_failure(session, *_THROTTLE, client)
            session.commit()
            raise SurveyNotFound(field="code")
        clear_failures(session, *_THROTTLE, client)
        return row
    authorise(session, token, "surveys", "answer")  # an interview: the coordinator fills it in
    return get_row(session, MaturityAssessment, ref, field="survey_assessment", message_key="survey.error.not_found", lock=lock, not_found=SurveyNotFound)


def open_survey(store: Store, code: Any, *, client: Client = ANONYMOUS) -> SurveyState:
    """The survey with this self-fill code, in progress or submitted (then with its scores)."""
    if not isinstance(code, str) or not code.strip():
        raise InvalidInput("errors.required", field="code")
    with store.unit_of_work(write=True) as session:
        row = _locate(session, code, None, client, lock=False)
        state = _state(session, row)
        session.commit()  # the cleared failures
    return state


def survey_state(store: Store, token: Any, assessment_id: int) -> SurveyState:
    """One survey, for a coordinator (an interview they fill in, a company's history)."""
    with store.unit_of_work() as session:
        return _state(session, _locate(session, assessment_id, token, ANONYMOUS, lock=False))


def _clean_keys(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)) or any(v not in NEEDS for v in value):
        raise InvalidInput("survey.error.choice", field=field)
    return [k for k in NEEDS if k in set(value)]


def save_answer(store: Store, ref: Any, question: str, value: Any, *, token: Any = None, client: Client = ANONYMOUS) -> SurveyState:
    """Save one answer now: ``ref`` is the self-fill code, or the survey's id with a coordinator's ``token``.

    ``question`` is a question id of the survey (``value`` checked against it, ``None``
    clears), or ``needs`` / ``offers`` (lists of :data:`NEEDS` keys), or ``comment`` (free text).
    Raises :class:`SurveySubmitted` once the survey is submitted.
    """
    if question in (NEEDS_FIELD, OFFERS_FIELD):
        cleaned: Any = _clean_keys(value, question)
    elif question == COMMENT_FIELD:
        cleaned = clean_text(value if value is not None else "", "survey_comment", max_length=COMMENT_MAX, required=False)
    else:
        found = survey().question(question) if isinstance(question, str) else None
        if found is None:
            raise InvalidInput("survey.error.unknown_question", field="survey_question")
        cleaned = clean_answer(found, value)
    with store.unit_of_work(write=True) as session:
        row = _locate(session, ref, token, client, lock=True)
        if row.submitted_at is not None:
            raise SurveySubmitted(field="code" if isinstance(ref, str) else "survey_assessment")
        if question == NEEDS_FIELD:
            row.needs = cleaned
        elif question == OFFERS_FIELD:
            row.offers = cleaned
        else:
            answers = {k: v for k, v in (row.answers or {}).items() if k != question}
            if cleaned not in (None, ""):
                answers[question] = cleaned
            row.answers = answers  # a new dict: the JSON column sees the change
        row.updated_at = utcnow()
        session.flush()
        state = _state(session, row)
        session.commit()
    return state


def submit(store: Store, ref: Any, *, token: Any = None, client: Client = ANONYMOUS) -> SurveyState:
    """Compute and store the scores (:func:`workshop.companies.scoring.score_answers`); the survey is then final."""
    with store.unit_of_work(write=True) as session:
        row = _locate(session, ref, token, client, lock=True)
        if row.submitted_at is not None:
            raise SurveySubmitted(field="code" if isinstance(ref, str) else "survey_assessment")
        row.scores = score_answers(row.answers or {})
        row.scoring_version = SCORING_VERSION
        row.submitted_at = row.updated_at = utcnow()
        session.flush()
        state = _state(session, row)
        session.commit()
    return state


def company_surveys(store: Store, token: Any, company_id: int) -> tuple[SurveyState, ...]:
    """Every survey of one company, oldest first."""
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        company = _company(session, company_id)
        rows = session.scalars(select(MaturityAssessment).where(MaturityAssessment.company_id == company.id).order_by(MaturityAssessment.started_at, MaturityAssessment.id))
        return tuple(_state(session, row) for row in rows)


def maturity_records(store: Store, token: Any) -> tuple[CompanyRecord, ...]:
    """Every company with its surveys as plain records, for :mod:`workshop.companies.maturity`."""
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        companies = session.execute(
            select(Company.id, Organisation.name, Company.development_point, Company.size_class, Company.sni_codes)
            .join(Organisation, Organisation.id == Company.organisation_id)
            .where(Organisation.merged_into_id.is_(None))
            .order_by(Organisation.name, Company.id)
        ).all()
        by_company: dict[int, list[AssessmentRecord]] = {}
        for row in session.scalars(select(MaturityAssessment).order_by(MaturityAssessment.started_at, MaturityAssessment.id)):
            by_company.setdefault(row.company_id, []).append(
                AssessmentRecord(row.id, row.mode, row.started_at, row.submitted_at, dict(row.scores or {}), tuple(row.needs or ()), tuple(row.offers or ()))
            )
    return tuple(
        CompanyRecord(c.id, c.name, c.development_point, c.size_class, tuple(c.sni_codes or ()), tuple(by_company.get(c.id, ())))
        for c in companies
    )


def company_choices(store: Store, token: Any) -> tuple[tuple[int, str], ...]:
    """(company id, name) of every company, by name: what the coordinator picks from."""
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        rows = session.execute(
            select(Company.id, Organisation.name).join(Organisation, Organisation.id == Company.organisation_id)
            .where(Organisation.merged_into_id.is_(None)).order_by(Organisation.name, Company.id)
        ).all()
    return tuple((r.id, r.name) for r in rows)
