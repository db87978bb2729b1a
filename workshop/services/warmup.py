"""A server that starts reads the stored network analysis before anyone opens a network page.

Started once per server process, on its first request of any page (``ui/store.py``), in a
thread of its own: when another server has stored an analysis (PostgreSQL only), this one
imports the analysis libraries and reads it (:func:`workshop.services.shared_analysis.prefetch`),
so its first network page shows it at once. Without a stored analysis nothing is imported:
a server that only shows walls and forms never loads the analysis libraries.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import select

from ..db import Store
from ..models import StoredAnalysis

__all__ = ["warm_up"]

log = logging.getLogger(__name__)


def warm_up(store: Store) -> threading.Thread | None:
    """Start reading the newest stored analysis of ``store`` in a thread; ``None`` on SQLite (nothing stored)."""
    if store.dialect != "postgresql":
        return None
    thread = threading.Thread(target=_read, args=(store,), name="analysis-warm-up", daemon=True)
    thread.start()
    return thread


def _read(store: Store) -> None:
    try:
        with store.unit_of_work() as session:
            if session.scalar(select(StoredAnalysis.revision).limit(1)) is None:
                return
        # lazy: the analysis libraries take seconds to import; only when there is an analysis to read
        from .shared_analysis import prefetch

        prefetch(store)
    except Exception:  # a server that cannot warm up still serves; its first network page reads it
        log.exception("the stored analysis was not read at start")
