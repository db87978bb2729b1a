"""Demo surveys for the demo companies, so every survey page shows something real.

Deterministic (the same companies get the same answers on every load): most companies have
answered once, every fourth twice (the second time better in most dimensions, as after
support), and the last two are still being answered at an interview. Scores come from the
real scoring of the generated answers. Every row is marked ``is_demo``.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ..db import Store
from ..models import MaturityAssessment
from ..services.access import SYSTEM, Actor
from ..services.roles import require
from .questions import SCALE_MAX, Question, survey
from .scoring import SCORING_VERSION, score_answers
from .vocabulary import NEEDS

__all__ = ["load_demo_assessments"]

FIRST_ROUND = dt.datetime(2026, 2, 2, 10, 0)
SECOND_ROUND = dt.datetime(2026, 9, 7, 10, 0)
_INTERVIEWERS = ("Karin Ek", "Ali Hassan")
_OCCASIONS = ("Öppet möte i bygdegården", "Intervju på plats")


def _answer(question: Question, level: float, rng: random.Random) -> Any:
    """An answer around ``level`` (0-1) of the question's range, with some noise."""
    pick = max(0.0, min(1.0, level + rng.uniform(-0.25, 0.25)))
    if question.type == "scale":
        return round(pick * SCALE_MAX)
    if question.type == "single":
        ordered = sorted(question.options, key=lambda o: o.points)
        return ordered[min(len(ordered) - 1, int(pick * len(ordered)))].key
    options = [o for o in question.options if not o.exclusive]
    ticked = [o.key for o in options if rng.random() < pick]
    return ticked or [next(o.key for o in question.options if o.exclusive)]


def _answers(level: dict[str, float], rng: random.Random, *, skip: float = 0.0) -> dict[str, Any]:
    answers = {}
    for question in survey().questions:
        if skip and rng.random() < skip:
            continue
        answers[question.id] = _answer(question, level[question.dimension], rng)
    return answers


def load_demo_assessments(store: Store, company_ids: list[int], *, actor: Actor = SYSTEM) -> int:
    """Write demo surveys for ``company_ids`` (in the given order); return how many were written.

    Run by the demo loader as the server (``actor``); the roles table's ``demo`` × ``load`` row decides.

    The i-th company: answered once; if ``i % 4 == 1`` a second time seven months later with
    higher levels; the last two companies (of five or more) are interviews still in progress.
    """
    require(actor, "demo", "load")
    written = 0
    in_progress = set(company_ids[-2:]) if len(company_ids) >= 5 else set()
    with store.unit_of_work(write=True) as session:
        for index, company_id in enumerate(company_ids):
            rng = random.Random(f"demo-survey-{index}")
            base = rng.uniform(0.15, 0.7)
            level = {d.key: max(0.0, min(1.0, base + rng.uniform(-0.2, 0.2))) for d in survey().dimensions}
            needs = sorted((n for n in NEEDS if rng.random() < 0.45 - 0.3 * base), key=NEEDS.index)
            offers = sorted((n for n in NEEDS if n not in needs and rng.random() < 0.1 + 0.4 * base), key=NEEDS.index)
            started = FIRST_ROUND + dt.timedelta(days=index % 20, hours=index % 7)
            if company_id in in_progress:
                answers = _answers(level, rng, skip=0.6)
                session.add(MaturityAssessment(
                    company_id=company_id, mode="interview", interviewer=_INTERVIEWERS[index % 2], occasion=_OCCASIONS[index % 2],
                    answers=answers, needs=needs, offers=[], is_demo=True, started_at=SECOND_ROUND, updated_at=SECOND_ROUND,
                ))
                written += 1
                continue
            answers = _answers(level, rng, skip=0.05)
            mode = "interview" if index % 3 == 0 else "self"
            session.add(MaturityAssessment(
                company_id=company_id, mode=mode, interviewer=_INTERVIEWERS[index % 2] if mode == "interview" else None,
                occasion=_OCCASIONS[index % 2] if mode == "interview" else None, answers=answers, needs=needs, offers=offers,
                scores=score_answers(answers), scoring_version=SCORING_VERSION, is_demo=True,
                started_at=started, updated_at=started + dt.timedelta(minutes=25), submitted_at=started + dt.timedelta(minutes=25),
            ))
            written += 1
            if index % 4 == 1:  # answered again after support: most dimensions higher
                later = {k: min(1.0, v + rng.uniform(0.05, 0.3)) for k, v in level.items()}
                again = _answers(later, rng, skip=0.05)
                when = SECOND_ROUND + dt.timedelta(days=index % 20)
                session.add(MaturityAssessment(
                    company_id=company_id, mode="self", answers=again, needs=needs[1:], offers=offers, scores=score_answers(again),
                    scoring_version=SCORING_VERSION, is_demo=True, started_at=when, updated_at=when + dt.timedelta(minutes=20),
                    submitted_at=when + dt.timedelta(minutes=20),
                ))
                written += 1
        session.commit()
    return written
