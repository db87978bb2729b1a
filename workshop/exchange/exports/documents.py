"""Blocks written as documents: Markdown, DOCX and PDF.

A document is a list of :class:`Block` (title, headings, paragraphs, bullet lists, tables,
a picture); the report (:mod:`.report`), the application draft
(:mod:`workshop.leader.draft`) and the office draft (:mod:`workshop.companies.office`) each
build one and hand it to these writers.

The files are documents of their language, not generic ones: A4, the language set (sv-SE
in the DOCX's styles and document defaults, and in the PDF), title, author and creation time
in the metadata (:class:`DocumentInfo`), page numbers in the footer, table columns at least
as wide as their longest word, a heading never left alone at the foot of a PDF page, and
emoji the PDF font cannot draw written as text (":)", "[emoji]") instead of vanishing.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ...i18n import Translator

__all__ = ["Block", "DocumentInfo", "LANGUAGE_TAGS", "column_widths", "pdf_text", "to_markdown", "to_docx", "to_pdf"]

LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


@dataclass(frozen=True)
class Block:
    kind: str  # "title", "heading", "paragraph", "bullets", "table", "picture"
    text: str = ""
    items: tuple = ()
    headings: tuple = ()
    picture: bytes = b""


@dataclass(frozen=True)
class DocumentInfo:
    """What a document says about itself: title (else the title block's), author, language, time."""

    title: str = ""
    author: str = ""
    language: str = "sv"
    subject: str = ""
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    @property
    def language_tag(self) -> str:
        return LANGUAGE_TAGS.get(self.language, self.language)

    def for_blocks(self, blocks: list[Block]) -> "DocumentInfo":
        if self.title:
            return self
        title = next((b.text for b in blocks if b.kind == "title"), "")
        return DocumentInfo(title, self.author, self.language, self.subject, self.created)


def column_widths(headings, rows, total: float, measure, padding: float = 0.0) -> list[float]:
    """Widths (in the unit of ``total``) for a table's columns, summing to ``total``.

    Each column is at least as wide as its longest word (``measure(text)`` is a text's width,
    ``padding`` the cell's own margins), so no word is broken across lines; the width left
    over goes to the columns whose text would otherwise wrap. When even the longest words do
    not fit, they share ``total`` in proportion.

    >>> chars = lambda text: 0.2 * len(text)
    >>> column_widths(("#", "Idé", "Röster"), [(1, "Grannskapskontor i Ramsberg", 3)], 16.0, chars, 0.2)
    [0.4, 14.2, 1.4]
    >>> [round(w, 2) for w in column_widths(("a", "b"), [("x" * 100, "y" * 100)], 10.0, chars)]
    [5.0, 5.0]
    """
    columns = list(zip(*([tuple(headings)] + [tuple(row) for row in rows]))) or [tuple(headings)]
    minimum = [max((measure(word) for text in column for word in str(text).split()), default=0.0) + padding for column in columns]
    lines = [max((measure(str(text)) for text in column), default=0.0) + padding for column in columns]
    if sum(minimum) >= total:
        return [total * m / sum(minimum) for m in minimum]
    wanted = [max(line - m, 0.0) for line, m in zip(lines, minimum)]
    spare = total - sum(minimum)
    extra = [spare * w / sum(wanted) for w in wanted] if sum(wanted) else [spare / len(minimum)] * len(minimum)
    return [round(m + e, 4) for m, e in zip(minimum, extra)]


# --- Markdown -------------------------------------------------------------------------------


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _md_text(text: str) -> str:
    """User text is text: what Markdown would read as markup is escaped, and nothing more.

    >>> _md_text("<b>Bygd</b> *1* | 2"), _md_text("- inte en lista"), _md_text("3. inte heller")
    ('\\\\<b\\\\>Bygd\\\\</b\\\\> \\\\*1\\\\* \\\\| 2', '\\\\- inte en lista', '3\\\\. inte heller')
    """
    escaped = _MD_INLINE.sub(r"\\\1", " ".join(str(text).split("\n")))
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1] if m.group(2)[0].isdigit() else "\\" + m.group(2)), escaped)


def to_markdown(blocks: list[Block], info: DocumentInfo | None = None) -> bytes:
    out: list[str] = []
    for block in blocks:
        if block.kind == "title":
            out += [f"# {_md_text(block.text)}", ""]
        elif block.kind == "heading":
            out += [f"## {_md_text(block.text)}", ""]
        elif block.kind == "paragraph":
            out += [_md_text(block.text), ""]
        elif block.kind == "bullets":
            if block.text:
                out += [f"**{_md_text(block.text)}**", ""]
            out += [f"- {_md_text(item)}" for item in block.items] + [""]
        elif block.kind == "table":
            out.append("| " + " | ".join(_md_text(h) for h in block.headings) + " |")
            out.append("| " + " | ".join("---" for _ in block.headings) + " |")
            out += ["| " + " | ".join(_md_text(v) for v in row) + " |" for row in block.items]
            out.append("")
        elif block.kind == "picture":
            encoded = base64.b64encode(block.picture).decode("ascii")
            out += [f"![{_md_text(block.text)}](data:image/png;base64,{encoded})", "", f"*{_md_text(block.text)}*", ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


# --- DOCX -----------------------------------------------------------------------------------


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_language(document, tag: str) -> None:
    """The document's language everywhere Word looks: document defaults, every style, settings."""
    from docx.oxml import OxmlElement
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
    from docx.oxml import OxmlElement
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
    from docx.enum.text import WD_ALIGN_PARAGRAPH

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
    from docx import Document
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


# --- PDF ------------------------------------------------------------------------------------


def _font_path() -> Path:
    # DejaVu Sans ships with matplotlib: Unicode (å, ä, ö and beyond) without a download.
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


@functools.lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    regular, bold = TTFont(_font_path()), TTFont(_font_path().with_name("DejaVuSans-Bold.ttf"))
    return frozenset(regular.getBestCmap()) & frozenset(bold.getBestCmap())


# Emoji joiners and modifiers: part of the emoji before them, nothing of their own.
_JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400))
_EMOJI_AS_TEXT = {"🙂": ":)", "😊": ":)", "😀": ":D", "😃": ":D", "😄": ":D", "😁": ":D", "😉": ";)", "🙁": ":(", "😢": ":(", "😞": ":(", "👍": "(+1)", "👎": "(-1)"}


def pdf_text(text: str) -> str:
    """``text`` as the PDF font can draw it: characters it has no glyph for written as text.

    Smileys become ":)" or ":D", a thumb "(+1)", any other emoji (a joined sequence counts as
    one) "[emoji]", any other missing character "?"; what the font has stays as it is.

    >>> pdf_text("Kul! 🙂 Vi ses i bygdegården 👩‍💻 ✓ 🎉")
    'Kul! :) Vi ses i bygdegården [emoji] ✓ [emoji]'
    """
    drawable = _drawable()
    out: list[str] = []
    joined = False
    for char in str(text):
        code = ord(char)
        if code in _JOINERS:
            joined = code == 0x200D
            continue
        if code in drawable or char in "\n\t":
            out.append(char)
        elif joined:
            pass  # the rest of a joined emoji (👩‍💻): already written as one
        elif char in _EMOJI_AS_TEXT:
            out.append(_EMOJI_AS_TEXT[char])
        else:
            out.append("[emoji]" if unicodedata.category(char) == "So" or code >= 0x1F000 else "?")
        joined = False
    return "".join(out)


def to_pdf(blocks: list[Block], info: DocumentInfo | None = None) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    info = (info or DocumentInfo()).for_blocks(blocks)
    footer = Translator(info.language)("formats.page_of")

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, footer.format(page=self.page_no(), pages="{nb}"), align="C")
            self.set_text_color(0, 0, 0)

    pdf = Document(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    regular = _font_path()
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(regular.with_name("DejaVuSans-Bold.ttf")))
    pdf.set_creator("Projektberedskap")
    pdf.set_title(info.title)
    pdf.set_author(info.author or "Projektberedskap")
    if info.subject:
        pdf.set_subject(info.subject)
    pdf.set_lang(info.language_tag)
    pdf.set_creation_date(info.created)
    pdf.add_page()
    pdf.set_page_label(label_style="D")  # the viewer's page numbers are 1, 2, 3 … as printed
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, size: float = 11, style: str = "", height: float = 6) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, height, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def keep_with_next(height: float) -> None:
        # A heading needs room for itself and a few lines of what it heads, or a new page.
        if pdf.will_page_break(height):
            pdf.add_page()

    def room_for(block: Block | None) -> float:
        # What must fit below a heading: a picture whole, else the start of what follows.
        if block is not None and block.kind == "picture":
            from PIL import Image

            with Image.open(io.BytesIO(block.picture)) as image:
                return width * image.height / image.width + 6
        return 36 if block is not None and block.kind == "table" else 26

    for number, block in enumerate(blocks):
        room = room_for(blocks[number + 1] if number + 1 < len(blocks) else None)
        if block.kind == "title":
            line(block.text, 20, "B", 10)
            pdf.ln(2)
        elif block.kind == "heading":
            keep_with_next(3 + 8 + room)
            pdf.ln(3)
            line(block.text, 14, "B", 8)
        elif block.kind == "paragraph":
            line(block.text)
        elif block.kind == "bullets":
            if block.text:
                keep_with_next(6 + 18)
                line(block.text, 11, "B")
            for item in block.items:
                line(f"• {item}")
        elif block.kind == "table":
            def measure(text: str) -> float:
                # The bold heading row is the widest way a word is written.
                pdf.set_font("DejaVu", "B", 10)
                return pdf.get_string_width(pdf_text(text))

            widths = column_widths(block.headings, block.items, width, measure, 2 * pdf.c_margin + 1.5)
            pdf.set_font("DejaVu", "", 10)
            with pdf.table(col_widths=widths, width=width, text_align="LEFT", line_height=5.5, repeat_headings=1) as table:
                header = table.row()
                for heading in block.headings:
                    header.cell(pdf_text(str(heading)))
                for values in block.items:
                    row = table.row()
                    for value in values:
                        row.cell(pdf_text(str(value)))
            pdf.ln(2)
        elif block.kind == "picture":
            pdf.image(io.BytesIO(block.picture), w=width)
            line(block.text, 9)
    return bytes(pdf.output())
