"""The overview: counts by development point, SNI section, size class and turnover, a view by
locality, and the gaps (few companies at a point, no survey, no development point)."""

from __future__ import annotations

import pytest

from tests.factories import add_assessment, coordinator_token, make_company
from workshop.companies import register
from workshop.companies.demo import DEMO_COMPANIES, demo_companies
from workshop.companies.overview import FEW, company_overview
from workshop.models import Company
from workshop.services import coordinators, demo_data
from tests.factories import count


@pytest.fixture
def token(store):
    return coordinator_token(store)


def test_counts_by_point_section_size_and_turnover_line_up_with_zeros(store, token):
    register.add_company(store, token, name="Ramsbergs Smide AB", identity_number="556036-0793", locality="Ramsberg", sni_codes="25500", size_class="1-4", turnover="2350000")
    register.add_company(store, token, name="Storå Snickeri AB", identity_number="559012-3450", locality="Storå", sni_codes="43320", size_class="5-9", turnover="1 000–4 999 tkr")
    register.add_company(store, token, name="Anna Bergs Hårvård", identity_number="811218-9876", locality="Kloten", sni_codes="96021", size_class="0")
    overview = company_overview(store, token)
    assert overview.total == 3
    assert overview.by_development_point == (("Fellingsbro", 0), ("Ullersäter", 0), ("Vedevåg", 0), ("Ramsberg", 2), ("Guldsmedshyttan", 1), (None, 0))
    assert {k: n for k, n in overview.by_section if n} == {"C": 1, "F": 1, "S": 1}
    assert dict(overview.by_size_class)["1-4"] == 1 and dict(overview.by_size_class)["0"] == 1 and dict(overview.by_size_class)["5-9"] == 1
    assert dict(overview.by_size_band) == {"micro": 3, "small": 0, "medium": 0, "large": 0}
    # One in kronor, one given only as its class: both counted in the same band; one unknown.
    assert {k: n for k, n in overview.by_turnover if n} == {"1000-4999": 2, None: 1}


def test_the_view_by_locality_says_which_point_each_place_belongs_to(store, token):
    make_company(store, "A", locality="Frövi", development_point="Ullersäter")
    make_company(store, "B", locality="Frövi", development_point="Ullersäter")
    make_company(store, "C", locality="Lindesberg", development_point=None)
    make_company(store, "D", locality="Atlantis", development_point=None)
    rows = {(r.locality, r.development_point, r.outside, r.companies) for r in company_overview(store, token).by_locality}
    assert rows == {("Frövi", "Ullersäter", False, 2), ("Lindesberg", None, True, 1), ("Atlantis", None, False, 1)}


def test_gaps_are_points_with_fewer_than_five_companies_unsurveyed_companies_and_unmapped_places(store, token):
    assert FEW == 5
    for n in range(5):
        make_company(store, f"Ramsberg {n}", locality="Ramsberg", development_point="Ramsberg")
    surveyed = make_company(store, "Vedevåg 1", locality="Vedevåg", development_point="Vedevåg")
    add_assessment(store, surveyed, scores={"overall": 60.0})
    unsent = make_company(store, "Vedevåg 2", locality="Vedevåg", development_point="Vedevåg")
    add_assessment(store, unsent, submitted=False)  # started, not submitted: still no survey
    make_company(store, "Lindesberg 1", locality="Lindesberg", development_point=None)
    make_company(store, "Atlantis 1", locality="Atlantis", development_point=None)
    overview = company_overview(store, token)
    # Ramsberg has five: enough. The town is outside the points on purpose, not a gap.
    assert overview.few_points == (("Fellingsbro", 0), ("Ullersäter", 0), ("Vedevåg", 2), ("Guldsmedshyttan", 0))
    assert overview.surveyed == 1
    assert "Vedevåg 1" not in [g.name for g in overview.without_survey] and len(overview.without_survey) == 8
    assert overview.localities_without_point == (("Atlantis", 1),)


def test_the_demo_has_forty_companies_around_the_five_points_and_they_go_with_the_demo(store, demo):
    summary = demo
    token = coordinators.coordinator_sign_in(store, summary.coordinator_name, summary.coordinator_key)
    ids = demo_companies(store)
    assert len(ids) == len(DEMO_COMPANIES) == 40
    overview = company_overview(store, token)
    assert all(n >= FEW for point, n in overview.by_development_point if point is not None)
    assert dict(overview.by_size_band)["micro"] >= 30
    assert sum(1 for c in register.list_companies(store, token) if c.is_sole_trader) >= 5
    assert overview.localities_without_point == ()
    removed = demo_data.remove_demo_data(store, token)
    assert removed["companies"] == 40 and count(store, Company) == 0


def test_the_size_classes_past_500_show_only_when_a_company_is_in_one(store, token):
    register.add_company(store, token, name="Ramsbergs Smide AB", identity_number="556036-0793", locality="Ramsberg", sni_codes="25500", size_class="1-4")
    assert [k for k, _n in company_overview(store, token).by_size_class] == ["0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-199", "200-499", None]
    register.add_company(store, token, name="Storå Industri AB", identity_number="559012-3450", locality="Storå", sni_codes="33120", size_class="1000-1499 anställda")
    overview = company_overview(store, token)
    assert dict(overview.by_size_class)["1000-1499"] == 1 and "500-999" not in dict(overview.by_size_class)
    assert dict(overview.by_size_band)["large"] == 1
