"""One network analysis per revision for every server on the database.

Every server process keeps its analysis in memory (:mod:`workshop.services.refresher`).
Without sharing, N servers would each compute the analysis of every revision, and a new
server would compute it on its first network page. On PostgreSQL the servers share it
through the table ``stored_analyses``: the first server that needs an analysis newer than
any stored takes an advisory lock, reads the process revision and the snapshot in one
transaction, computes, and stores the result under the revision it read; a server that
waited for the lock finds the stored analysis and reads it instead of computing. One
lock for all revisions: analyses computed = distinct revisions analysed.

The payload is the pickled :class:`~workshop.services.analysis.Analysis`. Pickle runs code
when it is read, so whoever can write this table can run code on the servers: the same
people who can write any table (the app's own database role). The newest
:data:`KEEP` analyses are kept. On SQLite (one server process) nothing is stored: the
analysis is computed in memory as before.

A server reads the newest stored analysis when it starts (:func:`prefetch`, started by
:mod:`workshop.services.warmup` on the server's first request of any page), so that its
first network page finds it read instead of paying the query, the unpickling and the
analysis libraries' imports on that page's run.
"""

from __future__ import annotations

import logging
import pickle
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future

from sqlalchemy import delete, func, select

from ..db import Store
from ..gcpolicy import collections_paused
from ..models import StoredAnalysis
from ..network.snapshot import NetworkSnapshot
from .analysis import Analysis
from .network import read_snapshot
from .revisions import process_revision

__all__ = ["ADVISORY_LOCK", "KEEP", "SharedAnalysis", "prefetch"]

log = logging.getLogger(__name__)

# pg_advisory_lock's key for "computing the analysis" ("PRJB"): one for all revisions.
ADVISORY_LOCK = 0x50524A42
# How many stored analyses are kept: the newest, and a few a slower server may still ask for.
KEEP = 3

Compute = Callable[[NetworkSnapshot, int, "Analysis | None"], Analysis]


class SharedAnalysis:
    """A :class:`~workshop.services.refresher.Refresher`'s ``compute`` that shares its results.

    Parameters
    ----------
    store : Store
        The server's store.
    compute : callable
        ``compute(snapshot, revision, previous) -> Analysis`` (the app passes
        :func:`workshop.services.analysis.refresh`).

    Attributes
    ----------
    computed, loaded : int
        How many analyses this server computed, and how many it read from another's.
    """

    def __init__(self, store: Store, compute: Compute) -> None:
        self.store = store
        self._compute = compute
        self._shared = store.dialect == "postgresql"
        self._count = threading.Lock()
        self.computed = 0
        self.loaded = 0

    def __call__(self, revision: int, previous: Analysis | None) -> Analysis:
        """The analysis of ``revision`` or a newer one: read when stored, else computed and stored."""
        if not self._shared:
            return self._counted(self._compute(read_snapshot(self.store), revision, previous))
        found = self._stored(revision, previous)
        if found is not None:
            return found
        with self.store.engine.connect() as lock:
            lock.execute(select(func.pg_advisory_lock(ADVISORY_LOCK)))
            lock.commit()
            try:
                found = self._stored(revision, previous)  # another server computed it while this one waited
                if found is not None:
                    return found
                with self.store.unit_of_work() as session:
                    # One snapshot for the revision and the data, so the result is stored under its own revision.
                    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                    current = process_revision(session)
                    snapshot = read_snapshot(self.store, session=session)
                started = time.perf_counter()
                result = self._counted(self._compute(snapshot, current, previous))
                self._save(current, result, time.perf_counter() - started)
                return result
            finally:
                lock.execute(select(func.pg_advisory_unlock(ADVISORY_LOCK)))
                lock.commit()

    def newest(self) -> Analysis | None:
        """The newest stored analysis, for a server's first request (``None`` when none is stored):
        the one :func:`prefetch` read when the server started (waiting for it if it is still
        reading), else read now."""
        if not self._shared:
            return None
        with _prefetch_lock:
            future = _prefetches.pop(id(self.store), None)
        found = None if future is None else future.result()
        if found is not None:
            with self._count:
                self.loaded += 1
            return found
        return self._stored(0, None)

    def _counted(self, result: Analysis) -> Analysis:
        with self._count:
            self.computed += 1
        return result

    def _stored(self, revision: int, previous: Analysis | None) -> Analysis | None:
        if previous is not None and previous.revision >= revision:
            return previous
        with self.store.unit_of_work() as session:
            payload = session.scalar(
                select(StoredAnalysis.payload).where(StoredAnalysis.revision >= revision).order_by(StoredAnalysis.revision.desc()).limit(1)
            )
        if payload is None:
            return None
        with collections_paused():  # millions of objects appear, none of them garbage (workshop/gcpolicy.py)
            result = pickle.loads(payload)
        with self._count:
            self.loaded += 1
        return result

    def _save(self, revision: int, result: Analysis, seconds: float) -> None:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with self.store.unit_of_work(write=True) as session:
            session.add(StoredAnalysis(revision=revision, payload=payload, seconds=seconds))
            kept = select(StoredAnalysis.revision).order_by(StoredAnalysis.revision.desc()).limit(KEEP).scalar_subquery()
            session.flush()
            session.execute(delete(StoredAnalysis).where(StoredAnalysis.revision.not_in(kept)))
            session.commit()


# One read of the newest stored analysis per store, started when the server starts.
_prefetches: dict[int, Future] = {}
_prefetch_lock = threading.Lock()


def prefetch(store: Store) -> Analysis | None:
    """Read the newest stored analysis now, for this process's first network page.

    The first :meth:`SharedAnalysis.newest` on ``store`` takes it without reading again
    (and waits for it while this is still reading). A failure is logged and leaves that
    page to read it itself. Nothing is read on SQLite, where nothing is stored.
    """
    if store.dialect != "postgresql":
        return None
    future: Future = Future()
    with _prefetch_lock:
        running = _prefetches.get(id(store))
        if running is None:
            _prefetches[id(store)] = future
    if running is not None:
        return running.result()
    try:
        found = SharedAnalysis(store, lambda snapshot, revision, previous: previous)._stored(0, None)
    except Exception:  # the page will read it itself, and say what is wrong if it cannot
        log.exception("could not read the stored analysis at start")
        found = None
    future.set_result(found)
    return found
