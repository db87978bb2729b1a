"""AppTest of the answer page (no account, Swedish messages) and of "Bjud in" on the constellations page."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from tests.factories import add_idea, count, join, make_workshop
from tests.pages.conftest import APP, app_store, errors, open_app, open_tab, texts, widget  # noqa: F401  (app_store: the fixture)
from workshop.invitations.answers import answer_invitation
from workshop.invitations.service import create_invitations
from workshop.models import Commitment, Invitation, Person
from workshop.security import normalise_join_code, token_hash
from workshop.services import contributions


def answer_page(code: str | None = None) -> AppTest:
    """A phone without any account opening the answer page (from the letter's link when ``code`` is given)."""
    at = AppTest.from_file(APP, default_timeout=30)
    if code:
        at.query_params["kod"] = code
    at.run()
    at.switch_page("pages/answer.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def invited(app_store):
    meeting = make_workshop(app_store)
    hall = join(app_store, meeting, "Eva Ny", "Ramsbergs bygdegårdsförening")
    crafts = join(app_store, meeting, "Bo Ek", "Slöjdarna", offers={"competence": ["sömnad"]})
    idea = add_idea(app_store, hall, "Lagning av kläder", needs={"competence": ["någon som kan sy"]})
    contributions.commit_to_idea(app_store, hall.token, idea, role="initiator")
    (made,) = create_invitations(
        app_store, meeting.facilitator, meeting.id, idea, {crafts.organisation_id: "erbjuder sömnad"},
        meeting_date=dt.date(2027, 1, 14), meeting_place="Bygdegården",
    )
    return made, idea, crafts.organisation_id


def test_the_link_opens_the_invitation_and_a_yes_makes_the_organisation_a_member(app_store, invited):
    made, idea, crafts = invited
    at = answer_page(made.code)
    shown = texts(at)
    for said in ("**Slöjdarna** är inbjuden", "Lagning av kläder", "erbjuder sömnad", "Ramsbergs bygdegårdsförening", "Nästa träff: 2027-01-14, Bygdegården"):
        assert said in shown, said

    widget(at.text_area, "Vad kan ni bidra med? (frivilligt)").input("Tre symaskiner")
    widget(at.button, "Ja, vi är med").click().run()

    assert not at.exception and not errors(at)
    assert "Tack! Slöjdarna är nu med i idén ”Lagning av kläder”" in texts(at)
    assert count(app_store, Commitment, Commitment.idea_id == idea, Commitment.organisation_id == crafts) == 1
    assert "kod" not in at.query_params  # a reload does not try the spent code again


def test_the_code_typed_by_hand_opens_the_invitation(app_store, invited):
    made, _idea, _crafts = invited
    at = answer_page()
    widget(at.text_input, "Kod från inbjudan").input(made.code.lower().replace("-", " "))
    widget(at.button, "Öppna inbjudan").click().run()
    assert "**Slöjdarna** är inbjuden" in texts(at)
    assert at.query_params["kod"] == made.code


@pytest.mark.parametrize(
    "case,message",
    [
        ("wrong", "Koden finns inte"),
        ("used", "Inbjudan är redan besvarad"),
        ("expired", "Inbjudan har gått ut"),
    ],
)
def test_a_wrong_used_or_expired_code_gets_a_swedish_message(app_store, invited, case, message):
    made, _idea, _crafts = invited
    code = made.code
    if case == "wrong":
        code = "ABCD-EFGH-JKMN"
    elif case == "used":
        answer_invitation(app_store, made.code, "more")
    else:
        with app_store.unit_of_work(write=True) as session:
            session.get(Invitation, made.invitation_id).expires_at = dt.datetime(2020, 1, 1)
            session.commit()
    at = answer_page(code)
    assert any(message in e for e in errors(at)), errors(at)
    assert widget(at.text_input, "Kod från inbjudan")  # asked for the code again


def test_contact_details_without_consent_get_the_join_forms_message_and_nothing_is_saved(app_store, invited):
    made, idea, crafts = invited
    at = answer_page(made.code)
    widget(at.text_input, "Namn på kontaktperson").input("Dora Lind")
    widget(at.text_input, "E-post (frivilligt)").input("dora@example.se")
    widget(at.button, "Ja, vi är med").click().run()

    assert any("Kryssa i att vi får spara dina kontaktuppgifter" in e for e in errors(at)), errors(at)
    assert count(app_store, Commitment, Commitment.organisation_id == crafts) == 0
    assert widget(at.text_input, "E-post (frivilligt)").value == "dora@example.se"  # what was typed stays


def constellation_page(app_store, *, office_address: bool = False):
    """The coordinator's constellations page on "Lagning av kläder": the hall is in, Slöjdarna is suggested.

    With ``office_address`` the club has an address an invitation may be e-mailed to.
    """
    from tests.factories import coordinator_token
    from workshop.services import participants

    meeting = make_workshop(app_store)
    hall = join(app_store, meeting, "Eva Ny", "Ramsbergs bygdegårdsförening", offers={"premises": ["festsal"]})
    crafts = join(app_store, meeting, "Bo Ek", "Slöjdarna", offers={"competence": ["sömnad", "sy kläder"]})
    if office_address:
        participants.join_workshop(app_store, meeting.id, name="Kansliet", organisation_id=crafts.organisation_id, email="info@slojdarna.se", contact_consent=True)
    idea = add_idea(app_store, hall, "Lagning av kläder", description="Kläder lagas.", needs={"competence": ["någon som kan sy"]})
    contributions.commit_to_idea(app_store, hall.token, idea, role="initiator")
    at = open_tab(open_app("pages/constellations.py", coordinator=coordinator_token(app_store)), "En idé i detalj")
    at.session_state["constellations_idea"] = idea
    at.run()
    return at, crafts, idea


def test_a_coordinator_invites_from_the_constellations_page_and_gets_the_links_and_files(app_store):
    at, crafts, idea = constellation_page(app_store)
    members = widget(at.multiselect, "Vilka vill du bjuda in?")
    assert members.options == ["Slöjdarna"]  # the suggested member not yet in; the committed hall is not offered
    members.select(crafts.organisation_id)
    widget(at.text_input, "Plats för nästa träff (frivilligt)").input("Bygdegården")
    widget(at.button, "Skapa inbjudningar").click().run()

    assert not at.exception, at.exception
    assert "Inbjudningar skapade: 1." in texts(at)
    assert "/svar?kod=" in texts(at)
    assert count(app_store, Invitation, Invitation.idea_id == idea) == 1
    bundle = at.session_state["constellations_invite_made"][2]
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        names = sorted(archive.namelist())
    assert names[-1] == "kopplingslista.xlsx" and any(n.startswith("brev/") and n.endswith(".pdf") for n in names) and any(n.endswith(".eml") for n in names)


def test_with_smtp_set_up_the_invitations_are_queued_as_e_mail_to_the_addresses_allowed(app_store, monkeypatch):
    from workshop.models import OutboxMessage

    monkeypatch.setenv("PROJEKTBEREDSKAP_SMTP_HOST", "127.0.0.1")  # never reached: the page only queues
    monkeypatch.setenv("PROJEKTBEREDSKAP_MAIL_FROM", "projektberedskap@lindesberg.se")
    at, crafts, _idea = constellation_page(app_store, office_address=True)
    widget(at.multiselect, "Vilka vill du bjuda in?").select(crafts.organisation_id)
    assert widget(at.checkbox, "Skicka inbjudan med e-post").value is True
    widget(at.button, "Skapa inbjudningar").click().run()

    assert not at.exception, at.exception
    assert "E-post ligger i kön och skickas strax till: Slöjdarna." in texts(at)
    assert count(app_store, OutboxMessage, OutboxMessage.recipient == "info@slojdarna.se") == 1
    table = at.dataframe[-1].value
    assert list(table["E-post"]) == ["Väntar"]


def test_a_second_press_on_create_keeps_the_links_the_first_one_showed(app_store):
    from sqlalchemy import select

    at, crafts, idea = constellation_page(app_store)
    widget(at.multiselect, "Vilka vill du bjuda in?").select(crafts.organisation_id)
    widget(at.text_input, "Plats för nästa träff (frivilligt)").input("Bygdegården")
    widget(at.button, "Skapa inbjudningar").click().run()
    with app_store.unit_of_work() as session:
        first = session.scalars(select(Invitation.code_hash)).all()

    widget(at.button, "Skapa inbjudningar").click().run()  # the double press

    assert not at.exception and not errors(at)
    with app_store.unit_of_work() as session:
        assert session.scalars(select(Invitation.code_hash)).all() == first  # the links shown still answer
    assert "Inbjudningar skapade: 1." in texts(at)


# --- the contact person's own Mina uppgifter (workshop.privacy.contact_key) -------------------


def contact_page(key: str | None) -> AppTest:
    """A browser without any account opening Mina uppgifter from the contact person's link."""
    at = AppTest.from_file(APP, default_timeout=30)
    if key:
        at.query_params["nyckel"] = key
    at.run()
    at.switch_page("pages/my_data.py").run()
    assert not at.exception, at.exception
    return at


def answered_with_contact(app_store, made) -> tuple[AppTest, str]:
    at = answer_page(made.code)
    widget(at.text_input, "Namn på kontaktperson").input("Dora Lind")
    widget(at.text_input, "E-post (frivilligt)").input("dora.lind@example.se")
    widget(at.checkbox, "Ja, kommunen får spara min e-post och mitt telefonnummer för att kontakta mig om idéerna från nätverksprocessen.").check()
    widget(at.button, "Ja, vi är med").click().run()
    assert not at.exception and not errors(at), errors(at)
    link = next(m for m in re.findall(r"\((http\S+/mina-uppgifter\?nyckel=[A-Z0-9-]+)\)", texts(at)))
    return at, link.split("nyckel=")[1]


def test_a_yes_naming_a_contact_person_shows_them_once_a_link_to_their_own_data(app_store, invited):
    made, _idea, _crafts = invited
    at, key = answered_with_contact(app_store, made)

    shown = texts(at)
    assert "**Dora Lind** är sparad som kontaktperson." in shown
    assert "Länken visas bara nu och är det enda sättet att själv komma åt dina uppgifter" in shown
    assert [picture.alt for image in at.get("image") for picture in image.proto.imgs] == ["QR-kod med länken till dina uppgifter"]  # its QR code, named for a screen reader
    with app_store.unit_of_work() as session:
        assert session.get(Invitation, made.invitation_id).contact_key_hash == token_hash(normalise_join_code(key))


def test_the_contact_persons_link_shows_their_data_withdraws_consent_and_deletes_them(app_store, invited):
    made, _idea, crafts = invited
    _at, key = answered_with_contact(app_store, made)

    at = contact_page(key)
    shown = texts(at)
    for said in ("Mina uppgifter som kontaktperson", "**Namn:** Dora Lind", "**Organisation:** Slöjdarna", "d•••@example.se", "Svar på inbjudningar"):
        assert said in shown, said
    assert [b.label for b in at.get("download_button")] == ["Ladda ner mina uppgifter (JSON)"]

    widget(at.button, "Ta bort mina kontaktuppgifter").click().run()
    assert "Dina kontaktuppgifter är borttagna." in texts(at)
    assert count(app_store, Person, Person.email.is_not(None)) == 0
    assert count(app_store, Person, Person.name == "Dora Lind") == 1  # only the contact details went

    widget(at.checkbox, "Jag förstår att det inte går att ångra").check().run()
    widget(at.button, "Radera mig").click().run()
    assert not at.exception
    assert "Du är raderad. Organisationens svar står kvar utan dig" in texts(at)
    assert count(app_store, Person, Person.name == "Dora Lind") == 0
    assert count(app_store, Commitment, Commitment.organisation_id == crafts) == 1  # the club's yes stays

    again = contact_page(key)
    assert any("Nyckeln gäller inte" in e for e in errors(again)), errors(again)
    assert "Dora" not in texts(again)


def test_a_wrong_key_gets_a_swedish_message_and_shows_nobody(app_store, invited):
    made, _idea, _crafts = invited
    answered_with_contact(app_store, made)

    at = contact_page("ABCD-EFGH-JKMN-PQRT")

    assert any("Nyckeln gäller inte" in e for e in errors(at)), errors(at)
    assert "Dora" not in texts(at)
