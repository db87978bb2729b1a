"""Production never shows a traceback (issue 22): served with the project's config, in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import ui
from tests.e2e.harness import StreamlitServer, requires_chromium

pytestmark = [pytest.mark.e2e, requires_chromium]

SERVER_DETAILS = ("/srv/", "on fire", "RuntimeError", "Traceback", "failing_page.py", "line ")


def test_an_error_shows_an_id_to_quote_and_nothing_of_the_server(tmp_path, people):
    server = StreamlitServer(f"sqlite:///{tmp_path / 'app.sqlite3'}", tmp_path, entry="tests/e2e/apps/failing_page.py", name="failing")
    try:
        server.start()
        page = people.new("visitor")
        ui.open_page(page, server.url + "/")

        ui.press(page, "Fel som sidan fångar")
        (message,) = ui.alerts(page)
        error_id = re.search(r"fel-id ([A-Z0-9]{6})", message).group(1)
        shown = ui.main(page).inner_text()
        assert not [detail for detail in SERVER_DETAILS if detail in shown], shown
        assert error_id in server.log_tail(200) and "on fire" in server.log_tail(200)  # the operator finds it by its id

        ui.press(page, "Fel som ingen fångar")
        shown = page.inner_text("body")
        assert not [detail for detail in SERVER_DETAILS if detail in shown], shown
        assert page.get_by_test_id("stException").count() == 1  # Streamlit's own notice, without details
        assert ui.exceptions(page) and "uncaught" in server.log_tail(200)
    finally:
        server.stop()
