"""The garbage-collection policy of the heavy analysis: full collections wait until it is done.

Python's cyclic collector runs a *full* collection (generation 2) whenever enough
objects have survived the young generations; each one walks every object the process
holds. During one analysis at 3000 organisations (9 900 ideas) that happened 4-5 times
and cost 1.1-1.5 s of the run's ~10.5 s of CPU, because the snapshot, the previous
analysis and the one being built are all on the heap (measured with ``gc.callbacks``;
``gc.freeze()`` before the run did not help: the new analysis is what is walked).

:func:`full_collections_deferred` keeps the young collections (generations 0 and 1: cheap,
~0.2 s a run, and they free short-lived cycles as usual) and holds back the full ones
until the outermost analysis in the process has finished; then the normal thresholds
return and the next full collection runs when Python's own rule asks for it. What it
costs in memory: only cyclic garbage that survived two young collections waits, and the
analysis makes almost none: a full collection right after it found 0-28 unreachable
objects, and the peak (maximum resident set) of a process computing it at 3000
organisations was 817-818 MB with and without the deferral (0ad1f96 against this, three
processes each, 2026-12-03).
Explicit collections (``gc.collect()``, Streamlit's after every script run) are not
affected.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collections_paused", "full_collections_deferred", "DEFERRED_THRESHOLD"]

# Generation 1 collections before a full one: about 260 happen in one analysis at
# 3000 organisations, so this many is "not during the analysis".
DEFERRED_THRESHOLD = 1_000_000

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None
_paused = 0


@contextmanager
def full_collections_deferred() -> Iterator[None]:
    """Run the block without automatic full (generation 2) collections.

    Nested and concurrent blocks (the background analysis and a page's at the same
    time) share one deferral: the thresholds found before the first block are restored
    when the last one ends, whatever the order of the ends.

    Examples
    --------
    >>> import gc
    >>> before = gc.get_threshold()
    >>> with full_collections_deferred():
    ...     gc.get_threshold()[:2] == before[:2], gc.get_threshold()[2] == DEFERRED_THRESHOLD
    (True, True)
    >>> gc.get_threshold() == before
    True

    Notes
    -----
    O(1). Thresholds are process-wide: while any analysis runs, no thread's allocations
    trigger a full collection.
    """
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], DEFERRED_THRESHOLD)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None


@contextmanager
def collections_paused() -> Iterator[None]:
    """Run the block without any automatic collection, young ones included.

    For unpickling a stored analysis: millions of objects appear and none of them is
    garbage, so every young collection walks new objects for nothing. Unpickling the
    analysis stored at 300 organisations (5.7 MB), five runs each, alternating, in two runs
    on a machine at load 28 and 82: collector on 1.5-3.4 s, full collections deferred
    0.48-0.99 s, paused 0.25-0.93 s (medians 0.56 and 0.75 deferred, 0.39 and 0.58 paused).
    Nested and concurrent blocks share one pause; the collector is enabled again when the
    last ends, if it was enabled before the first.

    Examples
    --------
    >>> import gc
    >>> with collections_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


_was_enabled = True
