"""Scoring the digital-maturity survey: answers in, a score 0-100 per dimension and overall out.

Pure functions on the answers dictionary (question id -> answer) and the survey of
``data/companies/dma.toml``; nothing here reads the database.

How a dimension is scored
-------------------------
Each question scores points (:mod:`workshop.companies.questions`: the chosen option's points;
the ticked options' points summed up to the question's cap; a 0-5 scale's number). A
dimension's score is ``100 * points / max``, both summed over the dimension's *answered*
questions, rounded to one decimal.

Unanswered questions, deliberately
----------------------------------
- An unanswered question counts neither for nor against: it is left out of both sums. A
  company that skips the question about AI is scored on the questions it did answer, not
  given zero for it (that would read as "no AI" when it means "did not say").
- A dimension with no answered question has **no score** (absent from the result), not 0.
- The overall score is the average of the six dimension scores, as in the EU/JRC DMA, and
  is given only when all six have a score; with a dimension missing it is absent (an
  average of five would not compare with the average of six of another company).
- Answers to questions the survey no longer has, and answers that do not fit their question,
  are ignored (an old answer never breaks the scoring).

Bump :data:`SCORING_VERSION` whenever points, caps or this rule change: stored scores say
which version computed them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import InvalidInput
from .questions import Question, Survey, clean_answer, survey
from .vocabulary import DIMENSIONS

__all__ = ["SCORING_VERSION", "question_points", "dimension_scores", "overall_score", "score_answers", "answered_count"]

SCORING_VERSION = 1


def question_points(question: Question, answer: Any) -> int | None:
    """The points ``answer`` scores on ``question``; ``None`` when it is no (valid) answer.

    >>> q = survey().question("data_security")  # each tick 1 point, cap 4
    >>> question_points(q, ["backup", "passwords", "two_step", "updates", "antivirus"])
    4
    >>> question_points(q, ["none"]), question_points(q, None), question_points(q, "backup")
    (0, None, None)
    """
    try:
        value = clean_answer(question, answer)
    except InvalidInput:
        return None
    if value is None:
        return None
    if question.type == "scale":
        return int(value)
    if question.type == "single":
        return question.option(value).points
    return min(question.cap, sum(question.option(k).points for k in value))


def dimension_scores(answers: Mapping[str, Any], the_survey: Survey | None = None) -> dict[str, float]:
    """Each dimension with at least one answered question, scored 0-100 (one decimal).

    >>> dimension_scores({"human_confidence": 5, "human_help": "friend"})  # (5 + 1) / (5 + 2)
    {'human': 85.7}
    >>> dimension_scores({})
    {}
    """
    the_survey = the_survey or survey()
    scores: dict[str, float] = {}
    for dimension in DIMENSIONS:
        points = maximum = 0
        for question in the_survey.in_dimension(dimension):
            got = question_points(question, answers.get(question.id))
            if got is not None:
                points += got
                maximum += question.max_points
        if maximum:
            scores[dimension] = round(100 * points / maximum, 1)
    return scores


def overall_score(scores: Mapping[str, float]) -> float | None:
    """The average of the six dimension scores, or ``None`` unless all six have one.

    >>> overall_score({"strategy": 50, "readiness": 100, "human": 0, "data": 50, "automation": 25, "green": 75})
    50.0
    >>> overall_score({"strategy": 50}) is None
    True
    """
    if any(scores.get(d) is None for d in DIMENSIONS):
        return None
    return round(sum(scores[d] for d in DIMENSIONS) / len(DIMENSIONS), 1)


def score_answers(answers: Mapping[str, Any], the_survey: Survey | None = None) -> dict[str, float]:
    """What is stored at submit: the dimensions' scores and, when all six have one, ``overall``."""
    scores = dimension_scores(answers, the_survey)
    overall = overall_score(scores)
    return {**scores, **({"overall": overall} if overall is not None else {})}


def answered_count(answers: Mapping[str, Any], the_survey: Survey | None = None) -> tuple[int, int]:
    """(answered questions, all questions): the progress the survey page shows.

    >>> answered_count({"green_paper": "no", "not_a_question": 1})[0]
    1
    """
    the_survey = the_survey or survey()
    answered = sum(1 for q in the_survey.questions if question_points(q, answers.get(q.id)) is not None)
    return answered, len(the_survey.questions)
