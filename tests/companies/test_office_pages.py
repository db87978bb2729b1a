"""AppTest of the neighbourhood-office page: the evidence and requirements for a point, edits
kept in the session, the downloads, and the draft turned into an idea in a chosen workshop."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import add_assessment, coordinator_token, join, make_company, make_workshop
from tests.pages.conftest import app_store, open_app, texts  # noqa: F401  (app_store: the pages' fixture; no conftest here to clash with the other helpers')
from workshop.models import Idea

PAGE = "pages/companies_office.py"
SCORES = {"strategy": 30.0, "readiness": 35.0, "human": 40.0, "data": 30.0, "automation": 20.0, "green": 45.0, "overall": 33.3}


@pytest.fixture
def companies(app_store):
    for n, (size, needs) in enumerate((("0", ("premises", "advice")), ("1-4", ("premises", "connectivity")), ("5-9", ("equipment",)))):
        add_assessment(app_store, make_company(app_store, f"Ramsbergs Företag {n} AB", size_class=size), scores=SCORES, needs=needs)
    make_company(app_store, "Tyst AB")  # within reach, no survey
    make_company(app_store, "Vedevågs Verkstad AB", development_point="Vedevåg", locality="Vedevåg")
    return app_store


def _page(store):
    return open_app(PAGE, coordinator=coordinator_token(store))


def test_the_page_shows_the_evidence_and_each_requirement_with_its_figures(companies):
    at = _page(companies)
    assert next(s for s in at.selectbox if s.label == "Utvecklingspunkt").options == ["Ramsberg", "Vedevåg"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Inom räckhåll": "4", "Har svarat": "3", "Har inte svarat": "1"}
    shown = texts(at)
    assert "2 av 4 företag inom räckhåll (3 har svarat på enkäten) behöver en arbetsplats eller lokal" in shown
    assert "Medelvärde för digital beredskap: visas inte, färre än 5 svar" in shown  # three answers only
    areas = {a.label: a.value for a in at.text_area}
    assert areas["Text: Arbetsplatser"].startswith("Kontoret behöver minst 2 arbetsplatser")
    assert "Text: Utrustning" in areas and "Text: Behovsstödjare" in areas
    assert [b.label for b in at.get("download_button")] == ["Ladda ner DOCX", "Ladda ner PDF", "Ladda ner MD"]


def test_choosing_another_point_shows_its_companies(companies):
    at = _page(companies)
    next(s for s in at.selectbox if s.label == "Utvecklingspunkt").set_value("Vedevåg").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Inom räckhåll"] == "1"
    shown = texts(at)
    assert "Inget företag har svarat på enkäten än" in shown
    assert "Inget underlag: inget av de svarande företagen har bett om det" in shown
    assert not at.text_area  # nothing supported: nothing to edit


def test_the_draft_becomes_an_idea_in_the_chosen_workshop_with_the_edited_text(companies):
    meeting = make_workshop(companies)
    at = _page(companies)
    area = next(a for a in at.text_area if a.label == "Text: Arbetsplatser")
    area.set_value("Fyra platser i <b>gamla</b> skolan.").run()
    assert not at.exception
    next(s for s in at.selectbox if s.label == "Workshop").set_value(meeting.id)
    next(b for b in at.button if b.label == "Skapa idén").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Idén ”Grannskapskontor i Ramsberg” finns nu i workshoppen 2026-11-30 · Framtidens Ramsberg." in shown
    assert any(link.label == "Se konstellationerna" for link in at.get("page_link"))
    with companies.unit_of_work() as session:
        idea = session.scalars(select(Idea).where(Idea.workshop_id == meeting.id)).one()
        assert "Arbetsplatser: Fyra platser i <b>gamla</b> skolan." in idea.description  # kept as typed, as text
    # The edit is still there after the rerun (kept for the session).
    assert next(a for a in at.text_area if a.label == "Text: Arbetsplatser").value == "Fyra platser i <b>gamla</b> skolan."


def test_without_companies_the_page_says_what_to_do(app_store):
    at = _page(app_store)
    assert "Inget företag har en utvecklingspunkt än" in texts(at)


def test_the_page_is_for_coordinators_only(companies):
    meeting = make_workshop(companies)
    person = join(companies, meeting, "Pia")
    at = open_app(PAGE, participant=person.token)
    assert "Grannskapskontor: kravutkast" not in [title.value for title in at.title]
    at = open_app(PAGE, facilitator=meeting.facilitator)
    assert "Grannskapskontor: kravutkast" not in [title.value for title in at.title]



def test_a_draft_without_evidence_cannot_become_an_idea_and_says_so_in_swedish(companies):
    meeting = make_workshop(companies)
    at = _page(companies)
    next(s for s in at.selectbox if s.label == "Utvecklingspunkt").set_value("Vedevåg").run()
    next(s for s in at.selectbox if s.label == "Workshop").set_value(meeting.id)
    next(b for b in at.button if b.label == "Skapa idén").click().run()
    assert not at.exception, at.exception
    assert any("Utkastet har inget krav med underlag än" in message.value for message in at.error)
    with companies.unit_of_work() as session:
        assert session.scalars(select(Idea)).all() == []
