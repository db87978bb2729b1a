"""How many projects an organisation can take part in: set by the coordinator, used by the plan."""

from __future__ import annotations

from ..db import Store
from ..errors import InvalidInput
from . import access
from .revisions import touch
from .rows import get_organisation

__all__ = ["MAX_CAPACITY", "set_organisation_capacity"]

# Beyond this no organisation in a rural process takes part in projects at once.
MAX_CAPACITY = 50


def set_organisation_capacity(store: Store, token: str, organisation_id: int, capacity: int | None) -> None:
    """Set (or with ``None`` reset to the default) an organisation's capacity; coordinators only.

    Raises
    ------
    NotSignedIn, NotAllowed
        ``token`` is no live staff session, or a facilitator's.
    InvalidInput
        ``capacity`` is not a whole number from 0 to 50 (``errors.capacity_invalid``).
    NotFound
        No such organisation.
    """
    if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int) or not 0 <= capacity <= MAX_CAPACITY):
        raise InvalidInput("errors.capacity_invalid", field="capacity", max=MAX_CAPACITY)
    with store.unit_of_work(write=True) as session:
        actor = access.authorise(session, token, "organisations", "capacity")
        organisation = get_organisation(session, organisation_id)
        before = organisation.capacity
        organisation.capacity = capacity
        access.record_audit(
            session,
            actor,
            "organisation.edit",
            subject_type="organisation",
            subject_id=organisation.id,
            subject_label=organisation.name,
            detail={"capacity": {"before": before, "after": capacity}},
        )
        touch(session, None)
        session.commit()
