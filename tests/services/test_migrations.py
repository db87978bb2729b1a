"""The Alembic migrations: an empty database upgrades to the model, and upgrades keep data."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tests.factories import add_idea, join, make_workshop
from workshop.db import PROJECT_ROOT, create_store, upgrade_schema
from workshop.models import Base
from workshop.services import views


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "workshop" / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def test_upgrading_an_empty_sqlite_database_creates_every_table_and_the_process_row(tmp_path):
    store = create_store(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    try:
        tables = set(inspect(store.engine).get_table_names())
        with store.engine.connect() as connection:
            process_rows = connection.execute(text("SELECT id, revision FROM process_state")).all()
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        store.engine.dispose()

    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert [tuple(row) for row in process_rows] == [(1, 0)]
    assert version == _head()


def test_models_and_migrations_agree(store):
    # What `alembic check` does: autogenerate against the migrated database finds nothing to add.
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)

    assert differences == []


def test_upgrading_again_keeps_the_workshops_data(store):
    meeting = make_workshop(store)
    add_idea(store, join(store, meeting, "Anna Berg", "Ramsbergs IF"), "Bygdekök")

    upgrade_schema(store.engine)

    assert [card.title for card in views.wall(store, meeting.id).ideas] == ["Bygdekök"]


def test_upgrading_from_0001_refolds_stored_names_so_marked_names_are_told_apart(tmp_path):
    # A database at revision 0001 holding two people whose names differ only in a vowel sign
    # (Meena and Mona in Devanagari) and an organisation named with symbols: the old rule
    # folded both people to one key and the organisation to an empty one.
    from alembic import command
    from alembic.config import Config

    from workshop.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "workshop" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organisations (id, name, name_key, kind, offers, description, created_at) "
            "VALUES (1, '★ Stjärnföreningen ★', 'stjärnföreningen', 'association', '[]', '', '2026-09-01'), "
            "(2, '☕', '', 'company', '[]', '', '2026-09-01')"
        ))
        connection.execute(text(
            "INSERT INTO people (id, name, name_key, organisation_id) VALUES (1, 'मीना', 'मन', 1), (2, 'मोना', 'मन', 1)"
        ))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")  # upgrades to head, as the app does on start
    try:
        with store.engine.connect() as connection:
            people = dict(connection.execute(text("SELECT name, name_key FROM people")).all())
            organisations = dict(connection.execute(text("SELECT name, name_key FROM organisations")).all())
        assert people["मीना"] != people["मोना"]
        assert organisations == {"★ Stjärnföreningen ★": "★stjärnföreningen★", "☕": "☕"}
    finally:
        store.engine.dispose()
