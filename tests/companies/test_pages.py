"""AppTest of the register, the import and the overview pages: what a coordinator sees and does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import add_assessment, coordinator_token, make_company
from tests.pages.conftest import open_app, texts, widget
from workshop.companies import register

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "companies" / "example-extract.csv"


@pytest.fixture
def coordinator(app_store):
    return coordinator_token(app_store)


def test_the_register_lists_companies_with_a_sole_traders_number_masked(app_store, coordinator):
    register.add_company(app_store, coordinator, name="Ramsbergs Smide AB", identity_number="556036-0793", locality="Ramsberg", sni_codes="25.500")
    register.add_company(app_store, coordinator, name="Anna Bergs Hårvård", identity_number="811218-9876", locality="Storå", sni_codes="96021")
    at = open_app("pages/companies_register.py", coordinator=coordinator)
    table = at.dataframe[0].value
    assert list(table["Namn"]) == ["Anna Bergs Hårvård", "Ramsbergs Smide AB"]
    assert list(table["Organisationsnummer (eller personnummer)"]) == ["811218-****", "556036-0793"]
    assert list(table["Utvecklingspunkt"]) == ["Guldsmedshyttan", "Ramsberg"]
    assert "9876" not in texts(at)


def test_the_search_and_the_development_point_filter_narrow_the_list(app_store, coordinator):
    make_company(app_store, "Ramsbergs Smide AB", locality="Ramsberg", development_point="Ramsberg")
    make_company(app_store, "Vedevågs Bageri", locality="Vedevåg", development_point="Vedevåg")
    at = open_app("pages/companies_register.py", coordinator=coordinator)
    widget(at.selectbox, "Utvecklingspunkt").set_value("Vedevåg").run()
    assert list(at.dataframe[0].value["Namn"]) == ["Vedevågs Bageri"]
    widget(at.selectbox, "Utvecklingspunkt").set_value("__all__").run()
    widget(at.text_input, "Sök på namn, nummer, ort, SNI-kod eller kontaktperson").set_value("smide").run()
    assert list(at.dataframe[0].value["Namn"]) == ["Ramsbergs Smide AB"]


def test_adding_a_company_with_a_wrong_check_digit_says_so_under_the_number_and_saves_nothing(app_store, coordinator):
    at = open_app("pages/companies_register.py", coordinator=coordinator)
    widget(at.text_input, "Namn").set_value("Felsiffran AB")
    widget(at.text_input, "Organisationsnummer (eller personnummer)").set_value("556036-0794")
    next(b for b in at.button if b.label == "Spara").click().run()
    assert not at.exception
    assert any("kontrollsiffran stämmer inte" in e.value for e in at.error)
    assert register.list_companies(app_store, coordinator) == []


def test_adding_a_company_saves_it_with_its_nearest_development_point(app_store, coordinator):
    at = open_app("pages/companies_register.py", coordinator=coordinator)
    widget(at.text_input, "Namn").set_value("Frövi VVS AB")
    widget(at.text_input, "Organisationsnummer (eller personnummer)").set_value("5593004566")
    widget(at.text_input, "SNI-koder").set_value("43.221")
    widget(at.text_input, "Ort").set_value("Frövi")
    next(b for b in at.button if b.label == "Spara").click().run()
    assert not at.exception
    assert "Frövi VVS AB är sparat i registret." in texts(at)
    [company] = register.list_companies(app_store, coordinator)
    assert (company.org_number, company.sni_codes, company.development_point) == ("559300-4566", ("43221",), "Ullersäter")


def test_the_whole_personal_number_is_shown_only_when_the_coordinator_asks(app_store, coordinator):
    sole = register.add_company(app_store, coordinator, name="Anna Bergs Hårvård", identity_number="811218-9876", locality="Storå")
    at = open_app("pages/companies_register.py", coordinator=coordinator)
    widget(at.selectbox, "Företag").set_value(sole.id).run()
    assert "19811218-9876" not in texts(at)
    next(b for b in at.button if b.label.startswith("Visa hela personnumret")).click().run()
    assert "Personnummer: 19811218-9876" in texts(at)


def test_the_import_previews_the_example_extract_and_imports_it(app_store, coordinator):
    at = open_app("pages/companies_import.py", coordinator=coordinator)
    assert "Välj en fil" in texts(at)
    # AppTest cannot upload files: the preview and the import are driven through the service the page calls.
    from workshop.companies import importing

    files = [(EXAMPLE.name, EXAMPLE.read_bytes())]
    result = importing.import_extract(app_store, coordinator, files)
    assert result.added == 5
    at = open_app("pages/companies_overview.py", coordinator=coordinator)
    assert "Företag i registret" in texts(at)


def test_the_overview_shows_counts_by_development_point_and_the_gaps(app_store, coordinator):
    surveyed = make_company(app_store, "Ramsbergs Smide AB", locality="Ramsberg", development_point="Ramsberg", sni_codes=("25500",))
    make_company(app_store, "Vedevågs Bageri", locality="Vedevåg", development_point="Vedevåg", sni_codes=("10710",))
    make_company(app_store, "Okänd Ort AB", locality="Atlantis", development_point=None, sni_codes=("62010",))
    add_assessment(app_store, surveyed, scores={"overall": 50.0})
    at = open_app("pages/companies_overview.py", coordinator=coordinator)
    assert not at.exception
    by_point = at.dataframe[0].value
    assert dict(zip(by_point["Utvecklingspunkt"], by_point["Företag"])) == {
        "Fellingsbro": 0, "Ullersäter": 0, "Vedevåg": 1, "Ramsberg": 1, "Guldsmedshyttan": 0, "Ingen utvecklingspunkt": 1,
    }
    shown = texts(at)
    assert "Få företag (färre än 5): Fellingsbro (0), Ullersäter (0), Vedevåg (1), Ramsberg (1), Guldsmedshyttan (0)." in shown
    assert "Orter utan utvecklingspunkt (inte i ortlistan): Atlantis (1)." in shown
    assert "2 företag har inte svarat på enkäten" in shown


def test_the_pages_are_for_coordinators_only(app_store):
    for page in ("pages/companies_register.py", "pages/companies_import.py", "pages/companies_overview.py"):
        at = open_app(page)
        assert "samordnare" in texts(at).lower()
        assert not at.dataframe


def test_the_companies_menu_is_shown_to_a_coordinator_in_english_too(app_store, coordinator):
    at = open_app("pages/companies_overview.py", coordinator=coordinator, language="en")
    assert "Company overview" in texts(at)
