"""The digital journey's tables: a company is an organisation of kind company, and each
answering of the survey is kept, so that a later one can be compared with the first."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.factories import add_assessment, count, make_company
from workshop.models import Company, MaturityAssessment


def test_a_company_is_an_organisation_of_kind_company_and_keeps_every_assessment(store):
    company_id = make_company(store, "Ramsbergs Smide AB", sni_codes=("25500", "33110"))
    first = add_assessment(store, company_id, scores={"overall": 40.0}, when=dt.datetime(2026, 3, 1))
    later = add_assessment(store, company_id, scores={"overall": 55.0}, when=dt.datetime(2026, 11, 1))
    with store.unit_of_work() as session:
        company = session.get(Company, company_id)
        assert company.organisation.kind == "company"
        assert company.sni_codes == ["25500", "33110"]
        kept = session.scalars(select(MaturityAssessment.id).where(MaturityAssessment.company_id == company_id).order_by(MaturityAssessment.submitted_at)).all()
    assert kept == [first, later]


def test_an_assessment_is_either_filled_in_by_the_company_or_at_an_interview(store):
    company_id = make_company(store, "Vedevågs Bageri")
    with pytest.raises(IntegrityError):  # the database itself refuses a mode the survey does not know
        add_assessment(store, company_id, mode="by_post")
    assert count(store, MaturityAssessment) == 0
