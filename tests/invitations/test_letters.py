"""The files of a batch, read back by strict outside readers: the PDF by pypdf, the .eml by the
standard library's e-mail parser, the sheet by openpyxl; and the rule for whom an e-mail may go to."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from email import policy
from email.parser import BytesParser

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from workshop.invitations import letters
from workshop.invitations.addressing import ContactAddress, may_email, pick_recipient
from workshop.invitations.answers import answer_invitation
from workshop.invitations.service import create_invitations, letter_facts
from workshop.services import contributions

BASE = "http://192.168.1.20:8501"


@pytest.fixture
def batch(store, village):
    # A private person is in too: their name must not reach any letter.
    contributions.commit_to_idea(store, village.anna.token, village.idea, role="contributor", contribution="Jag kan sy")
    made = create_invitations(
        store, village.coordinator, village.meeting.id, village.idea, {village.crafts: "erbjuder sömnad", village.shop: "erbjuder symaskiner"},
        meeting_date=dt.date(2027, 1, 14), meeting_place="Bygdegården",
    )
    return made, letter_facts(store, village.coordinator, village.meeting.id, village.idea, made, BASE)


def test_each_letter_is_one_a4_page_in_swedish_with_the_link_and_its_qr_code_and_no_private_person(batch):
    made, facts = batch
    for new, item in zip(made, facts):
        reader = PdfReader(io.BytesIO(letters.invitation_letter_pdf(item)))
        page = reader.pages[0]
        text = page.extract_text()
        assert len(reader.pages) == 1
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points
        assert f"{BASE}/svar?kod={new.code}" in text.replace("\n", "")
        for said in (f"Inbjudan till {new.organisation_name}", "Varför just ni?", "Ramsbergs bygdegårdsförening", "2027-01-14, Bygdegården"):
            assert said in text, said
        assert "Anna Berg" not in text
        images = page.images
        assert len(images) == 1
        # The picture is the QR code of this very link (as the writer made it from the link).
        from PIL import Image

        expected = Image.open(io.BytesIO(letters.qr_banner(item.link))).convert("L")
        assert images[0].image.convert("L").tobytes() == expected.tobytes()


def test_each_eml_opens_in_the_mail_parser_with_the_link_inside_and_goes_only_to_an_allowed_address(store, village, batch):
    made, _facts = batch
    # The crafts club's contact person gave an address with consent when answering an earlier invitation.
    other = contributions.add_idea(store, village.anna.token, title="Sykafé", description="Sy tillsammans.")
    (earlier,) = create_invitations(store, village.coordinator, village.meeting.id, other, {village.crafts: ""})
    answer_invitation(store, earlier.code, "more", contact_name="Dora Lind", contact_email="dora@slojdarna.se", contact_consent=True)
    facts = letter_facts(store, village.coordinator, village.meeting.id, village.idea, made, BASE)

    with zipfile.ZipFile(io.BytesIO(letters.batch_zip(facts, sender="samordnare@lindesberg.se"))) as archive:
        emails = {name: BytesParser(policy=policy.default).parsebytes(archive.read(name)) for name in archive.namelist() if name.endswith(".eml")}
    assert len(emails) == 2
    by_org = {new.organisation_name: new for new in made}
    for message in emails.values():
        body = message.get_body(preferencelist=("plain",)).get_content()
        organisation = next(name for name in by_org if f"Hej {name}!" in body)
        assert f"{BASE}/svar?kod={by_org[organisation].code}" in body
        assert message["Subject"] == "Inbjudan: vill ni vara med i ”Lagning av kläder”?"
        assert message["From"] == "samordnare@lindesberg.se"
        assert [a.get_content_type() for a in message.iter_attachments()] == ["application/pdf"]
        assert message["To"] == ("dora@slojdarna.se" if organisation == "Slöjdarna" else None)  # the shop has no address
        assert "Anna Berg" not in body


def test_the_mail_merge_sheet_has_one_row_per_invitation(batch):
    made, facts = batch
    sheet = load_workbook(io.BytesIO(letters.mail_merge_xlsx(facts))).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0] == ("Organisation", "E-post", "Svarslänk", "Ämne", "Text")
    assert sorted(r[0] for r in rows[1:]) == sorted(n.organisation_name for n in made)
    for row in rows[1:]:
        code = next(n.code for n in made if n.organisation_name == row[0])
        assert row[2] == f"{BASE}/svar?kod={code}" and row[2] in row[4]


@pytest.mark.parametrize(
    "address,consented,allowed",
    [
        ("info@ramsbergsif.se", False, True),  # the club's own address for its function
        ("Kansliet@bygdegarden.se", False, True),
        ("styrelsen@slojdarna.se", False, True),
        ("ordförande@slojdarna.se", False, True),
        ("anna.berg@ramsbergsif.se", False, False),  # a person's address, no consent: never
        ("anna.berg@gmail.com", False, False),
        ("anna.berg@gmail.com", True, True),  # given with the consent box
        ("info(at)ramsbergsif.se", False, False),  # not an address
        ("", True, False),
    ],
)
def test_an_invitation_is_e_mailed_only_to_an_organisational_or_consented_address(address, consented, allowed):
    assert may_email(ContactAddress(address, consented)) is allowed


def test_an_organisational_address_is_preferred_to_a_persons():
    assert pick_recipient([ContactAddress("dora@slojdarna.se", True), ContactAddress("info@slojdarna.se", False)]) == "info@slojdarna.se"
    assert pick_recipient([ContactAddress("dora@gmail.com", False)]) is None
