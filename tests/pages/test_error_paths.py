"""Every kind of bad input gets a Swedish message at its field, and nothing is half-written."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from tests.factories import coordinator_token, add_idea, join, make_workshop
from tests.pages.conftest import errors, open_app, texts, widget
from workshop.models import Idea, Organisation, Participant, Workshop
from workshop.services import voting, workshops

ROOT = Path(__file__).resolve().parents[2]


def count(store, model) -> int:
    with store.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model))


def join_form(meeting, organisation_mode: str):
    """The start page after the code was accepted, with the organisation choice made."""
    at = open_app()
    widget(at.text_input, "Kod").input(meeting.created.join_code)
    widget(at.button, "Fortsätt").click().run()
    at.radio(key="home_org_mode").set_value(organisation_mode).run()
    return at


def test_creating_a_workshop_without_a_title_says_so_at_the_title(app_store):
    at = open_app("pages/coordinator.py", coordinator=coordinator_token(app_store))
    widget(at.text_area, "Utmaningsfråga").input("Hur?")
    widget(at.selectbox, "Ort").set_value("Ramsberg")
    widget(at.button, "Skapa workshop").click().run()
    assert errors(at) == ["Rubrik: måste fyllas i."]
    assert count(app_store, Workshop) == 0


def _label(node) -> str:
    # A text field sits alone in the container that gives the counter its limit (ui/limits.py).
    if type(node).__name__ == "Block" and len(node.children) == 1:
        node = next(iter(node.children.values()))
    return getattr(node, "label", None) or type(node).__name__


def test_an_over_long_theme_is_refused_and_the_idea_not_saved(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    at = open_app("pages/contribute.py", participant=anna.token)
    widget(at.text_input, "Rubrik").input("Skidspår")
    widget(at.text_input, "Teman").input("x" * 61)
    widget(at.button, "Lägg till idén").click().run()
    assert errors(at) == ["Teman: är för lång (61 tecken, högst 60)."]
    assert count(app_store, Idea) == 0
    # The message sits right under the field, and what was typed is still there to correct.
    (form,) = [block for block in at.get("form")]
    labels = [_label(node) for node in form.children.values()]
    assert labels[labels.index("Teman") + 1] == "Error"
    assert widget(at.text_input, "Rubrik").value == "Skidspår"
    assert widget(at.text_input, "Teman").value == "x" * 61


def test_an_organisation_number_with_a_wrong_check_digit_is_refused_at_the_field(app_store):
    meeting = make_workshop(app_store)
    at = join_form(meeting, "new")
    widget(at.text_input, "Namn").input("Bo")
    widget(at.text_input, "Organisationens namn").input("Bos Såg AB")
    widget(at.text_input, "Organisationsnummer").input("556036-0794")
    widget(at.button, "Gå med").click().run()
    assert errors(at) == ["Organisationsnummer: kontrollsiffran stämmer inte – kontrollera numret."]
    assert count(app_store, Organisation) == 0 and count(app_store, Participant) == 0


def test_a_wrong_code_is_told_and_repeated_guesses_are_slowed_down(app_store):
    make_workshop(app_store)
    at = open_app()
    for _ in range(3):
        widget(at.text_input, "Kod").input("ZZZZZZ")
        widget(at.button, "Fortsätt").click().run()
        assert errors(at) == ["Kod: Det finns ingen workshop med den koden. Kontrollera koden på väggen."]
    widget(at.button, "Fortsätt").click().run()
    assert errors(at)[0].startswith("För många felaktiga försök. Vänta")


def test_joining_a_closed_workshop_is_refused(app_store):
    meeting = make_workshop(app_store)
    workshops.set_submissions_open(app_store, meeting.id, meeting.facilitator, False)
    at = join_form(meeting, "none")
    widget(at.text_input, "Namn").input("Cilla")
    widget(at.button, "Gå med").click().run()
    assert "Workshopen är stängd för nya bidrag just nu." in errors(at)
    assert count(app_store, Participant) == 0


def test_a_known_organisation_is_offered_instead_of_a_duplicate(app_store):
    meeting = make_workshop(app_store)
    join(app_store, meeting, "Anna", "Ramsbergs Bygdegårdsförening")
    at = join_form(meeting, "new")
    widget(at.text_input, "Namn").input("Bertil")
    widget(at.text_input, "Organisationens namn").input("ramsbergs bygdegårdsförening!")
    widget(at.button, "Gå med").click().run()
    assert "Ramsbergs Bygdegårdsförening finns redan" in texts(at)
    widget(at.button, "Använd Ramsbergs Bygdegårdsförening").click().run()
    assert count(app_store, Organisation) == 1 and count(app_store, Participant) == 2


def test_voting_beyond_ones_dots_is_refused_at_the_dots(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    first, second = add_idea(app_store, anna, "Skidspår"), add_idea(app_store, anna, "Bygdekök")
    voting.open_voting_round(app_store, meeting.id, meeting.facilitator, dots_per_participant=3, max_dots_per_idea=2)
    voting.set_dots(app_store, anna.token, first, 2)
    at = open_app("pages/wall.py", participant=anna.token)
    widget(at.selectbox, "Idé").set_value(second)
    widget(at.number_input, "Mina prickar").set_value(2)
    widget(at.button, "Lägg prickar").click().run()
    assert errors(at) == ["Prickar: du har bara 1 av 3 prickar kvar."]
    state = voting.voting_state(app_store, meeting.id, token=anna.token)
    assert state.my_dots == {first: 2}
    # The field shows what is saved, not the refused number, beside "1 av 3 prickar kvar".
    assert widget(at.number_input, "Mina prickar").value == 0
    assert "1 av 3 prickar kvar" in texts(at)


def test_a_wrong_facilitator_key_is_refused(app_store):
    meeting = make_workshop(app_store)
    at = open_app("pages/facilitate.py")
    widget(at.text_input, "Kod").input(meeting.created.join_code)
    widget(at.text_input, "Facilitatornyckel").input("AAAA-BBBB-CCCC-DDDD")
    widget(at.button, "Logga in").click().run()
    assert errors(at) == ["Facilitatornyckel: Fel facilitatornyckel."]
    assert "staff_token" not in at.session_state


def test_facilitator_pages_are_closed_without_the_key(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    # A participant following a link to a facilitator page (they are hidden from her menu, see
    # tests/e2e/test_identity.py) is told in Swedish whom it is for, and sees nothing of it.
    at = open_app(participant=anna.token)
    for page in ("pages/projector.py", "pages/moderate.py", "pages/voting_admin.py", "pages/network_map.py", "pages/constellations.py", "pages/insights.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert "Den här sidan är för facilitatorer" in texts(at)
        assert meeting.created.join_code not in texts(at) and not at.title
        assert [link.label for link in at.main.get("page_link")] == ["Leda en workshop"]


def test_participant_pages_ask_a_stranger_to_join_first(app_store):
    at = open_app()
    for page in ("pages/contribute.py", "pages/wall.py", "pages/mine.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert "Gå med i en workshop först" in texts(at) and not at.title
        assert [link.label for link in at.main.get("page_link")] == ["Gå med"]


def test_an_unreachable_database_gives_a_message_and_a_retry_not_a_stack_trace(tmp_path, monkeypatch):
    import streamlit as st

    from workshop.db import DATABASE_URL_VARIABLE

    # Nothing listens on port 9 of the loopback: the connection is refused at once.
    monkeypatch.setenv(DATABASE_URL_VARIABLE, "postgresql+psycopg://nobody:nothing@127.0.0.1:9/none?connect_timeout=2")
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.run()
        assert not at.exception
        assert errors(at) == ["Databasen svarar inte just nu (den kan vara upptagen). Inget har sparats – försök igen om en stund."]
        widget(at.button, "Försök igen").click().run()
        assert not at.exception and len(errors(at)) == 1
    finally:
        st.cache_resource.clear()


def test_a_locked_database_mid_page_gives_a_message_not_a_stack_trace(app_store, monkeypatch):
    from workshop.errors import DatabaseUnavailable
    from workshop.services import organisations

    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")

    def locked(*args, **kwargs):
        raise DatabaseUnavailable()

    monkeypatch.setattr(organisations, "list_localities", locked)  # the idea form, open first, lists the places
    at = open_app(participant=anna.token)
    at.switch_page("pages/contribute.py").run()
    assert not at.exception
    assert "Databasen svarar inte just nu" in errors(at)[0]


def test_an_empty_organisation_name_is_reported_at_the_organisation_name(app_store):
    meeting = make_workshop(app_store)
    at = join_form(meeting, "new")
    widget(at.text_input, "Namn").input("Bo")
    widget(at.button, "Gå med").click().run()
    assert errors(at) == ["Organisationens namn: måste fyllas i."]
    assert count(app_store, Participant) == 0
