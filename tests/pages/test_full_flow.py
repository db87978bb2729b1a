"""The whole meeting through the pages: create, join, contribute, vote, see it on the wall."""

from __future__ import annotations

import re

from tests.factories import coordinator_token
from tests.pages.conftest import errors, open_app, open_tab, texts, widget
from workshop.services import participants, workshops


def app_store_idea_id(store) -> int:
    from workshop.services import views

    (workshop,) = workshops.list_workshops(store)
    return views.wall(store, workshop.id).ideas[0].id


def test_a_workshop_runs_from_creation_to_the_projector(app_store):
    # The coordinator creates the workshop and is shown the code and the facilitator key once.
    coordinator = open_app("pages/coordinator.py", coordinator=coordinator_token(app_store))
    widget(coordinator.text_input, "Rubrik").input("Framtidens Vedevåg")
    widget(coordinator.text_area, "Utmaningsfråga").input("Hur kan bruksorten leva vidare?")
    widget(coordinator.selectbox, "Ort").set_value("Vedevåg")
    widget(coordinator.button, "Skapa workshop").click().run()
    assert not coordinator.exception
    code = re.search(r"Koden är ([A-Z0-9]{6})", texts(coordinator)).group(1)
    key = coordinator.code[0].value
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", key)
    coordinator.run()  # a later run: the key stays until the coordinator says it is written down
    assert key in texts(coordinator)
    widget(coordinator.button, "Jag har skrivit upp nyckeln – skapa en till").click().run()
    assert key not in texts(coordinator)  # then it is gone, and cannot be shown again

    # The facilitator signs in with the code and the key and lands on the projector.
    facilitator = open_app("pages/facilitate.py")
    widget(facilitator.text_input, "Kod").input(code)
    widget(facilitator.text_input, "Facilitatornyckel").input(key)
    widget(facilitator.button, "Logga in").click().run()
    assert not facilitator.exception
    assert code in texts(facilitator) and "Framtidens Vedevåg" in texts(facilitator)
    facilitator_token = facilitator.session_state["staff_token"]

    # A participant opens the join link and joins for a new organisation.
    anna = open_app()
    anna.query_params["code"] = code.lower()
    anna.run()
    widget(anna.text_input, "Kod").input(code.lower())
    widget(anna.button, "Fortsätt").click().run()
    anna.radio(key="home_org_mode").set_value("new").run()
    widget(anna.text_input, "Namn").input("Anna Berg")
    widget(anna.text_input, "Organisationens namn").input("Vedevågs bygdeförening")
    widget(anna.text_input, "Organisationsnummer").input("")
    widget(anna.button, "Gå med").click().run()
    assert not anna.exception and not errors(anna)
    anna_token = anna.session_state["participant_token"]
    assert "Anna Berg" in texts(anna)

    # A second participant joins for a company, directly with a token (tested above).
    workshop_id = workshops.find_workshop_by_code(app_store, code).id
    bo = participants.join_workshop(app_store, workshop_id, name="Bo Ek", new_organisation={"name": "Vedevågs Kafé AB", "kind": "company"})

    # Anna adds an idea, commits, notes and ties through the contribute page.
    page = open_app("pages/contribute.py", participant=anna_token)
    widget(page.text_input, "Rubrik").input("Bruksmuseum med kafé")
    widget(page.text_area, "Beskrivning").input("Öppna bruksmiljön för besökare.")
    widget(page.text_input, "Lokaler").input("samlingslokal")
    widget(page.button, "Lägg till idén").click().run()
    assert "Sparat" in texts(page), errors(page)

    page = open_tab(open_app("pages/contribute.py", participant=anna_token), "Vi vill vara med")
    assert widget(page.selectbox, "Idé").options == ["Bruksmuseum med kafé"]
    widget(page.selectbox, "Idé").set_value(app_store_idea_id(app_store))
    widget(page.button, "Vi vill vara med").click().run()
    assert "Sparat" in texts(page), errors(page)

    page = open_tab(open_app("pages/contribute.py", participant=anna_token), "Dold kunskap")
    page.radio(key="contribute_note_subject").set_value("place").run()
    widget(page.text_input, "Om").input("Gamla smedjan")
    widget(page.text_area, "Vad vet du?").input("Smedjan står tom och ägs av kommunen.")
    widget(page.button, "Spara kunskapen").click().run()
    assert "Sparat" in texts(page), errors(page)

    page = open_tab(open_app("pages/contribute.py", participant=anna_token), "Kontakter")
    page.session_state["contribute_tie_second"] = bo.organisation_id
    widget(page.button, "Lägg till kontakten").click().run()
    assert "Sparat" in texts(page), errors(page)

    # The facilitator opens a voting round; Anna puts two dots on her idea.
    admin = open_app("pages/voting_admin.py", facilitator=facilitator_token)
    widget(admin.number_input, "Prickar per deltagare").set_value(3)
    widget(admin.number_input, "Högst prickar på en idé").set_value(2)
    widget(admin.button, "Öppna omgången").click().run()
    assert "Omgång 1" in texts(admin)

    wall = open_app("pages/wall.py", participant=anna_token)
    assert "Bruksmuseum med kafé" in texts(wall)
    widget(wall.selectbox, "Idé").set_value(app_store_idea_id(app_store))
    widget(wall.number_input, "Mina prickar").set_value(2)
    widget(wall.button, "Lägg prickar").click().run()
    assert not wall.exception and not errors(wall)
    assert "1 av 3 prickar kvar" in texts(wall)

    admin = open_app("pages/voting_admin.py", facilitator=facilitator_token)
    widget(admin.button, "Visa resultatet").click().run()

    # The projector shows the idea, the partner, the note and the counters. It reads the
    # revision through a shared one-second cache (the browser tests time the real refresh);
    # here the second is skipped rather than waited for.
    from ui.live import workshop_revision

    workshop_revision.clear()
    projector = open_app("pages/projector.py", facilitator=facilitator_token)
    shown = texts(projector)
    assert "Bruksmuseum med kafé" in shown
    assert "Vedevågs bygdeförening" in shown  # the committed organisation
    assert "Smedjan står tom" in shown
    assert "● 2 prickar" in shown  # revealed dots
    assert re.search(r"<b>2</b><span>deltagare</span>", shown)
    assert re.search(r"<b>1</b><span>idéer</span>", shown)
    assert re.search(r"<b>1</b><span>engagemang</span>", shown)
    assert re.search(r"<b>1</b><span>kunskapsbitar</span>", shown)
    assert re.search(r"<b>1</b><span>kontakter</span>", shown)
