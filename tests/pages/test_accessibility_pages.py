"""What the accessibility work gives a user without a mouse or without sight: the statement,
the map and the radar chart as text, and a page that says which language it is in."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, add_assessment, coordinator_token, join, make_company, make_workshop
from tests.pages.conftest import open_app, texts
from workshop.services import contributions


@pytest.mark.parametrize(
    "language,title,digg",
    [
        ("sv", "Tillgänglighetsredogörelse för Projektberedskap", "Myndigheten för digital förvaltning (Digg)"),
        ("en", "Accessibility statement for Projektberedskap", "The Agency for Digital Government (Digg)"),
    ],
)
def test_the_accessibility_statement_is_public_and_says_how_to_report_and_who_enforces(app_store, language, title, digg):
    at = open_app("pages/accessibility.py", language=language)  # nobody signed in
    shown = texts(at)
    assert at.title[0].value == title
    assert digg in shown
    assert "2018:1937" in shown  # the law it answers to
    assert "axe-core 4.14.1" in shown and "2026-12-07" in shown  # how and when it was assessed
    # DIGG's model: how accessible, the known gaps, how to report, enforcement, the assessment.
    assert len(at.header) == 5


def test_the_statement_names_the_contact_the_municipality_configured(app_store, monkeypatch):
    monkeypatch.setenv("PROJEKTBEREDSKAP_ACCESSIBILITY_CONTACT", "tillganglighet@lindesberg.example")
    at = open_app("pages/accessibility.py")
    assert "tillganglighet@lindesberg.example" in texts(at)


def test_every_page_links_to_the_accessibility_statement_from_its_sidebar(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for at in (open_app(), open_app("pages/contribute.py", participant=anna.token), open_app("pages/moderate.py", facilitator=meeting.facilitator)):
        links = [link.proto.label for link in at.sidebar.get("page_link")]
        assert "Tillgänglighet" in links, links


def test_the_network_map_lists_each_organisation_and_its_links_as_text(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening")
    cilla = join(app_store, meeting, "Cilla", "Ramsbergs Såg AB", kind="company")
    join(app_store, meeting, "Dan", "Ramsbergs IF")
    add_idea(app_store, anna, "Bygdekök")
    contributions.add_tie(app_store, cilla.token, organisation_a_id=cilla.organisation_id, organisation_b_id=anna.organisation_id, kind="know")
    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)
    assert "Kartan som text" in [e.label for e in at.expander]
    at.session_state["map_as_text"] = True  # opened (Enter, Space or a tap): its list is built then
    shown = texts(at.run())
    # Everyone met at the workshop, so everyone is linked; the sawmill also knows the
    # association, which makes it the association's strongest link, named first.
    assert "- **Ramsbergs bygdeförening**: Ramsbergs Såg AB, Ramsbergs IF" in shown
    assert "- **Ramsbergs Såg AB**: Ramsbergs bygdeförening, Ramsbergs IF" in shown
    assert "- **Ramsbergs IF**: " in shown


def test_the_radar_chart_carries_every_score_as_its_text_alternative(app_store):
    token = coordinator_token(app_store)
    company = make_company(app_store, "Ramsbergs bageri")
    add_assessment(app_store, company, scores={"strategy": 40.0, "overall": 40.0})
    at = open_app("pages/companies_maturity.py", coordinator=token)
    alts = [picture.alt for image in at.get("image") for picture in image.proto.imgs]
    # Strategy, the one dimension answered, with its score as the chart draws it.
    assert any(alt.startswith("Radardiagram, ") and "Digital affärsstrategi 40" in alt for alt in alts), alts
