"""The workshop report in Swedish (or English), as Markdown, DOCX and PDF.

One list of blocks (headings, paragraphs, bullet lists, tables, the network picture) is
built from :class:`~workshop.exchange.dataset.ExportData`, then written by one small
renderer per format, so the three say the same. Who took part is counted by sector and
locality; contact details never appear in the report.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ...i18n import Translator
from ..dataset import ExportData

__all__ = ["Block", "report_blocks", "to_markdown", "to_docx", "to_pdf"]

TOP_IDEAS = 15  # ideas whose constellations and LEADER readiness the report spells out
IDEAS_TABLE = 40  # a board reads the top of the ranking; the workbook holds every idea
NOTES_SHOWN = 60
NAMES_LISTED = 12


def _listing(names: list[str], t: Translator) -> str:
    """Up to a dozen names, then how many more (a large process has hundreds)."""
    shown = ", ".join(names[:NAMES_LISTED])
    return shown + (t("exchange.report.and_more", count=len(names) - NAMES_LISTED) if len(names) > NAMES_LISTED else "")


@dataclass(frozen=True)
class Block:
    kind: str  # "title", "heading", "paragraph", "bullets", "table", "picture"
    text: str = ""
    items: tuple = ()
    headings: tuple = ()
    picture: bytes = b""


def report_blocks(data: ExportData, picture_png: bytes | None = None) -> list[Block]:
    t = Translator(data.options.language)
    blocks = [Block("title", t("exchange.report.title", title=data.title))]
    if data.workshops:
        dates = sorted(w["date"] for w in data.workshops)
        places = sorted({w["locality"] for w in data.workshops})
        if len(dates) == 1:
            blocks.append(Block("paragraph", t("exchange.report.when_one", day=dates[0].isoformat(), places=", ".join(places))))
        else:
            blocks.append(Block("paragraph", t("exchange.report.when", first=dates[0].isoformat(), last=dates[-1].isoformat(), places=", ".join(places), count=len(dates))))
    blocks.append(Block("heading", t("exchange.report.challenge")))
    for title, challenge in data.challenges:
        blocks.append(Block("paragraph", challenge if len(data.challenges) == 1 else f"{title}: {challenge}"))

    part = data.participation
    blocks.append(Block("heading", t("exchange.report.participants")))
    blocks.append(Block("paragraph", t("exchange.report.participants_count", people=part["people"], organisations=part["organisations"])))
    if part["by_sector"]:
        blocks.append(Block("table", headings=(t("exchange.col.sector"), t("exchange.col.count")), items=tuple(part["by_sector"].items())))
    if part["by_locality"]:
        blocks.append(Block("table", headings=(t("exchange.col.locality"), t("exchange.col.count")), items=tuple(list(part["by_locality"].items())[:12])))

    blocks.append(Block("heading", t("exchange.report.ideas")))
    if data.ideas:
        rows = tuple((n, idea["title"], t(f"stage.{idea['stage']}"), idea["votes"]) for n, idea in enumerate(data.ideas[:IDEAS_TABLE], start=1))
        blocks.append(Block("table", headings=("#", t("exchange.col.idea"), t("exchange.col.stage"), t("exchange.col.votes")), items=rows))
        if len(data.ideas) > IDEAS_TABLE:
            blocks.append(Block("paragraph", t("exchange.report.more_ideas", count=len(data.ideas) - IDEAS_TABLE)))
    else:
        blocks.append(Block("paragraph", t("exchange.report.no_ideas")))

    blocks.append(Block("heading", t("exchange.report.constellations")))
    for idea in data.ideas[:TOP_IDEAS]:
        items = []
        if idea["constellations"]:
            best = idea["constellations"][0]
            items.append(t("exchange.report.best_constellation", members=", ".join(best["members"]), owner=best["owner"]))
        else:
            items.append(t("exchange.report.no_constellation"))
        items.extend(idea["missing"])
        items.append(t("exchange.report.ready") if idea["ready"] else t("exchange.report.not_ready", missing=", ".join(name for name, passed, _ in idea["criteria"] if not passed)))
        blocks.append(Block("bullets", text=idea["title"], items=tuple(items)))

    blocks.append(Block("heading", t("exchange.report.network")))
    if picture_png:
        blocks.append(Block("picture", text=t("exchange.report.picture_caption", organisations=data.key_figures["organisations"], links=data.key_figures["links"]), picture=picture_png))

    figures = data.key_figures
    blocks.append(Block("heading", t("exchange.report.key_figures")))
    none = t("exchange.report.none")
    blocks.append(
        Block(
            "bullets",
            items=(
                t("exchange.report.size", organisations=figures["organisations"], links=figures["links"]),
                t("exchange.report.new_links", count=figures["new_links"]) if figures["new_links"] is not None else t("exchange.report.new_links_unknown"),
                t("exchange.report.brokers", names=_listing(figures["brokers"], t) or none),
                t("exchange.report.isolated", names=_listing(figures["isolated"], t) or none),
                t("exchange.report.short_of_partners", titles=_listing(figures["short_of_partners"], t) or none),
            ),
        )
    )

    blocks.append(Block("heading", t("exchange.report.notes")))
    if data.notes:
        shown = data.notes[:NOTES_SHOWN]
        blocks.append(Block("bullets", items=tuple(f"{n['kind']} – {n['about']}: {n['text']}" if n["about"] else f"{n['kind']}: {n['text']}" for n in shown)))
        if len(data.notes) > NOTES_SHOWN:
            blocks.append(Block("paragraph", t("exchange.report.more_notes", count=len(data.notes) - NOTES_SHOWN)))
    else:
        blocks.append(Block("paragraph", t("exchange.report.no_notes")))

    blocks.append(Block("heading", t("exchange.report.next_steps")))
    steps = [t("exchange.report.step_ready", title=i["title"]) for i in data.ideas if i["ready"]][:5]
    steps += [t("exchange.report.step_partners", title=title) for title in figures["short_of_partners"][:5]]
    if figures["brokers"]:
        steps.append(t("exchange.report.step_brokers", names=", ".join(figures["brokers"][:3])))
    if figures["isolated"]:
        steps.append(t("exchange.report.step_isolated", count=len(figures["isolated"])))
    steps.append(t("exchange.report.step_next_meeting"))
    blocks.append(Block("bullets", items=tuple(steps)))
    return blocks


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


def to_markdown(blocks: list[Block]) -> bytes:
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


def to_docx(blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.shared import Cm

    document = Document()
    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "bullets":
            if block.text:
                document.add_paragraph().add_run(block.text).bold = True
            for item in block.items:
                document.add_paragraph(str(item), style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.headings))
            table.style = "Light Grid Accent 1"
            for cell, heading in zip(table.rows[0].cells, block.headings):
                cell.text = str(heading)
            for row in block.items:
                for cell, value in zip(table.add_row().cells, row):
                    cell.text = str(value)
            document.add_paragraph()
        elif block.kind == "picture":
            document.add_picture(io.BytesIO(block.picture), width=Cm(16))
            document.add_paragraph(block.text).italic = True
    document.core_properties.author = "Projektberedskap"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------


def _font_path() -> Path:
    # DejaVu Sans ships with matplotlib: Unicode (å, ä, ö and beyond) without a download.
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def to_pdf(blocks: list[Block]) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    regular = _font_path()
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(regular.with_name("DejaVuSans-Bold.ttf")))
    pdf.set_creator("Projektberedskap")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, size: float = 11, style: str = "", height: float = 6) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, height, str(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for block in blocks:
        if block.kind == "title":
            line(block.text, 20, "B", 10)
            pdf.ln(2)
        elif block.kind == "heading":
            pdf.ln(3)
            line(block.text, 14, "B", 8)
        elif block.kind == "paragraph":
            line(block.text)
        elif block.kind == "bullets":
            if block.text:
                line(block.text, 11, "B")
            for item in block.items:
                line(f"• {item}")
        elif block.kind == "table":
            pdf.set_font("DejaVu", "", 10)
            with pdf.table(col_widths=None, text_align="LEFT", line_height=5.5) as table:
                header = table.row()
                for heading in block.headings:
                    header.cell(str(heading))
                for values in block.items:
                    row = table.row()
                    for value in values:
                        row.cell(str(value))
            pdf.ln(2)
        elif block.kind == "picture":
            pdf.image(io.BytesIO(block.picture), w=width)
            line(block.text, 9)
    return bytes(pdf.output())
