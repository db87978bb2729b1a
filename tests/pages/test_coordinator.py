"""The coordinator's pages through AppTest: signing in and out, workshops and their keys, the
audit trail, demo data, and what strangers and facilitators no longer reach."""

from __future__ import annotations

from tests.factories import add_idea, coordinator_token, join, make_workshop
from tests.pages.conftest import errors, open_app, open_tab, texts, widget
from tests.pages.html_tables import html_table
from workshop.services import access, coordinators, moderation, workshops


def test_a_stranger_cannot_create_a_workshop_and_is_sent_to_the_coordinator(app_store):
    at = open_app("pages/facilitate.py")

    assert "Skapa workshop" not in [b.label for b in at.button]
    assert "Nya workshoppar skapas av en samordnare" in texts(at)
    at.switch_page("pages/coordinator.py").run()
    assert "Det finns ingen samordnare ännu" in texts(at)  # and no form: this browser is not on the server
    assert not at.text_input


def test_the_coordinator_signs_in_and_out_and_the_session_ends_on_the_server(app_store):
    key = coordinators.add_coordinator(app_store, "Kim Samordnare").key
    at = open_app("pages/coordinator.py")
    widget(at.text_input, "Namn").input("Kim Samordnare")
    widget(at.text_input, "Nyckel").input(key)
    widget(at.button, "Logga in").click().run()
    assert not at.exception
    assert "Inloggad som samordnare: Kim Samordnare" in texts(at)
    token = at.session_state["staff_token"]
    assert "Samordnare" in [link.label for link in at.get("page_link")] or at.title

    widget(at.button, "Logga ut").click().run()

    assert access.staff_actor(app_store, token) is None
    assert "staff_token" not in at.session_state


def test_a_wrong_coordinator_key_is_refused_at_the_key(app_store):
    coordinators.add_coordinator(app_store, "Kim Samordnare")
    at = open_app("pages/coordinator.py")
    widget(at.text_input, "Namn").input("Kim Samordnare")
    widget(at.text_input, "Nyckel").input("AAAA-BBBB-CCCC-DDDD")
    widget(at.button, "Logga in").click().run()

    assert errors(at) == ["Nyckel: Fel namn eller nyckel."]


def test_a_reissued_key_is_shown_once_and_the_old_one_stops_working(app_store):
    meeting = make_workshop(app_store, title="Framtidens Ramsberg")
    at = open_app("pages/coordinator.py", coordinator=coordinator_token(app_store))
    at.selectbox(key="coordinator_workshop_pick").set_value(meeting.id).run()
    at.checkbox(key=f"coordinator_reissue_confirm_{meeting.id}").check().run()
    widget(at.button, "Ny facilitatornyckel").click().run()
    assert not at.exception

    new_key = at.code[0].value
    assert "Ny facilitatornyckel för Framtidens Ramsberg" in texts(at)
    assert access.staff_actor(app_store, meeting.facilitator) is None
    assert workshops.facilitator_sign_in(app_store, meeting.id, new_key)
    at.run()
    assert new_key not in texts(at)  # gone on the next run


def test_the_coordinator_opens_a_workshop_and_leads_it_from_the_facilitator_pages(app_store):
    meeting = make_workshop(app_store, title="Framtidens Ramsberg")
    at = open_app("pages/coordinator.py", coordinator=coordinator_token(app_store))
    at.selectbox(key="coordinator_workshop_pick").set_value(meeting.id).run()
    widget(at.button, "Leda den här workshoppen").click().run()
    assert not at.exception

    assert meeting.join_code in texts(at)  # the projector view of that workshop
    at.switch_page("pages/moderate.py").run()
    assert not at.exception and "Moderera" in texts(at)


def test_the_audit_trail_shows_who_hid_what(app_store):
    meeting = make_workshop(app_store, title="Framtidens Ramsberg")
    idea = add_idea(app_store, join(app_store, meeting, "Anna Berg", "Ramsbergs IF"), "Bygdekök")
    moderation.set_idea_hidden(app_store, meeting.id, meeting.facilitator, idea, True)

    at = open_tab(open_app("pages/coordinator.py", coordinator=coordinator_token(app_store)), "Granskningslogg")

    table = at.dataframe[0].value
    assert ["Facilitator: Framtidens Ramsberg", "dolde idén", "Bygdekök"] in table[["Vem", "Vad", "Gäller"]].values.tolist()


def test_demo_data_is_announced_on_staff_pages_and_removed_in_one_step(app_store):
    from workshop.demo import load_demo

    demo = load_demo(app_store)
    facilitator = workshops.facilitator_sign_in(app_store, demo.workshops[0].id, demo.workshops[0].facilitator_key)
    banner = "Här finns demodata"
    assert banner in texts(open_app("pages/moderate.py", facilitator=facilitator))
    assert banner not in texts(open_app("pages/projector.py", facilitator=facilitator))  # the room reads the wall
    participant = join(app_store, make_workshop(app_store, title="Riktig träff"), "Anna Berg", "Ramsbergs IF")
    assert banner not in texts(open_app("pages/wall.py", participant=participant.token))

    at = open_tab(open_app("pages/coordinator.py", coordinator=coordinator_token(app_store)), "Demodata")
    at.checkbox(key="coordinator_demo_confirm").check().run()
    widget(at.button, "Ta bort demodata").click().run()
    assert not at.exception

    assert "Demodata borttagen: 3 workshoppar" in texts(at)
    assert banner not in texts(at)
    assert [w.title for w in workshops.list_workshops(app_store)] == ["Riktig träff"]


def test_a_facilitator_sees_only_their_workshops_part_of_the_network(app_store):
    ramsberg = make_workshop(app_store, title="Framtidens Ramsberg")
    vedevag = make_workshop(app_store, title="Framtidens Vedevåg", locality="Vedevåg")
    anna = join(app_store, ramsberg, "Anna Berg", "Ramsbergs IF")
    add_idea(app_store, anna, "Bygdekök")
    add_idea(app_store, join(app_store, vedevag, "Dag Lind", "Vedevågs hembygdsförening", locality="Vedevåg"), "Badplats vid bruket")

    facilitator = open_app("pages/constellations.py", facilitator=ramsberg.facilitator)
    coordinator = open_app("pages/constellations.py", coordinator=coordinator_token(app_store))

    assert "Bygdekök" in {row["Idé"] for row in html_table(facilitator)}
    assert "Badplats vid bruket" not in texts(facilitator) + str(html_table(facilitator))
    assert "Badplats vid bruket" in {row["Idé"] for row in html_table(coordinator)}


def test_the_coordinator_sets_an_organisations_capacity_and_a_facilitator_sees_no_such_field(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    at = open_tab(open_app("pages/moderate.py", coordinator=coordinator_token(app_store), leading=meeting.id), "Organisationer")
    at.selectbox(key="moderate_org_pick").set_value(anna.organisation_id).run()
    widget(at.number_input, "Kapacitet (antal projekt)").set_value(1)
    widget(at.button, "Spara").click().run()
    assert not at.exception and not errors(at)
    from workshop.services import organisations

    assert organisations.get_organisation_view(app_store, anna.organisation_id).capacity == 1

    facilitator = open_tab(open_app("pages/moderate.py", facilitator=meeting.facilitator), "Organisationer")
    facilitator.selectbox(key="moderate_org_pick").set_value(anna.organisation_id).run()
    assert "Kapacitet (antal projekt)" not in [n.label for n in facilitator.number_input]
