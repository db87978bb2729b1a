"""Fixtures for the browser tests: Streamlit servers, one Chromium, a browser context per person.

Run them with ``PROJEKTBEREDSKAP_CHROMIUM=/usr/bin/chromium`` (``scripts/test.sh`` sets it).
Without it they skip, except under ``CI=true``, where a missing Chromium is a failure.
No test downloads a browser: Playwright drives the Chromium at that path.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.harness import (
    CHROMIUM_ARGS,
    CHROMIUM_VARIABLE,
    IN_CI,
    POSTGRES_URL_VARIABLE,
    SCREENSHOTS,
    OfflineGuard,
    StreamlitServer,
    chromium_path,
    fresh_postgres_database,
)
from tests.e2e.ui import PHONE, STATE_COUNTER_JS

# An expectation waits until it holds, so a longer wait costs a passing test nothing. Playwright's
# 5 s is too short for a fresh session's first run on a CI machine whose two cores run four
# workers, PostgreSQL and several servers (a reload on the projector missed it once): 20 s, as
# the browser contexts' own default below. Speed is measured in benchmarks, never here.
expect.set_options(timeout=20_000)

VIEWPORT = {"width": 1280, "height": 900}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets fixtures see at teardown whether the test failed (to keep screenshots of it).
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _failed(request) -> bool:
    report = getattr(request.node, "report_call", None)
    return report is None or report.failed


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if path is None:
        message = f"Chromium not found: ${CHROMIUM_VARIABLE}={os.environ.get(CHROMIUM_VARIABLE)!r}"
        if IN_CI:
            pytest.fail(message + " (CI needs the browser tests)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="package")
def browser(chromium_executable):
    # Package scope: Playwright's sync API runs an event loop while it is open, and other
    # suites (tests/network's map check) start their own after this package is done.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def start_server(tmp_path, request) -> Iterator[Callable[..., StreamlitServer]]:
    """Start a Streamlit server: ``start_server()`` on a fresh SQLite file, or on ``database_url``.

    The database is migrated before the server starts (as a second server would find it),
    so the first page view does not pay for it; ``migrate=False`` leaves that to the app.
    Every server started here is stopped, with its whole process group, at teardown.
    """
    servers: list[StreamlitServer] = []

    def start(database_url: str | None = None, *, name: str | None = None, migrate: bool = True, env: dict[str, str] | None = None) -> StreamlitServer:
        server = _new_server(database_url, tmp_path, name=name or f"server{len(servers) + 1}", migrate=migrate, env=env)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
        if _failed(request):  # the server's side of the story, in the test report
            print(f"--- {server.name} log ({server.log_path}):\n{server.log_tail()}")


def _new_server(database_url: str | None, folder, *, name: str, migrate: bool = True, env: dict[str, str] | None = None) -> StreamlitServer:
    url = database_url or f"sqlite:///{folder / 'app.sqlite3'}"
    if migrate:
        from workshop.db import create_store
        from workshop.services.reference import ensure_reference_data

        store = create_store(url)
        ensure_reference_data(store)
        store.engine.dispose()
    return StreamlitServer(url, folder, name=name, env=env)


@pytest.fixture(scope="module")
def module_server(tmp_path_factory, chromium_executable) -> Iterator[StreamlitServer]:
    """One server on a fresh SQLite file for a whole module, for tests that only read what it holds.

    Starting a server and its first page costs seconds of both cores; a module whose tests
    each look at the same seeded meeting pays it once. Tests that write, or need a server
    no browser has seen yet, take ``server`` instead.
    """
    server = _new_server(None, tmp_path_factory.mktemp("module-server"), name="module").start()
    yield server
    server.stop()


@pytest.fixture
def server(start_server) -> StreamlitServer:
    return start_server()


@pytest.fixture
def postgres_url() -> str:
    """An emptied PostgreSQL database of the browser tests' own (``<test database>_e2e``)."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        message = f"no PostgreSQL: set ${POSTGRES_URL_VARIABLE} (scripts/ensure-postgres.sh prints one)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return fresh_postgres_database(url)


@dataclass
class People:
    """Everyone in the room: each person gets their own browser context (cookies, storage)."""

    browser: object
    offline: OfflineGuard = field(default_factory=OfflineGuard)
    contexts: dict = field(default_factory=dict)
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt: user text must never open one

    def new(self, name: str):
        """A new person with a fresh browser: returns their first tab."""
        context = self.browser.new_context(viewport=VIEWPORT, locale="sv-SE", timezone_id="Europe/Stockholm")
        context.set_default_timeout(20_000)
        self.offline.attach(context)
        context.add_init_script(STATE_COUNTER_JS)
        context.on("page", self._watch)
        self.contexts[name] = context
        return context.new_page()

    def phone(self, name: str = "phone"):
        """A new person on a phone (390×844, touch): returns their first tab."""
        context = self.browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="sv-SE", timezone_id="Europe/Stockholm"
        )
        context.set_default_timeout(20_000)
        self.offline.attach(context)
        context.add_init_script(STATE_COUNTER_JS)
        context.on("page", self._watch)
        self.contexts[name] = context
        return context.new_page()

    def _watch(self, page) -> None:
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    @property
    def blocked(self) -> list[str]:
        return list(self.offline.blocked)

    def screenshot_all(self, prefix: str) -> None:
        folder = SCREENSHOTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        for name, context in self.contexts.items():
            for number, page in enumerate(context.pages):
                with contextlib.suppress(PlaywrightError):  # a crashed or closed page has nothing to show
                    page.screenshot(path=str(folder / f"{prefix}-{name}-{number}.png"), full_page=True, timeout=5_000)

    def close(self) -> None:
        for context in self.contexts.values():
            with contextlib.suppress(PlaywrightError):
                context.close()


@pytest.fixture
def people(browser, request) -> Iterator[People]:
    crowd = People(browser)
    yield crowd
    if _failed(request):
        crowd.screenshot_all(re.sub(r"[^A-Za-z0-9_.-]", "_", request.node.name))
    crowd.close()
    # Every test is also a check that the app works offline: nothing may leave this machine,
    # and nothing anyone typed ran as script.
    assert crowd.blocked == [], f"requests to other hosts were attempted: {crowd.blocked}"
    assert crowd.dialogs == [], f"dialogs opened: {crowd.dialogs}"


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
