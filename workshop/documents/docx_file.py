"""Blocks written as DOCX (python-docx): A4, the document's language in every style,
metadata, "Sida N av M" in the footer, and table columns at least as wide as their longest word.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from ..i18n import Translator
from .model import Block, DocumentInfo, column_widths

__all__ = ["to_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_language(document, tag: str) -> None:
    """The document's language everywhere Word looks: document defaults, every style, settings."""
    from docx.oxml import OxmlElement  # lazy: python-docx loads only when a DOCX is written
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    if defaults is not None and defaults.find(f"{_W}lang") is None:
        defaults.append(OxmlElement("w:lang"))
    for lang in styles.iter(f"{_W}lang"):
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
    for style in styles.iter(f"{_W}style"):
        properties = style.find(f"{_W}rPr")
        if properties is not None and properties.find(f"{_W}lang") is None:
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), tag)
            properties.append(lang)
    for lang in document.settings.element.iter(f"{_W}themeFontLang"):
        lang.set(qn("w:val"), tag)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader fills in, with a placeholder until then."""
    from docx.oxml import OxmlElement  # lazy: python-docx loads only when a DOCX is written
    from docx.oxml.ns import qn

    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _docx_page_numbers(section, template: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # lazy: python-docx loads only when a DOCX is written

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in re.split(r"(\{page\}|\{pages\})", template):
        if part == "{page}":
            _field(paragraph, "PAGE")
        elif part == "{pages}":
            _field(paragraph, "NUMPAGES")
        elif part:
            paragraph.add_run(part)


def to_docx(blocks: list[Block], info: DocumentInfo | None = None) -> bytes:
    """``blocks`` as a DOCX file (A4, the language of ``info``, its metadata, page numbers)."""
    from docx import Document  # lazy: python-docx loads only when a DOCX is written
    from docx.shared import Cm, Mm

    info = (info or DocumentInfo()).for_blocks(blocks)
    t = Translator(info.language)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    text_width = 16.0  # cm: A4 less the margins
    _docx_language(document, info.language_tag)
    _docx_page_numbers(section, t("formats.page_of"))
    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "bullets":
            if block.text:
                lead = document.add_paragraph()
                lead.add_run(block.text).bold = True
                lead.paragraph_format.keep_with_next = True
            for item in block.items:
                document.add_paragraph(str(item), style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.headings))
            table.style = "Light Grid Accent 1"
            table.autofit = False
            # Word's 11 pt Calibri is about 0.21 cm a character (bold headings a little more),
            # and a cell keeps 0.19 cm margins each side.
            widths = [Cm(w) for w in column_widths(block.headings, block.items, text_width, lambda text: 0.23 * len(text), 0.5)]
            for cell, heading in zip(table.rows[0].cells, block.headings):
                cell.text = str(heading)
            for row in block.items:
                for cell, value in zip(table.add_row().cells, row):
                    cell.text = str(value)
            for column, width in zip(table.columns, widths):
                column.width = width  # the grid LibreOffice reads
                for cell in column.cells:
                    cell.width = width  # the cell widths Word reads
            document.add_paragraph()
        elif block.kind == "picture":
            document.add_picture(io.BytesIO(block.picture), width=Cm(text_width))
            document.add_paragraph(block.text).italic = True
    properties = document.core_properties
    properties.title = info.title
    properties.subject = info.subject
    properties.author = info.author or "Projektberedskap"
    properties.last_modified_by = info.author or "Projektberedskap"
    properties.comments = ""
    properties.keywords = ""
    properties.language = info.language_tag
    properties.revision = 1
    created = info.created.astimezone(dt.timezone.utc).replace(tzinfo=None)
    properties.created = properties.modified = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

