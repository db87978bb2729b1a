"""An unexpected error in a page: a Swedish message with an id to quote, the traceback only in
the server's log, and the tests still see it (issue 22)."""

from __future__ import annotations

import logging
import re

import pytest

from ui.failure import report_unexpected  # noqa: F401  (imported: the module the app uses)
from tests.factories import make_workshop
from tests.pages.conftest import open_app
from workshop.i18n import Translator
from workshop.services import workshops

pytestmark = pytest.mark.usefixtures("app_store")


def _typing_a_code_breaks(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk at /srv/projektberedskap/data is on fire")

    monkeypatch.setattr(workshops, "find_workshop_by_code", broken)


def test_an_unexpected_error_shows_a_swedish_message_with_an_id_that_is_in_the_log(app_store, monkeypatch, caplog):
    make_workshop(app_store)
    _typing_a_code_breaks(monkeypatch)
    at = open_app()
    at.text_input[0].input("ABCDEF")

    with caplog.at_level(logging.ERROR, logger="projektberedskap.pages"):
        at.button[0].click().run()

    (message,) = [e.value for e in at.error]
    pattern = re.escape(Translator("sv")("errors.unexpected", error_id="XXXXXX")).replace("XXXXXX", "([A-Z0-9]{6})")
    match = re.fullmatch(pattern, message)
    assert match, message
    assert "/srv/" not in message and "RuntimeError" not in message
    (record,) = [r for r in caplog.records if r.name == "projektberedskap.pages"]
    assert match.group(1) in record.getMessage() and record.exc_info[1].args == ("the disk at /srv/projektberedskap/data is on fire",)
    # The test suites' check for exceptions still catches it.
    assert at.exception and "on fire" in at.exception[0].message


def test_production_config_shows_no_error_details():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
