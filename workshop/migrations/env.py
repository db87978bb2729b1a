"""Alembic environment: runs on the connection the app hands over, or on a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from workshop.db import database_url, make_engine
from workshop.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    if connection.dialect.name == "postgresql":
        # Several servers may start at once against one database: let one migrate.
        connection.execute(text("SELECT pg_advisory_xact_lock(724311)"))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run them against a database.")
run_migrations_online()
