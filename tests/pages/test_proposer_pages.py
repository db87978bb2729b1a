"""AppTest of issue 20's scenario: "Öppen verkstad", proposed from Vedevågs hembygdsförening,
with two other organisations committed. The constellations page and the LEADER card count the
proposer's organisation in; the page's texts agree with each other and speak Swedish."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, commit, coordinator_token, join, make_workshop
from tests.pages.conftest import open_app, open_tab, texts

HEMBYGD = "Vedevågs hembygdsförening"


@pytest.fixture
def workshop_idea(app_store):
    meeting = make_workshop(app_store, title="Framtidens Vedevåg", locality="Vedevåg")
    hanna = join(app_store, meeting, "Hanna", HEMBYGD, locality="Vedevåg", offers={"premises": ["samlingslokal"], "competence": ["snickeri"]})
    saw = join(app_store, meeting, "Sven", "Vedevågs Såg AB", kind="company", locality="Vedevåg", offers={"resource": ["virke"]})
    study = join(app_store, meeting, "Stina", "Studieförbundet Vedevåg", locality="Vedevåg", offers={"competence": ["kursledare"]})
    idea = add_idea(app_store, hanna, "Öppen verkstad", locality="Vedevåg", description="En verkstad där alla kan laga och bygga.",
                    needs={"competence": ["snickeri"], "premises": ["samlingslokal"]})
    commit(app_store, saw, idea)
    commit(app_store, study, idea)
    return meeting, hanna, idea


def _idea_page(app_store, idea):
    at = open_tab(open_app("pages/constellations.py", coordinator=coordinator_token(app_store)), "En idé i detalj")
    at.session_state["constellations_idea"] = idea
    return at.run()


def test_every_constellation_on_the_page_holds_the_proposers_organisation(workshop_idea, app_store):
    _meeting, _hanna, idea = workshop_idea
    at = _idea_page(app_store, idea)
    assert not at.exception
    shown = texts(at)
    assert f"Förslagsställarens organisation, {HEMBYGD}, är initiativtagare och med i varje konstellation." in shown
    groups = [m.value for m in at.markdown if m.value.startswith("**") and ". " in m.value[:6]]
    assert groups and all(HEMBYGD in group for group in groups)
    # The proposer has the joinery and the hall: no gap for them.
    assert "Ingen av de engagerade har" not in shown
    assert "Ingen möjlig projektägare" not in shown


def test_the_owner_is_named_once_per_line_and_the_picker_speaks_swedish(workshop_idea, app_store):
    _meeting, _hanna, idea = workshop_idea
    at = _idea_page(app_store, idea)
    for caption in at.caption:
        assert caption.value.lower().count("föreslagen projektägare") <= 1, caption.value
    picker = next(s for s in at.selectbox if s.key == "constellations_why_not")
    assert picker.placeholder == "Välj en organisation"
    assert "Choose an option" not in str(picker.proto)


def test_the_leader_card_has_a_volunteer_hours_row_for_the_proposers_organisation(workshop_idea):
    meeting, hanna, idea = workshop_idea
    at = open_app("pages/leader_card.py", facilitator=meeting.facilitator)
    assert not at.exception
    hours = [n.label for n in at.number_input if n.key and n.key.startswith(f"kept:leader_card_form_{idea}.hours_")]
    assert HEMBYGD in hours and len(hours) == 3


def test_an_idea_from_a_private_person_says_an_organisation_must_own_it(app_store):
    meeting = make_workshop(app_store, title="Framtidens Vedevåg", locality="Vedevåg")
    karin = join(app_store, meeting, "Karin Berg")
    idea = add_idea(app_store, karin, "Bastuflotte", locality="Vedevåg")
    at = _idea_page(app_store, idea)
    assert not at.exception
    assert "Idén kommer från en privatperson, och en privatperson kan inte äga ett Leaderprojekt" in texts(at)
