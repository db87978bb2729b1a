"""Changes announced by PostgreSQL: one listener thread per server process wakes its walls.

Every bump of a revision counter (:mod:`workshop.services.revisions`) sends ``NOTIFY`` on
:data:`~workshop.services.revisions.CHANGES_CHANNEL` with the workshop ids as the payload,
delivered when the write commits, to every server on the database. A
:class:`ChangeListener` holds one connection that ``LISTEN``\\s and counts the
notifications per workshop: a page keys its cache of a workshop's revision on that count
(:meth:`ChangeListener.generation`), so the first poll after a commit, on any server,
reads the new revision at once instead of up to a second later, and no poll reads the
database while nothing changed.

When the listener's connection drops, :meth:`ChangeListener.generation` answers ``None``
and the pages poll as on SQLite (a revision at most a second old) until it is back; on
reconnecting it counts a change of everything, since notifications sent meanwhile are lost.
"""

from __future__ import annotations

import logging
import os
import threading

from sqlalchemy.engine import make_url

from .revisions import CHANGES_CHANNEL, EVERYTHING

__all__ = ["NOTIFICATIONS_VARIABLE", "NOTIFIED_TTL", "ChangeListener", "listener_for", "notifications_wanted"]

# "0": the servers poll as on SQLite, e.g. behind a connection pooler that cannot LISTEN
# (PgBouncer in transaction mode), or to measure polling against notifications.
NOTIFICATIONS_VARIABLE = "PROJEKTBEREDSKAP_CHANGE_NOTIFICATIONS"

# How long a page trusts a revision read while the listener is connected: a safety net only
# (every change is announced), so the walls of an idle server do not query every second.
NOTIFIED_TTL = 30

log = logging.getLogger(__name__)


class ChangeListener:
    """``LISTEN`` on the changes channel of the PostgreSQL database at ``url``, in a thread.

    Parameters
    ----------
    url : str
        A SQLAlchemy URL of a PostgreSQL database.
    retry : float
        Seconds between attempts to reconnect after the connection dropped.

    Examples
    --------
    >>> listener = ChangeListener.__new__(ChangeListener)  # without a database: the counting alone
    >>> listener._setup()
    >>> listener._connected.set()
    >>> listener._received("3,5"); listener._received("")
    >>> listener.generation(3), listener.generation(4), listener.generation()
    (1, 0, 2)
    """

    def __init__(self, url: str, *, retry: float = 1.0) -> None:
        self._setup()
        self._conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.retry = retry
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)
        self._thread.start()

    def _setup(self) -> None:
        self._lock = threading.Condition()
        self._per_workshop: dict[int, int] = {}
        self._everything = 0  # changes of every wall (a reconnect, an erasure, a restore)
        self._total = 0
        self._connected = threading.Event()
        self._stopping = threading.Event()
        self.backend_pid: int | None = None
        self.connections = 0

    @property
    def connected(self) -> bool:
        """Whether notifications arrive now (else the pages poll)."""
        return self._connected.is_set()

    def generation(self, workshop_id: int | None = None) -> int | None:
        """How many changes of ``workshop_id``'s wall (of anything, for ``None``) were announced;
        ``None`` while the listener is not connected: then poll."""
        if not self._connected.is_set():
            return None
        with self._lock:
            if workshop_id is None:
                return self._total
            return self._per_workshop.get(workshop_id, 0) + self._everything

    def wait_until(self, predicate, timeout: float) -> bool:
        """Wait until ``predicate(self)`` holds (tests); ``False`` after ``timeout`` seconds."""
        with self._lock:
            return self._lock.wait_for(lambda: predicate(self), timeout)

    def stop(self) -> None:
        """End the thread (tests; a server simply exits)."""
        self._stopping.set()
        self._thread.join(timeout=10)

    def _received(self, payload: str) -> None:
        with self._lock:
            self._total += 1
            if payload == EVERYTHING:
                self._everything += 1
            for part in payload.split(","):
                if part.isdigit():
                    self._per_workshop[int(part)] = self._per_workshop.get(int(part), 0) + 1
            self._lock.notify_all()

    def _run(self) -> None:
        # lazy: the driver is needed only on PostgreSQL; a server on SQLite never loads it
        import psycopg

        while not self._stopping.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANGES_CHANNEL}")
                    with self._lock:
                        self.backend_pid = connection.info.backend_pid
                        self.connections += 1
                        if self.connections > 1:  # what was announced while away is lost: all may have changed
                            self._everything += 1
                            self._total += 1
                        self._connected.set()
                        self._lock.notify_all()
                    while not self._stopping.is_set():
                        for notification in connection.notifies(timeout=0.5):
                            self._received(notification.payload)
            except psycopg.Error as error:
                if not self._stopping.is_set():
                    log.info("change listener lost its connection (%s); pages poll until it is back", error)
            finally:
                with self._lock:
                    self._connected.clear()
                    self._lock.notify_all()
            self._stopping.wait(self.retry)


def notifications_wanted() -> bool:
    """Whether the servers listen for changes (``$PROJEKTBEREDSKAP_CHANGE_NOTIFICATIONS``, on unless ``0``)."""
    return os.environ.get(NOTIFICATIONS_VARIABLE, "1").strip() != "0"


def listener_for(url: str) -> ChangeListener | None:
    """A started :class:`ChangeListener` on ``url`` when it is PostgreSQL and notifications are
    wanted (:func:`notifications_wanted`), else ``None`` (poll).

    >>> listener_for("sqlite:///data/projektberedskap.sqlite3") is None
    True
    """
    if make_url(url).get_backend_name() != "postgresql" or not notifications_wanted():
        return None
    return ChangeListener(url)
