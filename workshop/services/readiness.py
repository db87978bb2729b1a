"""Whether an idea may move to *Projektklar*: the records read, LEADER's rule asked.

The rule is LEADER's (:func:`workshop.leader.readiness.missing_for_project`: the basic
criteria, and once a kind of support is chosen, its rules); this module only loads what the
rule reads and raises :class:`NotReadyForProject` naming what is missing.

Kept apart from :mod:`workshop.services.analysis` so that the check loads only the readiness
rules and the network's records: no scikit-learn, SciPy or pandas (seconds on a cold start,
paid by the demo's first load and by the first stage move after a restart).
"""

from __future__ import annotations

from ..db import Store
from ..errors import NotFound, NotReadyForProject
from ..leader.readiness import missing_for_project
from ..network.message import UnknownIdea
from ..network.readiness import idea_readiness
from .leader_facts import support_check
from .rows import check_row_id
from .network import read_snapshot

__all__ = ["require_project_ready"]

def require_project_ready(store: Store, idea_id: int) -> None:
    """Raise :class:`NotReadyForProject` naming the LEADER criteria the idea still misses."""
    check_row_id(idea_id, "idea", "errors.idea_not_found")
    try:
        basic = idea_readiness(read_snapshot(store), idea_id)
    except UnknownIdea:  # merged or deleted meanwhile
        raise NotFound("errors.idea_not_found", field="idea") from None
    missing = missing_for_project(basic, support_check(store, idea_id))
    if missing:
        raise NotReadyForProject(field="stage", missing=missing)
