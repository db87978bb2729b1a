"""The projector's live part keeps its errors inside (issue 22): a database outage gets the Swedish
database message and the wall comes back on a later tick; anything unexpected gets the Swedish
message with an id to quote (logged once with its traceback), not Streamlit's English notice."""

from __future__ import annotations

import logging
import re

import pytest

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import errors, open_app, texts
from ui import projector
from workshop.errors import DatabaseUnavailable
from workshop.i18n import Translator

sv = Translator("sv")
UNAVAILABLE = sv("errors.database_unavailable")
UNEXPECTED = re.escape(sv("errors.unexpected", error_id="XXXXXX")).replace("XXXXXX", "([A-Z0-9]{6})")


@pytest.fixture
def meeting(app_store):
    meeting = make_workshop(app_store, title="Framtidens Ramsberg")
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    add_idea(app_store, anna, "Skidspår runt sjön")
    return meeting


def test_a_database_outage_in_the_live_wall_says_so_in_swedish_and_the_wall_comes_back(app_store, meeting, monkeypatch):
    at = open_app("pages/projector.py", facilitator=meeting.facilitator)
    assert "Skidspår runt sjön" in texts(at)

    def away(*args, **kwargs):
        raise DatabaseUnavailable()

    with monkeypatch.context() as patch:
        patch.setattr(projector, "live_wall", away)
        at.run()  # a tick while the database is away
        assert not at.exception, at.exception
        assert errors(at) == [UNAVAILABLE]
        assert meeting.join_code in texts(at)  # the rest of the wall stays up: the join code
        assert "Skidspår runt sjön" not in texts(at)

    at.run()  # the next tick, the database answers
    assert not at.exception and not errors(at)
    assert "Skidspår runt sjön" in texts(at)


def test_an_unexpected_error_in_the_live_wall_gets_a_swedish_message_with_an_id_logged_once(app_store, meeting, monkeypatch, caplog):
    at = open_app("pages/projector.py", facilitator=meeting.facilitator)

    def broken(*args, **kwargs):
        raise RuntimeError("the paging broke at /srv/projektberedskap")

    shown = []
    with monkeypatch.context() as patch, caplog.at_level(logging.ERROR, logger="projektberedskap.pages"):
        patch.setattr(projector, "page_of", broken)
        for _tick in range(3):
            at.run()
            (message,) = errors(at)
            match = re.fullmatch(UNEXPECTED, message)
            assert match, message
            assert "/srv/" not in message and "RuntimeError" not in message
            assert meeting.join_code in texts(at)  # only the live part stands still
            shown.append(match.group(1))
    # The same error on every tick: one id, one log record with the traceback.
    assert len(set(shown)) == 1
    (record,) = [r for r in caplog.records if r.name == "projektberedskap.pages"]
    assert shown[0] in record.getMessage() and record.exc_info[1].args == ("the paging broke at /srv/projektberedskap",)
    assert at.exception and "paging broke" in at.exception[0].message  # the test suites still see it

    at.run()  # mended: the wall is back
    assert not at.exception and not errors(at)
    assert "Skidspår runt sjön" in texts(at)
