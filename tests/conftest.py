"""Shared fixtures: a real, migrated database per test.

Every service test runs on a temporary SQLite file; when
``PROJEKTBEREDSKAP_TEST_POSTGRES_URL`` is set (``.ci/run`` sets it) the same tests run
on PostgreSQL too, each on a freshly emptied schema. A migration per test would make
the suite take minutes: SQLite tests get a copy of a database migrated once per run,
PostgreSQL tests one migrated schema emptied with ``TRUNCATE`` between tests.
"""

from __future__ import annotations

import os
import shutil

import pytest
from sqlalchemy import text

from workshop.db import Store, create_store, make_engine, upgrade_schema
from workshop.models import Base
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


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory):
    directory = tmp_path_factory.mktemp("template")
    make_test_store("sqlite", directory).engine.dispose()  # disposing checkpoints the WAL into the file
    return directory / "test.sqlite3"


@pytest.fixture(scope="session")
def _postgres_store():
    store = make_test_store("postgresql", None)
    yield store
    store.engine.dispose()


def _empty_postgres(store) -> None:
    with store.engine.connect() as connection:
        migrated = connection.scalar(text("SELECT to_regclass('public.alembic_version')")) is not None
    if not migrated:  # a fixture of another suite in this run dropped the schema since
        upgrade_schema(store.engine)
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with store.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text("INSERT INTO process_state (id, revision) VALUES (1, 0)"))  # as migration 0001 does
    ensure_reference_data(store)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A migrated database with the reference localities, emptied for each test, on each configured backend."""
    if request.param == "sqlite":
        copy = tmp_path / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), copy)
        store = create_store(f"sqlite:///{copy}", upgrade=False)
        yield store
        store.engine.dispose()
    else:
        assert os.environ.get(POSTGRES_URL_VARIABLE)
        store = request.getfixturevalue("_postgres_store")
        _empty_postgres(store)
        yield store


@pytest.fixture
def sqlite_store(tmp_path) -> Store:
    """For tests that are about the app rather than the database (pages, exports)."""
    store = make_test_store("sqlite", tmp_path)
    yield store
    store.engine.dispose()
