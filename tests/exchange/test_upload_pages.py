"""A refused upload on the coordinator's pages: the Swedish message at the uploader, no
traceback, nothing written; a backup from another process merges only when the box is ticked."""

from __future__ import annotations

import io
import zipfile

from tests.factories import coordinator_token, join, make_workshop, row_counts
from tests.pages.conftest import app_store, open_app, open_tab, texts, widget  # noqa: F401 (fixture)
from workshop.exchange.backup import dumps, take_backup
from workshop.exchange.limits import MB


def zip_bomb(unpacked_mb: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mb):
                member.write(b"A" * MB)
    return buffer.getvalue()


def test_a_zip_bomb_on_the_import_page_is_refused_with_the_limit_in_swedish(app_store):
    at = open_app("pages/coordinator_import.py", coordinator=coordinator_token(app_store))
    at.text_input(key="import_new_title").input("Listor").run()
    before = row_counts(app_store)
    at.file_uploader(key="import_files").set_value([("listor.xlsx", zip_bomb(80), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]).run()
    assert not at.exception
    # The file name is user text: escaped for markdown where the alert is drawn.
    assert [e.value for e in at.error] == ["Filer: Arbetsboken listor\\.xlsx packas upp till 80 MB; högst 60 MB tas emot. Inget har sparats."]
    assert row_counts(app_store) == before


def test_a_register_extract_with_a_runaway_field_is_refused_on_the_register_page(app_store):
    at = open_app("pages/companies_import.py", coordinator=coordinator_token(app_store))
    extract = "Organisationsnummer;Företagsnamn\n556036-0793;\"Ramsbergs Smide AB\n".encode() + b"x" * 200_000
    at.file_uploader(key="companies_import_files").set_value([("foretag.csv", extract, "text/csv")]).run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "längre än 10 000 tecken" in message and "ett citattecken som inte stängs" in message


def test_a_backup_from_another_process_is_merged_on_the_page_only_when_the_box_is_ticked(app_store, tmp_path):
    from tests.conftest import make_test_store

    other = make_test_store("sqlite", tmp_path)
    join(other, make_workshop(other, title="Grannkommunen"), "Anna", "Grannföreningen")
    document = dumps(take_backup(other)).encode("utf-8")
    other.engine.dispose()
    make_workshop(app_store, title="Framtidens Ramsberg")
    at = open_tab(open_app("pages/coordinator_export.py", coordinator=coordinator_token(app_store)), "Säkerhetskopia")
    before = row_counts(app_store)
    at.file_uploader(key="restore_file").set_value(("granne.json", document, "application/json")).run()
    widget(at.button, "Läs in säkerhetskopian").click().run()
    assert not at.exception
    assert "Säkerhetskopian kommer från en annan process" in texts(at)
    assert row_counts(app_store) == before
    at.checkbox(key="restore_other_process").check().run()
    widget(at.button, "Läs in säkerhetskopian").click().run()
    assert "Säkerhetskopian är sammanslagen" in texts(at)
    assert row_counts(app_store)["workshops"] == before["workshops"] + 1
