"""Searching the raw database for what erasure must leave nowhere."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import JSON, String, Text, inspect, text

from workshop.db import Store
from workshop.text import name_key


def forms(*values: str) -> set[str]:
    """The ways a value can be stored: as typed, case-folded, as a name key, escaped inside JSON."""
    found: set[str] = set()
    for value in values:
        found |= {value, value.casefold(), name_key(value), json.dumps(value)[1:-1]}
    return {f for f in found if f}


def traces(store: Store, *values: str) -> list[str]:
    """Where any form of ``values`` is still stored: SQLite file bytes (with its log), or PostgreSQL text columns."""
    wanted = forms(*values)
    if store.dialect == "sqlite":
        database = Path(store.engine.url.database)
        hits = []
        for path in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-journal")):
            if path.exists():
                content = path.read_bytes()
                hits += [f"{path.name}: {w}" for w in wanted if w.encode("utf-8") in content]
        return hits
    hits = []
    with store.engine.connect() as connection:
        inspector = inspect(connection)
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                if not isinstance(column["type"], (String, Text, JSON)):
                    continue
                for w in wanted:
                    found = connection.execute(
                        text(f'SELECT count(*) FROM "{table}" WHERE position(lower(:w) in lower(CAST("{column["name"]}" AS TEXT))) > 0'), {"w": w}
                    ).scalar()
                    if found:
                        hits.append(f"{table}.{column['name']}: {w}")
    return hits
