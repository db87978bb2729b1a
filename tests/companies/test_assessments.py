"""The survey service: links and interviews, answers saved as they come, resuming, submitting,
wrong codes slowed down, repeat measurements."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from tests.factories import coordinator_token, make_company
from workshop.companies import assessments as surveys
from workshop.companies.maturity import profile
from workshop.errors import InvalidInput, NotSignedIn, TooManyAttempts
from workshop.models import AuditEvent, MaturityAssessment
from workshop.security import Client


@pytest.fixture
def bageriet(store):
    return make_company(store, "Ramsbergs bageri", size_class="1-4")


def test_a_self_fill_link_keeps_only_the_codes_hash_and_the_code_opens_the_survey(store, bageriet):
    link = surveys.create_self_link(store, coordinator_token(store), bageriet)
    with store.unit_of_work() as session:
        row = session.get(MaturityAssessment, link.assessment_id)
        assert row.mode == "self" and row.submitted_at is None
        assert row.code_hash == hashlib.sha256(link.code.replace("-", "").encode()).hexdigest()
        assert link.code not in str(row.code_hash)
        assert session.scalar(select(AuditEvent.action).where(AuditEvent.subject_type == "company", AuditEvent.subject_id == bageriet)) == "survey.link"
    opened = surveys.open_survey(store, link.code.lower().replace("-", " "))  # typed by hand
    assert opened.assessment_id == link.assessment_id and opened.company_name == "Ramsbergs bageri"


def test_answers_are_kept_one_at_a_time_and_the_same_code_resumes_where_it_was_left(store, bageriet):
    code = surveys.create_self_link(store, coordinator_token(store), bageriet).code
    surveys.save_answer(store, code, "strategy_plan", "thought")
    surveys.save_answer(store, code, "data_security", ["two_step", "backup"])
    surveys.save_answer(store, code, "needs", ["skills", "connectivity"])
    surveys.save_answer(store, code, "comment", "  Vi vill ha fiber  ")
    # The browser is closed; later the same code opens the survey with everything in it.
    again = surveys.open_survey(store, code)
    assert again.answers == {"strategy_plan": "thought", "data_security": ["backup", "two_step"], "comment": "Vi vill ha fiber"}
    assert again.needs == ("connectivity", "skills")  # in the vocabulary's order
    surveys.save_answer(store, code, "strategy_plan", None)  # cleared again
    assert "strategy_plan" not in surveys.open_survey(store, code).answers


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "question,value,message",
    [
        ("strategy_plan", "maybe", "survey.error.choice"),
        ("data_security", ["none", "backup"], "survey.error.exclusive"),
        ("human_confidence", 6, "survey.error.scale"),
        ("human_confidence", True, "survey.error.scale"),
        ("no_such_question", 1, "survey.error.unknown_question"),
        ("needs", ["a_castle"], "survey.error.choice"),
    ],
)
def test_an_answer_that_does_not_fit_its_question_is_refused_and_nothing_is_written(store, bageriet, question, value, message):
    code = surveys.create_self_link(store, coordinator_token(store), bageriet).code
    with pytest.raises(InvalidInput) as refused:
        surveys.save_answer(store, code, question, value)
    assert refused.value.message_key == message
    assert surveys.open_survey(store, code).answers == {}


def test_submitting_stores_the_scores_and_then_the_code_can_no_longer_change_it(store, bageriet):
    code = surveys.create_self_link(store, coordinator_token(store), bageriet).code
    surveys.save_answer(store, code, "human_confidence", 5)
    surveys.save_answer(store, code, "human_help", "friend")
    done = surveys.submit(store, code)
    # (5 + 1) / (5 + 2) = 85.7; no other dimension answered, so no overall score.
    assert done.scores == {"human": 85.7} and done.submitted
    with pytest.raises(surveys.SurveySubmitted):
        surveys.save_answer(store, code, "human_confidence", 0)
    with pytest.raises(surveys.SurveySubmitted):
        surveys.submit(store, code)
    shown = surveys.open_survey(store, code)  # still opens, to show the result
    assert shown.scores == {"human": 85.7} and shown.answers["human_confidence"] == 5


def test_wrong_codes_are_counted_like_wrong_join_codes_and_slowed_down(store, bageriet):
    real = surveys.create_self_link(store, coordinator_token(store), bageriet).code
    guesser = Client("10.0.0.9", "browser-1")
    for guess in ("AAAA-BBBB-CCCC", "not a code", "AAAA-BBBB-CCCD"):
        with pytest.raises(surveys.SurveyNotFound) as wrong:
            surveys.open_survey(store, guess, client=guesser)
        assert wrong.value.message_key == "survey.error.unknown_code" and wrong.value.field == "code"
    with pytest.raises(TooManyAttempts):
        surveys.open_survey(store, real, client=guesser)  # even the right code waits now
    with pytest.raises(TooManyAttempts):
        surveys.save_answer(store, real, "strategy_plan", "no", client=guesser)
    # Another browser is not slowed by this one's guesses.
    assert surveys.open_survey(store, real, client=Client("10.0.0.9", "browser-2")).answers == {}


def test_an_interview_records_the_interviewer_and_occasion_and_only_a_coordinator_fills_it(store, bageriet):
    token = coordinator_token(store)
    interview = surveys.start_interview(store, token, bageriet, interviewer=" Karin Ek ", occasion="Öppet möte i Ramsberg")
    surveys.save_answer(store, interview, "green_paper", "partly", token=token)
    state = surveys.survey_state(store, token, interview)
    assert (state.mode, state.interviewer, state.occasion, state.answers) == ("interview", "Karin Ek", "Öppet möte i Ramsberg", {"green_paper": "partly"})
    with pytest.raises(NotSignedIn):
        surveys.save_answer(store, interview, "green_paper", "no")  # an id without a coordinator's session
    with pytest.raises(InvalidInput) as missing:
        surveys.start_interview(store, token, bageriet, interviewer="", occasion="Intervju")
    assert missing.value.field == "survey_interviewer"


def test_a_company_answers_again_and_its_change_per_dimension_is_shown(store, bageriet):
    token = coordinator_token(store)
    first = surveys.start_interview(store, token, bageriet, interviewer="Karin", occasion="Intervju")
    surveys.save_answer(store, first, "green_paper", "no", token=token)  # green 0/2 = 0
    surveys.save_answer(store, first, "human_help", "stuck", token=token)  # human 0/2 = 0
    surveys.submit(store, first, token=token)
    later = surveys.create_self_link(store, token, bageriet).code
    surveys.save_answer(store, later, "green_paper", "mostly")  # green 2/2 = 100
    surveys.save_answer(store, later, "human_help", "friend")  # human 1/2 = 50
    surveys.submit(store, later)
    company = next(c for c in surveys.maturity_records(store, token) if c.id == bageriet)
    shown = profile(company)
    assert shown.first.id == first and shown.change == {"human": 50.0, "green": 100.0}
    assert [s.mode for s in surveys.company_surveys(store, token, bageriet)] == ["interview", "self"]


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_only_a_coordinator_makes_links(store, bageriet):
    with pytest.raises(NotSignedIn):
        surveys.create_self_link(store, "not-a-session", bageriet)
    with pytest.raises(surveys.ServiceError) as unknown:
        surveys.create_self_link(store, coordinator_token(store), 99999)
    assert unknown.value.message_key == "survey.error.company_not_found"
