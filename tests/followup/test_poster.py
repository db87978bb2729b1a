"""The A4 poster (workshop/followup/poster.py): one A4 page with the challenge, the join code,
a QR code that a reader decodes to the join link, and the top ideas (by dots once revealed)."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from tests.factories import add_idea, join, open_round
from workshop.followup import meetings, poster
from workshop.services import moderation, voting

LINK = "http://192.168.1.20:8501/?code=RAMS42"
A4_POINTS = (595, 842)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
    return " ".join(reader.pages[0].extract_text().split())


def _image(pdf: bytes, scale: float = 2.0):
    page = pypdfium2.PdfDocument(pdf)[0]
    return page.render(scale=scale).to_pil()


def test_the_poster_holds_the_challenge_the_code_and_a_qr_code_that_reads_as_the_join_link(store, meeting, anna):
    add_idea(store, anna, "Bygdekök i skolan")
    meetings.set_next_meeting(store, meeting.id, meeting.facilitator, date=dt.date(2027, 1, 14), time=dt.time(18, 30), place="Ramsbergs bygdegård", today=dt.date(2026, 12, 7))
    data = poster.poster_data(store, meeting.id, meeting.facilitator)
    pdf = poster.poster_pdf(data, LINK)

    text = _text(pdf)
    for expected in ("Framtidens Ramsberg", "Hur kan fler idéer bli projekt i Ramsberg?", meeting.join_code, "Bygdekök i skolan", "torsdag 14 januari", "Ramsbergs bygdegård"):
        assert expected in text, expected
    # The strictest reader of a QR code is a decoder looking at the printed page, as a phone does.
    found = zxingcpp.read_barcodes(_image(pdf))
    assert [(code.format, code.text) for code in found] == [(zxingcpp.BarcodeFormat.QRCode, LINK)]


def test_the_top_ideas_are_by_dots_once_a_round_is_revealed_else_the_newest(store, meeting, anna, bo):
    few, many, none = (add_idea(store, anna, title) for title in ("Få prickar", "Många prickar", "Inga prickar"))
    hidden = add_idea(store, anna, "Dold idé")
    moderation.set_idea_hidden(store, meeting.id, meeting.facilitator, hidden, True)

    newest = poster.poster_data(store, meeting.id, meeting.facilitator)
    assert [(i.title, i.dots) for i in newest.ideas] == [("Inga prickar", None), ("Många prickar", None), ("Få prickar", None)]
    assert not newest.by_dots

    rounds = open_round(store, meeting, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, many, 3)
    voting.set_dots(store, bo.token, many, 1)
    voting.set_dots(store, bo.token, few, 1)
    # Not revealed yet: the poster must not show what the room has not seen.
    assert not poster.poster_data(store, meeting.id, meeting.facilitator).by_dots
    voting.reveal_results(store, meeting.id, meeting.facilitator, rounds.id)

    ranked = poster.poster_data(store, meeting.id, meeting.facilitator)
    assert ranked.by_dots
    assert [(i.title, i.dots) for i in ranked.ideas] == [("Många prickar", 4), ("Få prickar", 1)]
    text = _text(poster.poster_pdf(ranked, LINK))
    assert "Idéerna som fick flest prickar" in text and text.index("Många prickar") < text.index("Få prickar")
    assert "Dold idé" not in text


def test_a_long_challenge_and_many_long_ideas_stay_on_one_page_with_the_qr_code_readable(store, meeting, anna):
    for n in range(8):
        add_idea(store, anna, f"Idé {n}: " + "en mycket lång rubrik om bygdens framtid " * 2)
    data = poster.poster_data(store, meeting.id, meeting.facilitator)
    long = type(data)(**{**data.__dict__, "challenge": "Hur kan vi tillsammans " * 60 + "🙂"})
    pdf = poster.poster_pdf(long, LINK)
    text = _text(pdf)  # one A4 page
    # The challenge is shortened to fit; the newest ideas and the footer are still on the page.
    assert "…" in text and "Idé 7" in text and "Lindesbergs kommun" in text
    assert [code.text for code in zxingcpp.read_barcodes(_image(pdf))] == [LINK]
