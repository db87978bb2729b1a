"""The coordinator's import and export pages through AppTest."""

from __future__ import annotations

from tests.exchange.files import BAD, process_files
from tests.factories import coordinator_token, join, make_workshop, row_counts
from tests.pages.conftest import app_store, open_app, open_tab, texts, widget  # noqa: F401 (fixture)
from workshop.exchange.backup import dumps, take_backup

IMPORT = "pages/coordinator_import.py"
EXPORT = "pages/coordinator_export.py"


def upload(at, files):
    at.file_uploader(key="import_files").set_value([(name, data, "text/csv") for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def test_the_import_page_is_for_coordinators_only(app_store):
    meeting = make_workshop(app_store)
    for page in (IMPORT, EXPORT):
        at = open_app(page, facilitator=meeting.facilitator)
        assert "Den här sidan är för samordnare." in texts(at)
        assert not at.file_uploader and not at.get("download_button")


def test_the_import_page_previews_then_imports_the_lists_into_a_new_workshop(app_store):
    at = open_app(IMPORT, coordinator=coordinator_token(app_store))
    at.text_input(key="import_new_title").input("Listor från kommunen").run()
    before = row_counts(app_store)
    upload(at, process_files())
    shown = texts(at)
    assert "Förhandsgranskning" in shown and "Inga fel hittades." in shown
    summary = at.dataframe[0].value
    assert dict(zip(summary["Tabell"], summary["Nya"]))["Organisationer"] == 3
    assert "Örjan Ärlig har inte samtyckt" in " ".join(str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel())
    assert row_counts(app_store)["organisations"] == before["organisations"]  # the preview wrote nothing
    widget(at.button, "Läs in").click().run()
    assert not at.exception
    assert "Inläst: 5 nya organisationer" in texts(at) and "Workshoppen skapades med koden" in texts(at)
    assert row_counts(app_store)["organisations"] == before["organisations"] + 5


def test_rows_with_errors_block_the_import_until_the_user_chooses_to_skip_them(app_store):
    meeting = make_workshop(app_store, title="Listor")
    at = open_app(IMPORT, coordinator=coordinator_token(app_store))
    at.selectbox(key="import_workshop").set_value(meeting.id).run()
    upload(at, BAD)
    assert "7 rader har fel" in texts(at)
    problems = at.dataframe[1].value
    assert {(r["Fil"], r["Rad"], r["Kolumn"]) for _, r in problems.iterrows()} >= {("organisationer.csv", 3, "Typ"), ("organisationer.csv", 4, "Organisationsnummer")}
    assert "okänd typ ”Rymdbolag”" in " ".join(problems["Vad"])
    assert widget(at.button, "Läs in").disabled
    at.checkbox(key="import_skip_invalid").check().run()
    widget(at.button, "Läs in").click().run()
    assert "Inläst: 1 nya organisationer" in texts(at)


def test_the_export_page_offers_every_format_and_says_what_the_personal_data_box_adds(app_store):
    meeting = make_workshop(app_store)
    join(app_store, meeting, "Anna", "Ramsbergs bygdeförening")
    at = open_app(EXPORT, coordinator=coordinator_token(app_store))
    labels = {b.label for b in at.get("download_button")}
    assert labels == {"Interaktiv karta (HTML)", "Bild (PNG)", "Bild (SVG)", "GEXF (Gephi)", "GraphML", "JSON", "Excel (XLSX)", "CSV-filer (zip)", "Word (DOCX)", "PDF", "Markdown"}
    assert widget(at.checkbox, "Ta med personuppgifter: deltagarnas och privatpersonernas namn, e-post och telefon")
    assert widget(at.checkbox, "Ta med anteckningar som bara är för facilitatorer")
    assert "1 organisationer" in texts(at)


def test_a_backup_restored_from_the_page_merges_without_duplicates(app_store):
    meeting = make_workshop(app_store)
    join(app_store, meeting, "Anna", "Ramsbergs bygdeförening")
    token = coordinator_token(app_store)
    document = dumps(take_backup(app_store)).encode("utf-8")
    before = row_counts(app_store)
    at = open_tab(open_app(EXPORT, coordinator=token), "Säkerhetskopia")
    assert widget(at.get("download_button"), "Ladda ner säkerhetskopia")
    at.file_uploader(key="restore_file").set_value(("kopia.json", document, "application/json")).run()
    widget(at.button, "Läs in säkerhetskopian").click().run()
    assert "Säkerhetskopian är sammanslagen: 0 nya rader" in texts(at)
    after = row_counts(app_store)
    assert after["organisations"] == before["organisations"] and after["audit_events"] == before["audit_events"] + 1
    at.file_uploader(key="restore_file").set_value(("trasig.json", b"{inte json", "application/json")).run()
    widget(at.button, "Läs in säkerhetskopian").click().run()
    assert "ingen säkerhetskopia" in texts(at)
