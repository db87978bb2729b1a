"""The analysis: small groups withheld (in the aggregates and in the exports), needs per
development point, matching needs with offers, profiles and the SNI section."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from workshop.companies.maturity import (
    AssessmentRecord,
    CompanyRecord,
    _sni_section,
    aggregate_sheets,
    aggregates,
    common_needs,
    export_aggregates,
    matches,
    profile,
)
from workshop.companies.vocabulary import DIMENSIONS
from workshop.i18n import Translator

DAY = dt.datetime(2026, 3, 1)
t = Translator("sv")


def company(i, point="Ramsberg", *, size="1-4", sni=("56100",), scores=None, needs=(), offers=(), submitted=True, history=()):
    done = DAY + dt.timedelta(days=i) if submitted else None
    latest = AssessmentRecord(100 + i, "self", DAY, done, scores if scores is not None else {d: 50.0 for d in DIMENSIONS} | {"overall": 50.0}, needs, offers)
    return CompanyRecord(i, f"Företag {i:02d}", point, size, sni, (*history, latest))


def flat(value):
    return {d: value for d in DIMENSIONS} | {"overall": value}


@pytest.fixture
def area():
    # Five in Ramsberg (scores 10, 20, 30, 40, 50 everywhere), four in Lindesberg, one without a point,
    # and one in Ramsberg still answering (it counts nowhere).
    ramsberg = [company(i, "Ramsberg", scores=flat(10.0 * i)) for i in range(1, 6)]
    lindesberg = [company(i, "Lindesberg", size="10-19", sni=("62010",), scores=flat(90.0)) for i in range(6, 10)]
    return ramsberg + lindesberg + [company(10, None, sni=()), company(11, "Ramsberg", scores=flat(100.0), submitted=False)]


def test_a_group_of_five_shows_its_averages_and_a_group_of_four_is_withheld(area):
    by_point = {a.group: a for a in aggregates(area, "development_point")}
    assert by_point["Ramsberg"].answers == 5 and by_point["Ramsberg"].scores["green"] == 30.0  # (10+20+30+40+50)/5
    assert by_point["Ramsberg"].scores["overall"] == 30.0
    lindesberg = by_point["Lindesberg"]
    assert lindesberg.withheld and set(lindesberg.scores.values()) == {None}  # four companies: nobody singled out
    assert list(by_point) == ["Lindesberg", "Ramsberg", None]  # the unknown point last, still listed


def test_a_dimension_scored_by_fewer_than_five_of_a_big_group_is_withheld_alone():
    some = [company(i, scores={"green": 40.0, "data": 60.0} if i < 4 else {"green": 40.0}) for i in range(1, 7)]
    group = aggregates(some, "development_point")[0]
    assert group.answers == 6 and group.scores["green"] == 40.0
    assert group.scores["data"] is None and group.counts["data"] == 3


def test_sni_section_and_size_class_groupings(area):
    by_section = {a.group: a.answers for a in aggregates(area, "sni_section")}
    assert by_section == {"I": 5, "J": 4, None: 1}  # 56100 restaurants: I; 62010 programming: J
    assert [a.group for a in aggregates(area, "size_class")] == ["1-4", "10-19"]  # in SCB's order


@pytest.mark.parametrize("code,letter", [("01110", "A"), ("09900", "B"), ("10110", "C"), ("35110", "D"), ("43999", "F"), ("47190", "G"),
                                         ("55101", "I"), ("68201", "L"), ("75000", "M"), ("86211", "Q"), ("96021", "S"), ("99000", "U"),
                                         ("04000", None), ("34000", None), ("", None)])
def test_the_sni_section_comes_from_the_division(code, letter):
    assert _sni_section(code) == letter


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_withholds_small_groups_too(area, fmt):
    groups = {g: aggregates(area, g) for g in ("sni_section", "size_class", "development_point")}
    data = export_aggregates(aggregate_sheets(groups, t), fmt)
    if fmt == "csv":
        rows = [line.split(";") for line in data.decode("utf-8-sig").splitlines()]
    else:
        book = load_workbook(io.BytesIO(data))
        rows = [["", *[str(v) for v in row]] for row in book["Utvecklingsort"].iter_rows(values_only=True)]  # as the CSV: a first column
    lindesberg = next(r for r in rows if "Lindesberg" in r)
    ramsberg = next(r for r in rows if "Ramsberg" in r)
    assert set(lindesberg[2:]) == {"färre än 5 svar"}  # the count and every figure withheld
    assert "90.0" not in ";".join(lindesberg) and "4" not in lindesberg[2:]
    assert ramsberg[2] == "5" and float(ramsberg[3]) == 30.0  # (10+20+30+40+50)/5 on the first dimension


def test_the_most_common_needs_per_development_point_and_small_points_withheld():
    needing = [company(1, needs=("skills", "premises")), company(2, needs=("skills",)), company(3, needs=("connectivity", "skills")),
               company(4, needs=("premises",)), company(5), company(6, "Lindesberg", needs=("advice",))]
    by_point = {g.group: g for g in common_needs(needing)}
    assert by_point["Ramsberg"].needs == (("skills", 3), ("premises", 2), ("connectivity", 1))
    assert by_point["Lindesberg"].needs is None and by_point["Lindesberg"].withheld


def test_needs_met_by_offers_are_suggested_same_development_point_first_with_the_reason():
    found = matches([
        company(1, "Ramsberg", needs=("premises", "advice")),
        company(2, "Lindesberg", offers=("premises", "advice")),
        company(3, "Ramsberg", needs=("equipment",), offers=("advice",)),
        company(4, "Ramsberg", offers=("equipment",), needs=("advice",)),
        company(5, "Ramsberg", needs=("skills",), submitted=False, offers=("premises",)),  # not submitted: not suggested
    ])
    pairs = [(m.a.id, m.b.id, m.a_gets, m.b_gets, m.same_point) for m in found]
    assert pairs == [
        (3, 4, ("equipment",), ("advice",)  , True),  # each meets the other's need: two needs met
        (1, 3, ("advice",), (), True),
        (1, 2, ("premises", "advice"), (), False),  # two needs met, but another point: after the same point
        (2, 4, (), ("advice",), False),
    ]


def test_a_profile_holds_the_first_and_latest_measurement_and_the_change():
    first = AssessmentRecord(1, "interview", DAY, DAY, flat(20.0))
    middle = AssessmentRecord(2, "self", DAY, DAY + dt.timedelta(days=1), flat(30.0))  # the latest comes at day 3
    latest_scores = flat(45.5) | {"green": 10.0}
    shown = profile(company(3, scores=latest_scores, history=(first, middle)))
    assert (shown.first.id, shown.latest.id) == (1, 103)
    assert shown.change["overall"] == 25.5 and shown.change["green"] == -10.0
    assert profile(company(4)).change == {}  # one measurement: nothing to compare
