"""The neighbourhood office's rules on hand-made evidence: counts out of how many, size classes,
means withheld below five answers, and requirements without support marked as such."""

from __future__ import annotations

import pytest

from workshop.companies.office.records import CompanyEvidence, Evidence, EvidenceLine
from workshop.companies.office.requirements import mean_score, office_draft, office_requirements
from workshop.companies.office.rules import LOW_SCORE
from workshop.companies.office.words import clean_edits, evidence_text, requirement_text
from workshop.errors import InvalidInput
from workshop.i18n import Translator

t = Translator("sv")


def company(n, size="1-4", needs=(), scores=None, answered=True, legal_form="limited_company"):
    scores = scores if scores is not None else {}
    return CompanyEvidence(n, f"Företag {n} AB", legal_form, size, answered, frozenset(needs), tuple(sorted(scores.items())))


def by_key(evidence):
    return {r.key: r for r in office_requirements(evidence)}


def test_workplaces_count_the_companies_needing_premises_out_of_all_within_reach_with_their_sizes():
    # 3 of 6 need premises: two one-person companies (1 desk each) and one of 10-19 (3 desks);
    # one company has not answered and counts in "within reach" but not as answered.
    evidence = Evidence("Ramsberg", (
        company(1, "0", ["premises"]), company(2, "0", ["premises", "advice"]), company(3, "10-19", ["premises"]),
        company(4, "1-4", ["equipment"]), company(5, "5-9"), company(6, "1-4", answered=False),
    ))
    workplaces = by_key(evidence)["workplaces"]
    assert workplaces.supported
    assert dict(workplaces.params) == {"desks": 5, "companies": 3}
    need, sizes = workplaces.evidence
    assert (need.count, need.within, need.answered) == (3, 6, 5)
    assert sizes.sizes == (("0", 2), ("10-19", 1))
    assert evidence_text(need, t) == "3 av 6 företag inom räckhåll (5 har svarat på enkäten) behöver en arbetsplats eller lokal"
    assert evidence_text(sizes, t) == "Deras storlek: 0 anställda: 2, 10–19 anställda: 1"
    assert set(workplaces.company_ids) == {1, 2, 3}


def test_one_person_companies_needing_premises_get_an_own_key_and_others_staffed_hours():
    own = by_key(Evidence("Vedevåg", (company(1, "0", ["premises"]), company(2, "5-9", ["premises"]))))["access"]
    assert own.variant == "own_key"
    assert evidence_text(own.evidence[-1], t) == "1 av de 2 är enmansföretag (0 anställda)"
    assert "Egen nyckel" in requirement_text(own, t)
    staffed = by_key(Evidence("Vedevåg", (company(1, "5-9", ["premises"]),)))["access"]
    assert staffed.variant == "staffed" and "vardagar" in requirement_text(staffed, t)


def test_a_meeting_room_needs_two_companies_and_its_seats_are_bounded():
    one = by_key(Evidence("Ramsberg", (company(1, needs=["advice"]),)))["meeting_room"]
    assert not one.supported
    many = by_key(Evidence("Ramsberg", tuple(company(n, needs=["premises"]) for n in range(20))))["meeting_room"]
    assert many.supported and dict(many.params)["seats"] == 12
    two = by_key(Evidence("Ramsberg", (company(1, needs=["advice"]), company(2, needs=["support_person"]))))["meeting_room"]
    assert two.supported and dict(two.params)["seats"] == 4


def test_means_over_fewer_than_five_answers_are_withheld_and_never_decide_a_requirement():
    # Four companies with very low readiness: the mean would be 10, but four answers are too few
    # to show it, and a withheld mean must not show through as a requirement either.
    four = Evidence("Ullersäter", tuple(company(n, scores={"readiness": 10.0, "data": 10.0, "human": 10.0, "strategy": 10.0}) for n in range(4)))
    requirements = by_key(four)
    for key in ("connectivity", "support_role"):
        assert not requirements[key].supported
        means = [line for line in requirements[key].evidence if line.kind == "mean"]
        assert means and all(line.mean.value is None for line in means)
        assert all(evidence_text(line, t).endswith("visas inte, färre än 5 svar") for line in means)
    # The fifth answer makes the mean shown (and low): now it motivates both.
    five = Evidence("Ullersäter", four.companies + (company(9, scores={"readiness": 40.0, "data": 40.0, "human": 40.0, "strategy": 40.0}),))
    requirements = by_key(five)
    assert requirements["connectivity"].supported and requirements["connectivity"].variant == "high"
    assert requirements["support_role"].supported
    readiness = next(line for line in requirements["connectivity"].evidence if line.kind == "mean" and line.mean.dimension == "readiness")
    assert readiness.mean.value == 16.0 and readiness.mean.answers == 5  # (4 × 10 + 40) / 5
    assert evidence_text(readiness, t) == f"Medelvärde för digital beredskap: 16,0 av 100 (5 svar), lågt (under {LOW_SCORE:.0f})"


def test_a_mean_counts_only_answering_companies_that_have_the_score():
    companies = [company(n, scores={"data": 50.0}) for n in range(5)] + [company(7, scores={}), company(8, answered=False)]
    assert mean_score(companies, "data").answers == 5
    assert mean_score(companies, "human").value is None


def test_connectivity_is_basic_when_few_ask_and_the_shown_means_are_not_low():
    companies = tuple(company(n, needs=["connectivity"] if n == 0 else [], scores={"readiness": 70.0, "data": 65.0}) for n in range(5))
    connectivity = by_key(Evidence("Fellingsbro", companies))["connectivity"]
    assert connectivity.supported and connectivity.variant == "basic"
    assert [line.mean.value for line in connectivity.evidence if line.kind == "mean"] == [70.0, 65.0]


def test_a_requirement_without_supporting_figures_is_kept_and_marked_no_evidence():
    # Nobody asked for equipment: the draft says so rather than inventing a need.
    draft = office_draft(Evidence("Guldsmedshyttan", (company(1, needs=["premises"]), company(2, needs=["premises"]))))
    assert [r.key for r in draft.unsupported] == ["connectivity", "equipment", "support_role"]
    equipment = next(r for r in draft.requirements if r.key == "equipment")
    assert requirement_text(equipment, t, {"equipment": "Tre skrivare"}).startswith("Inget underlag")  # an edit cannot give it support
    assert equipment.evidence[0].count == 0 and equipment.company_ids == ()


def test_without_any_answers_nothing_is_supported():
    draft = office_draft(Evidence("Ramsberg", (company(1, answered=False), company(2, answered=False))))
    assert draft.supported == ()
    assert (draft.evidence.within, draft.evidence.answered, draft.evidence.unanswered) == (2, 0, 2)


def test_unknown_size_classes_are_counted_last():
    line = EvidenceLine("sizes", sizes=(("1-4", 2), ("?", 1)))
    assert evidence_text(line, t) == "Deras storlek: 1–4 anställda: 2, storlek okänd: 1"
    workplaces = by_key(Evidence("Ramsberg", (company(1, None, ["premises"]),)))["workplaces"]
    assert workplaces.evidence[1].sizes == (("?", 1),) and dict(workplaces.params)["desks"] == 1


@pytest.mark.parametrize("edits", [{"no_such": "x"}, {"workplaces": ["x"]}, {"workplaces": "x" * 1501}, ["workplaces"]])
def test_edits_must_be_text_for_known_requirements(edits):
    with pytest.raises(InvalidInput):
        clean_edits(edits)


def test_blank_edits_fall_back_to_the_generated_text():
    workplaces = by_key(Evidence("Ramsberg", (company(1, needs=["premises"]),)))["workplaces"]
    assert clean_edits({"workplaces": "   "}) == {}
    assert requirement_text(workplaces, t, {"workplaces": "  "}) == requirement_text(workplaces, t)
