"""Entries in the audit trail for imports, exports, backups and restores.

The command line runs as the server's operator (the ``system`` role); pages run as the
signed-in coordinator. Entries go through ``workshop.services.access.record_audit`` when
the roles module is present, else straight into ``audit_events`` with the same columns.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..db import Store
from ..models import AuditEvent

__all__ = ["OPERATOR", "record", "audit_callback", "record_now"]

# Who the command line acts as when the roles module has no SYSTEM actor to offer.
OPERATOR = ("system", "kommandoraden")


def _actor(actor: Any) -> tuple[str, str]:
    if actor is None:
        return OPERATOR
    return getattr(actor, "role", OPERATOR[0]), getattr(actor, "name", OPERATOR[1])


def record(session: Session, actor: Any, action: str, *, subject_type: str, subject_id: int | None = None, subject_label: str = "", workshop_id: int | None = None, detail: dict | None = None) -> None:
    try:
        from ..services import access  # the coordinator role (on main)
    except ImportError:
        access = None
    if access is not None and actor is not None and hasattr(access, "record_audit"):
        access.record_audit(session, actor, action, subject_type=subject_type, subject_id=subject_id, subject_label=subject_label, workshop_id=workshop_id, detail=detail)
        return
    role, name = _actor(actor)
    session.add(AuditEvent(actor_role=role, actor_name=name, action=action, subject_type=subject_type, subject_id=subject_id, subject_label=subject_label[:200], workshop_id=workshop_id, detail=detail or {}))


def audit_callback(actor: Any, action: str, subject_type: str, describe):
    """A callback for :func:`import_tables` / :func:`restore_backup`: records in their transaction."""

    def callback(session: Session, result: Any) -> None:
        workshop_id, label, detail = describe(result)
        record(session, actor, action, subject_type=subject_type, subject_id=workshop_id, subject_label=label, workshop_id=workshop_id, detail=detail)

    return callback


def record_now(store: Store, actor: Any, action: str, **fields: Any) -> None:
    """For read-only actions (exports, backups): one small write of its own."""
    with store.unit_of_work(write=True) as session:
        record(session, actor, action, **fields)
        session.commit()
