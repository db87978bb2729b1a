"""A server that starts loads the analysis libraries and reads the stored analysis before anyone opens a network page.

Started once per server process, when its store is made (``ui/store.py``: the server's first
request of any page), in a thread of its own, so that the request which started it does not
wait for it:

- it imports the analysis libraries (networkx, numpy, scipy, pandas, pyvis and the app's
  analysis modules, :func:`import_analysis_libraries`), :data:`IMPORT_DELAY_S` after that first
  request (so as not to slow its page): seconds of CPU that the server's first network page
  paid on its own run before;
- when another server has stored an analysis (PostgreSQL only), it reads it
  (:func:`workshop.services.shared_analysis.prefetch`), so that page shows it at once.

The imports cost memory (about 150 MB) in a server that only ever shows walls and forms.
``PROJEKTBEREDSKAP_WARM_IMPORTS=0`` leaves them to the first page that needs them: the test
suite sets it (each served test app would pay the imports for nothing), and a small machine
that serves only participants may.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from sqlalchemy import select

from ..db import Store
from ..models import StoredAnalysis

__all__ = ["IMPORT_DELAY_S", "WARM_IMPORTS_VARIABLE", "import_analysis_libraries", "warm_imports", "warm_up"]

log = logging.getLogger(__name__)

WARM_IMPORTS_VARIABLE = "PROJEKTBEREDSKAP_WARM_IMPORTS"
# Seconds between the server's first request and the imports (see _warm).
IMPORT_DELAY_S = 3.0


def warm_imports() -> bool:
    """Whether a starting server imports the analysis libraries (``PROJEKTBEREDSKAP_WARM_IMPORTS``, on unless ``0``)."""
    return os.environ.get(WARM_IMPORTS_VARIABLE, "1").strip() != "0"


def warm_up(store: Store) -> threading.Thread | None:
    """Start the imports and the read of ``store``'s newest stored analysis in a thread.

    Returns the thread, or ``None`` when there is nothing to do: on SQLite (nothing is stored)
    with the imports switched off.
    """
    imports = warm_imports()
    if store.dialect != "postgresql" and not imports:
        return None
    thread = threading.Thread(target=_warm, args=(store, imports), name="analysis-warm-up", daemon=True)
    thread.start()
    return thread


def import_analysis_libraries() -> None:
    """Import what the network pages import lazily: the app's analysis modules and their libraries."""
    # These imports take seconds of CPU: the point of the warm-up is to pay them here, not on a page's run.
    import pandas  # noqa: F401  # lazy: the network pages' tables
    import pyvis.network  # noqa: F401  # lazy: the network map

    from ..network import mapview, plan  # noqa: F401  # lazy: networkx, numpy, scipy
    from . import analysis, shared_analysis  # noqa: F401  # lazy: the analysis itself


def _warm(store: Store, imports: bool) -> None:
    if store.dialect == "postgresql":
        _read(store)  # a stored analysis is read at once (reading it imports the libraries)
    if imports:
        # The request that made the store is still drawing its page: on two busy cores the
        # imports beside it made that first page slower. They wait until it has been drawn.
        time.sleep(IMPORT_DELAY_S)
        try:
            import_analysis_libraries()
        except Exception:  # the page that needs them imports them again and says what is wrong
            log.exception("the analysis libraries were not imported at start")


def _read(store: Store) -> None:
    try:
        with store.unit_of_work() as session:
            if session.scalar(select(StoredAnalysis.revision).limit(1)) is None:
                return
        # lazy: the analysis libraries take seconds to import (done above unless switched off)
        from .shared_analysis import prefetch

        prefetch(store)
    except Exception:  # a server that cannot warm up still serves; its first network page reads it
        log.exception("the stored analysis was not read at start")
