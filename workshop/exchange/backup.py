"""A full backup as one versioned JSON document, and restoring it (exactly, or merged).

Table-driven over :data:`workshop.models.Base.metadata`: every table is in the backup except
the ephemeral ones in :data:`EXCLUDED_TABLES` (signed-in sessions, counted failed guesses), so a
table added to the model comes along without a change here. The format is described in
``docs/backup-format.md`` and checked by ``workshop/exchange/backup.schema.json``.

Restoring into a database that holds nothing but the reference data gives the same rows
with the same ids (a backup taken afterwards is the same document). Restoring into a
database with data merges: each row is matched on its natural key (:data:`NATURAL_KEYS`),
references are rewritten to the matched or newly inserted rows, and nothing is duplicated.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, func, select, text
from sqlalchemy.engine import Connection

from ..db import Store
from ..errors import ServiceError
from ..models import Base
from ..validation import name_key

__all__ = [
    "FORMAT",
    "VERSION",
    "EXCLUDED_TABLES",
    "REFERENCE_TABLES",
    "NATURAL_KEYS",
    "InvalidBackup",
    "RestoreSummary",
    "backup_tables",
    "take_backup",
    "dumps",
    "restore_backup",
    "schema",
]

FORMAT = "projektberedskap-backup"
VERSION = 1
# Ephemeral: who is signed in right now, and failed guesses being slowed down.
EXCLUDED_TABLES = frozenset({"staff_sessions", "access_attempts", "facilitator_sessions"})
# Present in every migrated database; an "empty" database may hold them.
REFERENCE_TABLES = frozenset({"localities", "leader_areas", "process_state"})
# Tables that belong to the whole process, not to a meeting: only in a whole-database backup.
PROCESS_ONLY_TABLES = frozenset({"process_state", "coordinators"})

# The columns that say "this is the same row" when a backup is merged into a database with data.
# Foreign keys are compared after they are rewritten to the target database's ids.
# Organisations are matched as on entry (see _organisation_key); a table not named here is
# matched on its first unique constraint, else on all its columns but the id.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "localities": ("name",),
    "leader_areas": ("name",),
    "process_state": ("id",),
    "workshops": ("join_code",),
    "people": ("name_key", "organisation_id"),
    "participants": ("token_hash",),
    "ideas": ("workshop_id", "title", "merged_into_id"),
    "carried_ideas": ("workshop_id", "idea_id"),
    "commitments": ("idea_id", "organisation_id"),
    "notes": ("workshop_id", "kind", "subject", "text"),
    "ties": ("organisation_a_id", "organisation_b_id", "kind"),
    "voting_rounds": ("workshop_id", "number"),
    "votes": ("round_id", "participant_id", "idea_id"),
    "coordinators": ("name_key",),
    "audit_events": ("at", "actor_role", "actor_name", "action", "subject_type", "subject_id"),
}


class InvalidBackup(ServiceError):
    """The file is not a backup this version can restore; nothing was written."""

    message_key = "exchange.backup.invalid"


@dataclass(frozen=True)
class RestoreSummary:
    mode: str  # "exact" (into an empty database) or "merge"
    inserted: dict[str, int] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)


def backup_tables() -> list[Table]:
    """The tables a backup holds, parents before children."""
    return [table for table in Base.metadata.sorted_tables if table.name not in EXCLUDED_TABLES]


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads((Path(__file__).with_name("backup.schema.json")).read_text(encoding="utf-8"))


# --- taking a backup ------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema_revision(connection: Connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # a database built without Alembic (never in the app)
        return None


def _rows(connection: Connection, table: Table, where=None) -> list[dict[str, Any]]:
    query = select(table)
    if where is not None:
        query = query.where(where)
    query = query.order_by(*table.primary_key.columns)
    return [{key: _plain(value) for key, value in row._mapping.items()} for row in connection.execute(query)]


def take_backup(store: Store, *, workshop_id: int | None = None) -> dict[str, Any]:
    """The whole database, or one workshop with everything it refers to, as a JSON-ready dict.

    Rows are ordered by id and the document holds no time stamp, so the same data always
    gives the same document.
    """
    with store.engine.connect() as connection:
        revision = _schema_revision(connection)
        if workshop_id is None:
            tables = {table.name: _rows(connection, table) for table in backup_tables()}
            scope: dict[str, Any] = {"kind": "database"}
        else:
            tables, join_code = _workshop_rows(connection, workshop_id)
            scope = {"kind": "workshop", "join_code": join_code}
    return {"format": FORMAT, "version": VERSION, "schema_revision": revision, "scope": scope, "tables": tables}


def _workshop_rows(connection: Connection, workshop_id: int) -> tuple[dict[str, list[dict]], str]:
    """One workshop: its rows, the rows they refer to, and the reference data.

    A nullable reference to another workshop (an organisation first seen elsewhere) is
    cleared; a required one (an idea carried forward from an earlier meeting) brings that
    workshop's own row, not its contents.
    """
    from ..errors import WorkshopNotFound

    tables = {table.name: table for table in backup_tables()}
    workshops = tables["workshops"]
    join_code = connection.execute(select(workshops.c.join_code).where(workshops.c.id == workshop_id)).scalar()
    if join_code is None:
        raise WorkshopNotFound()
    chosen: dict[str, dict[Any, dict]] = {name: {} for name in tables}

    def add(table: Table, rows: list[dict]) -> None:
        for row in rows:
            chosen[table.name].setdefault(row["id"] if "id" in row else tuple(row.values()), row)

    add(workshops, _rows(connection, workshops, workshops.c.id == workshop_id))
    for name, table in tables.items():
        if name in REFERENCE_TABLES - PROCESS_ONLY_TABLES:
            add(table, _rows(connection, table))
        elif name not in PROCESS_ONLY_TABLES and "workshop_id" in table.c and name != "workshops":
            add(table, _rows(connection, table, table.c.workshop_id == workshop_id))
    if "votes" in tables and chosen.get("voting_rounds"):
        votes = tables["votes"]
        add(votes, _rows(connection, votes, votes.c.round_id.in_(list(chosen["voting_rounds"]))))
    for name in ("leader_cards", "leader_volunteer_hours"):  # an idea's LEADER card goes with it
        if name in tables and chosen.get("ideas"):
            add(tables[name], _rows(connection, tables[name], tables[name].c.idea_id.in_(list(chosen["ideas"]))))
    # Close over foreign keys: every row a chosen row refers to comes along.
    changed = True
    while changed:
        changed = False
        for name, table in tables.items():
            for fk in table.foreign_keys:
                target = fk.column.table
                if target.name not in tables:
                    continue
                wanted = {row[fk.parent.name] for row in chosen[name].values() if row.get(fk.parent.name) is not None}
                missing = wanted - set(chosen[target.name])
                if not missing:
                    continue
                if target.name == "workshops" and fk.parent.nullable:
                    for row in chosen[name].values():
                        if row.get(fk.parent.name) in missing:
                            row[fk.parent.name] = None
                    continue
                add(target, _rows(connection, target, fk.column.in_(sorted(missing))))
                changed = True
    return {name: [rows[key] for key in sorted(rows, key=_sort_key)] for name, rows in chosen.items()}, join_code


def _sort_key(key: Any) -> tuple:
    return (0, key, "") if isinstance(key, int) else (1, 0, str(key))


def dumps(document: dict[str, Any]) -> str:
    """The document as text: UTF-8 JSON, keys sorted, one table row per line."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# --- restoring -------------------------------------------------------------------------------


def _check(document: Any) -> None:
    import jsonschema

    try:
        jsonschema.validate(document, schema())
    except jsonschema.ValidationError as error:
        raise InvalidBackup(field="file", reason=error.message[:200]) from None
    known = {table.name: table for table in backup_tables()}
    for name, rows in document["tables"].items():
        if name not in known:
            raise InvalidBackup(field="file", reason=f"unknown table {name}")
        columns = set(known[name].c.keys())
        for row in rows:
            unknown = set(row) - columns
            if unknown:
                raise InvalidBackup(field="file", reason=f"unknown column {name}.{sorted(unknown)[0]}")


def _value(column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def _self_ordered(table: Table, rows: list[dict]) -> list[dict]:
    """Rows ordered so that a row referring to its own table (merged into) comes after its target."""
    self_columns = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not self_columns:
        return rows
    placed: set = set()
    ordered: list[dict] = []
    pending = list(rows)
    while pending:
        rest = []
        for row in pending:
            if all(row.get(c) is None or row.get(c) in placed or row.get(c) == row.get("id") for c in self_columns):
                ordered.append(row)
                placed.add(row.get("id"))
            else:
                rest.append(row)
        if len(rest) == len(pending):  # a reference to a row not in the backup: keep the order
            ordered.extend(rest)
            break
        pending = rest
    return ordered


def _holds_data(connection: Connection) -> bool:
    for table in backup_tables():
        if table.name in REFERENCE_TABLES:
            continue
        if connection.execute(select(func.count()).select_from(table)).scalar():
            return True
    return False


def restore_backup(store: Store, document: Any, *, audit: Any = None) -> RestoreSummary:
    """Restore ``document`` in one transaction; exact into an empty database, else merged.

    Raises :class:`InvalidBackup` for anything that is not a backup of this format.
    ``audit``, when given, is called with the session and the summary before commit.
    """
    _check(document)
    with store.unit_of_work(write=True) as session:
        connection = session.connection()
        if _holds_data(connection):
            summary = _merge(connection, document["tables"])
            from ..services._common import touch

            touch(session, None)
        else:
            summary = _exact(connection, document["tables"])
        if audit is not None:
            audit(session, summary)
        session.commit()
    if store.dialect == "postgresql":
        _reset_sequences(store)
    return summary


def _exact(connection: Connection, tables: dict[str, list[dict]]) -> RestoreSummary:
    inserted: dict[str, int] = {}
    for table in reversed(backup_tables()):
        if table.name in REFERENCE_TABLES and table.name in tables:
            connection.execute(table.delete())
    for table in backup_tables():
        rows = tables.get(table.name)
        if not rows:
            continue
        prepared = [{key: _value(table.c[key], value) for key, value in row.items()} for row in _self_ordered(table, rows)]
        connection.execute(table.insert(), prepared)
        inserted[table.name] = len(prepared)
    return RestoreSummary("exact", inserted, {})


def _organisation_keys(row: dict) -> list[tuple]:
    """As on entry: the same organisation number, else the same folded name (private persons
    only match private persons). A merged-away row matches the same name merged into the same row."""
    folded = row.get("name_key") or name_key(row["name"])
    if row.get("merged_into_id") is not None:
        return [("merged", folded, row["merged_into_id"])]
    keys = [("number", row["org_number"])] if row.get("org_number") else []
    return keys + [("name", folded, row.get("kind") == "private_person")]


def _key_columns(table: Table) -> tuple[str, ...]:
    if table.name in NATURAL_KEYS:
        return NATURAL_KEYS[table.name]
    for constraint in table.constraints:
        if constraint.__class__.__name__ == "UniqueConstraint":
            return tuple(column.name for column in constraint.columns)
    for column in table.c:
        if column.unique:
            return (column.name,)
    return tuple(column.name for column in table.c if not column.primary_key)


def _natural_keys(table: Table, row: dict) -> list[tuple]:
    """The keys a row is known by, the most telling first."""
    if table.name == "organisations":
        return _organisation_keys(row)
    return [tuple(_comparable(row.get(column)) for column in _key_columns(table))]


def _comparable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value


def _merge(connection: Connection, tables: dict[str, list[dict]]) -> RestoreSummary:
    ids: dict[str, dict[Any, Any]] = {}
    inserted: dict[str, int] = {}
    matched: dict[str, int] = {}
    for table in backup_tables():
        rows = tables.get(table.name)
        if not rows:
            continue
        pk = next(iter(table.primary_key.columns)).name
        existing: dict[tuple, Any] = {}
        for row in _rows(connection, table):
            for key in _natural_keys(table, row):
                existing.setdefault(key, row[pk])
        mapping = ids.setdefault(table.name, {})
        for row in _self_ordered(table, rows):
            values = dict(row)
            for fk in table.foreign_keys:
                column = fk.parent.name
                if values.get(column) is None:
                    continue
                target = ids.get(fk.column.table.name, {})
                values[column] = target.get(values[column], values[column] if fk.column.table.name in EXCLUDED_TABLES else None)
            if table.name == "ties":
                a, b = values.get("organisation_a_id"), values.get("organisation_b_id")
                if a is None or b is None or a == b:
                    continue  # two organisations of the backup are one here
                values["organisation_a_id"], values["organisation_b_id"] = min(a, b), max(a, b)
            if any(values.get(fk.parent.name) is None and row.get(fk.parent.name) is not None and not fk.parent.nullable for fk in table.foreign_keys):
                continue  # refers to a row that was left out: cannot stand on its own
            keys = _natural_keys(table, values)
            old_id = values.pop(pk, None)
            if table.name == "process_state":
                mapping[old_id] = old_id
                continue  # the target's own revision counter; bumped below
            found = next((existing[key] for key in keys if key in existing), None)
            if found is not None:
                mapping[old_id] = found
                matched[table.name] = matched.get(table.name, 0) + 1
                continue
            prepared = {name: _value(table.c[name], value) for name, value in values.items()}
            new_id = connection.execute(table.insert().values(**prepared)).inserted_primary_key[0]
            mapping[old_id] = new_id
            for key in keys:
                existing.setdefault(key, new_id)
            inserted[table.name] = inserted.get(table.name, 0) + 1
    return RestoreSummary("merge", inserted, matched)


def _reset_sequences(store: Store) -> None:
    # Rows restored with their ids leave PostgreSQL's sequences behind.
    with store.engine.begin() as connection:
        for table in backup_tables():
            if "id" in table.c and table.c.id.primary_key:
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
                    f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"
                )


def load_document(data: bytes | str) -> dict[str, Any]:
    """Parse a backup file, raising :class:`InvalidBackup` for anything but JSON."""
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise InvalidBackup(field="file", reason="not JSON") from None


__all__ += ["load_document"]
