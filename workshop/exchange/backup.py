"""A full backup as one versioned JSON document, and restoring it (exactly, or merged).

Table-driven over :data:`workshop.models.Base.metadata`: every table is in the backup except
the ephemeral ones in :data:`EXCLUDED_TABLES` (signed-in sessions, counted failed guesses, the servers' stored analyses), so a
table added to the model comes along without a change here. The format is described in
``docs/backup-format.md`` and checked by ``workshop/exchange/backup.schema.json``.

Restoring into a database that holds nothing but the reference data gives the same rows
with the same ids (a backup taken afterwards is the same document). Restoring into a
database with data merges: each row is matched on its natural key (:data:`NATURAL_KEYS`),
references are rewritten to the matched or newly inserted rows, and nothing is duplicated.

A file is checked before anything is written: its size, nesting and row count against
:mod:`workshop.exchange.limits`, the schema, and that every reference in it points at a row
it holds. A merge is refused when the backup comes from another process (:func:`process_id`)
unless the coordinator asks for it, and when a workshop's join code belongs to another
workshop in the target.

Size: over 400 lines because taking and restoring a backup read and write one format, kept side
by side so that the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, func, select, text
from sqlalchemy.engine import Connection

from ..db import Store
from ..errors import ServiceError, WorkshopNotFound
from ..models import Base
from ..services.access import SYSTEM, Actor
from ..services.roles import require
from ..services.revisions import renumbered, touch
from ..text import name_key
from .limits import LIMITS, Limits, UploadRefused, check_json_shape, check_size

__all__ = [
    "FORMAT",
    "VERSION",
    "EXCLUDED_TABLES",
    "REFERENCE_TABLES",
    "NATURAL_KEYS",
    "InvalidBackup",
    "BackupFromAnotherProcess",
    "JoinCodeTaken",
    "RestoreSummary",
    "process_id",
    "backup_tables",
    "take_backup",
    "dumps",
    "restore_backup",
    "schema",
]

FORMAT = "projektberedskap-backup"
VERSION = 1
# Ephemeral: who is signed in right now, and failed guesses being slowed down.
# The outbox is delivery in progress, not the process: a restore must never send old mail again.
# A stored analysis is a cache of the process, computed again from what is restored.
EXCLUDED_TABLES = frozenset({"staff_sessions", "access_attempts", "facilitator_sessions", "mail_outbox", "stored_analyses"})
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
    "invitations": ("idea_id", "organisation_id"),
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


class BackupFromAnotherProcess(ServiceError):
    """The backup was taken from another process (another municipality's or a test database);
    merging it would mix two processes. Refused unless the coordinator asks for it."""

    message_key = "uploads.backup.other_process"


class JoinCodeTaken(ServiceError):
    """A workshop in the backup has the join code of another workshop here: refused, not merged into it."""

    message_key = "uploads.backup.join_code_taken"


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


def process_id(connection: Connection) -> str | None:
    """What tells one process (one installation's database) from another, or ``None`` before it has one.

    The process is identified by its first coordinator: a hash of that row's folded name and
    the moment it was created, which never change and which an exact restore carries over.
    The demo's coordinator counts only while there is no other (removing the demo would change
    it otherwise). A database without a coordinator (a new one, or one filled from the command
    line) has none.
    """
    table = Base.metadata.tables["coordinators"]
    first = connection.execute(select(table.c.name_key, table.c.created_at).order_by(table.c.is_demo, table.c.id).limit(1)).first()
    if first is None:
        return None
    created = first.created_at.isoformat() if isinstance(first.created_at, dt.datetime) else str(first.created_at)
    return hashlib.sha256(f"{first.name_key}|{created}".encode()).hexdigest()[:16]


def take_backup(store: Store, *, workshop_id: int | None = None) -> dict[str, Any]:
    """The whole database, or one workshop with everything it refers to, as a JSON-ready dict.

    Rows are ordered by id and the document holds no time stamp, so the same data always
    gives the same document.
    """
    with store.engine.connect() as connection:
        revision = _schema_revision(connection)
        process = process_id(connection)
        if workshop_id is None:
            tables = {table.name: _rows(connection, table) for table in backup_tables()}
            scope: dict[str, Any] = {"kind": "database"}
        else:
            tables, join_code = _workshop_rows(connection, workshop_id)
            scope = {"kind": "workshop", "join_code": join_code}
    return {"format": FORMAT, "version": VERSION, "schema_revision": revision, "process": process, "scope": scope, "tables": tables}


def _workshop_rows(connection: Connection, workshop_id: int) -> tuple[dict[str, list[dict]], str]:
    """One workshop: its rows, the rows they refer to, and the reference data.

    A nullable reference to another workshop (an organisation first seen elsewhere) is
    cleared; a required one (an idea carried forward from an earlier meeting) brings that
    workshop's own row, not its contents.
    """
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
    for name in ("leader_cards", "leader_volunteer_hours", "invitations"):  # an idea's LEADER card and invitations go with it
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


def _check(document: Any, limits: Limits = LIMITS) -> None:
    import jsonschema  # lazy: jsonschema loads only when a backup is restored

    if isinstance(document, dict) and isinstance(document.get("tables"), dict):
        # Counted before the schema walks every row.
        count = sum(len(rows) for rows in document["tables"].values() if isinstance(rows, list))
        if count > limits.backup_rows:
            raise UploadRefused("uploads.limit.backup_rows", field="file", limit=f"{limits.backup_rows:,}".replace(",", " "))
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
    _check_references(document["tables"], known)


def _check_references(tables: dict[str, list[dict]], known: dict[str, Table]) -> None:
    """Every reference in the file points at a row the file holds (a backup always does):
    an idea whose workshop is missing is refused by name, not skipped."""
    ids = {name: {row.get("id") for row in rows} for name, rows in tables.items()}
    for name, rows in tables.items():
        for fk in known[name].foreign_keys:
            target = fk.column.table.name
            if target not in known or fk.column.name != "id":
                continue
            present = ids.get(target, set())
            column = fk.parent.name
            for row in rows:
                value = row.get(column)
                if value is not None and value not in present and not (target == name and value == row.get("id")):
                    raise InvalidBackup(
                        "uploads.backup.missing_reference", field="file", table=name, row=row.get("id"), column=column, target=target, value=value,
                        title=str(row.get("title") or row.get("name") or "")[:80],
                    )


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


def restore_backup(store: Store, document: Any, *, audit: Any = None, other_process: bool = False, actor: Actor = SYSTEM) -> RestoreSummary:
    """Restore ``document`` in one transaction; exact into an empty database, else merged.

    Raises :class:`InvalidBackup` for anything that is not a backup of this format,
    :class:`~workshop.exchange.limits.UploadRefused` past a limit,
    :class:`BackupFromAnotherProcess` for a merge of another process's backup unless
    ``other_process``, and :class:`JoinCodeTaken` when a workshop's join code is another's here.
    ``audit``, when given, is called with the session and the summary before commit.
    ``actor`` is who restores (the server's command line unless given); the roles table decides.
    """
    require(actor, "exchange", "restore")
    _check(document)
    with store.unit_of_work(write=True) as session:
        connection = session.connection()
        if _holds_data(connection):
            here = process_id(connection)
            if here is not None and document.get("process") != here and not other_process:
                raise BackupFromAnotherProcess(field="file")
            _check_join_codes(connection, document["tables"].get("workshops", []))
            summary = _merge(connection, document["tables"])
            touch(session, None)
        else:
            # The backup's workshops come with their own revisions: the process revision must still grow.
            with renumbered(session):
                summary = _exact(connection, document["tables"])
        if audit is not None:
            audit(session, summary)
        session.commit()
    if store.dialect == "postgresql":
        _reset_sequences(store)
    return summary


def _check_join_codes(connection: Connection, workshops: list[dict]) -> None:
    """A workshop of the backup with a join code used here must be the same workshop (created at
    the same moment, or with the same title and date); another workshop's code is refused."""
    table = Base.metadata.tables["workshops"]
    codes = [row["join_code"] for row in workshops]
    if not codes:
        return
    here = {row.join_code: row for row in connection.execute(select(table.c.join_code, table.c.title, table.c.date, table.c.created_at).where(table.c.join_code.in_(codes)))}
    for row in workshops:
        found = here.get(row["join_code"])
        if found is None:
            continue
        created = found.created_at.isoformat() if isinstance(found.created_at, dt.datetime) else found.created_at
        same_moment = row.get("created_at") is not None and row.get("created_at") == created
        same_meeting = name_key(row["title"]) == name_key(found.title) and row.get("date") == found.date.isoformat()
        if not (same_moment or same_meeting):
            raise JoinCodeTaken(field="file", code=row["join_code"], title=str(row["title"])[:80], other=found.title)


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


def load_document(data: bytes | str, limits: Limits = LIMITS) -> dict[str, Any]:
    """Parse a backup file within the limits (size, nesting); :class:`InvalidBackup` for anything but JSON."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", errors="replace"))
    check_size("", size, limits.backup_bytes, key="uploads.limit.backup_bytes", field="file")
    check_json_shape(data, limits)
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InvalidBackup(field="file", reason="not JSON") from None


__all__ += ["load_document"]
