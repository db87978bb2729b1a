"""Sending in the background: one thread per server process, like the analysis refresher.

The thread calls :func:`~workshop.mail.outbox.send_due` every :attr:`MailSender.interval`
seconds, and at once when :meth:`MailSender.wake` is called (a feature that just queued a
message). Every server runs one; claiming in the outbox keeps them from sending a message
twice. Nothing here knows Streamlit; ``ui/store.py`` starts it with the store.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from ..db import Store
from .outbox import send_due
from .settings import MailSettings, MailSettingsInvalid, mail_settings

__all__ = ["MailSender", "start_sender", "running_sender", "wake_sender", "stop_all"]

log = logging.getLogger(__name__)


class MailSender:
    """A daemon thread that sends what is due in ``store``'s outbox.

    Examples
    --------
    >>> from workshop.db import create_store
    >>> import tempfile, pathlib
    >>> store = create_store(f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'doc.sqlite3'}")
    >>> settings = MailSettings(host="127.0.0.1", port=1, security="none", sender="a@example.se")
    >>> sender = MailSender(store, lambda: settings, interval=60)
    >>> sender.start(); sender.rounds >= 0
    True
    >>> sender.stop(); sender.running
    False
    """

    def __init__(self, store: Store, settings: Callable[[], MailSettings | None], *, interval: float = 30.0) -> None:
        self.store = store
        self._settings = settings
        self.interval = interval
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.rounds = 0
        self.sent = 0
        self.error: BaseException | None = None  # the last round's, kept for the logs

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if not self.running:
            self._stopping.clear()
            self._thread = threading.Thread(target=self._run, name="mail-sender", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Send now rather than at the next interval (after a feature queued a message)."""
        self._wake.set()

    def stop(self) -> None:
        """End the thread (tests; a server simply exits)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                settings = self._settings()
                if settings is not None:
                    self.sent += send_due(self.store, settings=settings)
                self.error = None
            except Exception as error:  # a database outage: logged, tried again next round
                self.error = error
                log.warning("mail sender round failed: %s", type(error).__name__)
            self.rounds += 1
            self._wake.wait(self.interval)


# By the store's id; each sender holds its store, so the id cannot be reused while it runs.
_senders: dict[int, MailSender] = {}
_senders_lock = threading.Lock()


def start_sender(store: Store) -> MailSender | None:
    """Start (once per store) the sender thread when SMTP is configured; ``None`` when it is not.

    Settings that cannot be used are logged (their variable, never a password) and no
    thread starts; the coordinator's page shows what is wrong.
    """
    try:
        settings = mail_settings()
    except MailSettingsInvalid as error:
        log.warning("e-mail not started: %s has a value the app cannot use", error.params.get("variable"))
        return None
    if settings is None:
        return None
    with _senders_lock:
        sender = _senders.get(id(store))
        if sender is None:
            sender = _senders[id(store)] = MailSender(store, lambda: settings)
        sender.start()
        return sender


def running_sender(store: Store) -> MailSender | None:
    """The sender started for ``store`` in this process, if any (to :meth:`~MailSender.wake` it)."""
    return _senders.get(id(store))


def wake_sender(store: Store) -> None:
    """Have this process's sender send now, after a caller committed new messages (no sender: nothing)."""
    sender = _senders.get(id(store))
    if sender is not None:
        sender.wake()


def stop_all() -> None:
    """Stop and forget every sender of this process (tests; a server simply exits)."""
    with _senders_lock:
        started = list(_senders.values())
        _senders.clear()
    for sender in started:
        sender.stop()
