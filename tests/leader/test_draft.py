"""The application draft: read back with a DOCX reader and a PDF text extractor, and from the command line."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.factories import add_idea, add_note, commit, join, make_workshop
from workshop.__main__ import main
from workshop.leader import service

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def kitchen(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna", "Ramsbergs bygdeförening", org_number="802412-4532")
    bo = join(store, meeting, "Bo", "Ramsbergs Såg AB", kind="company", org_number="556036-0793")
    idea = add_idea(store, anna, "Bygdekök i skolan", description="Skolans kök står tomt på kvällarna.")
    commit(store, anna, idea, role="possible_owner", contribution="lokalen")
    commit(store, bo, idea, contribution="virke")
    add_note(store, anna, "Pensionärsföreningen vill laga mat varje tisdag.", subject="idea", about_idea_id=idea)
    add_note(store, anna, "Bara för facilitatorerna.", subject="idea", about_idea_id=idea, visibility="facilitators")
    service.save_card(store, meeting.id, meeting.facilitator, idea, support_type="check_livskvalitet", benefit="public",
                      budget={"services": 12_000, "materials": 5_000}, volunteer_hours={anna.organisation_id: 10, bo.organisation_id: 5},
                      focus_area="levnadsvillkor", goal="Fler mötesplatser och aktiviteter för alla åldrar", planned_start=dt.date(2027, 3, 1))
    return idea


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("fmt,read", [("docx", _docx_text), ("pdf", _pdf_text), ("md", lambda data: data.decode("utf-8"))])
def test_the_draft_reads_back_with_owner_budget_hours_and_what_is_left_to_fill_in(store, kitchen, fmt, read):
    text = " ".join(read(service.application_draft(store, kitchen, fmt, today=TODAY)).split()).replace("\\", "")
    for expected in (
        "Ansökningsutkast: Bygdekök i skolan",
        "Ramsbergs bygdeförening",
        "Organisationsnummer: 802412-4532",
        "Juridisk form: Ideell förening eller stiftelse",
        "Ramsbergs Såg AB",
        "Skolans kök står tomt på kvällarna.",
        "Pensionärsföreningen vill laga mat varje tisdag.",
        "Insatsområde: Förbättra levnadsvillkoren",
        "Planerad start: 2027-03-01",
        "12 000 kr", "17 000 kr",  # services and the total
        "5 100 kr",  # 15 h × 340 kr, and the 30 % of 17 000 kr asked for
        "Att fylla i",  # innovation, horizontal criteria, indicators, long-term management
    ):
        assert expected in text.replace("\xa0", " "), (fmt, expected)
    assert "Bara för facilitatorerna." not in text


def test_the_command_line_writes_the_draft_in_the_format_of_the_file_suffix(store, kitchen, tmp_path, capsys):
    url = str(store.engine.url.render_as_string(hide_password=False))
    out = tmp_path / "ansokan.docx"
    assert main(["export", "--db", url, "--format", "application", "--idea", "bygdekök  i skolan", "-o", str(out)]) == 0
    assert "Juridisk form: Ideell förening eller stiftelse" in _docx_text(out.read_bytes())
    assert main(["export", "--db", url, "--format", "application", "--idea", "Finns inte", "-o", str(tmp_path / "x.md")]) == 1
    assert main(["export", "--db", url, "--format", "application", "--idea", "Bygdekök i skolan", "-o", str(tmp_path / "x.txt")]) == 2
    assert "docx, md, pdf" in capsys.readouterr().err
