"""Blocks written as PDF (fpdf2 with DejaVu Sans): A4, the language and metadata, page
numbers and page labels, no heading alone at the foot of a page, and emoji the font cannot
draw written as text (":)", "[emoji]") instead of vanishing.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from pathlib import Path

from ..i18n import Translator
from .model import Block, DocumentInfo, column_widths

__all__ = ["pdf_text", "to_pdf"]

def _font_path() -> Path:
    # DejaVu Sans ships with matplotlib: Unicode (å, ä, ö and beyond) without a download.
    import matplotlib  # lazy: heavy, and only its data path is wanted, when a PDF is written

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


@functools.lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # lazy: fontTools loads only when a PDF is written

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
    """``blocks`` as a PDF file (A4, the language of ``info``, its metadata, page numbers and labels)."""
    from fpdf import FPDF  # lazy: fpdf2 loads only when a PDF is written
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
            from PIL import Image  # lazy: Pillow loads only for a document with a picture

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
