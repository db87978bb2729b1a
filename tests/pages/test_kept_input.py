"""Nothing typed is lost (issue 22): every form where people type keeps their input across a
failed save, a retry, and a run that met a database so far gone that the form was not drawn;
once the database answers, the same press of the button saves it.

The failed save is a real SQLite write lock held by the test (the app's busy timeout shortened
to 0.3 s so each case costs a moment, not ten seconds); the database that is gone altogether
refuses every unit of work, as an unreachable server does.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable

import pytest
from sqlalchemy import select

import workshop.db
from tests.factories import add_assessment, add_idea, coordinator_token, join, make_company, make_workshop  # noqa: F401
from tests.pages.conftest import APP, errors, open_app, open_my_idea, open_tab, texts, widget
from ui.live import workshop_revision
from ui.store import process_revision
from workshop.db import Store
from workshop.errors import DatabaseUnavailable
from workshop.i18n import Translator
from workshop.leader import service as leader
from workshop.models import Idea, Organisation, Person, Workshop

sv = Translator("sv")
UNAVAILABLE = sv("errors.database_unavailable")
WAITING = sv("recovery.waiting")


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch, app_store):
    # The app's engine is made on its first run, after this: a held lock fails a write in 0.3 s.
    monkeypatch.setattr(workshop.db, "SQLITE_BUSY_TIMEOUT_MS", 300)


@contextmanager
def locked(store: Store):
    """Someone else holds the write lock: reads go on (WAL), every write waits and gives up."""
    blocker = sqlite3.connect(store.engine.url.database, isolation_level=None, timeout=1)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        blocker.rollback()
        blocker.close()


def refused(*args, **kwargs):
    raise DatabaseUnavailable()


@contextmanager
def gone(monkeypatch, *, revision_expired: bool = False):
    """The database does not answer at all: every unit of work fails, the health check says no.

    ``revision_expired``: the retry comes more than a second later, so the process's revision
    and the workshop's (read at most once a second for all sessions) are asked again; a page whose
    lists are all cached per revision (the coordinator's, Moderera's) then meets the outage as it
    would in a browser, whatever the time the test takes.
    """

    with monkeypatch.context() as patch:
        patch.setattr(Store, "unit_of_work", refused)
        patch.setattr(Store, "answers", lambda self: False)
        if revision_expired:
            process_revision.clear()
            workshop_revision.clear()
        yield


def one(store: Store, statement):
    with store.unit_of_work() as session:
        return session.execute(statement).one()


@dataclass
class Form:
    """A form where people type: how to open it, what to type, the button, and what a save stores."""

    name: str
    open: Callable[[Store], tuple[Any, Any]]  # → (the app on the form, what ``stored`` needs)
    typed: dict[tuple[str, str], Any]  # (widget kind, label) → value
    button: str
    stored: Callable[[Store, Any], tuple]
    cached: bool = False  # the page reads only through caches keyed on the process's or the workshop's revision


def _mine(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    idea = add_idea(store, anna, "Skidspår", description="Ett spår.")
    return open_my_idea(open_app("pages/mine.py", participant=anna.token), idea), idea


def _moderate(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    idea = add_idea(store, anna, "Skidspår", description="Ett spår.")
    return open_tab(open_app("pages/moderate.py", facilitator=meeting.facilitator), sv("staff_light.tab.idea_edit")), idea


def _join(store):
    meeting = make_workshop(store)
    at = open_app()
    widget(at.text_input, "Kod").input(meeting.join_code)
    widget(at.button, "Fortsätt").click().run()
    at.radio(key="home_org_mode").set_value("new").run()
    return at, meeting


def _leader_card(store):
    meeting = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    hanna = join(store, meeting, "Hanna", "Vedevågs hembygdsförening", locality="Vedevåg")
    idea = add_idea(store, hanna, "Öppen verkstad", locality="Vedevåg")
    return open_app("pages/leader_card.py", facilitator=meeting.facilitator), (meeting, idea)


def _offers(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    return open_tab(open_app("pages/contribute.py", participant=anna.token), sv("contribute.tab.offers")), anna.organisation_id


def _new_idea(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    return open_app("pages/contribute.py", participant=anna.token), None


def _moderate_leader(store):
    at, idea = _moderate(store)
    return open_tab(at, sv("moderate.tab.idea_leader")), idea


def _new_workshop(store):
    make_workshop(store)  # an earlier meeting: its place is in the list
    return open_app("pages/coordinator.py", coordinator=coordinator_token(store)), None


def _card(store, where):
    meeting, idea = where
    card = leader.card_view(store, meeting.id, meeting.facilitator, idea).facts.card
    return card.innovation, card.activities, card.support_sought_sek


FORMS = [
    Form(
        "the idea edit form under Mina bidrag",
        _mine,
        {("text_input", "Rubrik"): "Skidspår runt sjön", ("text_area", "Beskrivning"): "Ett preparerat spår på isen varje vinter."},
        "Spara",
        lambda store, idea: tuple(one(store, select(Idea.title, Idea.description).where(Idea.id == idea))),
    ),
    Form(
        "the idea edit form under moderation",
        _moderate,
        {("text_input", "Rubrik"): "Skidspår runt sjön", ("text_area", "Beskrivning"): "Ett preparerat spår på isen varje vinter."},
        "Spara",
        lambda store, idea: tuple(one(store, select(Idea.title, Idea.description).where(Idea.id == idea))),
    ),
    Form(
        "the join form",
        _join,
        {("text_input", "Namn"): "Bo Ek", ("text_input", "Organisationens namn"): "Ramsbergs bageri", ("text_input", sv("field.email")): "bo@example.se", ("checkbox", sv("privacy.consent")): True},
        "Gå med",
        lambda store, meeting: (*one(store, select(Person.name, Person.email, Organisation.name).join(Organisation, Person.organisation_id == Organisation.id)), True),
    ),
    Form(
        "the LEADER card",
        _leader_card,
        {
            ("text_area", sv("leader.field.innovation")): "Ingen verkstad finns inom tre mil.",
            ("text_area", sv("leader.field.activities")): "Öppet två kvällar i veckan.",
            ("number_input", sv("leader.field.support_sought_sek")): 120_000,
        },
        "Spara",
        _card,
    ),
    Form(
        "the idea's LEADER details under moderation",
        _moderate_leader,
        {("text_area", sv("field.innovation")): "Första preparerade isspåret i kommunen.", ("number_input", sv("field.budget_sek")): 250_000},
        "Spara",
        lambda store, idea: tuple(one(store, select(Idea.innovation, Idea.budget_sek).where(Idea.id == idea))),
        cached=True,
    ),
    Form(
        "a coordinator's new workshop",
        _new_workshop,
        {("text_input", "Rubrik"): "Framtidens Ljusnarsberg", ("text_area", sv("field.challenge")): "Hur får fler unga jobb här?", ("selectbox", "Ort"): "Ramsberg"},
        sv("facilitate.create"),
        lambda store, _: tuple(one(store, select(Workshop.title, Workshop.challenge, Workshop.locality).where(Workshop.title == "Framtidens Ljusnarsberg"))),
        cached=True,
    ),
    Form(
        "the organisation's offers",
        _offers,
        {("text_area", sv("field.org_description")): "Idrottsförening med klubbstuga vid sjön."},
        sv("contribute.save_offers"),
        lambda store, organisation: tuple(one(store, select(Organisation.description).where(Organisation.id == organisation))),
    ),
    Form(
        "a new idea",
        _new_idea,
        {("text_input", "Rubrik"): "Skidspår runt sjön", ("text_area", "Beskrivning"): "Ett preparerat spår på isen varje vinter."},
        sv("contribute.add_idea"),
        lambda store, _: tuple(one(store, select(Idea.title, Idea.description))),
    ),
]


def type_into(at, typed) -> None:
    for (kind, label), value in typed.items():
        field = widget(getattr(at, kind), label)
        field.input(value) if kind in ("text_input", "text_area") else field.set_value(value)


def shown(at, typed) -> dict:
    return {(kind, label): widget(getattr(at, kind), label).value for kind, label in typed}


def on_screen(element):
    """What a browser shows in a widget it draws anew, after a run that did not draw it: the
    value the server sends with it, else the widget's default. Streamlit's own idea of the value
    (``element.value``) is not enough: it may hold a value the browser no longer shows."""
    return element.value if element.proto.set_value else ("the default", element.proto.default)


def shown_anew(at, typed) -> dict:
    return {(kind, label): on_screen(widget(getattr(at, kind), label)) for kind, label in typed}


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_what_was_typed_survives_a_failed_save_and_an_outage_and_is_saved_once_the_database_answers(app_store, monkeypatch, form):
    at, where = form.open(app_store)
    type_into(at, form.typed)

    with locked(app_store):
        widget(at.button, form.button).click().run()
        assert not at.exception, at.exception
        assert UNAVAILABLE in errors(at)
        assert WAITING in texts(at)  # the page asks by itself whether the database answers
        assert shown(at, form.typed) == form.typed  # the failed save kept every field

    with gone(monkeypatch, revision_expired=form.cached):
        at.run()  # a retry while the database is gone: the page stops before drawing the form
        assert not at.exception, at.exception
        assert errors(at) == [UNAVAILABLE]
        (kind, label), _ = next(iter(form.typed.items()))
        assert label not in [w.label for w in getattr(at, kind)]

    at.run()  # the database answers (the page's own poll reruns it): the form is back, filled in
    assert not at.exception, at.exception
    assert UNAVAILABLE not in errors(at)
    assert shown_anew(at, form.typed) == form.typed
    widget(at.button, form.button).click().run()
    assert not at.exception, at.exception
    assert set(form.stored(app_store, where)) >= {v for v in form.typed.values()}


def test_after_a_failed_save_a_change_made_elsewhere_shows_where_nothing_was_typed_and_never_over_typed_text(app_store):
    from workshop.services import moderation

    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    idea = add_idea(app_store, anna, "Skidspår", description="Ett spår.")
    at = open_my_idea(open_app("pages/mine.py", participant=anna.token), idea)
    widget(at.text_area, "Beskrivning").input("Anna skriver om beskrivningen.")
    with locked(app_store):
        widget(at.button, "Spara").click().run()
        assert UNAVAILABLE in errors(at)
    moderation.moderate_idea(app_store, meeting.id, meeting.facilitator, idea, title="Skidspår runt sjön", description="Facilitatorns text.")
    at.run()
    assert widget(at.text_input, "Rubrik").value == "Skidspår runt sjön"  # untouched: follows the stored idea
    assert widget(at.text_area, "Beskrivning").value == "Anna skriver om beskrivningen."  # typed: kept


def test_after_joining_and_leaving_the_next_person_finds_the_join_form_empty(app_store):
    at, meeting = _join(app_store)
    typed = {("text_input", "Namn"): "Bo Ek", ("text_input", "Organisationens namn"): "Ramsbergs bageri", ("text_input", sv("field.email")): "bo@example.se", ("checkbox", sv("privacy.consent")): True}
    type_into(at, typed)
    widget(at.button, "Gå med").click().run()
    assert not at.exception and not errors(at)
    widget(at.button, sv("home.leave")).click().run()
    widget(at.text_input, "Kod").input(meeting.join_code)
    widget(at.button, "Fortsätt").click().run()
    at.radio(key="home_org_mode").set_value("new").run()
    assert list(shown(at, typed).values()) == ["", "", "", False]


def test_a_survey_answer_given_while_the_database_is_away_stays_chosen_and_is_saved_when_it_answers(app_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from workshop.companies import assessments

    company = make_company(app_store, "Ramsbergs bageri")
    link = assessments.create_self_link(app_store, coordinator_token(app_store), company)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["kod"] = link.code
    at.run()
    at.switch_page("pages/survey.py").run()
    key = f"kept:survey_{link.assessment_id}_strategy_plan"

    with monkeypatch.context() as patch:
        patch.setattr(assessments, "save_answer", refused)  # the page opened; the answer's save meets the outage
        at.radio(key=key).set_value("thought").run()
        assert not at.exception, at.exception
        assert errors(at) == [sv("kept.survey_pending")] and WAITING in texts(at)
        assert at.radio(key=key).value == "thought"

    with locked(app_store):
        at.run()  # the survey cannot even be opened now: the message, and the code stays in the address
        assert not at.exception, at.exception
        assert errors(at) == [UNAVAILABLE] and at.query_params["kod"] == link.code
        assert not at.radio

    at.run()  # the database answers: the waiting answer is saved by itself
    assert not at.exception, at.exception
    assert not errors(at)
    assert on_screen(at.radio(key=key)) == "thought"
    assert sv("survey.saved") in texts(at)
    assert assessments.open_survey(app_store, link.code).answers["strategy_plan"] == "thought"
