"""The carry rule on the pages: a later meeting reads a carried idea, its home meeting sees where it went."""

from __future__ import annotations

import datetime as dt

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import open_app, open_tab
from workshop.services import workshops

STAYS_HOME = "Idén kommer från en tidigare träff."


def _carried(app_store):
    home = make_workshop(app_store, title="Framtidens Ramsberg", date=dt.date(2026, 9, 1))
    later = make_workshop(app_store, title="Ramsberg, del 2", date=dt.date(2026, 11, 1))
    idea = add_idea(app_store, join(app_store, home, "Eva Ny", "Ramsbergs bygdegård"), "Bygdekök")
    workshops.carry_idea_forward(app_store, later.id, later.facilitator, idea)
    return home, later


def test_the_later_facilitator_is_told_a_carried_idea_stays_home_and_gets_no_stage_box(app_store):
    _home, later = _carried(app_store)

    at = open_app("pages/moderate.py", facilitator=later.facilitator)

    assert any(STAYS_HOME in info.value for info in at.info)
    assert "Skede" not in [box.label for box in at.selectbox]
    assert not at.exception


def test_the_later_facilitator_gets_no_card_form_for_a_carried_idea(app_store):
    _home, later = _carried(app_store)

    at = open_app("pages/leader_card.py", facilitator=later.facilitator)

    assert any(STAYS_HOME in info.value for info in at.info)
    assert "Spara" not in [button.label for button in at.button]
    assert not at.exception


def test_the_home_facilitator_sees_which_idea_was_carried_where_and_by_whom(app_store):
    home, _later = _carried(app_store)

    at = open_tab(open_app("pages/moderate.py", facilitator=home.facilitator), "För vidare idéer")

    lines = [m.value for m in at.markdown]
    assert any("Bygdekök" in line and "Ramsberg, del 2" in line and "facilitatorn för" in line for line in lines), lines
    assert not at.exception


def test_the_home_facilitator_moves_the_same_idea_through_stages(app_store):
    home, _later = _carried(app_store)

    at = open_app("pages/moderate.py", facilitator=home.facilitator)

    assert "Skede" in [box.label for box in at.selectbox]
    assert not any(STAYS_HOME in info.value for info in at.info)
