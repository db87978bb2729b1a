"""Regression tests: the bugs the fuzz tests found, each as its smallest example.

A bug that only PostgreSQL showed is still checked on SQLite, where it passed all along.
"""

from __future__ import annotations

import pytest

from tests.factories import make_workshop, row_counts
from workshop.errors import InvalidInput, NotFound, NotYourContribution, WorkshopNotFound
from workshop.services import organisations, participants, voting, workshops
from workshop.services.organisations import clean_capabilities
from workshop.validation import clean_int, clean_tags


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda store, meeting: workshops.facilitator_sign_in(store, 2**64, meeting.key), id="sign-in-huge-workshop-id"),
        pytest.param(
            lambda store, meeting: participants.join_workshop(store, [meeting.id, 2], name="Anna Berg"), id="join-list-workshop-id"
        ),
        pytest.param(
            lambda store, meeting: voting.open_voting_round(
                store, [meeting.id], meeting.facilitator, dots_per_participant=5, max_dots_per_idea=3
            ),
            id="open-round-list-workshop-id",
        ),
    ],
)
def test_an_id_of_the_wrong_type_or_range_is_refused_as_not_found(store, call):
    meeting = make_workshop(store)
    before = row_counts(store)

    with pytest.raises((WorkshopNotFound, NotFound, NotYourContribution)):
        call(store, meeting)

    assert row_counts(store) == before


@pytest.mark.parametrize("value", [float("inf"), float("-inf")])
def test_an_infinite_number_is_refused_as_not_a_number(value):
    with pytest.raises(InvalidInput) as refused:
        clean_int(value, "budget_sek", minimum=0, maximum=100_000_000)

    assert (refused.value.field, refused.value.message_key) == ("budget_sek", "errors.not_a_number")


@pytest.mark.parametrize("values", [5, 2.5, True])
def test_tags_that_are_not_a_list_are_refused(values):
    with pytest.raises(InvalidInput) as refused:
        clean_tags(values, "themes")

    assert refused.value.field == "themes"


@pytest.mark.parametrize(
    "values",
    [
        pytest.param(5, id="a-number"),
        pytest.param("storkök", id="text"),
        pytest.param([{"label": "storkök"}], id="no-category"),
        pytest.param([("premises",)], id="a-pair-of-one"),
        pytest.param({"premises": 5}, id="labels-not-a-list"),
    ],
)
def test_needs_of_another_shape_are_refused(values):
    with pytest.raises(InvalidInput) as refused:
        clean_capabilities(values, "needs")

    assert refused.value.field == "needs"


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({"name": "Ramsbergs IF"}, id="no-kind"),
        pytest.param({"name": "Ramsbergs IF", "kind": "association", "website": "ramsbergsif.se"}, id="unknown-field"),
        pytest.param(["Ramsbergs IF", "association"], id="not-a-dict"),
    ],
)
def test_a_new_organisation_form_with_missing_or_unknown_fields_is_refused(store, form):
    meeting = make_workshop(store)
    before = row_counts(store)

    with pytest.raises(InvalidInput):
        participants.join_workshop(store, meeting.id, name="Anna Berg", new_organisation=form)

    assert row_counts(store) == before


@pytest.mark.parametrize("name", [pytest.param("ß" * 120, id="sharp-s"), pytest.param("Ofﬁce " + "ﬃ" * 50, id="ligatures")])
def test_a_name_that_folds_longer_than_its_column_is_stored(store, name):
    meeting = make_workshop(store)

    joined = participants.join_workshop(store, meeting.id, name=name, new_organisation={"name": name, "kind": "association"})

    who = participants.identify(store, joined.token)
    assert (who.name, who.organisation_name) == (name.strip(), name.strip())


def test_a_join_code_with_a_nul_character_is_not_found(store):
    make_workshop(store)

    with pytest.raises(WorkshopNotFound):
        workshops.find_workshop_by_code(store, "KQ7\x00M2X")


def test_registering_an_organisation_at_an_unknown_workshop_is_refused(store):
    before = row_counts(store)

    with pytest.raises(WorkshopNotFound):
        organisations.register_organisation(store, name="Ramsbergs IF", kind="association", workshop_id=999)

    assert row_counts(store) == before


@pytest.mark.parametrize(
    "first,second",
    [
        pytest.param("😀", "🎉", id="emoji"),
        pytest.param("मीना", "मोना", id="devanagari-meena-and-mona"),
    ],
)
def test_two_people_whose_names_differ_in_more_than_case_and_punctuation_are_told_apart(store, first, second):
    meeting = make_workshop(store)
    club = organisations.register_organisation(store, name=f"{first} förening", kind="association")

    participants.join_workshop(store, meeting.id, name=first, organisation_id=club.id)
    other = participants.join_workshop(store, meeting.id, name=second, organisation_id=club.id)
    other_club = organisations.register_organisation(store, name=f"{second} förening", kind="association")

    assert participants.identify(store, other.token).name == second
    assert other_club.name == f"{second} förening"
