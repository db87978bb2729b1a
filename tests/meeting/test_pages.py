"""The run of show's pages through AppTest: the facilitator prepares and runs the meeting,
the wall shows the phase and the results, a participant's phone follows by itself."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, commit, join, make_workshop, open_round
from tests.pages.conftest import errors, open_app, texts, widget
from ui.live import workshop_revision
from workshop.i18n import Translator
from workshop.meeting import service as meeting
from workshop.services import voting

sv = Translator("sv")


@pytest.fixture
def ramsberg(app_store):
    return make_workshop(app_store, title="Framtidens Ramsberg")


def a_second_later() -> None:
    """The shared revision read is at most a second old (ui/live.py): as it is once that second passed."""
    workshop_revision.clear()


def _click(at, label):
    widget(at.button, label).click().run()
    assert not at.exception, at.exception
    return at


def test_the_facilitator_takes_the_template_and_starts_the_meeting(app_store, ramsberg):
    at = open_app("pages/run_of_show.py", facilitator=ramsberg.facilitator)
    assert sv("meeting.empty") in texts(at)

    _click(at, sv("meeting.use_template"))
    assert [e.label.split(" · ")[0] for e in at.expander if e.label[0].isdigit()] == [
        "1. Utmaningen", "2. Idéer", "3. Vem vet vad", "4. Prioritera med prickar", "5. Konstellationer och åtaganden", "6. Nästa steg"
    ]
    _click(at, sv("meeting.start", title="Utmaningen"))

    assert sv("meeting.now", title="Utmaningen") in texts(at)
    assert meeting.meeting_state(app_store, ramsberg.id).current.title == "Utmaningen"
    _click(at, sv("meeting.next", title="Idéer"))
    assert sv("meeting.now", title="Idéer") in texts(at)


def test_an_empty_title_is_refused_under_the_field_and_the_phase_keeps_its_own(app_store, ramsberg):
    meeting.use_template(app_store, ramsberg.id, ramsberg.facilitator)
    at = open_app("pages/run_of_show.py", facilitator=ramsberg.facilitator)

    widget(at.text_input, sv("field.title")).set_value("   ")
    widget(at.button, sv("meeting.save")).click().run()

    assert not at.exception
    assert sv("errors.required") in " ".join(errors(at))
    assert meeting.meeting_state(app_store, ramsberg.id).phases[0].title == "Utmaningen"


def test_a_phase_edited_on_the_page_keeps_what_was_not_changed(app_store, ramsberg):
    first = meeting.use_template(app_store, ramsberg.id, ramsberg.facilitator).phases[0]
    at = open_app("pages/run_of_show.py", facilitator=ramsberg.facilitator)

    widget(at.number_input, sv("meeting.field.minutes")).set_value(15)
    widget(at.button, sv("meeting.save")).click().run()

    after = meeting.meeting_state(app_store, ramsberg.id).phases[0]
    assert (after.title, after.instruction, after.form, after.minutes) == (first.title, first.instruction, first.form, 15)


def test_the_wall_shows_the_running_phase_its_instruction_and_a_countdown(app_store, ramsberg):
    meeting.use_template(app_store, ramsberg.id, ramsberg.facilitator)
    meeting.next_phase(app_store, ramsberg.id, ramsberg.facilitator, seen=None)

    at = open_app("pages/projector.py", facilitator=ramsberg.facilitator)

    shown = texts(at)
    assert "Utmaningen" in shown and "Vi läser utmaningen tillsammans." in shown
    assert 'data-testid="pb-countdown"' in shown and sv("meeting.step", number=1, total=6) in shown


def test_a_phone_opens_the_form_of_the_new_phase_by_itself(app_store, ramsberg):
    state = meeting.use_template(app_store, ramsberg.id, ramsberg.facilitator)
    anna = join(app_store, ramsberg, "Anna Berg", "Ramsbergs IF")
    at = open_app("pages/wall.py", participant=anna.token)
    assert at.title[0].value == sv("wall.title")

    meeting.next_phase(app_store, ramsberg.id, ramsberg.facilitator, seen=None)  # Utmaningen: the wall
    meeting.next_phase(app_store, ramsberg.id, ramsberg.facilitator, seen=state.phases[0].id)  # Idéer
    meeting.next_phase(app_store, ramsberg.id, ramsberg.facilitator, seen=state.phases[1].id)  # Vem vet vad
    a_second_later()
    at.run()  # the follower sees the change and the app opens the phase's form

    assert not at.exception, at.exception
    assert at.title[0].value == sv("contribute.title")
    # Not the first tab (a new idea) but the one the phase is about: tacit knowledge.
    assert widget(at.radio, sv("field.subject")) and not [e for e in at.text_input if e.label == sv("field.title")]
    # Between changes the phone goes wherever it likes: the wall stays the wall.
    at.switch_page("pages/wall.py").run()
    at.run()
    assert at.title[0].value == sv("wall.title")


def _revealed(app_store, ramsberg):
    anna = join(app_store, ramsberg, "Anna Berg", "Ramsbergs IF")
    kitchen = add_idea(app_store, anna, "Bygdekök i skolan", needs=[{"category": "premises", "label": "lokal"}])
    commit(app_store, anna, kitchen, role="possible_owner")
    voting_round = open_round(app_store, ramsberg, dots=5, per_idea=3)
    voting.set_dots(app_store, anna.token, kitchen, 3)
    voting.reveal_results(app_store, ramsberg.id, ramsberg.facilitator, voting_round.id)
    return anna, voting_round


def test_the_facilitator_starts_and_ends_the_results_view_from_the_voting_page(app_store, ramsberg):
    _revealed(app_store, ramsberg)
    at = open_app("pages/voting_admin.py", facilitator=ramsberg.facilitator)

    _click(at, sv("meeting.results.start"))
    assert sv("meeting.results.on_wall") in texts(at)
    wall = open_app("pages/projector.py", facilitator=ramsberg.facilitator)
    shown = texts(wall)
    assert sv("meeting.results.heading", number=1) in shown and "Bygdekök i skolan" in shown
    assert sv("meeting.lacks.capability", capability="lokal") in shown

    _click(at, sv("meeting.results.end"))
    assert meeting.meeting_state(app_store, ramsberg.id).results is None


def test_a_phone_shows_the_same_results_list(app_store, ramsberg):
    anna, voting_round = _revealed(app_store, ramsberg)
    at = open_app("pages/results.py", participant=anna.token)
    assert sv("meeting.results.not_now") in texts(at)

    meeting.start_results(app_store, ramsberg.id, ramsberg.facilitator, voting_round.id)
    a_second_later()
    at.run()

    shown = texts(at)
    assert "Bygdekök i skolan" in shown and sv("projector.dots", count=3) in shown


def test_a_phone_that_just_joined_follows_from_the_start_page(app_store, ramsberg):
    meeting.use_template(app_store, ramsberg.id, ramsberg.facilitator)
    anna = join(app_store, ramsberg, "Anna Berg", "Ramsbergs IF")
    at = open_app(participant=anna.token)  # on the start page, "Du är med i …"

    meeting.next_phase(app_store, ramsberg.id, ramsberg.facilitator, seen=None)  # Utmaningen: the wall
    a_second_later()
    at.run()

    assert not at.exception, at.exception
    assert at.title[0].value == sv("wall.title")


def test_the_next_village_copies_a_sequence_from_the_page(app_store, ramsberg):
    meeting.use_template(app_store, ramsberg.id, ramsberg.facilitator)
    vedevag = make_workshop(app_store, title="Framtidens Vedevåg", locality="Vedevåg")
    at = open_app("pages/run_of_show.py", facilitator=vedevag.facilitator)

    widget(at.selectbox, sv("meeting.copy_from")).set_value(ramsberg.id).run()
    _click(at, sv("meeting.copy"))

    assert [p.title for p in meeting.meeting_state(app_store, vedevag.id).phases][:2] == ["Utmaningen", "Idéer"]
    assert sv("meeting.start", title="Utmaningen") in [b.label for b in at.button]
