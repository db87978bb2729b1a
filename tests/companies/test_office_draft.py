"""The office draft read back from Markdown, DOCX and PDF: every requirement with its figures,
the figures those the factory data gives, the coordinator's edits in the file, user text as text."""

from __future__ import annotations

import io

import pytest

from tests.factories import add_assessment, coordinator_token, make_company
from workshop.companies.office import service as office_service, words as office_words
from workshop.errors import InvalidInput, NotSignedIn


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _md_text(data: bytes) -> str:
    return data.decode("utf-8").replace("\\", "")


READERS = [("docx", _docx_text), ("pdf", _pdf_text), ("md", _md_text)]

LOW = {"strategy": 20.0, "readiness": 25.0, "human": 30.0, "data": 35.0, "automation": 10.0, "green": 50.0, "overall": 28.3}
HIGH = {"strategy": 80.0, "readiness": 75.0, "human": 70.0, "data": 65.0, "automation": 60.0, "green": 50.0, "overall": 66.7}


@pytest.fixture
def ramsberg(store):
    """Seven companies near Ramsberg: six answered (one answered twice: the later survey counts),
    one not; one company near Vedevåg that must not count."""
    cafe = make_company(store, "Ramsbergs Kafé AB", size_class="1-4")
    add_assessment(store, cafe, scores=HIGH, needs=("equipment",))  # the first answering, replaced below
    add_assessment(store, cafe, scores=LOW, needs=("premises", "connectivity"))
    smedja = make_company(store, "Smedjan i Ramsberg AB", size_class="0")
    add_assessment(store, smedja, scores=LOW, needs=("premises", "support_person"))
    saga = make_company(store, "Ramsbergs Såg AB", size_class="10-19")
    add_assessment(store, saga, scores=HIGH, needs=("premises", "equipment"))
    anna = make_company(store, "Anna Andersson", size_class="0", legal_form="sole_trader")
    add_assessment(store, anna, scores=LOW, needs=("premises", "advice"))
    bygg = make_company(store, "Bergslagens Bygg AB", size_class="5-9")
    add_assessment(store, bygg, scores=HIGH, needs=("connectivity",))
    make_company(store, "Tyst AB", size_class="1-4")  # no survey
    pending = make_company(store, "Halvvägs AB", size_class="1-4")
    add_assessment(store, pending, scores=None, needs=("equipment",), submitted=False)  # not submitted: not answered
    elsewhere = make_company(store, "Vedevågs Verkstad AB", development_point="Vedevåg")
    add_assessment(store, elsewhere, scores=LOW, needs=("premises",))
    return {"cafe": cafe, "smedja": smedja, "saga": saga, "anna": anna, "bygg": bygg}


def test_the_evidence_is_the_companies_of_the_point_with_their_latest_submitted_survey(store, ramsberg):
    evidence = office_service.read_evidence(store, "Ramsberg")
    assert (evidence.within, evidence.answered, evidence.unanswered) == (7, 5, 2)
    cafe = next(c for c in evidence.companies if c.company_id == ramsberg["cafe"])
    assert cafe.needs == {"premises", "connectivity"} and cafe.score("readiness") == 25.0
    assert office_service.development_points(store) == ("Ramsberg", "Vedevåg")


@pytest.mark.one_engine(
    "formats a draft already read into each file format: the reading meets PostgreSQL in the evidence test and the edits test"
)
@pytest.mark.parametrize("fmt,read", READERS)
def test_every_requirement_is_printed_with_the_figures_the_data_gives(store, ramsberg, fmt, read):
    text = " ".join(read(office_service.draft_file(store, coordinator_token(store), "Ramsberg", fmt)).split())
    for expected in (
        "Kravutkast: grannskapskontor i Ramsberg",
        "7 företag inom räckhåll av Ramsberg", "5 har svarat på enkäten om digital mognad", "2 har inte svarat än",
        # Workplaces: café (1-4), smedja (0), såg (10-19), Anna (0): 1 + 1 + 3 + 1 desks.
        "Arbetsplatser", "minst 6 arbetsplatser",
        "4 av 7 företag inom räckhåll (5 har svarat på enkäten) behöver en arbetsplats eller lokal",
        "Deras storlek: 0 anställda: 2, 1–4 anställda: 1, 10–19 anställda: 1",
        # Access: two of the four are one-person companies.
        "Öppettider och tillträde", "2 av de 4 är enmansföretag (0 anställda)", "Egen nyckel",
        # Connectivity: 2 of 5 ask; readiness (25·3 + 75·2) / 5 = 45, data (35·3 + 65·2) / 5 = 47.
        "Uppkoppling", "2 av 7 företag inom räckhåll (5 har svarat på enkäten) behöver bättre uppkoppling",
        "Medelvärde för digital beredskap: 45,0 av 100 (5 svar)", "Medelvärde för datahantering och säkerhet: 47,0 av 100 (5 svar)",
        # Equipment: only the såg now (the café's earlier survey no longer counts, Halvvägs did not submit).
        "Utrustning", "1 av 7 företag inom räckhåll (5 har svarat på enkäten) behöver utrustning",
        # Support: human (30·3 + 70·2) / 5 = 46, strategy (20·3 + 80·2) / 5 = 44.
        "Behovsstödjare", "1 av 7 företag inom räckhåll (5 har svarat på enkäten) behöver råd",
        "Medelvärde för människan i digitaliseringen: 46,0 av 100 (5 svar)",
        "Mötesrum", "Underlag",
    ):
        assert expected in text, (fmt, expected)
    assert "Vedevåg" not in text


@pytest.mark.one_engine(
    "formats a draft already read into each file format: the reading meets PostgreSQL in the evidence test and the edits test"
)
@pytest.mark.parametrize("fmt,read", READERS)
def test_the_figures_equal_those_of_the_computed_draft(store, ramsberg, fmt, read):
    from workshop.i18n import Translator

    t = Translator("sv")
    draft = office_service.coordinator_draft(store, coordinator_token(store), "Ramsberg")
    text = " ".join(read(office_service.draft_file(store, coordinator_token(store), "Ramsberg", fmt)).split())
    for requirement in draft.supported:
        for line in requirement.evidence:
            assert " ".join(office_words.evidence_text(line, t).split()) in text, (fmt, requirement.key, line)
    for requirement in draft.unsupported:
        assert f"{office_words.requirement_title(requirement, t)}: Inget underlag" in text


def test_few_answers_withhold_the_means_in_the_file(store):
    for n in range(3):
        add_assessment(store, make_company(store, f"Liten {n} AB", development_point="Ullersäter", locality="Ullersäter"), scores=LOW, needs=("premises",))
    text = _md_text(office_service.draft_file(store, coordinator_token(store), "Ullersäter", "md"))
    assert "Medelvärde för digital beredskap: visas inte, färre än 5 svar" in text
    assert "25,0" not in text and "Uppkoppling: Inget underlag" in text


@pytest.mark.parametrize("fmt,read", READERS)
def test_the_coordinators_edits_go_into_the_file_and_the_evidence_stays(store, ramsberg, fmt, read):
    edits = {"workplaces": "Åtta platser i gamla skolan, två av dem med höj- och sänkbart bord."}
    text = " ".join(read(office_service.draft_file(store, coordinator_token(store), "Ramsberg", fmt, edits)).split())
    assert edits["workplaces"] in text
    assert "minst 6 arbetsplatser" not in text
    assert "4 av 7 företag inom räckhåll (5 har svarat på enkäten) behöver en arbetsplats eller lokal" in text


def test_user_text_is_kept_as_text_in_every_format(store, ramsberg):
    typed = "<script>alert(1)</script> **fet** [länk](javascript:x) | kolumn"
    token = coordinator_token(store)
    markdown = office_service.draft_file(store, token, "Ramsberg", "md", {"equipment": typed}).decode("utf-8")
    assert "<script>" not in markdown and "**fet**" not in markdown and "[länk](" not in markdown
    assert "\\<script\\>alert(1)\\</script\\> \\*\\*fet\\*\\* \\[länk\\](javascript:x) \\| kolumn" in markdown
    assert typed in _docx_text(office_service.draft_file(store, token, "Ramsberg", "docx", {"equipment": typed}))
    assert typed in " ".join(_pdf_text(office_service.draft_file(store, token, "Ramsberg", "pdf", {"equipment": typed})).split())


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_only_a_coordinator_gets_the_draft_and_only_in_the_three_formats(store, ramsberg):
    with pytest.raises(NotSignedIn):
        office_service.draft_file(store, "not-a-token", "Ramsberg", "md")
    with pytest.raises(InvalidInput):
        office_service.draft_file(store, coordinator_token(store), "Ramsberg", "txt")
