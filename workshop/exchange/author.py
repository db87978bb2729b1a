"""Who a document from the app names as its author: the municipality's coordinator."""

from __future__ import annotations

from sqlalchemy import select

from ..models import Coordinator

__all__ = ["coordinator_name"]


def coordinator_name(session) -> str:
    """The municipality's coordinator, as documents name their author ("" when none is known).

    The first coordinator who is not the demo's; the demo's when it is the only one.
    """
    rows = session.execute(select(Coordinator.name, Coordinator.is_demo).order_by(Coordinator.is_demo, Coordinator.id)).first()
    return rows.name if rows else ""
