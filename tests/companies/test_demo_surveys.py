"""Demo surveys on factory companies: answered once, some twice with change, two in progress."""

from __future__ import annotations

from sqlalchemy import select

from tests.factories import coordinator_token, make_company
from workshop.companies import assessments, maturity
from workshop.companies.demo_surveys import load_demo_assessments
from workshop.companies.scoring import score_answers
from workshop.models import MaturityAssessment


def test_demo_surveys_give_every_page_something_real_and_are_the_same_every_time(store):
    points = ["Ramsberg", "Lindesberg", "Frövi", "Fellingsbro", "Storå"]
    ids = [make_company(store, f"Demo {i}", development_point=points[i % 5], size_class=("0", "1-4", "5-9")[i % 3]) for i in range(27)]
    written = load_demo_assessments(store, ids)
    # 25 answered, of them indexes 1, 5, 9, 13, 17, 21 twice; the last two (25, 26) in progress.
    assert written == 25 + 6 + 2
    records = assessments.maturity_records(store, coordinator_token(store))
    assert sum(1 for c in records if c.in_progress) == 2
    twice = [maturity.profile(c) for c in records if len(c.submitted) == 2]
    assert len(twice) == 6 and all(p.change for p in twice)
    assert sum(1 for p in twice for v in p.change.values() if v > 0) > sum(1 for p in twice for v in p.change.values() if v < 0)
    # Five companies per development point: every point gets its figures, none withheld.
    assert all(not a.withheld for a in maturity.aggregates(records, "development_point"))
    assert maturity.matches(records)
    with store.unit_of_work() as session:
        rows = session.scalars(select(MaturityAssessment).where(MaturityAssessment.submitted_at.is_not(None))).all()
        assert all(r.is_demo and r.scores == score_answers(r.answers) for r in rows)



def test_the_same_companies_get_the_same_answers_on_another_load(store, tmp_path):
    from workshop.db import create_store

    ids = [make_company(store, f"Demo {i}") for i in range(6)]
    load_demo_assessments(store, ids)
    second = create_store(f"sqlite:///{tmp_path / 'again.sqlite3'}")
    again_ids = [make_company(second, f"Demo {i}") for i in range(6)]
    load_demo_assessments(second, again_ids)

    def answers(s):
        with s.unit_of_work() as session:
            return [(r.mode, r.answers, r.needs, r.scores) for r in session.scalars(select(MaturityAssessment).order_by(MaturityAssessment.id))]

    assert answers(store) == answers(second)
    second.engine.dispose()
