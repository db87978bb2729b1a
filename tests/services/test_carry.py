"""Carrying an idea forward is a rule: earlier, visible ideas only; the home meeting sees it and keeps the record.

Also: partial updates change only the fields they are given (a budget saved alone keeps the
innovation text, a card saved with a goal keeps its budget).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import add_idea, coordinator_token, join, make_workshop, row_counts
from workshop.errors import NotAllowed, NotFound
from workshop.leader import service as leader
from workshop.services import contributions, moderation, organisations, views, workshops


@pytest.fixture
def process(store):
    """Three meetings of one process: September (home), November (later), and a December one."""
    home = make_workshop(store, title="Framtidens Ramsberg", date=dt.date(2026, 9, 1))
    later = make_workshop(store, title="Ramsberg, del 2", date=dt.date(2026, 11, 1))
    last = make_workshop(store, title="Ramsberg, del 3", date=dt.date(2026, 12, 1))
    eva = join(store, home, "Eva Ny", "Ramsbergs bygdegård")
    ulla = join(store, last, "Ulla Sten", "Ramsbergs IF")
    return {
        "home": home,
        "later": later,
        "last": last,
        "eva": eva,
        "idea": add_idea(store, eva, "Bygdekök"),
        "hidden": add_idea(store, eva, "Dold idé"),
        "from_last": add_idea(store, ulla, "Idé från december"),
    }


# (the idea, who carries it into "later", the error): a later meeting's idea, or one its own meeting hid.
REFUSED_CARRIES = [
    ("from_last", "facilitator", NotAllowed, "errors.carry_only_from_earlier"),
    ("from_last", "coordinator", NotAllowed, "errors.carry_only_from_earlier"),
    ("hidden", "facilitator", NotFound, "errors.idea_not_found"),
    ("hidden", "coordinator", NotFound, "errors.idea_not_found"),
]


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
@pytest.mark.parametrize("idea,who,error,message", REFUSED_CARRIES)
def test_only_a_visible_idea_of_an_earlier_meeting_can_be_carried(store, process, idea, who, error, message):
    moderation.set_idea_hidden(store, process["home"].id, process["home"].facilitator, process["hidden"], True)
    token = process["later"].facilitator if who == "facilitator" else coordinator_token(store)
    before = row_counts(store)

    with pytest.raises(error) as refused:
        workshops.carry_idea_forward(store, process["later"].id, token, process[idea])

    assert (refused.value.message_key, refused.value.field) == (message, "idea")
    assert row_counts(store) == before
    assert process[idea] not in [c.id for c in views.wall(store, process["later"].id, facilitator=True).ideas]


def test_only_visible_ideas_of_earlier_meetings_are_offered_for_carrying(store, process):
    moderation.set_idea_hidden(store, process["home"].id, process["home"].facilitator, process["hidden"], True)

    offered = [title for _id, title, _meeting in workshops.earlier_ideas(store, process["later"].id)]

    assert offered == ["Bygdekök"]


def test_the_home_facilitator_sees_which_idea_was_carried_where_and_by_whom(store, process):
    workshops.carry_idea_forward(store, process["later"].id, process["later"].facilitator, process["idea"])

    (away,) = workshops.ideas_carried_away(store, process["home"].id, process["home"].facilitator)

    assert (away.idea_title, away.to_workshop_title, away.carried_by_role, away.carried_by) == (
        "Bygdekök", "Ramsberg, del 2", "facilitator", "Ramsberg, del 2",
    )
    assert away.carried_at is not None


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_another_meetings_facilitator_cannot_read_where_the_home_ideas_went(store, process):
    with pytest.raises(NotAllowed):
        workshops.ideas_carried_away(store, process["home"].id, process["later"].facilitator)


def test_after_carrying_the_home_record_survives_every_write_the_later_facilitator_tries(store, process):
    home, later, idea = process["home"], process["later"], process["idea"]
    moderation.update_leader_details(store, home.id, home.facilitator, idea, innovation="Delat kök", budget_sek=640_000, cofinancing_hours=200)
    leader.save_card(store, home.id, home.facilitator, idea, goal="Kök för alla", budget={"personnel": 400_000, "services": 240_000})
    workshops.carry_idea_forward(store, later.id, later.facilitator, idea)
    card_before = leader.card_view(store, home.id, home.facilitator, idea).facts

    tries = [
        lambda: moderation.set_idea_stage(store, later.id, later.facilitator, idea, "parked"),
        lambda: moderation.update_leader_details(store, later.id, later.facilitator, idea, budget_sek=1),
        lambda: leader.save_card(store, later.id, later.facilitator, idea, goal="Något annat"),
        lambda: moderation.moderate_idea(store, later.id, later.facilitator, idea, title="Kapad"),
    ]
    for attempt in tries:
        with pytest.raises(NotAllowed):
            attempt()

    (shown,) = [c for c in views.wall(store, home.id).ideas if c.id == idea]
    assert (shown.title, shown.stage, shown.innovation, shown.budget_sek, shown.cofinancing_hours) == ("Bygdekök", "idea", "Delat kök", 640_000, 200)
    assert leader.card_view(store, home.id, home.facilitator, idea).facts == card_before
    # The later meeting still reads the card it discusses.
    assert leader.card_view(store, later.id, later.facilitator, idea).facts.card.goal == "Kök för alla"


# Partial updates: the fields not given keep their values.


def test_saving_only_a_budget_keeps_the_innovation_text_hours_and_owner(store, process):
    home, idea = process["home"], process["idea"]
    owner = process["eva"].organisation_id
    contributions.commit_to_idea(store, process["eva"].token, idea, role="partner")
    moderation.update_leader_details(store, home.id, home.facilitator, idea, innovation="Delat kök", budget_sek=10, cofinancing_hours=20, owner_organisation_id=owner)

    moderation.update_leader_details(store, home.id, home.facilitator, idea, budget_sek=640_000)

    (shown,) = [c for c in views.wall(store, home.id).ideas if c.id == idea]
    assert (shown.innovation, shown.budget_sek, shown.cofinancing_hours, shown.owner_organisation_id) == ("Delat kök", 640_000, 20, owner)


def test_a_budget_given_as_none_is_cleared(store, process):
    home, idea = process["home"], process["idea"]
    moderation.update_leader_details(store, home.id, home.facilitator, idea, budget_sek=10, cofinancing_hours=20)

    moderation.update_leader_details(store, home.id, home.facilitator, idea, budget_sek=None)

    (shown,) = [c for c in views.wall(store, home.id).ideas if c.id == idea]
    assert (shown.budget_sek, shown.cofinancing_hours) == (None, 20)


def test_saving_a_card_with_only_a_goal_keeps_its_budget_and_texts(store, process):
    home, idea = process["home"], process["idea"]
    leader.save_card(store, home.id, home.facilitator, idea, budget={"personnel": 400_000}, activities="Bygga om köket", benefit="public")

    leader.save_card(store, home.id, home.facilitator, idea, goal="Kök för alla")

    card = leader.card_view(store, home.id, home.facilitator, idea).facts.card
    assert (card.goal, card.budget, card.activities, card.benefit) == ("Kök för alla", {"personnel": 400_000}, "Bygga om köket", "public")
    (shown,) = [c for c in views.wall(store, home.id).ideas if c.id == idea]
    assert shown.budget_sek == 400_000


@pytest.mark.parametrize("who", ["author", "facilitator"])
def test_correcting_only_an_ideas_title_keeps_its_description_place_and_themes(store, process, who):
    home, idea = process["home"], process["idea"]
    contributions.edit_idea(store, process["eva"].token, idea, title="Bygdekök", description="Ett kök för alla.", themes="mat, skola")

    if who == "author":
        contributions.edit_idea(store, process["eva"].token, idea, title="Bygdekök i skolan")
    else:
        moderation.moderate_idea(store, home.id, home.facilitator, idea, title="Bygdekök i skolan")

    (shown,) = [c for c in views.wall(store, home.id).ideas if c.id == idea]
    assert (shown.title, shown.description, shown.locality, shown.themes) == ("Bygdekök i skolan", "Ett kök för alla.", "Ramsberg", ("mat", "skola"))


def test_describing_only_the_offers_keeps_the_organisations_description(store, process):
    eva = process["eva"]
    organisations.describe_own_organisation(store, eva.token, offers={"premises": ["storkök"]}, description="Bygdegård med kök.")

    view = organisations.describe_own_organisation(store, eva.token, offers={"premises": ["storkök", "sal"]})

    assert (view.offers, view.description) == ((("premises", "storkök"), ("premises", "sal")), "Bygdegård med kök.")
