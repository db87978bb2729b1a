"""Numbers typed into the LEADER details of an idea: what is accepted and how refusals are reported."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, join, make_workshop
from workshop.errors import InvalidInput
from workshop.models import Idea
from workshop.services import moderation


@pytest.fixture
def idea(store):
    meeting = make_workshop(store)
    return meeting, add_idea(store, join(store, meeting, "Anna Berg", "Ramsbergs IF"))


def _details(store, idea_id):
    with store.unit_of_work() as session:
        row = session.get(Idea, idea_id)
        return row.innovation, row.budget_sek, row.cofinancing_hours


@pytest.mark.parametrize(
    "budget,hours,stored",
    [
        (250_000, 120, (250_000, 120)),
        ("250000", " 120 ", (250_000, 120)),  # text fields give strings
        (0, 0, (0, 0)),
        (None, "", (None, None)),  # not known yet
        (100_000_000, 1_000_000, (100_000_000, 1_000_000)),
    ],
)
def test_budget_and_hours_are_stored_as_whole_numbers(store, idea, budget, hours, stored):
    meeting, idea_id = idea

    moderation.update_leader_details(
        store,
        meeting.id,
        meeting.facilitator,
        idea_id,
        innovation=" Första bygdeköket i länet ",
        budget_sek=budget,
        cofinancing_hours=hours,
    )

    assert _details(store, idea_id) == ("Första bygdeköket i länet", *stored)


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "changes,field,message_key",
    [
        ({"budget_sek": -1}, "budget_sek", "errors.out_of_range"),
        ({"budget_sek": 100_000_001}, "budget_sek", "errors.out_of_range"),
        ({"budget_sek": "12,5"}, "budget_sek", "errors.not_a_number"),
        ({"budget_sek": 12.5}, "budget_sek", "errors.not_a_number"),
        ({"budget_sek": True}, "budget_sek", "errors.not_a_number"),
        ({"cofinancing_hours": "många"}, "cofinancing_hours", "errors.not_a_number"),
        ({"innovation": "x" * 4001}, "innovation", "errors.too_long"),
        ({"innovation": "Ny\x00idé"}, "innovation", "errors.control_characters"),
    ],
)
def test_unusable_leader_details_are_refused_at_the_field_and_nothing_changes(store, idea, changes, field, message_key):
    meeting, idea_id = idea

    with pytest.raises(InvalidInput) as refused:
        moderation.update_leader_details(store, meeting.id, meeting.facilitator, idea_id, **changes)

    assert (refused.value.field, refused.value.message_key) == (field, message_key)
    assert _details(store, idea_id) == ("", None, None)
