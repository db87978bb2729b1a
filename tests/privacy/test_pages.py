"""The privacy pages through Streamlit's AppTest: the join form's notice and consent,
Mina uppgifter, and the coordinator's Personer."""

from __future__ import annotations

from sqlalchemy import select

from tests.factories import add_idea, add_note, coordinator_token, join, make_workshop
from tests.pages.conftest import errors, open_app, texts, widget
from workshop.models import Person
from workshop.services import participants, views

EMAIL_FIELD, PHONE_FIELD = "E-post (frivilligt)", "Telefon (frivilligt)"
CONSENT = "Ja, kommunen får spara min e-post och mitt telefonnummer för att kontakta mig om idéerna från nätverksprocessen."


def join_form(meeting):
    at = open_app()
    widget(at.text_input, "Kod").input(meeting.created.join_code)
    widget(at.button, "Fortsätt").click().run()
    at.radio(key="home_org_mode").set_value("none").run()
    return at


def stored_people(store) -> list[tuple]:
    with store.unit_of_work() as session:
        return [tuple(row) for row in session.execute(select(Person.name, Person.email, Person.phone))]


def fresh_walls() -> None:
    # Pages read the revision through a shared one-second cache; skip the second, not wait it.
    from ui.live import workshop_revision

    workshop_revision.clear()


def test_the_join_form_says_what_is_stored_why_and_for_how_long(app_store):
    meeting = make_workshop(app_store)

    shown = texts(join_form(meeting))

    assert "**Lindesbergs kommun** är personuppgiftsansvarig." in shown
    assert "till och med 2028-11-29" in shown  # two years after the meeting of 2026-11-30
    assert "Du behöver inte lämna några kontaktuppgifter för att vara med." in shown


def test_joining_with_consent_keeps_the_e_mail_and_joining_without_keeps_none(app_store):
    meeting = make_workshop(app_store)
    at = join_form(meeting)
    widget(at.text_input, "Namn").input("Märta Östberg")
    widget(at.text_input, EMAIL_FIELD).input("marta@example.se")
    widget(at.checkbox, CONSENT).check()
    widget(at.button, "Gå med").click().run()
    assert not at.exception and "participant_token" in at.session_state

    other = join_form(meeting)
    widget(other.text_input, "Namn").input("Bo Ek")
    widget(other.button, "Gå med").click().run()

    assert sorted(stored_people(app_store)) == [("Bo Ek", None, None), ("Märta Östberg", "marta@example.se", None)]


def test_an_e_mail_without_consent_is_refused_in_swedish_at_the_consent_box(app_store):
    meeting = make_workshop(app_store)
    at = join_form(meeting)
    widget(at.text_input, "Namn").input("Märta Östberg")
    widget(at.text_input, EMAIL_FIELD).input("marta@example.se")
    widget(at.button, "Gå med").click().run()

    assert errors(at) == ["Samtycke: Kryssa i att vi får spara dina kontaktuppgifter, eller töm fälten för e-post och telefon. Du kan vara med utan dem."]
    assert stored_people(app_store) == []
    assert widget(at.text_input, EMAIL_FIELD).value == "marta@example.se"


def test_a_malformed_e_mail_is_refused_at_the_e_mail_field(app_store):
    meeting = make_workshop(app_store)
    at = join_form(meeting)
    widget(at.text_input, "Namn").input("Märta Östberg")
    widget(at.text_input, EMAIL_FIELD).input("marta(at)example.se")
    widget(at.checkbox, CONSENT).check()
    widget(at.button, "Gå med").click().run()

    assert errors(at) == [f"{EMAIL_FIELD}: Det ser inte ut som en e-postadress. Skriv den som namn@exempel.se."]
    assert stored_people(app_store) == []


def test_my_data_shows_what_i_added_and_offers_it_as_a_download(app_store):
    meeting = make_workshop(app_store)
    marta = participants.join_workshop(app_store, meeting.id, name="Märta Östberg", email="marta@example.se", contact_consent=True)
    add_idea(app_store, marta, "Bygdekök i skolan")

    at = open_app("pages/my_data.py", participant=marta.token)

    shown = texts(at)
    assert "Märta Östberg" in shown and "m•••@example.se" in shown
    assert "Bygdekök i skolan" in texts(at)
    assert [b.label for b in at.get("download_button")] == ["Ladda ner mina uppgifter (JSON)"]


def test_my_data_is_for_participants_only(app_store):
    at = open_app("pages/my_data.py")

    assert "Gå med i en workshop först" in texts(at)
    assert not at.get("download_button")


def test_deleting_myself_keeps_my_idea_as_en_deltagare_and_takes_me_back_to_the_start(app_store):
    meeting = make_workshop(app_store)
    marta = join(app_store, meeting, "Märta Östberg")
    bo = join(app_store, meeting, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    add_idea(app_store, marta, "Bygdekök i skolan")
    at = open_app("pages/my_data.py", participant=marta.token)

    assert widget(at.button, "Radera mig").disabled  # not before the box is ticked
    widget(at.checkbox, "Jag förstår att det inte går att ångra").check().run()
    widget(at.button, "Radera mig").click().run()

    assert not at.exception
    assert "Du är raderad. Tack för att du var med!" in texts(at)
    assert "participant_token" not in at.session_state
    fresh_walls()
    wall = texts(open_app("pages/wall.py", participant=bo.token))
    assert "Bygdekök i skolan" in wall and "Märta Östberg" not in wall and "En deltagare" in wall


def test_deleting_myself_with_my_contributions_takes_my_idea_off_the_wall(app_store):
    meeting = make_workshop(app_store)
    marta = join(app_store, meeting, "Märta Östberg")
    add_idea(app_store, marta, "Bygdekök i skolan")
    at = open_app("pages/my_data.py", participant=marta.token)

    at.radio(key="my_data_delete_choice").set_value("remove").run()
    widget(at.checkbox, "Jag förstår att det inte går att ångra").check().run()
    widget(at.button, "Radera mig").click().run()

    assert views.wall(app_store, meeting.id, facilitator=True).ideas == ()


def test_the_coordinator_finds_exports_and_erases_a_person_and_the_name_is_gone_from_the_pages(app_store):
    meeting = make_workshop(app_store)
    marta = participants.join_workshop(app_store, meeting.id, name="Märta Östberg", email="marta@example.se", contact_consent=True)
    bo = join(app_store, meeting, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    add_idea(app_store, marta, "Bygdekök i skolan")
    at = open_app("pages/coordinator_people.py", coordinator=coordinator_token(app_store))

    widget(at.text_input, "Sök på namn, organisation, e-post eller telefon").input("marta").run()
    assert list(at.dataframe[0].value["Namn"]) == ["Märta Östberg"]
    with app_store.unit_of_work() as session:
        person_id = session.scalar(select(Person.id).where(Person.name == "Märta Östberg"))
    at.selectbox(key="people_pick").set_value(person_id).run()
    assert "marta@example.se" in texts(at)
    widget(at.button, "Ta fram export").click().run()
    assert [b.label for b in at.get("download_button")] == ["Ladda ner personens uppgifter (JSON)"]
    widget(at.checkbox, "Jag har kontrollerat att det är rätt person; det går inte att ångra").check().run()
    widget(at.button, "Radera personen").click().run()

    assert not at.exception
    assert "Personen är raderad" in texts(at)
    widget(at.text_input, "Sök på namn, organisation, e-post eller telefon").input("").run()
    assert "Märta Östberg" not in at.dataframe[0].value.to_string()
    fresh_walls()
    for page in ("pages/wall.py", "pages/mine.py"):
        assert "Märta Östberg" not in texts(open_app(page, participant=bo.token))
    assert "Märta Östberg" not in texts(open_app("pages/projector.py", facilitator=meeting.facilitator))
    assert "Märta Östberg" not in texts(open_app("pages/moderate.py", facilitator=meeting.facilitator))


def test_the_people_page_is_for_coordinators_only(app_store):
    meeting = make_workshop(app_store)
    join(app_store, meeting, "Märta Östberg")

    at = open_app("pages/coordinator_people.py", facilitator=meeting.facilitator)

    assert "Den här sidan är för samordnare" in texts(at)
    assert "Märta Östberg" not in texts(at) and not at.dataframe


def test_facilitator_only_notes_never_reach_the_projector(app_store):
    meeting = make_workshop(app_store)
    marta = join(app_store, meeting, "Märta Östberg")
    add_note(app_store, marta, "Styrelsen är osams om köket.", visibility="facilitators")
    add_note(app_store, marta, "Skolans kök står tomt på kvällarna.")

    projector = texts(open_app("pages/projector.py", facilitator=meeting.facilitator))

    assert "Styrelsen är osams" not in projector
    assert "Skolans kök står tomt" in projector  # the projector does show notes for everyone


def test_my_data_speaks_english_when_chosen(app_store):
    meeting = make_workshop(app_store)
    marta = join(app_store, meeting, "Märta Östberg")

    at = open_app("pages/my_data.py", participant=marta.token, language="en")

    assert "My data" in texts(at) and [b.label for b in at.get("download_button")] == ["Download my data (JSON)"]


def test_withdrawing_consent_on_my_data_removes_the_e_mail(app_store):
    meeting = make_workshop(app_store)
    marta = participants.join_workshop(app_store, meeting.id, name="Märta Östberg", email="marta@example.se", contact_consent=True)
    at = open_app("pages/my_data.py", participant=marta.token)

    widget(at.button, "Ta bort mina kontaktuppgifter").click().run()

    assert "Dina kontaktuppgifter är borttagna." in texts(at)
    assert stored_people(app_store) == [("Märta Östberg", None, None)]
    assert not [b for b in at.button if b.label == "Ta bort mina kontaktuppgifter"]


def test_after_joining_and_leaving_the_next_person_finds_no_contact_details_in_the_form(app_store):
    meeting = make_workshop(app_store)
    at = join_form(meeting)
    widget(at.text_input, "Namn").input("Märta Östberg")
    widget(at.text_input, EMAIL_FIELD).input("marta@example.se")
    widget(at.checkbox, CONSENT).check()
    widget(at.button, "Gå med").click().run()
    widget(at.button, "Lämna workshopen på den här enheten").click().run()

    widget(at.text_input, "Kod").input(meeting.created.join_code)
    widget(at.button, "Fortsätt").click().run()

    assert widget(at.text_input, EMAIL_FIELD).value == "" and widget(at.checkbox, CONSENT).value is False


def test_the_audit_trail_tells_of_an_erasure_and_a_self_deletion_without_the_names(app_store):
    from tests.pages.conftest import open_tab
    from workshop.privacy import erasure

    meeting = make_workshop(app_store)
    join(app_store, meeting, "Märta Östberg")
    greta = join(app_store, meeting, "Greta Lund")
    erasure.delete_myself(app_store, greta.token, remove_contributions=False)
    with app_store.unit_of_work() as session:
        marta_id = session.scalar(select(Person.id).where(Person.name == "Märta Östberg"))
    erasure.erase_person(app_store, coordinator_token(app_store), marta_id, remove_contributions=True)

    at = open_tab(open_app("pages/coordinator.py", coordinator=coordinator_token(app_store)), "Granskningslogg")

    trail = at.dataframe[0].value.to_string()
    assert "raderade en person" in trail and "en deltagare raderade sig själv" in trail
    assert f"en deltagare (id {marta_id})" in trail
    assert "Märta Östberg" not in trail and "Greta Lund" not in trail
