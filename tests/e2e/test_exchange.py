"""A coordinator in a real browser: lists in through the import page, one file of each format out."""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import requires_chromium
from tests.exchange.files import process_files
from tests.factories import coordinator_token
from workshop.db import create_store
from workshop.exchange.exports import FORMATS

pytestmark = [pytest.mark.e2e, requires_chromium]

# What each file starts with, read by nobody but the format's own rules.
MAGIC = {"html": b"<!DOCTYPE html>", "png": b"\x89PNG", "svg": b"<?xml", "gexf": b"<?xml", "graphml": b"<?xml", "json": b"{",
         "xlsx": b"PK", "csv": b"PK", "docx": b"PK", "pdf": b"%PDF", "md": b"# Rapport"}
LABELS = {"html": "Interaktiv karta (HTML)", "png": "Bild (PNG)", "svg": "Bild (SVG)", "gexf": "GEXF (Gephi)", "graphml": "GraphML", "json": "JSON",
          "xlsx": "Excel (XLSX)", "csv": "CSV-filer (zip)", "docx": "Word (DOCX)", "pdf": "PDF", "md": "Markdown"}


def signed_in_coordinator(page, server) -> None:
    store = create_store(server.database_url)
    token = coordinator_token(store)
    store.engine.dispose()
    page.context.add_cookies([{"name": "pb_staff", "value": token, "url": server.url, "sameSite": "Strict"}])


def test_a_coordinator_imports_lists_and_downloads_one_file_of_each_format(server, people, tmp_path, screenshots):
    assert set(LABELS) == set(FORMATS)
    page = people.new("coordinator")
    signed_in_coordinator(page, server)
    ui.open_page(page, server.url + "/")
    ui.go(page, "Importera listor")
    ui.fill(page, "Den nya workshoppens namn", "Listor från kommunen")
    ui.act(page, lambda: ui.main(page).get_by_label("Den nya workshoppens namn", exact=True).press("Enter"))
    folder = tmp_path / "listor"
    folder.mkdir()
    for name, data in process_files():
        (folder / name).write_bytes(data)
    ui.act(page, lambda: page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(p) for p in sorted(folder.iterdir())]))
    expect(ui.main(page).get_by_text("Inga fel hittades.")).to_be_visible(timeout=20_000)
    ui.press(page, "Läs in")
    expect(ui.main(page).get_by_test_id("stAlertContentSuccess").filter(has_text="Inläst: 5 nya organisationer")).to_be_visible(timeout=20_000)
    ui.screenshot(page, screenshots / "import.png")

    ui.go(page, "Exportera och säkerhetskopiera")
    expect(ui.main(page).get_by_text("organisationer,", exact=False).first).to_be_visible(timeout=30_000)
    ui.screenshot(page, screenshots / "export.png")
    for fmt, label in LABELS.items():
        with page.expect_download(timeout=60_000) as download:
            ui.main(page).get_by_test_id("stDownloadButton").get_by_role("button", name=label).click()
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        data = target.read_bytes()
        assert target.name.endswith("." + FORMATS[fmt].extension)
        assert data.startswith(MAGIC[fmt]), (fmt, data[:20])
        if fmt == "csv":
            assert "organisationer.csv" in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if fmt in ("gexf", "json"):
            assert "Ramsbergs bygdeförening" in data.decode("utf-8")  # the imported list came out again
    assert ui.exceptions(page) == []
