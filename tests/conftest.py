"""Shared fixtures: a real, migrated database per test.

Every service test runs on a temporary SQLite file; when
``PROJEKTBEREDSKAP_TEST_POSTGRES_URL`` is set (``.ci/run`` sets it) the same tests run
on PostgreSQL too, each on a freshly emptied schema.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from workshop.db import Store, create_store, make_engine
from workshop.services.reference import ensure_reference_data

POSTGRES_URL_VARIABLE = "PROJEKTBEREDSKAP_TEST_POSTGRES_URL"

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(POSTGRES_URL_VARIABLE) else [])


def _reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_test_store(backend: str, tmp_path) -> Store:
    if backend == "sqlite":
        store = create_store(f"sqlite:///{tmp_path / 'test.sqlite3'}")
    else:
        url = os.environ[POSTGRES_URL_VARIABLE]
        _reset_postgres(url)
        store = create_store(url)
    ensure_reference_data(store)
    return store


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path) -> Store:
    """A migrated database with the reference localities, on each configured backend."""
    store = make_test_store(request.param, tmp_path)
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path) -> Store:
    """For tests that are about the app rather than the database (pages, exports)."""
    store = make_test_store("sqlite", tmp_path)
    yield store
    store.engine.dispose()
