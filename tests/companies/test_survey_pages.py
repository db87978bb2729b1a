"""AppTest of the self-fill survey page (no account) and the coordinator's digital-maturity page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.factories import add_assessment, coordinator_token, make_company
from tests.pages.conftest import APP, app_store, errors, open_app, open_tab, texts, widget  # noqa: F401  (app_store: the fixture)
from workshop.companies import assessments as surveys
from workshop.companies.vocabulary import DIMENSIONS
from workshop.i18n import catalog

MATURITY = "pages/companies_maturity.py"


def survey_page(code: str | None = None) -> AppTest:
    """A browser without any account opening the survey page (from a link when ``code`` is given)."""
    at = AppTest.from_file(APP, default_timeout=30)
    if code:
        at.query_params["kod"] = code
    at.run()
    at.switch_page("pages/survey.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def link(app_store):
    company = make_company(app_store, "Ramsbergs bageri")
    return surveys.create_self_link(app_store, coordinator_token(app_store), company)


def test_the_code_typed_into_the_field_opens_the_survey_without_an_account(app_store, link):
    at = survey_page()
    assert "Hur digitalt är ditt företag?" in texts(at)
    widget(at.text_input, "Kod").input(link.code.lower())
    widget(at.button, "Öppna enkäten").click().run()
    assert not at.exception and not errors(at)
    assert "Enkät för Ramsbergs bageri" in texts(at) and "Digital affärsstrategi" in texts(at)
    assert at.query_params["kod"] == link.code  # a reload keeps the survey


def test_a_wrong_code_gets_a_swedish_message_under_the_field(app_store, link):
    at = survey_page()
    widget(at.text_input, "Kod").input("AAAA-BBBB-CCCC")
    widget(at.button, "Öppna enkäten").click().run()
    assert any("Koden stämmer inte" in e for e in errors(at))
    assert survey_page("ZZZZ-ZZZZ-ZZZZ").text_input  # a wrong link asks for the code again


def test_each_answer_is_saved_on_change_and_a_reload_shows_it_again(app_store, link):
    at = survey_page(link.code)
    at.radio(key=f"kept:survey_{link.assessment_id}_strategy_plan").set_value("thought").run()
    assert "Sparat" in texts(at)
    at.checkbox(key=f"kept:survey_{link.assessment_id}_strategy_invested__website").check().run()
    at.checkbox(key=f"kept:survey_{link.assessment_id}_strategy_invested__none").check().run()
    # "None of these" unticked the website: what is stored is what is shown.
    assert not at.checkbox(key=f"kept:survey_{link.assessment_id}_strategy_invested__website").value
    assert surveys.open_survey(app_store, link.code).answers == {"strategy_plan": "thought", "strategy_invested": ["none"]}

    again = survey_page(link.code)  # the browser was closed and the link opened again
    assert again.radio(key=f"kept:survey_{link.assessment_id}_strategy_plan").value == "thought"
    assert again.checkbox(key=f"kept:survey_{link.assessment_id}_strategy_invested__none").value


def test_the_last_step_takes_needs_and_offers_and_submitting_shows_the_scores(app_store, link):
    for question, value in [("human_confidence", 5), ("human_help", "friend")]:
        surveys.save_answer(app_store, link.code, question, value)
    at = survey_page(link.code)
    for _ in range(len(DIMENSIONS)):
        widget(at.button, "Nästa").click().run()
    assert "Behov och vad du kan bidra med" in texts(at)
    at.checkbox(key=f"kept:survey_{link.assessment_id}_needs__premises").check().run()
    at.checkbox(key=f"kept:survey_{link.assessment_id}_offers__skills").check().run()
    assert surveys.open_survey(app_store, link.code).needs == ("premises",)
    widget(at.button, "Skicka in").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Tack! Enkäten är inskickad." in shown
    assert "**Människan i digitaliseringen**: 86 av 100" in shown  # (5 + 1) / (5 + 2) = 85.7
    assert "Totalpoängen räknas bara när alla sex områden har svar." in shown
    assert at.get("image")  # the radar chart


def test_the_coordinator_makes_a_link_shown_once_with_the_survey_address(app_store):
    make_company(app_store, "Ramsbergs bageri")
    at = open_app(MATURITY, coordinator=coordinator_token(app_store))
    widget(at.button, "Skapa länk").click().run()
    shown = [c.value for c in at.code]
    assert len(shown) == 1 and re.search(r"/enkat\?kod=[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$", shown[0])
    code = shown[0].rsplit("=", 1)[1]
    assert surveys.open_survey(app_store, code).company_name == "Ramsbergs bageri"


def test_an_interview_is_started_and_filled_in_on_the_coordinators_page(app_store):
    company = make_company(app_store, "Ramsbergs bageri")
    token = coordinator_token(app_store)
    at = open_app(MATURITY, coordinator=token)
    widget(at.text_input, "Intervjuare").input("Karin Ek")
    widget(at.text_input, "Tillfälle").input("Öppet möte i Ramsberg")
    widget(at.button, "Börja intervju").click().run()
    assert not at.exception and "Intervjuare: Karin Ek · Öppet möte i Ramsberg" in texts(at)
    interview = surveys.company_surveys(app_store, token, company)[0]
    at.radio(key=f"kept:maturity_{interview.assessment_id}_strategy_plan").set_value("plan").run()
    assert surveys.survey_state(app_store, token, interview.assessment_id).answers == {"strategy_plan": "plan"}


def test_an_interview_without_interviewer_says_so_under_the_field(app_store):
    make_company(app_store, "Ramsbergs bageri")
    at = open_app(MATURITY, coordinator=coordinator_token(app_store))
    widget(at.text_input, "Tillfälle").input("Intervju")
    widget(at.button, "Börja intervju").click().run()
    assert any(e.startswith("Intervjuare:") for e in errors(at))


def scores(value: float) -> dict:
    return {d: value for d in DIMENSIONS} | {"overall": value}


def test_the_profile_shows_first_and_latest_overlaid_and_the_change(app_store):
    import datetime as dt

    company = make_company(app_store, "Ramsbergs bageri")
    add_assessment(app_store, company, scores=scores(20.0), when=dt.datetime(2026, 1, 10))
    add_assessment(app_store, company, scores=scores(45.0), when=dt.datetime(2026, 6, 10))
    at = open_app(MATURITY, coordinator=coordinator_token(app_store))
    shown = texts(at)
    assert "Första mätningen (2026-01-10)" in shown and "Senaste mätningen (2026-06-10)" in shown
    assert len(at.get("image")) == 1  # both measurements in one chart
    change = at.dataframe[0].value
    assert list(change["Förändring"]) == ["+25"] * 7


def test_comparisons_withhold_groups_of_fewer_than_five_on_the_page_and_in_the_download(app_store):
    for i in range(5):
        add_assessment(app_store, make_company(app_store, f"Ramsberg {i}", development_point="Ramsberg"), scores=scores(10.0 * (i + 1)))
    for i in range(4):
        add_assessment(app_store, make_company(app_store, f"Lindesberg {i}", development_point="Lindesberg", size_class="10-19"), scores=scores(90.0))
    at = open_tab(open_app(MATURITY, coordinator=coordinator_token(app_store)), "Jämförelser")
    points = next(d.value for d in at.dataframe if "Lindesberg" in list(d.value["Grupp"]))
    rows = {r["Grupp"]: r for r in points.to_dict("records")}
    assert rows["Ramsberg"]["Antal svar"] == "5" and rows["Ramsberg"]["Totalt"] == "30"
    assert set(rows["Lindesberg"].values()) == {"Lindesberg", "färre än 5 svar"}
    # The downloads are built from the same aggregates (their withholding: tests/companies/test_maturity.py).
    assert {b.label for b in at.get("download_button")} == {"Ladda ner (CSV)", "Ladda ner (Excel)"}


def test_needs_per_point_and_suggested_matches_with_the_reason(app_store):
    needing = make_company(app_store, "Kafé Ramsberg", development_point="Ramsberg")
    offering = make_company(app_store, "Ramsbergs snickeri", development_point="Ramsberg")
    add_assessment(app_store, needing, scores=scores(30.0), needs=("premises", "skills"))
    add_assessment(app_store, offering, scores=scores(60.0), offers=("premises",))
    at = open_tab(open_app(MATURITY, coordinator=coordinator_token(app_store)), "Behov och matchning")
    shown = texts(at)
    assert "**Ramsberg** — färre än 5 svar" in shown  # two companies: their needs are not counted in public
    assert "Ramsbergs snickeri kan erbjuda Kafé Ramsberg: Lokaler och arbetsplatser." in shown
    assert "båda i Ramsberg" in shown


def test_the_coordinators_page_is_for_coordinators_only(app_store):
    at = open_app(MATURITY)
    assert "samordnare" in texts(at).lower() and not at.get("download_button")


def test_every_survey_key_the_code_uses_is_in_both_catalogs():
    root = Path(__file__).resolve().parents[2]
    sources = [root / "app.py", *root.glob("pages/*.py"), *root.glob("ui/*.py"), *root.glob("workshop/companies/*.py")]
    used = set()
    for path in sources:
        used |= set(re.findall(r"""["'](survey\.[a-z0-9_.]+[a-z0-9_])["']""", path.read_text(encoding="utf-8")))
    used |= {f"survey.need.{n}" for n in ("connectivity", "skills", "premises", "equipment", "advice", "support_person")}
    used |= {f"survey.need_help.{n}" for n in ("connectivity", "skills", "premises", "equipment", "advice", "support_person")}
    used |= {f"survey.grouping.{g}" for g in ("sni_section", "size_class", "development_point")} | {"survey.mode.self", "survey.mode.interview"}
    used |= {f"survey.{f}.{p}" for f in ("needs", "offers") for p in ("question", "help")}
    used -= {"survey.link", "survey.interview"}  # audit actions, shown through audit.action.*
    for language in ("sv", "en"):
        missing = sorted(used - set(catalog(language)))
        assert not missing, f"missing in {language}: {missing}"
    assert catalog("sv")["nav.section.companies"] == "Digital resa"


def test_with_the_demo_surveys_every_tab_of_the_coordinators_page_shows_real_figures(app_store):
    from tests.pages.conftest import each_tab
    from workshop.companies.demo_surveys import load_demo_assessments

    points = ["Ramsberg", "Lindesberg", "Frövi"]
    load_demo_assessments(app_store, [make_company(app_store, f"Demo {i}", development_point=points[i % 3]) for i in range(17)])
    seen = []
    for at in each_tab(open_app(MATURITY, coordinator=coordinator_token(app_store))):
        assert not at.exception
        seen.append(texts(at) + "".join(d.value.to_csv() for d in at.dataframe))
    # 17 companies, the last two in progress: 15 answered, five per development point, so no point is withheld.
    assert "Profil" in seen[0] and "Ramsberg" in seen[1] and "färre än 5 svar" not in seen[1].split("Utvecklingsort")[-1]
    assert "Vanligaste behoven per utvecklingsort" in seen[2] and "**Frövi** (5 svar)" in seen[2]
