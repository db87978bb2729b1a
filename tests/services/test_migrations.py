"""The Alembic migrations: an empty database upgrades to the model, and upgrades keep data."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tests.factories import add_idea, join, make_workshop
from workshop.db import PROJECT_ROOT, create_store, upgrade_schema
from workshop.models import Base, utcnow
from workshop.services import views


def _database_at(tmp_path, revision: str):
    """An engine on a new SQLite file migrated only up to ``revision`` (dispose it before upgrading)."""
    from alembic import command

    from workshop.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "workshop" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine


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
    engine = _database_at(tmp_path, "0001")
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


def test_upgrading_from_0002_keeps_facilitator_sessions_and_gives_workshops_a_retention_date(tmp_path):
    # A database at revision 0002 with a workshop, a signed-in facilitator and a person: after
    # the roles-and-privacy migration the facilitator is still signed in, the workshop keeps its
    # people two years after the meeting, and nobody has contact details or demo flags.
    from workshop.security import token_hash
    from workshop.services import access

    engine = _database_at(tmp_path, "0002")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, created_at) "
            "VALUES (1, 'Framtidens Ramsberg', 'Hur?', '2026-11-30', 'Ramsberg', 'KQ7M2X', 'x', 1, 0, '2026-11-30 18:00:00')"
        ))
        connection.execute(text(
            "INSERT INTO facilitator_sessions (id, workshop_id, token_hash, created_at) VALUES (1, 1, :hash, :now)"
        ), {"hash": token_hash("kept-token"), "now": utcnow()})
        connection.execute(text("INSERT INTO organisations (id, name, name_key, kind, offers, description, created_at) VALUES (1, 'Ramsbergs IF', 'ramsbergsif', 'association', '[]', '', '2026-09-01')"))
        connection.execute(text("INSERT INTO people (id, name, name_key, organisation_id) VALUES (1, 'Anna Berg', 'annaberg', 1)"))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        assert access.staff_actor(store, "kept-token").workshop_id == 1
        with store.engine.connect() as connection:
            workshop = connection.execute(text("SELECT retention_until, is_demo FROM workshops")).one()
            person = connection.execute(text("SELECT email, phone, contact_consent_at, anonymised_at FROM people")).one()
            organisation_demo = connection.execute(text("SELECT is_demo FROM organisations")).scalar_one()
        assert tuple(workshop) == ("2028-11-29", 0)
        assert tuple(person) == (None, None, None, None) and organisation_demo == 0
        assert "facilitator_sessions" not in inspect(store.engine).get_table_names()
    finally:
        store.engine.dispose()


def test_upgrading_from_0008_keeps_the_workshops_and_gives_them_an_empty_run_of_show(tmp_path):
    from workshop.meeting import service as meeting

    engine = _database_at(tmp_path, "0008")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, is_demo, created_at)"
                " VALUES (1, 'Framtidens Ramsberg', 'Hur?', '2026-11-30', 'Ramsberg', 'ABC123', 'x', 1, 7, 0, :now)"
            ),
            {"now": utcnow()},
        )
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        state = meeting.meeting_state(store, 1)
        with store.engine.connect() as connection:
            title = connection.execute(text("SELECT title FROM workshops WHERE id = 1")).scalar_one()
    finally:
        store.engine.dispose()

    assert title == "Framtidens Ramsberg"
    assert state.phases == () and state.current is None and state.results is None
