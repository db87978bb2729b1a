"""The constellations page tells each idea's state, why each member is there, why not
another, and the plan for the whole process; the map says the highlighted idea's state."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, coordinator_token, join, make_workshop
from tests.pages.conftest import open_app, open_tab, texts
from tests.pages.html_tables import html_table
from workshop.services import contributions


@pytest.fixture
def village(app_store):
    """Bygdekök needs a kitchen: the association (storkök) initiated, the café (kök) committed.
    Fiskecamp has only the fishing club. The shooting club is in the same village, nothing more."""
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening", offers={"premises": ["storkök"]})
    bo = join(app_store, meeting, "Bo", "Ramsbergs Kafé AB", kind="company", offers={"premises": ["kök"]})
    cilla = join(app_store, meeting, "Cilla", "Ramsbergs skytteförening")
    dan = join(app_store, meeting, "Dan", "Ramsbergs fiskevårdsförening", offers={"resource": ["fiskevatten"]})
    kitchen = add_idea(app_store, anna, "Bygdekök", description="Laga mat tillsammans i köket.", needs={"premises": ["kök i bygdegården"]})
    camp = add_idea(app_store, dan, "Fiskecamp", description="Fiska med barnen.", needs={"resource": ["vatten att fiska i"]})
    contributions.commit_to_idea(app_store, anna.token, kitchen, role="initiator")
    contributions.commit_to_idea(app_store, bo.token, kitchen, role="partner")
    contributions.commit_to_idea(app_store, dan.token, camp, role="initiator")
    return meeting, kitchen, camp, cilla


def test_the_overview_gives_every_idea_an_honest_state(village, app_store):
    meeting, _kitchen, _camp, _cilla = village
    at = open_app("pages/constellations.py", coordinator=coordinator_token(app_store))
    overview = html_table(at)
    states = {row["Idé"]: row["Läge"] for row in overview}
    # Two committed partners: formed. The camp has one organisation and nobody else fits: no tick.
    assert states == {"Bygdekök": "Bildad", "Fiskecamp": "Underlag saknas"}
    # The last column says what to ask in the room.
    asked = {row["Idé"]: list(row.values())[-1] for row in overview}["Fiskecamp"]
    assert "Bara 1 organisation(er) har något som knyter an till idén" in asked
    assert not at.exception


def test_an_idea_shows_why_each_member_is_there_and_answers_why_not_another(village, app_store):
    meeting, kitchen, _camp, cilla = village
    at = open_tab(open_app("pages/constellations.py", coordinator=coordinator_token(app_store)), "En idé i detalj")
    at.session_state["constellations_idea"] = kitchen
    at.run()
    shown = texts(at)
    assert "Bildad" in shown
    assert "**Ramsbergs bygdeförening**: har tagit initiativet; erbjuder storkök (idén behöver kök i bygdegården)" in shown
    assert "**Ramsbergs Kafé AB**: har anmält sig som partner; erbjuder kök (idén behöver kök i bygdegården)" in shown
    at.session_state["constellations_why_not"] = cilla.organisation_id
    at.run()
    assert "Inget knyter den till idén: inget av dess erbjudanden möter idéns behov (kök i bygdegården)" in texts(at)
    assert not at.exception


def test_an_idea_without_basis_says_what_to_ask_in_the_room(village, app_store):
    meeting, _kitchen, camp, _cilla = village
    at = open_tab(open_app("pages/constellations.py", coordinator=coordinator_token(app_store)), "En idé i detalj")
    at.session_state["constellations_idea"] = camp
    at.run()
    shown = texts(at)
    assert "Underlag saknas" in shown and "Att fråga i rummet" in shown
    assert "Inget företag har koppling till idén ännu." in shown
    assert not at.exception


def test_the_plan_of_the_whole_process_lists_each_idea_and_who_is_asked_most(village, app_store):
    at = open_tab(open_app("pages/constellations.py", coordinator=coordinator_token(app_store)), "Hela processen")
    plan, loads = at.dataframe[0].value, at.dataframe[1].value
    assert dict(zip(plan["Idé"], plan["Konstellation"]))["Bygdekök"] == "Ramsbergs bygdeförening, Ramsbergs Kafé AB"
    assert "Planen är den bästa möjliga." in texts(at)
    assert set(loads["Organisation"]) >= {"Ramsbergs bygdeförening", "Ramsbergs Kafé AB"}
    assert not at.exception


def test_the_map_says_the_state_of_the_highlighted_idea(village, app_store):
    meeting, kitchen, _camp, _cilla = village
    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)
    at.session_state["map_highlight"] = kitchen
    at.run()
    assert "Läge för idén: Bildad." in texts(at)
    assert not at.exception
