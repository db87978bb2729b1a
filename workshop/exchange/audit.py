"""Entries in the audit trail for imports, exports, backups and restores.

The command line runs as the server's operator (:data:`workshop.services.access.SYSTEM`);
pages run as the signed-in coordinator. Entries go through
:func:`workshop.services.access.record_audit`, in the caller's unit of work where there is one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..db import Store
from ..services.access import SYSTEM, Actor, record_audit

__all__ = ["record", "audit_callback", "record_now"]


def record(session: Session, actor: Actor | None, action: str, *, subject_type: str, subject_id: int | None = None, subject_label: str = "", workshop_id: int | None = None, detail: dict | None = None) -> None:
    record_audit(session, actor or SYSTEM, action, subject_type=subject_type, subject_id=subject_id, subject_label=subject_label, workshop_id=workshop_id, detail=detail)


def audit_callback(actor: Actor | None, action: str, subject_type: str, describe):
    """A callback for :func:`import_tables` / :func:`restore_backup`: records in their transaction."""

    def callback(session: Session, result: Any) -> None:
        workshop_id, label, detail = describe(result)
        record(session, actor, action, subject_type=subject_type, subject_id=workshop_id, subject_label=label, workshop_id=workshop_id, detail=detail)

    return callback


def record_now(store: Store, actor: Actor | None, action: str, **fields: Any) -> None:
    """For read-only actions (exports, backups): one small write of its own."""
    with store.unit_of_work(write=True) as session:
        record(session, actor, action, **fields)
        session.commit()
