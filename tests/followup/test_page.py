"""The Uppföljning page (pages/followup.py) through Streamlit's AppTest: the table a facilitator
and a coordinator see, setting a next step with Swedish errors at the field, the stale flag,
the filters, and the next meeting with its downloads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from tests.factories import add_idea, coordinator_token, count, join, make_workshop
from tests.pages.conftest import errors, open_app, texts, widget
from workshop.models import Idea, NextMeeting, NextStep, utcnow

PAGE = "pages/followup.py"


def _table(at) -> list[dict]:
    return at.dataframe[0].value.to_dict("records")


def _step_form(at, what: str, due: dt.date | None):
    widget(at.text_input, "Nästa steg").set_value(what)
    widget(at.date_input, "Klart senast").set_value(due)
    return widget(at.button, "Spara nästa steg").click().run()


def test_a_facilitator_sets_a_next_step_and_the_table_and_history_show_it(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    add_idea(app_store, anna, "Bygdekök")

    at = open_app(PAGE, facilitator=meeting.facilitator)
    assert _table(at)[0]["Idé"] == "Bygdekök" and _table(at)[0]["Nästa steg"] == ""
    due = dt.date.today() + dt.timedelta(days=14)
    widget(at.radio, "Vem gör det?").set_value("organisation")
    widget(at.selectbox, "En organisation").set_value(anna.organisation_id)
    at = _step_form(at, "Boka skolans kök", due)

    assert not at.exception, at.exception
    assert "Nästa steg är sparat." in texts(at)
    row = _table(at)[0]
    assert (row["Nästa steg"], row["Klart senast"], row["Vem"], row["Utvecklingspunkt"]) == ("Boka skolans kök", due.isoformat(), "Ramsbergs IF", "Ramsberg")
    assert "Historik (1 versioner)" in texts(at)


def test_a_past_due_date_is_refused_in_swedish_under_its_field_and_nothing_is_saved(app_store):
    meeting = make_workshop(app_store)
    add_idea(app_store, join(app_store, meeting, "Anna Berg", "Ramsbergs IF"), "Bygdekök")

    at = open_app(PAGE, facilitator=meeting.facilitator)
    at = _step_form(at, "Boka skolans kök", dt.date.today() - dt.timedelta(days=1))

    assert errors(at) == ["Klart senast: Datumet har redan passerat. Välj dagens datum eller ett senare."]
    assert widget(at.text_input, "Nästa steg").value == "Boka skolans kök"  # what was typed stays
    assert count(app_store, NextStep) == 0


def test_the_coordinator_sees_stale_ideas_flagged_and_filters_by_development_point(app_store):
    ramsberg = make_workshop(app_store)
    vedevag = make_workshop(app_store, title="Framtidens Vedevåg", locality="Vedevåg")
    old = add_idea(app_store, join(app_store, ramsberg, "Anna Berg", "Ramsbergs IF"), "Bygdekök")
    add_idea(app_store, join(app_store, vedevag, "Cilla Lund", "Vedevågs IF", locality="Vedevåg"), "Badplats", locality="Vedevåg")
    then = utcnow() - dt.timedelta(days=40)
    with app_store.unit_of_work(write=True) as session:
        session.execute(update(Idea).where(Idea.id == old).values(created_at=then, updated_at=then))
        session.commit()

    at = open_app(PAGE, coordinator=coordinator_token(app_store))
    assert "Idéer som stått still i minst 30 dagar (inget nytt steg, ingen annan ändring): 1." in texts(at)
    flags = {row["Idé"]: row["Står still"] for row in _table(at)}
    assert flags == {"Bygdekök": "⚠ Stilla 40 dagar", "Badplats": ""}

    widget(at.selectbox, "Utvecklingspunkt").set_value("Vedevåg").run()
    assert [row["Idé"] for row in _table(at)] == ["Badplats"]


def test_the_next_meeting_is_set_on_the_page_and_offered_as_calendar_file_and_poster(app_store):
    meeting = make_workshop(app_store)
    at = open_app(PAGE, facilitator=meeting.facilitator)
    assert "Ingen nästa träff är satt ännu" in texts(at)

    widget(at.date_input, "Datum för nästa träff").set_value(dt.date.today() - dt.timedelta(days=2))
    at = widget(at.button, "Spara nästa träff").click().run()
    assert errors(at) == ["Datum för nästa träff: Datumet har redan passerat. Nästa träff måste ligga i dag eller senare."]
    assert count(app_store, NextMeeting) == 0

    widget(at.date_input, "Datum för nästa träff").set_value(dt.date.today() + dt.timedelta(days=30))
    widget(at.text_input, "Plats för nästa träff").set_value("Ramsbergs bygdegård")
    at = widget(at.button, "Spara nästa träff").click().run()
    assert not at.exception, at.exception
    assert "Nästa träff är sparad." in texts(at)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Kalenderfil (.ics) för nästa träff", "Affisch (A4, PDF) för anslagstavlan"]


def test_someone_not_signed_in_is_told_whom_the_page_is_for(app_store):
    at = open_app(PAGE)
    assert "Uppföljningen är för samordnare och processledare." in texts(at)


def test_the_facilitators_own_page_offers_the_poster_for_the_notice_board(app_store):
    meeting = make_workshop(app_store)
    at = open_app("pages/facilitate.py", facilitator=meeting.facilitator)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Affisch (A4, PDF) för anslagstavlan"]  # no next meeting yet: no calendar file
    assert "Ingen nästa träff är satt ännu" in texts(at)
