"""Engine configuration, schema upgrades and the unit of work.

One engine per process: the app builds it through :func:`create_store` inside
``st.cache_resource``; nothing here runs at import time.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import DatabaseUnavailable

__all__ = [
    "DATABASE_URL_VARIABLE",
    "PROJECT_ROOT",
    "default_database_url",
    "database_url",
    "make_engine",
    "upgrade_schema",
    "Store",
    "create_store",
]

DATABASE_URL_VARIABLE = "PROJEKTBEREDSKAP_DATABASE_URL"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long an erasure waits for open read transactions (a projector refreshing) before it
# leaves the log's truncation to the end of the next unit of work.
LOG_TRUNCATION_WAIT_S = 3.0

log = logging.getLogger(__name__)


def default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'data' / 'projektberedskap.sqlite3'}"


def database_url() -> str:
    """The database to use: ``$PROJEKTBEREDSKAP_DATABASE_URL`` or the embedded SQLite file."""
    return os.environ.get(DATABASE_URL_VARIABLE) or default_database_url()


def make_engine(url: str) -> Engine:
    """Build an engine; for SQLite turn on WAL, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        # Let SQLAlchemy's "begin" event decide how a transaction starts (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted and overwritten content is zeroed on its page, and freed pages are
        # overwritten: an erased name leaves no trace in the file's free space.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        # A writing unit of work takes the write lock up front: a deferred transaction
        # that reads and then writes can fail with "database is locked" under
        # concurrency instead of waiting its turn.
        if connection.get_execution_options().get("sqlite_immediate"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema to the newest Alembic revision."""
    # lazy: alembic (about a third of this module's import) loads only when a store is opened
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class Store:
    """The process's handle on the database: hands out units of work."""

    engine: Engine

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        writer_bind = self.engine
        if self.engine.dialect.name == "sqlite":
            writer_bind = self.engine.execution_options(sqlite_immediate=True)
        self._writer = sessionmaker(writer_bind, expire_on_commit=False)
        # SQLite has one writer at a time anyway. Queueing this process's writers on a
        # lock is fair and immediate, where SQLite's busy handler sleeps in growing steps
        # (up to 100 ms) and lets a burst of writers starve each other.
        self._write_lock = threading.Lock() if self.engine.dialect.name == "sqlite" else None
        # Set when the write-ahead log still holds frames that must go (an erasure) but a
        # reader kept it from being truncated: every later unit of work tries again.
        self._log_truncation_pending = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def unit_of_work(self, *, write: bool = False) -> Iterator[Session]:
        """A session that rolls back unless the body calls ``session.commit()``.

        Database outages and lock time-outs come out as :class:`DatabaseUnavailable`,
        so that pages can offer a retry instead of a stack trace.
        """
        lock = self._write_lock if write else None
        if lock is not None:
            lock.acquire()
        session = (self._writer if write else self._reader)()
        try:
            yield session
        except OperationalError as error:
            session.rollback()
            raise DatabaseUnavailable() from error
        finally:
            session.rollback()
            session.close()
            if lock is not None:
                lock.release()
            if self._log_truncation_pending:
                self.truncate_log(wait=0)

    def truncate_log(self, *, wait: float = LOG_TRUNCATION_WAIT_S) -> bool:
        """On SQLite, copy the write-ahead log into the file and empty it; ``True`` once done.

        A read transaction open on another connection pins the log frames it may still need,
        so the checkpoint is retried for up to ``wait`` seconds. If a reader outlasts that,
        the truncation is left pending and tried again, without waiting, at the end of every
        unit of work of this process, so it happens as soon as the last old reader is gone.
        Elsewhere (PostgreSQL) there is no such log to truncate: always ``True``.
        """
        if self.dialect != "sqlite":
            return True
        deadline = time.monotonic() + wait
        while True:
            done = self._checkpoint_truncate()
            if done or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        self._log_truncation_pending = not done
        if not done and wait:
            log.info("write-ahead log not truncated yet: a reader is open; retried after each unit of work")
        return done

    def _checkpoint_truncate(self) -> bool:
        """One ``wal_checkpoint(TRUNCATE)`` that never waits on the busy handler."""
        if not self._write_lock.acquire(blocking=False):  # a writer of ours is busy: next time
            return False
        try:
            raw = self.engine.raw_connection()
            try:
                cursor = raw.driver_connection.cursor()
                cursor.execute("PRAGMA busy_timeout=0")
                try:
                    busy, _frames, _copied = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                finally:
                    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
                    cursor.close()
            finally:
                raw.close()
        except (OperationalError, sqlite3.Error):  # a failed attempt is retried, never raised to a page
            return False
        finally:
            self._write_lock.release()
        return busy == 0

    def answers(self) -> bool:
        """Whether the database would take a write now: the cheap health check a page polls
        while it waits for an outage to end (never raises, never waits long).

        On SQLite a held write lock is the usual trouble, so the check asks for that lock
        (``BEGIN IMMEDIATE``, then ``ROLLBACK``) with a short busy timeout; elsewhere a
        ``SELECT 1`` on a fresh pooled connection.
        """
        try:
            if self.dialect != "sqlite":
                self.ping()
                return True
            raw = self.engine.raw_connection()
            try:
                cursor = raw.driver_connection.cursor()
                cursor.execute("PRAGMA busy_timeout=250")
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("ROLLBACK")
                finally:
                    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
                    cursor.close()
            finally:
                raw.close()
            return True
        except (DatabaseUnavailable, DBAPIError, sqlite3.Error):
            return False

    def ping(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except OperationalError as error:
            raise DatabaseUnavailable() from error


def create_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Build the engine for ``url`` (default :func:`database_url`) and upgrade its schema."""
    engine = make_engine(url or database_url())
    if upgrade:
        upgrade_schema(engine)
    return Store(engine)
