"""Each page does what its user came for."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import errors, open_app, open_my_idea, open_tab, texts, wall_cards, widget
from workshop.errors import AlreadySubmitted
from workshop.services import contributions, views, voting


def test_the_start_page_speaks_english_when_chosen(app_store):
    at = open_app()
    at.selectbox(key="app_language_picker").set_value("en").run()
    assert not at.exception
    assert "Join a workshop" in texts(at)
    assert widget(at.text_input, "Code")


def test_a_joined_participant_sees_who_they_are_and_can_leave(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    at = open_app(participant=anna.token)
    assert "Du är med i Framtidens Ramsberg som Anna Berg (Ramsbergs IF)." in texts(at)
    widget(at.button, "Lämna workshopen på den här enheten").click().run()
    assert "participant_token" not in at.session_state
    assert "Gå med i en workshop" in texts(at)


def test_my_contributions_lists_only_mine_and_edits_and_deletes_them(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    bo = join(app_store, meeting, "Bo", "Ramsbergs Såg AB", kind="company")
    mine = add_idea(app_store, anna, "Skidspår")
    add_idea(app_store, bo, "Sågverksmuseum")
    at = open_app("pages/mine.py", participant=anna.token)
    assert [e.label for e in at.expander] == ["Skidspår"]
    assert at.text_input == []  # a closed idea sends only its title
    open_my_idea(at, mine)
    widget(at.text_input, "Rubrik").input("Belysta skidspår")
    widget(at.button, "Spara").click().run()
    assert "Klart." in texts(at)
    titles = {i.id: i.title for i in views.wall(app_store, meeting.id).ideas}
    assert titles[mine] == "Belysta skidspår" and "Sågverksmuseum" in titles.values()
    widget(at.button, "Ta bort").click().run()
    widget(at.button, "Ja, ta bort").click().run()  # deleting asks first
    assert [i.title for i in views.wall(app_store, meeting.id).ideas] == ["Sågverksmuseum"]


def test_the_wall_shows_ideas_with_their_partners_and_needs(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    idea = add_idea(app_store, anna, "Bygdekök", needs={"premises": ["kök"]}, themes="mat")
    contributions.commit_to_idea(app_store, anna.token, idea, role="initiator")
    at = open_app("pages/wall.py", participant=anna.token)
    shown = texts(at)
    assert "Bygdekök" in shown and "Lokaler: kök" in shown and "Ramsbergs IF (Initiativtagare)" in shown


def test_the_facilitator_hides_an_idea_and_participants_no_longer_see_it(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    add_idea(app_store, anna, "Olämplig idé")
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    widget(at.button, "Dölj").click().run()
    assert "Ändringen är sparad." in texts(at)
    assert views.wall(app_store, meeting.id).ideas == ()
    overview = next(h.value for h in open_tab(at, "Alla idéer").html if "pb-moderate-overview" in h.value)
    assert "<td>Olämplig idé</td><td>Idé</td><td>Dold</td>" in overview


def test_the_facilitator_closes_submissions_and_new_ideas_are_refused(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    at.toggle(key="moderate_open_toggle").set_value(False).run()
    page = open_app("pages/contribute.py", participant=anna.token)
    widget(page.text_input, "Rubrik").input("Sent påkommen idé")
    widget(page.button, "Lägg till idén").click().run()
    assert errors(page) == ["Workshopen är stängd för nya bidrag just nu."]


def test_the_facilitator_runs_rounds_and_reveals_results(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    idea = add_idea(app_store, anna, "Bygdekök")
    voting.open_voting_round(app_store, meeting.id, meeting.facilitator, dots_per_participant=3, max_dots_per_idea=3)
    voting.set_dots(app_store, anna.token, idea, 3)
    wall = open_app("pages/wall.py", participant=anna.token)
    assert not [c for c in wall_cards(wall) if "Prickar: 3" in c["text"]]  # results hidden until revealed
    admin = open_app("pages/voting_admin.py", facilitator=meeting.facilitator)
    widget(admin.button, "Visa resultatet").click().run()
    widget(admin.button, "Stäng omgången").click().run()
    wall = open_app("pages/wall.py", participant=anna.token)
    assert [c["text"].count("Prickar: 3") for c in wall_cards(wall)] == [1]
    assert "Röstningsomgång 1 är stängd." in texts(wall)


def test_the_facilitator_carries_an_earlier_idea_forward(app_store):
    import datetime as dt

    first = make_workshop(app_store, date=dt.date(2026, 9, 1))
    anna = join(app_store, first, "Anna", "Ramsbergs IF")
    idea = add_idea(app_store, anna, "Bygdekök")
    second = make_workshop(app_store, title="Uppföljning", date=dt.date(2026, 10, 1))
    at = open_tab(open_app("pages/moderate.py", facilitator=second.facilitator), "För vidare idéer")
    at.session_state["moderate_carry_pick"] = idea
    at.run()
    widget(at.button, "För vidare").click().run()
    wall = views.wall(app_store, second.id)
    assert [(i.title, i.carried) for i in wall.ideas] == [("Bygdekök", True)]


def test_the_first_start_on_an_empty_database_loads_the_demo_process(tmp_path, monkeypatch):
    import streamlit as st

    from workshop.db import DATABASE_URL_VARIABLE, create_store
    from workshop.services import workshops

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
    monkeypatch.setenv("PROJEKTBEREDSKAP_LOAD_DEMO", "1")
    st.cache_resource.clear()
    try:
        at = open_app()
        widget(at.text_input, "Kod").input("febrtk")
        widget(at.button, "Fortsätt").click().run()
        assert "Välkommen till Fellingsbro" in texts(at)
        assert [w.locality for w in workshops.list_workshops(create_store(url))] == ["Ramsberg", "Vedevåg", "Fellingsbro"]
    finally:
        st.cache_resource.clear()


def test_a_participant_says_what_their_organisation_offers_and_it_covers_a_need(app_store):
    from workshop.network.snapshot import Capability
    from workshop.services.network import read_snapshot

    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    at = open_tab(open_app("pages/contribute.py", participant=anna.token), "Vårt erbjudande")
    widget(at.text_input, "Lokaler vi erbjuder").input("Klubbstuga, kök")
    widget(at.button, "Spara").click().run()
    assert "Sparat" in texts(at), errors(at)
    (organisation,) = read_snapshot(app_store).organisations
    assert organisation.offers == {Capability("premises", "klubbstuga"), Capability("premises", "kök")}


def wall_titles(at) -> list[str]:
    return [card["title"] for card in wall_cards(at)]


def test_a_long_wall_shows_the_newest_ideas_a_page_at_a_time(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for number in range(1, 21):
        add_idea(app_store, anna, f"Idé {number}")
    at = open_app("pages/wall.py", participant=anna.token)
    # Newest first, fifteen at a time.
    assert wall_titles(at) == [f"Idé {n}" for n in range(20, 5, -1)]
    assert "Idéer som visas: 15 av 20, de nyaste först." in texts(at)
    widget(at.button, "Visa 5 till").click().run()
    assert wall_titles(at) == [f"Idé {n}" for n in range(20, 0, -1)]
    assert not [b for b in at.button if b.label.startswith("Visa ")]


def test_the_wall_finds_an_idea_by_any_word_remembered_of_it(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    add_idea(app_store, anna, "Bygdekök i skolan", locality="Ramsberg", themes=["mat"])
    add_idea(app_store, anna, "Cykelled längs ån", locality="Vedevåg", description="Skyltad led.")
    at = open_app("pages/wall.py", participant=anna.token)
    widget(at.text_input, "Sök bland idéerna").input("VEDEVÅG led").run()
    assert wall_titles(at) == ["Cykelled längs ån"]
    assert "Idéer som visas: 1 av 1, de nyaste först." in texts(at)
    widget(at.text_input, "Sök bland idéerna").input("simhall").run()
    assert wall_titles(at) == []
    assert "Ingen idé innehåller ”simhall”." in texts(at)


def test_the_facilitator_is_warned_while_the_join_link_says_localhost_and_the_wall_keeps_the_address_picked(app_store, monkeypatch):
    # AppTest has no browser URL: the app falls back to http://localhost:8501, as a laptop does.
    from workshop import addresses

    monkeypatch.delenv("PROJEKTBEREDSKAP_PUBLIC_URL", raising=False)
    monkeypatch.setattr(addresses, "machine_addresses", lambda: ["192.168.1.20"])
    meeting = make_workshop(app_store)
    at = open_app("pages/facilitate.py", facilitator=meeting.facilitator)
    assert "bara den här datorn når" in texts(at)
    wall = open_app("pages/projector.py", facilitator=meeting.facilitator)
    assert "bara den här datorn når" not in texts(wall)  # the room does not read staff notices
    assert f"http://localhost:8501/?code={meeting.join_code}" in texts(wall)

    at.selectbox(key="join_address_pick").set_value("http://192.168.1.20:8501").run()

    assert not at.exception
    assert "bara den här datorn når" not in texts(at)
    # A reload or a new tab is a new session: the address is kept with the workshop.
    again = open_app("pages/projector.py", facilitator=meeting.facilitator)
    assert f"http://192.168.1.20:8501/?code={meeting.join_code}" in texts(again)


def test_a_configured_public_address_needs_no_warning(app_store, monkeypatch):
    monkeypatch.setenv("PROJEKTBEREDSKAP_PUBLIC_URL", "https://projektberedskap.lindesberg.se")
    meeting = make_workshop(app_store)
    at = open_app("pages/projector.py", facilitator=meeting.facilitator)

    assert "bara den här datorn når" not in texts(at)
    assert f"https://projektberedskap.lindesberg.se/?code={meeting.join_code}" in texts(at)


def test_a_second_tap_on_add_idea_stores_the_idea_once_and_the_form_comes_back_empty(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    at = open_app("pages/contribute.py", participant=anna.token)
    widget(at.text_input, "Rubrik").input("Skidspår runt sjön")
    widget(at.button, "Lägg till idén").click().run()
    assert "Sparat – det syns nu på väggen." in texts(at)
    assert widget(at.text_input, "Rubrik").value == ""  # nothing left to send twice

    # A slow phone sends the same idea again (as a second tap before the page redraws does).
    with pytest.raises(AlreadySubmitted):
        contributions.add_idea(app_store, anna.token, title="Skidspår runt sjön", description="")
    widget(at.text_input, "Rubrik").input("Skidspår runt sjön")
    widget(at.button, "Lägg till idén").click().run()

    assert not at.exception
    assert "Sparat – det syns nu på väggen." in texts(at)  # the first press's result, not an error
    assert [c.title for c in views.wall(app_store, meeting.id).ideas] == ["Skidspår runt sjön"]


def test_after_results_are_revealed_the_participants_wall_is_sorted_by_dots(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    older, newer = add_idea(app_store, anna, "Bygdekök"), add_idea(app_store, anna, "Skidspår")
    voting_round = voting.open_voting_round(app_store, meeting.id, meeting.facilitator, dots_per_participant=4, max_dots_per_idea=3)
    voting.set_dots(app_store, anna.token, older, 3)
    voting.set_dots(app_store, anna.token, newer, 1)
    hidden = open_app("pages/wall.py", participant=anna.token)
    assert wall_titles(hidden)[:2] == ["Skidspår", "Bygdekök"]  # newest first

    voting.reveal_results(app_store, meeting.id, meeting.facilitator, voting_round.id)
    wall = open_app("pages/wall.py", participant=anna.token)

    assert wall_titles(wall)[:2] == ["Bygdekök", "Skidspår"]
