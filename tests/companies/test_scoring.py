"""Known answers give known scores, per dimension and overall (the sums are worked out by hand)."""

from __future__ import annotations

import pytest

from workshop.companies.questions import SCALE_MAX, load_survey, survey
from workshop.companies.scoring import SCORING_VERSION, answered_count, dimension_scores, overall_score, score_answers
from workshop.companies.vocabulary import DIMENSIONS


def best_answers() -> dict:
    """Every question answered with its most points (multi: every option but 'none')."""
    answers = {}
    for q in survey().questions:
        if q.type == "scale":
            answers[q.id] = SCALE_MAX
        elif q.type == "single":
            answers[q.id] = max(q.options, key=lambda o: o.points).key
        else:
            answers[q.id] = [o.key for o in q.options if not o.exclusive]
    return answers


def worst_answers() -> dict:
    answers = {}
    for q in survey().questions:
        if q.type == "scale":
            answers[q.id] = 0
        elif q.type == "single":
            answers[q.id] = min(q.options, key=lambda o: o.points).key
        else:
            answers[q.id] = ["none"]
    return answers


def test_the_best_answers_score_100_everywhere_and_the_worst_0():
    assert score_answers(best_answers()) == {**{d: 100.0 for d in DIMENSIONS}, "overall": 100.0}
    assert score_answers(worst_answers()) == {**{d: 0.0 for d in DIMENSIONS}, "overall": 0.0}


# A hairdresser on her own, answering everything:
STRATEGY = {"strategy_plan": "thought", "strategy_invested": ["website", "booking"], "strategy_change": 4, "strategy_support": "heard"}
READINESS = {"readiness_tools": ["email_domain", "website", "social", "bookkeeping", "einvoice", "cloud", "video"], "readiness_sales": ["find", "book"],
             "readiness_internet": "mobile", "readiness_satisfied": 3}
HUMAN = {"human_confidence": 2, "human_learning": "self", "human_help": "friend", "human_easier": "partly"}
DATA = {"data_storage": "files", "data_decisions": "never", "data_security": ["backup", "passwords"], "data_personal": "roughly"}
AUTOMATION = {"automation_tasks": ["bookings"], "automation_ai": "no", "automation_share": 1}
GREEN = {"green_travel": "sometimes", "green_paper": "mostly", "green_equipment": ["long_use", "recycle"], "green_choices": 3}


@pytest.mark.parametrize(
    "answers,dimension,expected",
    [
        # plan 1/3 + invested 2/4 + change 4/5 + support 1/2 = 8/14 = 57.14
        (STRATEGY, "strategy", 57.1),
        # tools 7 ticks capped at 5/5 + sales 2/3 + internet 1/2 + satisfied 3/5 = 11/15 = 73.33
        (READINESS, "readiness", 73.3),
        # confidence 2/5 + learning 1/2 + help 1/2 + easier 1/2 = 5/11 = 45.45
        (HUMAN, "human", 45.5),
        # storage 1/3 + decisions 0/2 + security 2/4 + personal 1/2 = 4/11 = 36.36
        (DATA, "data", 36.4),
        # tasks 1/4 + ai 0/2 + share 1/5 = 2/11 = 18.18
        (AUTOMATION, "automation", 18.2),
        # travel 1/2 + paper 2/2 + equipment 2/3 + choices 3/5 = 8/12 = 66.67
        (GREEN, "green", 66.7),
    ],
)
def test_a_dimension_scores_its_points_over_its_maximum(answers, dimension, expected):
    assert dimension_scores(answers) == {dimension: expected}


def test_the_overall_score_is_the_average_of_the_six():
    scores = score_answers({**STRATEGY, **READINESS, **HUMAN, **DATA, **AUTOMATION, **GREEN})
    # (57.1 + 73.3 + 45.5 + 36.4 + 18.2 + 66.7) / 6 = 297.2 / 6 = 49.53
    assert scores["overall"] == 49.5
    assert scores["strategy"] == 57.1 and scores["green"] == 66.7


def test_an_unanswered_question_counts_neither_for_nor_against():
    # Without the AI question automation is tasks 1/4 + share 1/5 = 2/9 = 22.22, not 2/11.
    partial = {k: v for k, v in AUTOMATION.items() if k != "automation_ai"}
    assert dimension_scores(partial) == {"automation": 22.2}


def test_a_dimension_without_answers_has_no_score_and_then_there_is_no_overall_score():
    scores = score_answers({**STRATEGY, **READINESS, **HUMAN, **DATA, **AUTOMATION})
    assert "green" not in scores and "overall" not in scores
    assert scores["automation"] == 18.2
    assert overall_score({d: 0.0 for d in DIMENSIONS}) == 0.0  # zero is a score, missing is not


def test_answers_that_do_not_fit_their_question_or_unknown_questions_are_ignored():
    assert score_answers({"green_paper": "sideways", "green_choices": 9, "no_such_question": "yes", "data_security": ["none", "backup"]}) == {}


def test_a_multiple_choice_ticked_with_nothing_is_no_answer():
    assert answered_count({"data_security": []}) == (0, len(survey().questions))
    assert answered_count({"data_security": ["none"]})[0] == 1


def test_every_question_can_score_something_and_the_file_says_which_scoring_it_is():
    loaded = load_survey()
    assert loaded.version == SCORING_VERSION
    assert all(q.max_points > 0 for q in loaded.questions)
    assert {q.dimension for q in loaded.questions} == set(DIMENSIONS)
