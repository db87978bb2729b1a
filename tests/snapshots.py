"""A database's rows set aside once and put back before each test that starts from them.

Building a test's world through the services (a demo, the roles table's workshops, people
and ideas) costs seconds; putting its rows back costs milliseconds. A snapshot is taken
after the world is built through the real services, and each test gets the world exactly as
it was, ids and sequences included, so every test stays independent of the others:

- **SQLite**: the database file itself (the engine is disposed first, which checkpoints the
  write-ahead log into the file), copied over the test database's file for each test.
- **PostgreSQL**: a copy of every table in a schema of its own (``snapshot_<name>``) next to
  ``public`` in the same database; a restore deletes every row of ``public``, copies the
  rows back and sets each sequence where it was, in one transaction. Deleting is cheaper
  than ``TRUNCATE`` here: the tables of a test hold a few rows, and ``TRUNCATE`` makes and
  removes files for each of the 30-odd tables.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from workshop.db import Store, upgrade_schema
from workshop.models import Base

__all__ = ["Snapshot", "take_snapshot", "restore_snapshot"]


@dataclass(frozen=True)
class Snapshot:
    """Where a world's rows were set aside: a SQLite file, or a PostgreSQL schema and its sequences."""

    backend: str
    path: Path | None = None
    schema: str | None = None
    filled: tuple[str, ...] = ()  # tables that held rows, in the order their foreign keys allow
    sequences: dict[str, int | None] = field(default_factory=dict)  # None: not used yet


def _tables() -> list[str]:
    return [table.name for table in Base.metadata.sorted_tables]


def take_snapshot(store: Store, name: str, directory: Path | None = None) -> Snapshot:
    """Set aside every row of ``store``; on SQLite ``store`` is disposed (its file is the snapshot)."""
    if store.dialect == "sqlite":
        store.engine.dispose()  # checkpoints the WAL into the file
        source = Path(store.engine.url.database)
        kept = directory / f"{name}.sqlite3"
        if source != kept:
            shutil.copyfile(source, kept)
        return Snapshot("sqlite", path=kept)
    schema = f"snapshot_{name}"
    with store.engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        filled = []
        for table in _tables():
            connection.execute(text(f'CREATE TABLE "{schema}"."{table}" AS TABLE public."{table}"'))
            if connection.scalar(text(f'SELECT EXISTS (SELECT 1 FROM "{schema}"."{table}")')):
                filled.append(table)
        sequences = dict(connection.execute(text("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")).all())
    return Snapshot("postgresql", schema=schema, filled=tuple(filled), sequences=sequences)


def restore_snapshot(snapshot: Snapshot, store: Store) -> Store:
    """The world of ``snapshot`` again, in the database of ``store`` (whose engine is kept)."""
    if snapshot.backend == "sqlite":
        # The engine, not only the file, is kept: it holds the compiled SQL of every statement
        # it has run, and compiling them again for each test would cost more than the test.
        store.engine.dispose()
        path = Path(store.engine.url.database)
        # Unlinked, not overwritten: a connection a test's thread left open keeps the old file.
        for old in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            old.unlink(missing_ok=True)
        shutil.copyfile(snapshot.path, path)
        return Store(store.engine)
    with store.engine.connect() as connection:
        migrated = connection.scalar(text("SELECT to_regclass('public.alembic_version')")) is not None
    if not migrated:  # a test of another suite in this run dropped the schema since
        upgrade_schema(store.engine)
    statements = [f'DELETE FROM public."{table}"' for table in reversed(_tables())]
    statements += [f'INSERT INTO public."{table}" SELECT * FROM "{snapshot.schema}"."{table}"' for table in snapshot.filled]
    statements += [
        f"SELECT setval('public.\"{sequence}\"', {value}, true)" if value is not None else f"SELECT setval('public.\"{sequence}\"', 1, false)"
        for sequence, value in snapshot.sequences.items()
    ]
    with store.engine.begin() as connection:
        connection.exec_driver_sql(";\n".join(statements))
    return store
