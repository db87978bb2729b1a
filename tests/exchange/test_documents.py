"""The report as a Swedish office document: A4, sv-SE, real metadata, page numbers, whole words.

DOCX is read with python-docx and its XML, PDF with pypdf; where LibreOffice is installed it
lays the DOCX out itself and the words are checked in what it prints.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest

from tests.exchange.test_exports import process, run  # noqa: F401 (the fixture)
from tests.factories import TEST_COORDINATOR, add_idea, add_note, join
from workshop.documents import Block, to_pdf

LONG_TITLE = "Grannskapskontor i gamla skolan"


@pytest.fixture
def report(process):
    store, meeting = process
    association = join(store, meeting, "Eva Ek", "Ramsbergs bygdeförening")
    add_idea(store, association, LONG_TITLE)
    add_note(store, association, "Vi ses i bygdegården 🙂 👩‍💻")
    return store, meeting


def docx_xml(data: bytes, member: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(member).decode("utf-8")


def test_the_docx_is_an_a4_swedish_document_with_its_own_metadata(report):
    from docx import Document

    store, meeting = report
    data = run(store, "docx", workshop_id=meeting.id)
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = docx_xml(data, "word/styles.xml")
    defaults = re.search(r"<w:docDefaults>.*</w:docDefaults>", styles, re.S).group(0)
    assert 'w:lang w:val="sv-SE"' in defaults and "en-US" not in styles
    properties = document.core_properties
    assert properties.title == "Rapport: Framtidens Ramsberg" and properties.author == TEST_COORDINATOR
    assert properties.language == "sv-SE" and "python-docx" not in docx_xml(data, "docProps/core.xml")
    assert abs(properties.created.replace(tzinfo=dt.timezone.utc) - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)


def test_the_english_docx_is_in_english(report):
    store, meeting = report
    data = run(store, "docx", workshop_id=meeting.id, language="en")
    assert 'w:val="en-GB"' in docx_xml(data, "word/styles.xml") and "sv-SE" not in docx_xml(data, "word/styles.xml")
    assert "Page" in footer(data) and "Sida" not in footer(data)


def footer(data: bytes) -> str:
    names = [name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if re.match(r"word/footer\d*\.xml", name)]
    return "".join(docx_xml(data, name) for name in names)


def test_the_docx_footer_numbers_its_pages(report):
    store, meeting = report
    text = footer(run(store, "docx", workshop_id=meeting.id))
    assert 'w:instr=" PAGE "' in text and 'w:instr=" NUMPAGES "' in text and "Sida" in text


def test_the_docx_table_columns_are_wider_than_their_longest_word(report):
    from docx import Document

    store, meeting = report
    document = Document(io.BytesIO(run(store, "docx", workshop_id=meeting.id)))
    ideas = next(table for table in document.tables if table.rows[0].cells[1].text == "Idé")
    # "Grannskapskontor" is 16 letters of 11 pt Calibri (about 0.21 cm each) plus the cell's margins.
    assert ideas.columns[1].width.cm >= 16 * 0.21 + 0.38
    assert all(column.width is not None for column in ideas.columns)
    assert sum(column.width.cm for column in ideas.columns) == pytest.approx(16.0, abs=0.05)  # A4 less 2.5 cm margins


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_pdf_has_a_title_an_author_page_labels_and_numbered_pages(report):
    from pypdf import PdfReader

    store, meeting = report
    data = run(store, "pdf", workshop_id=meeting.id)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Rapport: Framtidens Ramsberg" and reader.metadata.author == TEST_COORDINATOR
    count = len(reader.pages)
    assert reader.page_labels == [str(n) for n in range(1, count + 1)]
    for number, text in enumerate(pdf_pages(data), start=1):
        assert f"Sida {number} av {count}" in text
    assert b"/Lang (sv-SE)" in data


def test_emoji_the_pdf_font_lacks_are_written_as_text_not_dropped(report):
    store, meeting = report
    text = " ".join(pdf_pages(run(store, "pdf", workshop_id=meeting.id)))
    assert "Vi ses i bygdegården :) [emoji]" in text
    assert "🙂" in run(store, "md", workshop_id=meeting.id).decode("utf-8")  # the other formats keep them


@pytest.mark.parametrize("filler", range(30, 48))
def test_a_pdf_heading_is_never_left_alone_at_the_foot_of_a_page(filler):
    # Each filler line moves the heading down one line: one of these lands it at the foot.
    blocks = [Block("title", "Rapport")] + [Block("paragraph", f"Rad {n}") for n in range(filler)]
    blocks += [Block("heading", "Nyckeltal"), Block("paragraph", "Första raden under rubriken")]
    pages = pdf_pages(to_pdf(blocks))
    assert any("Nyckeltal" in page and "Första raden under rubriken" in page for page in pages)


def test_libreoffice_lays_out_the_docx_on_a4_without_breaking_a_word(report, tmp_path):
    from pypdf import PdfReader

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    store, meeting = report
    (tmp_path / "rapport.docx").write_bytes(run(store, "docx", workshop_id=meeting.id))
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "rapport.docx")],
                   check=True, capture_output=True, timeout=180)
    reader = PdfReader(tmp_path / "rapport.pdf")
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)
    words = set(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Grannskapskontor" in words and "Sida" in words
