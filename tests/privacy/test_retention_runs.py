"""Retention runs by itself: when a server starts, and from the command line."""

from __future__ import annotations

import datetime as dt

from tests.factories import coordinator_token, join, make_workshop
from tests.pages.conftest import open_app, texts
from tests.privacy.traces import traces
from workshop.__main__ import main
from workshop.services import participants, workshops


def past_meeting(store):
    """A meeting of 2020 whose retention ended on 2020-12-31, with Märta, who came only to it."""
    meeting = make_workshop(store, title="Träffen 2020", date=dt.date(2020, 3, 1))
    workshops.set_retention(store, coordinator_token(store), meeting.id, dt.date(2020, 12, 31))
    return meeting, join(store, meeting, "Märta Östberg")


def test_starting_the_app_anonymises_people_past_their_retention_date(app_store):
    _meeting, marta = past_meeting(app_store)

    at = open_app()  # the first page view of this process starts the store, and retention with it

    assert participants.identify(app_store, marta.token) is None
    assert "Märta Östberg" not in texts(at)
    assert traces(app_store, "Märta Östberg") == []


def test_the_retention_command_anonymises_and_reports_and_a_second_run_finds_nothing(sqlite_store, capsys):
    _meeting, marta = past_meeting(sqlite_store)
    url = sqlite_store.engine.url.render_as_string(hide_password=False)

    first = main(["retention", "--db", url, "--today", "2021-01-01"])
    first_output = capsys.readouterr().out
    second = main(["retention", "--db", url, "--today", "2021-01-01"])

    assert (first, second) == (0, 0)
    assert first_output.startswith("1 person anonymiserades")
    assert capsys.readouterr().out.strip() == "Ingen person hade passerat sin lagringstid."
    assert participants.identify(sqlite_store, marta.token) is None


def test_the_retention_command_refuses_a_date_it_cannot_read(sqlite_store, capsys):
    url = sqlite_store.engine.url.render_as_string(hide_password=False)

    assert main(["retention", "--db", url, "--today", "1 januari"]) == 2
    assert "--today ska vara ett datum" in capsys.readouterr().err
