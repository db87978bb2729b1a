"""docs/digital-maturity.md lists every question of the data file with its points."""

from __future__ import annotations

from workshop.companies.dma_doc import DOC, questions_section
from workshop.companies.questions import survey
from workshop.docsections import marked


def test_the_document_holds_the_generated_questions_as_the_data_file_says():
    document = DOC.read_text(encoding="utf-8")
    assert marked("questions", questions_section()) in document, "run: python -m workshop.companies.dma_doc"


def test_every_question_and_every_option_is_in_the_document():
    document = DOC.read_text(encoding="utf-8")
    for question in survey().questions:
        assert f"**`{question.id}`**" in document
        assert all(f"| {o.sv}" in document for o in question.options)
