"""Forms that forgive (issue 23): a second press shows what the first saved, never a second
record or an error; a long paste is cut with a message, never dropped; the participant
address is kept with the workshop."""

from __future__ import annotations

import datetime as dt

from tests.factories import coordinator_token, count, join, make_company, make_workshop
from tests.pages.conftest import errors, open_app, texts, wall_cards, widget
from workshop.models import Idea, MaturityAssessment, Workshop
from workshop.services import contributions, hall_address, workshops


def create_workshop(at, title: str = "Framtidens Ramsberg", challenge: str = "Hur blir idéer projekt?"):
    widget(at.text_input, "Rubrik").input(title)
    widget(at.text_area, "Utmaningsfråga").input(challenge)
    at.selectbox(key="kept:coordinator_create_form.locality").set_value("Ramsberg")
    widget(at.button, "Skapa workshop").click().run()
    assert not at.exception, at.exception
    return at


def test_a_created_workshop_keeps_its_key_on_screen_until_dismissed_and_hides_the_form(app_store):
    at = open_app("pages/coordinator.py", coordinator=coordinator_token(app_store))
    create_workshop(at)
    key = at.code[0].value

    at.run()  # any other click: the key is still there, and there is no form to press again
    assert key in [c.value for c in at.code]
    assert "Skapa workshop" not in [b.label for b in at.button]

    widget(at.button, "Jag har skrivit upp nyckeln – skapa en till").click().run()
    assert key not in [c.value for c in at.code]
    assert "Skapa workshop" in [b.label for b in at.button]


def test_creating_the_same_workshop_twice_makes_one_and_shows_the_first_key(app_store):
    at = open_app("pages/coordinator.py", coordinator=coordinator_token(app_store))
    create_workshop(at)
    first_key = at.code[0].value
    widget(at.button, "Jag har skrivit upp nyckeln – skapa en till").click().run()

    create_workshop(at)  # the second press, with the same values

    assert count(app_store, Workshop) == 1
    assert at.code[0].value == first_key
    assert not errors(at)


def test_a_second_tap_on_the_emptied_idea_form_shows_the_saved_idea_not_an_error(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    at = open_app("pages/contribute.py", participant=anna.token)
    widget(at.text_input, "Rubrik").input("Bygdekök i skolan")
    widget(at.button, "Lägg till idén").click().run()
    assert "Sparat – det syns nu på väggen." in texts(at)

    widget(at.button, "Lägg till idén").click().run()  # the double tap lands on the empty form

    assert not errors(at), errors(at)
    assert "Sparat – det syns nu på väggen." in texts(at)
    assert count(app_store, Idea) == 1


def test_an_empty_idea_form_pressed_long_after_a_save_still_says_what_is_missing(app_store, monkeypatch):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    at = open_app("pages/contribute.py", participant=anna.token)
    widget(at.text_input, "Rubrik").input("Bygdekök i skolan")
    widget(at.button, "Lägg till idén").click().run()
    monkeypatch.setattr("ui.forms.BLANK_REPEAT_SECONDS", 0.0)

    widget(at.button, "Lägg till idén").click().run()

    assert errors(at) == ["Rubrik: måste fyllas i."]


def test_after_one_person_leaves_a_shared_phone_the_next_one_is_not_joined_as_them(app_store):
    meeting = make_workshop(app_store)
    at = open_app()
    at.session_state["home_workshop_id"] = meeting.id
    at.run()
    at.radio(key="home_org_mode").set_value("none").run()
    widget(at.text_input, "Namn").input("Anna Berg")
    widget(at.button, "Gå med").click().run()
    assert "Anna Berg" in texts(at)
    widget(at.button, "Lämna workshopen på den här enheten").click().run()
    at.session_state["home_workshop_id"] = meeting.id
    at.run()
    at.radio(key="home_org_mode").set_value("none").run()

    widget(at.button, "Gå med").click().run()  # the next person presses at once, name not typed

    assert errors(at) == ["Namn: måste fyllas i."]


def test_a_pasted_title_over_160_characters_is_kept_cut_at_the_limit_with_a_message(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    at = open_app("pages/contribute.py", participant=anna.token)
    pasted = "Bygdekök i skolan där föreningarna lagar mat tillsammans " * 4  # 228 characters
    widget(at.text_input, "Rubrik").input(pasted)
    widget(at.button, "Lägg till idén").click().run()

    assert widget(at.text_input, "Rubrik").value == pasted[:160]
    assert errors(at) == [f"Rubrik fick {len(pasted)} tecken, men högst 160 får plats: texten är kortad till 160. Läs slutet och tryck igen för att spara."]
    assert count(app_store, Idea) == 0  # nothing saved from the press that was cut

    widget(at.button, "Lägg till idén").click().run()

    assert "Sparat – det syns nu på väggen." in texts(at)
    assert [title for (title,) in app_store.engine.connect().exec_driver_sql("select title from ideas")] == [pasted[:160].strip()]


def test_the_projected_wall_shows_no_demo_banner_while_the_facilitators_page_does(app_store):
    token = coordinator_token(app_store)
    created = workshops.create_workshop(app_store, token, title="Demoträff", challenge="Hur?", date=dt.date(2026, 11, 30), locality="Ramsberg", is_demo=True)
    banner = "Här finns demodata"

    wall = open_app("pages/projector.py", coordinator=token, leading=created.workshop_id)
    assert created.join_code in texts(wall)
    assert banner not in texts(wall)

    own = open_app("pages/facilitate.py", coordinator=token, leading=created.workshop_id)
    assert banner in texts(own)


def test_a_companys_survey_link_uses_the_hall_address_the_coordinator_picked(app_store, monkeypatch):
    monkeypatch.delenv("PROJEKTBEREDSKAP_PUBLIC_URL", raising=False)
    token = coordinator_token(app_store)
    make_company(app_store, "Ramsbergs Smide AB")
    hall_address.set_default_address(app_store, token, "http://192.168.1.20:8501")
    at = open_app("pages/companies_maturity.py", coordinator=token)

    widget(at.button, "Skapa länk").click().run()

    assert not at.exception
    assert [c.value for c in at.code if "/enkat?kod=" in c.value][0].startswith("http://192.168.1.20:8501/enkat?kod=")


def test_a_long_description_on_the_wall_is_whole_for_a_wide_screen_and_folded_under_show_more_for_a_phone(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    long_text = "Köket i skolan står tomt på kvällarna och kan bli bygdens. " * 60  # about 3 500 characters
    contributions.add_idea(app_store, anna.token, title="Bygdekök i skolan", description=long_text)
    at = open_app("pages/wall.py", participant=anna.token)

    (card,) = wall_cards(at)
    assert long_text.strip() in card["text"]  # whole, for a wide screen (the stylesheet picks: tests/e2e)
    (block,) = [h.value for h in at.html if "pb-fold" in h.value]
    fold = block.split('<div class="pb-fold">', 1)[1]
    shown, folded = fold.split("<summary>Visa mer</summary>", 1)
    assert len(shown) < 700 and "…" in shown  # the phone's card itself stays short
    assert long_text.strip()[-40:] in folded  # nothing is lost, one tap away


def test_pressing_make_link_twice_makes_one_survey_link(app_store):
    token = coordinator_token(app_store)
    make_company(app_store, "Ramsbergs Smide AB")
    at = open_app("pages/companies_maturity.py", coordinator=token)
    widget(at.button, "Skapa länk").click().run()
    first = [c.value for c in at.code if "/enkat?kod=" in c.value]

    widget(at.button, "Skapa länk").click().run()

    assert count(app_store, MaturityAssessment) == 1
    assert [c.value for c in at.code if "/enkat?kod=" in c.value] == first
