"""An A4 poster for the village notice board: the challenge, how to join, the top ideas.

One page, portrait: the workshop's title and challenge in large type, the next meeting when
one is set, the join code with its QR code and link (the same link the projector shows), and
the top ideas: by dots when a voting round's results are revealed, else the newest. Written
with fpdf2 in DejaVu Sans (the font the app's other PDFs use), the QR code drawn as vector
squares so it prints sharp at any size. User text goes through
:func:`workshop.documents.pdf_file.pdf_text` (an emoji the font lacks becomes text).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..db import Store
from ..documents.pdf_file import pdf_text
from ..i18n import Translator
from ..services.access import require_staff
from ..services.views import wall
from ..services.voting import voting_state
from ..services.workshops import workshop_info
from .meetings import MeetingView, read_next_meeting

__all__ = ["TOP_IDEAS", "PosterIdea", "PosterData", "poster_data", "poster_pdf", "poster_file_name"]

#: How many ideas the poster lists.
TOP_IDEAS = 5


@dataclass(frozen=True)
class PosterIdea:
    title: str
    dots: int | None  # None: ranked by date, not by dots


@dataclass(frozen=True)
class PosterData:
    title: str
    challenge: str
    locality: str
    date: dt.date
    join_code: str
    ideas: tuple[PosterIdea, ...]
    by_dots: bool  # the ideas are the revealed round's top, not the newest
    meeting: MeetingView | None


def poster_data(store: Store, workshop_id: int, token: Any) -> PosterData:
    """What the poster shows, for the workshop's staff (hidden ideas never; dots only when revealed)."""
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, token)
        meeting = read_next_meeting(session, workshop_id)
    info = workshop_info(store, workshop_id)
    board = wall(store, workshop_id)  # as participants see it: hidden ideas left out
    state = voting_state(store, workshop_id)  # totals only of rounds whose results are revealed
    revealed = [r for r in state.rounds if r.results_visible and state.totals.get(r.id)]
    if revealed:
        totals = state.totals[revealed[-1].id]
        shown = [i for i in board.ideas if totals.get(i.id)]
        # Most dots first; a tie keeps the wall's order (newest first).
        ranked = sorted(shown, key=lambda i: -totals[i.id])[:TOP_IDEAS]
        ideas = tuple(PosterIdea(i.title, totals[i.id]) for i in ranked)
    else:
        ideas = tuple(PosterIdea(i.title, None) for i in board.ideas[:TOP_IDEAS])
    return PosterData(info.title, info.challenge, info.locality, info.date, info.join_code, ideas, bool(revealed), meeting)


def _font_path() -> Path:
    # DejaVu Sans ships with matplotlib, as for the app's other PDFs (workshop/documents); its
    # folder is found without importing matplotlib (a second of start-up for a path).
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("DejaVu Sans comes with matplotlib (requirements.txt)")
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


def _when(meeting: MeetingView, t: Translator) -> str:
    day = t(f"followup.weekday.{meeting.starts_at.weekday()}")
    return t(
        "followup.poster.when", weekday=day, day=meeting.starts_at.day, month=t(f"followup.month.{meeting.starts_at.month}"),
        start=meeting.starts_at.strftime("%H:%M"), end=meeting.ends_at.strftime("%H:%M"),
    )


def poster_pdf(data: PosterData, join_link: str, *, language: str = "sv") -> bytes:
    """The poster as a one-page A4 PDF.

    Parameters
    ----------
    data : PosterData
        From :func:`poster_data`.
    join_link : str
        The join link the QR code holds (the app's own, ``…/?code=ABC123``).
    language : str
        The catalog the poster's own words are written in.
    """
    # lazy: fpdf2 and segno load only when a poster is written
    import segno
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    t = Translator(language)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    regular = _font_path()
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(regular.with_name("DejaVuSans-Bold.ttf")))
    pdf.set_creator("Projektberedskap")
    pdf.set_title(pdf_text(t("followup.poster.doc_title", title=data.title)))
    pdf.set_lang("sv-SE" if language == "sv" else "en-GB")
    pdf.add_page()
    margin = 18.0
    width = pdf.w - 2 * margin

    def text(value: str, size: float, style: str = "", height: float | None = None, colour: tuple[int, int, int] = (0, 0, 0), align: str = "L", w: float | None = None) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(w or width, height or size * 0.5, pdf_text(value), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.set_left_margin(margin)
    pdf.set_right_margin(margin)
    # A green band with the place and the day: the notice board's header.
    pdf.set_fill_color(46, 110, 64)
    pdf.rect(0, 0, pdf.w, 14, style="F")
    pdf.set_xy(margin, 3.5)
    head = t("followup.poster.band", locality=data.locality, date=data.date.isoformat())
    text(head, 12, "B", 7, (255, 255, 255))
    pdf.set_y(24)
    text(data.title, 30, "B", 13)
    pdf.ln(3)
    text(t("followup.poster.challenge"), 13, "B", 7, (46, 110, 64))
    # The challenge in the largest type that fits six lines; a longer text is shortened.
    challenge = pdf_text(data.challenge)
    for size in (20, 16, 13, 11):
        pdf.set_font("DejaVu", "", size)
        if len(pdf.multi_cell(width, size * 0.48, challenge, dry_run=True, output="LINES")) <= 6:
            break
    else:
        lines = pdf.multi_cell(width, size * 0.48, challenge, dry_run=True, output="LINES")
        challenge = " ".join(lines[:6])[:-2].rstrip() + " …"
    text(challenge, size, "", size * 0.48)
    if data.meeting is not None:
        pdf.ln(4)
        text(t("followup.poster.next_meeting"), 13, "B", 7, (46, 110, 64))
        text(_when(data.meeting, t), 16, "B", 8)
        if data.meeting.place:
            text(data.meeting.place, 14, "", 7)
    pdf.ln(6)

    # The join block: the QR code on the left, the code and the link beside it.
    top = pdf.get_y()
    size = 62.0
    qr = segno.make(join_link, error="m")
    rows = [list(r) for r in qr.matrix]
    border = 2
    count = len(rows) + 2 * border
    module = size / count
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(margin, top, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                pdf.rect(margin + (x + border) * module, top + (y + border) * module, module + 0.01, module + 0.01, style="F")
    left = margin + size + 8
    side = width - size - 8
    pdf.set_xy(left, top + 4)
    pdf.set_left_margin(left)
    text(t("followup.poster.join"), 14, "B", 7, w=side)
    pdf.ln(1)
    text(t("followup.poster.code"), 12, "", 6, (80, 80, 80), w=side)
    text(data.join_code, 30, "B", 14, w=side)
    pdf.ln(1)
    text(t("followup.poster.link"), 11, "", 6, (80, 80, 80), w=side)
    text(join_link, 11, "", 5.5, w=side)
    pdf.set_left_margin(margin)
    pdf.set_xy(margin, top + size + 8)

    heading = t("followup.poster.top_by_dots") if data.by_dots else t("followup.poster.top_newest")
    text(heading, 16, "B", 8, (46, 110, 64))
    pdf.ln(1)
    if not data.ideas:
        text(t("followup.poster.no_ideas"), 13, "", 7, (80, 80, 80))
    for number, idea in enumerate(data.ideas, start=1):
        label = f"{number}. {idea.title}"
        if idea.dots is not None:
            label += "  " + t("followup.poster.dots", dots=idea.dots)
        if pdf.get_y() > pdf.h - 40:
            break  # one page: the list stops before the footer rather than spilling over
        text(label, 14, "", 7.5)
        pdf.ln(1)
    pdf.set_xy(margin, pdf.h - 22)
    text(t("followup.poster.footer"), 10, "", 5, (80, 80, 80))
    return bytes(pdf.output())


def poster_file_name(data: PosterData) -> str:
    """``affisch-2026-11-30.pdf``: ASCII, with the meeting's date.

    >>> poster_file_name(PosterData("T", "C", "Ramsberg", dt.date(2026, 11, 30), "ABC", (), False, None))
    'affisch-2026-11-30.pdf'
    """
    return f"affisch-{data.date.isoformat()}.pdf"
