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
