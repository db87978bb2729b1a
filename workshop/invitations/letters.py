"""The files of a batch of invitations: a PDF letter per organisation, a mail-merge sheet, ``.eml`` files.

Always in Swedish (the letters go to organisations in the municipality, whatever language the
coordinator's screen is in). They say what :class:`~workshop.invitations.service.LetterFacts`
holds, which names organisations only: never a private person's name or contact details. An
e-mail is addressed only to the organisation's own address that
:mod:`workshop.invitations.addressing` allows; otherwise it has no recipient and the letter
is the way to send it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..documents import Block, DocumentInfo, to_pdf
from ..documents.qr import qr_png
from ..i18n import Translator
from ..text import file_key
from .service import LetterFacts

__all__ = ["LETTER_LANGUAGE", "qr_banner", "letter_blocks", "invitation_letter_pdf", "mail_merge_xlsx", "invitation_email", "batch_zip", "email_text"]

LETTER_LANGUAGE = "sv"


def _t() -> Translator:
    return Translator(LETTER_LANGUAGE)


def _date(value: dt.date | dt.datetime) -> str:
    return value.strftime("%Y-%m-%d")


def _meeting(t: Translator, facts: LetterFacts) -> str:
    if facts.meeting_date and facts.meeting_place:
        return f"{_date(facts.meeting_date)}, {facts.meeting_place}"
    if facts.meeting_date or facts.meeting_place:
        return _date(facts.meeting_date) if facts.meeting_date else facts.meeting_place
    return t("invitations.letter.no_meeting")


def _code(facts: LetterFacts) -> str:
    return facts.link.rsplit("kod=", 1)[-1]


def qr_banner(link: str) -> bytes:
    """The QR code at the left of a wide white strip: the document writer draws a picture at the
    full width of the page, so the strip's shape sets the code's size (about 45 mm on A4)."""
    from PIL import Image  # lazy: Pillow loads only when a letter is written

    with Image.open(io.BytesIO(qr_png(link, scale=10, border=2))) as code:
        strip = Image.new("RGB", (code.width * 4, code.height), "white")
        strip.paste(code.convert("RGB"), (0, 0))
        out = io.BytesIO()
        strip.save(out, format="PNG")
    return out.getvalue()


def letter_blocks(facts: LetterFacts) -> list[Block]:
    """The letter to one organisation as document blocks (title, the idea, why, who, when, how to answer)."""
    t = _t()
    others = list(facts.others)
    return [
        Block("title", t("invitations.letter.title", organisation=facts.organisation_name)),
        Block("paragraph", t("invitations.letter.greeting", organisation=facts.organisation_name)),
        Block("paragraph", t("invitations.letter.intro", idea=facts.idea_title)),
        Block("heading", t("invitations.letter.idea_heading")),
        Block("paragraph", facts.idea_title),
        *([Block("paragraph", facts.idea_description)] if facts.idea_description else []),
        *([Block("paragraph", t("invitations.answer.challenge", challenge=facts.challenge))] if facts.challenge else []),
        Block("heading", t("invitations.letter.why_heading")),
        Block("paragraph", facts.reasons or t("fit.no_reason")),
        Block("heading", t("invitations.letter.others_heading")),
        Block("bullets", items=tuple(others)) if others else Block("paragraph", t("invitations.letter.nobody_yet")),
        Block("heading", t("invitations.letter.meeting_heading")),
        Block("paragraph", _meeting(t, facts)),
        Block("heading", t("invitations.letter.answer_heading")),
        Block("paragraph", t("invitations.letter.answer", date=_date(facts.expires_at))),
        Block("paragraph", facts.link),
        Block("paragraph", t("invitations.letter.code", code=_code(facts))),
        Block("picture", t("invitations.letter.qr"), picture=qr_banner(facts.link)),
        Block("paragraph", t("invitations.letter.closing")),
    ]


def invitation_letter_pdf(facts: LetterFacts) -> bytes:
    """One organisation's letter as an A4 PDF in Swedish, with the answer link and its QR code."""
    t = _t()
    info = DocumentInfo(title=t("invitations.letter.title", organisation=facts.organisation_name), language=LETTER_LANGUAGE,
                        subject=t("invitations.letter.subject", idea=facts.idea_title))
    return to_pdf(letter_blocks(facts), info)


def email_text(facts: LetterFacts) -> str:
    """The invitation as plain text: the letter's words, the link written out."""
    lines: list[str] = []
    for block in letter_blocks(facts):
        if block.kind == "title" or block.kind == "picture":
            continue
        if block.kind == "heading":
            lines += ["", block.text.upper()]
        elif block.kind == "bullets":
            lines += [f"- {item}" for item in block.items]
        else:
            lines.append(block.text)
    return "\n".join(lines).strip() + "\n"


def invitation_email(facts: LetterFacts, *, sender: str | None = None, letter_pdf: bytes | None = None) -> EmailMessage:
    """The invitation as an e-mail, ready to send by SMTP or to open as a draft (``X-Unsent``).

    Addressed only to ``facts.recipient``, the address :func:`workshop.invitations.addressing.pick_recipient`
    allowed; without one the message has no ``To`` and the letter is sent instead. ``letter_pdf``
    (:func:`invitation_letter_pdf`), when given, goes along as an attachment.

    Examples
    --------
    >>> from workshop.invitations.service import LetterFacts
    >>> facts = LetterFacts(1, "Slöjdarna", "Lagning av kläder", "", "", "erbjuder sömnad", (), None, "",
    ...                     dt.datetime(2027, 1, 6), "http://192.168.1.20:8501/svar?kod=ABCD-EFGH-JKMN", "info@slojdarna.se")
    >>> message = invitation_email(facts)
    >>> message["To"], message["Subject"]
    ('info@slojdarna.se', 'Inbjudan: vill ni vara med i ”Lagning av kläder”?')
    >>> "http://192.168.1.20:8501/svar?kod=ABCD-EFGH-JKMN" in message.get_content()
    True
    """
    t = _t()
    message = EmailMessage()
    message["Subject"] = t("invitations.letter.subject", idea=facts.idea_title)
    if sender:
        message["From"] = sender
    if facts.recipient:
        message["To"] = facts.recipient
    message["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    message["Message-ID"] = make_msgid(domain="projektberedskap.invalid")
    message["Content-Language"] = "sv"
    message["X-Unsent"] = "1"  # a mail program opens the file as a draft to send
    message.set_content(email_text(facts))
    if letter_pdf is not None:
        message.add_attachment(letter_pdf, maintype="application", subtype="pdf", filename=_file_name(facts, "pdf"))
    return message


def mail_merge_xlsx(letters: Iterable[LetterFacts]) -> bytes:
    """One row per invitation: organisation, contact address, link, subject, text (for a mail merge)."""
    from openpyxl import Workbook  # lazy: loaded only when a sheet is written

    t = _t()
    book = Workbook()
    sheet = book.active
    sheet.title = "Inbjudningar"
    sheet.append([t(f"invitations.column.{c}") for c in ("organisation", "address", "link", "subject", "text")])
    for facts in letters:
        sheet.append([facts.organisation_name, facts.recipient or "", facts.link, t("invitations.letter.subject", idea=facts.idea_title), email_text(facts)])
    for column, width in zip("ABCDE", (32, 30, 50, 50, 80)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _file_name(facts: LetterFacts, extension: str) -> str:
    return f"{facts.invitation_id:04d}-{file_key(facts.organisation_name)[:40] or 'organisation'}.{extension}"


def batch_zip(letters: Iterable[LetterFacts], *, sender: str | None = None) -> bytes:
    """Everything of a batch in one file: ``brev/*.pdf``, ``epost/*.eml`` and ``kopplingslista.xlsx``."""
    letters = tuple(letters)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for facts in letters:
            letter = invitation_letter_pdf(facts)
            archive.writestr(f"brev/{_file_name(facts, 'pdf')}", letter)
            archive.writestr(f"epost/{_file_name(facts, 'eml')}", bytes(invitation_email(facts, sender=sender, letter_pdf=letter)))
        archive.writestr("kopplingslista.xlsx", mail_merge_xlsx(letters))
    return out.getvalue()
