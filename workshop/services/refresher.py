"""The analysis, recomputed off the page's run: one background thread per server process.

Pages ask :meth:`Refresher.latest` for the analysis of the current revision. The first
time there is nothing to show, so the caller computes it (and waits). After that a
newer revision never blocks a page: the thread is asked for it and the page gets the
previous result, marked stale, until the new one is ready. Requests that arrive while
the thread waits out :attr:`Refresher.debounce` or computes are merged: a burst of
twenty writes costs one or two recomputations, each from the newest revision.

Nothing here knows Streamlit; ``compute(revision, previous)`` is any function that
returns a result for a revision (the app passes :func:`workshop.services.analysis.refresh`
on a fresh snapshot).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["Served", "Refresher"]

T = TypeVar("T")


@dataclass(frozen=True)
class Served(Generic[T]):
    """A result and whether it is the analysis of the revision asked for.

    ``revision`` is the revision the result was computed for; ``stale`` is true while
    a newer one is being computed ("uppdateras…").
    """

    result: T
    revision: int
    stale: bool


class Refresher(Generic[T]):
    """Keeps the newest result of ``compute`` and computes newer ones in one thread.

    Parameters
    ----------
    compute : callable
        ``compute(revision, previous_result_or_None) -> result``.
    debounce : float
        Seconds to wait after a request before computing, so that a burst of writes
        is computed once, from its last revision.
    wait : float
        Seconds a caller waits for a newer result before taking the previous one; small,
        so a page stays fast, but enough that a small process is shown fresh at once. A
        caller does not wait at all when the last computation took longer (debounce
        included, see :attr:`last_seconds`): the new result could not arrive in time.

    initial : callable, optional
        ``initial() -> result or None``: what a server that starts can show before it has
        computed anything (the analysis another server stored); it is served at once,
        marked stale when it is older than the revision asked for, while the thread
        computes the newer one.
    revision_of : callable, optional
        ``revision_of(result) -> int``: the revision a result is of, when ``compute`` may
        return a newer one than asked for (another server's); by default the one asked for.

    Examples
    --------
    >>> calls = []
    >>> refresher = Refresher(lambda revision, previous: calls.append(revision) or f"analysis {revision}", debounce=0, wait=5)
    >>> refresher.latest(1)
    Served(result='analysis 1', revision=1, stale=False)
    >>> refresher.latest(1).result, calls  # computed once
    ('analysis 1', [1])
    >>> refresher.latest(2).revision  # computed in the thread; here within the wait
    2
    >>> refresher.stop()
    """

    def __init__(
        self,
        compute: Callable[[int, T | None], T],
        *,
        debounce: float = 0.1,
        wait: float = 0.25,
        initial: Callable[[], T | None] | None = None,
        revision_of: Callable[[T], int] | None = None,
    ) -> None:
        self._compute = compute
        self._initial = initial
        self._revision_of = revision_of
        self.debounce = debounce
        self.wait = wait
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._served: Served[T] | None = None
        self._wanted: int | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._first = threading.Lock()  # only one caller computes the very first result
        self.error: BaseException | None = None
        self.computations = 0
        # How long the newest result took, from the request to the result (debounce included).
        self.last_seconds: float | None = None

    def latest(self, revision: int) -> Served[T]:
        """The result for ``revision`` if ready (or within :attr:`wait`), else the previous one, stale."""
        with self._lock:
            served = self._served
        if served is None:
            with self._first:
                with self._lock:
                    served = self._served
                if served is None:
                    started = time.monotonic()
                    stored = None if self._initial is None else self._initial()
                    if stored is not None:  # another server's: shown at once, the thread catches up
                        with self._changed:
                            self._served = Served(stored, self._of(stored, 0), False)
                            self._changed.notify_all()
                    else:
                        result = self._compute(revision, None)
                        with self._changed:
                            self.last_seconds = time.monotonic() - started
                            self.computations += 1
                            if self._served is None or self._served.revision < revision:
                                self._served = Served(result, self._of(result, revision), False)
                            self._changed.notify_all()
                            return self._served
                    served = self._served
        if served.revision >= revision:
            return Served(served.result, served.revision, False)
        with self._changed:
            if self._wanted is None or self._wanted < revision:
                self._wanted = revision
            self._ensure_thread()
            self._changed.notify_all()
            in_time = self.last_seconds is None or self.last_seconds <= self.wait
            deadline = time.monotonic() + (self.wait if in_time else 0.0)
            while self._served.revision < revision and not self._stopping:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            served = self._served
        return Served(served.result, served.revision, served.revision < revision)

    def _of(self, result: T, asked: int) -> int:
        return asked if self._revision_of is None else max(asked, self._revision_of(result))

    def stop(self) -> None:
        """End the thread (tests; a server simply exits)."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="analysis-refresher", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._stopping and (self._wanted is None or self._wanted <= self._served.revision):
                    self._changed.wait()
                if self._stopping:
                    return
            # Debounce: let the burst finish, then compute from its newest revision.
            started = time.monotonic()
            time.sleep(self.debounce)
            with self._lock:
                revision, previous = self._wanted, self._served
            try:
                result = self._compute(revision, previous.result)
            except BaseException as error:  # kept for the logs; the previous result stays served
                with self._changed:
                    self.error = error
                    self._wanted = previous.revision if self._wanted == revision else self._wanted
                    self._changed.notify_all()
                continue
            with self._changed:
                self.computations += 1
                self.last_seconds = time.monotonic() - started
                if self._served.revision < revision:
                    self._served = Served(result, self._of(result, revision), False)
                self._changed.notify_all()

    def __repr__(self) -> str:  # pragma: no cover - for logs
        served: Any = self._served
        return f"Refresher(served={None if served is None else served.revision}, wanted={self._wanted})"
