"""The room on the day (issue 10): words people read on the walls and pages."""

from __future__ import annotations

from tests.factories import add_idea, commit, join, make_workshop
from tests.pages.conftest import open_app, open_tab, texts, widget
from workshop.privacy.erasure import delete_myself
from workshop.services import views


def test_a_private_person_is_named_once_not_with_their_own_name_as_organisation(app_store):
    meeting = make_workshop(app_store)
    person = join(app_store, meeting, "Test Person")  # no organisation: a private person
    add_idea(app_store, person, "Bygdekök")

    start = texts(open_app(participant=person.token))
    contribute = texts(open_app("pages/contribute.py", participant=person.token))
    wall = texts(open_app("pages/wall.py", participant=person.token))
    projector = texts(open_app("pages/projector.py", facilitator=meeting.facilitator))

    for text in (start, contribute, wall, projector):
        assert "Test Person, Test Person" not in text and "Test Person (Test Person)" not in text
    assert "Du bidrar som Test Person." in contribute
    assert "Du är med i Framtidens Ramsberg som Test Person." in start


def test_an_erased_author_reads_a_participant_on_english_walls(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    bo = join(app_store, meeting, "Bo Ek")
    idea = add_idea(app_store, bo, "Bygdekök")
    commit(app_store, bo, idea, "partner")
    delete_myself(app_store, bo.token, remove_contributions=False)

    wall = texts(open_app("pages/wall.py", participant=anna.token, language="en"))
    projector = texts(open_app("pages/projector.py", facilitator=meeting.facilitator, language="en"))

    assert "From A participant" in wall
    assert "A participant" in projector and "With: A participant" in projector
    assert "En deltagare" not in wall + projector


def test_the_offers_tab_and_the_contribution_field_say_different_things_from_the_role(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    add_idea(app_store, anna, "Bygdekök")
    at = open_app("pages/contribute.py", participant=anna.token)
    tabs = [tab.label for tab in at.tabs]
    at = open_tab(at, "Vi vill vara med")
    labels = [w.label for w in at.text_input] + tabs
    roles = [option for radio in at.radio for option in radio.options]

    assert "Kan bidra med …" in roles
    assert not any("bidra med" in label.casefold() for label in labels), labels
    assert widget(at.text_input, "Vad ni bidrar med till idén")


def test_delete_asks_first_and_cancel_keeps_the_note(app_store):
    from tests.factories import add_note

    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    add_note(app_store, anna, "Smedjan står tom.")
    at = open_app("pages/mine.py", participant=anna.token)

    widget(at.button, "Ta bort").click().run()
    assert "Vill du verkligen ta bort det här?" in texts(at)
    assert len(views.wall(app_store, meeting.id).notes) == 1  # one tap deletes nothing
    widget(at.button, "Avbryt").click().run()
    assert len(views.wall(app_store, meeting.id).notes) == 1

    widget(at.button, "Ta bort").click().run()
    widget(at.button, "Ja, ta bort").click().run()
    assert not at.exception
    assert views.wall(app_store, meeting.id).notes == ()


def test_a_withdrawn_commitment_comes_back_with_undo(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    idea = add_idea(app_store, anna, "Bygdekök")
    commit(app_store, anna, idea, "contributor", "Lokaler")
    at = open_app("pages/mine.py", participant=anna.token)

    widget(at.button, "Dra tillbaka").click().run()
    assert _commitments(app_store, meeting) == [("Ramsbergs IF", "contributor", "Lokaler")]
    widget(at.button, "Ja, ta bort").click().run()
    assert _commitments(app_store, meeting) == []
    widget(at.button, "Ångra").click().run()

    assert not at.exception
    assert _commitments(app_store, meeting) == [("Ramsbergs IF", "contributor", "Lokaler")]


def _commitments(store, meeting):
    return [(c.organisation_name, c.role, c.contribution) for i in views.wall(store, meeting.id).ideas for c in i.commitments]
