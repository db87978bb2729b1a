"""Coordinator accounts: created on the command line (or once, on the server's own machine,
when there is none), signed in with a key, signed out on the server."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..db import Store
from ..errors import CoordinatorExists, NotAllowed, NotFound, WorkshopNotFound, WrongCoordinatorKey
from ..lengths import NAME_MAX
from ..models import AuditEvent, Coordinator, StaffSession, utcnow
from ..security import ANONYMOUS, Client, check_not_throttled, clear_failures, hash_secret, new_facilitator_key, record_failure, verify_secret
from ..text import name_key
from ..validation import clean_int, clean_text
from .access import SYSTEM, Actor, open_staff_session, record_audit, require_coordinator
from .roles import require
from .rows import is_row_id

__all__ = [
    "CoordinatorView",
    "NewCoordinator",
    "add_coordinator",
    "has_coordinator",
    "create_first_coordinator",
    "coordinator_sign_in",
    "list_coordinators",
    "reset_coordinator_key",
    "remove_coordinator",
    "AuditEntry",
    "audit_trail",
]


@dataclass(frozen=True)
class CoordinatorView:
    id: int
    name: str
    is_demo: bool


@dataclass(frozen=True)
class NewCoordinator:
    coordinator: CoordinatorView
    key: str  # shown once; only its hash is stored
    token: str | None = None  # a signed-in session, when created from the browser


def _view(row: Coordinator) -> CoordinatorView:
    return CoordinatorView(row.id, row.name, row.is_demo)


def _insert(session, name: str, key: str, *, is_demo: bool) -> Coordinator:
    row = Coordinator(name=name, name_key=name_key(name), secret_hash=hash_secret(key), is_demo=is_demo)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise CoordinatorExists(field="name", name=name) from None
    return row


def add_coordinator(store: Store, name: str, *, actor: Actor = SYSTEM, is_demo: bool = False) -> NewCoordinator:
    """A new coordinator with a random key (``python -m workshop coordinator add NAME``)."""
    name = clean_text(name, "name", max_length=NAME_MAX)
    key = new_facilitator_key()
    require(actor, "coordinators", "add")
    with store.unit_of_work(write=True) as session:
        if session.scalar(select(Coordinator.id).where(Coordinator.name_key == name_key(name))) is not None:
            raise CoordinatorExists(field="name", name=name)
        row = _insert(session, name, key, is_demo=is_demo)
        record_audit(session, actor, "coordinator.add", subject_type="coordinator", subject_id=row.id, subject_label=name)
        session.commit()
        return NewCoordinator(_view(row), key)


def has_coordinator(store: Store) -> bool:
    with store.unit_of_work() as session:
        return bool(session.scalar(select(func.count(Coordinator.id))))


def create_first_coordinator(store: Store, name: str, *, from_this_machine: bool) -> NewCoordinator:
    """On a database with no coordinator, the first one, from a browser on the server itself.

    Anyone who can reach the server could otherwise make themselves coordinator of a fresh
    installation; from the machine itself it is the person who installed it.
    """
    if from_this_machine is not True:
        raise NotAllowed("errors.first_coordinator_local_only")
    name = clean_text(name, "name", max_length=NAME_MAX)
    key = new_facilitator_key()
    with store.unit_of_work(write=True) as session:
        # The whole table is checked inside the writing transaction: two first coordinators
        # created at the same instant cannot both find it empty.
        if store.dialect == "postgresql":
            session.execute(select(func.pg_advisory_xact_lock(724312)))
        if session.scalar(select(func.count(Coordinator.id))):
            raise CoordinatorExists("errors.first_coordinator_exists")
        row = _insert(session, name, key, is_demo=False)
        actor = Actor("coordinator", row.name, coordinator_id=row.id)
        record_audit(session, actor, "coordinator.first", subject_type="coordinator", subject_id=row.id, subject_label=name)
        token = open_staff_session(session, "coordinator", coordinator_id=row.id)
        session.commit()
        return NewCoordinator(_view(row), key, token)


def coordinator_sign_in(store: Store, name: str, key: str, *, client: Client = ANONYMOUS) -> str:
    """Check a coordinator's name and key; return a session token for the browser's cookie."""
    if not isinstance(name, str) or not isinstance(key, str):
        raise WrongCoordinatorKey(field="coordinator_key")
    target = name_key(name.strip()) or "-"
    with store.unit_of_work(write=True) as session:
        check_not_throttled(session, "coordinator", target, client)
        row = session.scalar(select(Coordinator).where(Coordinator.name_key == target))
        # The same work and the same answer for an unknown name as for a wrong key.
        if not verify_secret(key, row.secret_hash if row is not None else hash_secret("-")) or row is None:
            record_failure(session, "coordinator", target, client)
            session.commit()
            raise WrongCoordinatorKey(field="coordinator_key")
        clear_failures(session, "coordinator", target, client)
        token = open_staff_session(session, "coordinator", coordinator_id=row.id)
        record_audit(session, Actor("coordinator", row.name, coordinator_id=row.id), "coordinator.sign_in", subject_type="coordinator", subject_id=row.id, subject_label=row.name)
        session.commit()
        return token


def list_coordinators(store: Store) -> list[CoordinatorView]:
    with store.unit_of_work() as session:
        return [_view(row) for row in session.scalars(select(Coordinator).order_by(Coordinator.name_key))]


def _by_name(session, name: str) -> Coordinator:
    row = session.scalar(select(Coordinator).where(Coordinator.name_key == name_key(clean_text(name, "name", max_length=NAME_MAX))))
    if row is None:
        raise NotFound("errors.coordinator_not_found", field="name")
    return row


def _end_sessions(session, coordinator_id: int) -> None:
    session.execute(
        update(StaffSession).where(StaffSession.coordinator_id == coordinator_id, StaffSession.ended_at.is_(None)).values(ended_at=utcnow())
    )


def reset_coordinator_key(store: Store, name: str, *, actor: Actor = SYSTEM) -> str:
    """A new key for a coordinator who lost theirs; their signed-in sessions end."""
    require(actor, "coordinators", "key_reset")
    key = new_facilitator_key()
    with store.unit_of_work(write=True) as session:
        row = _by_name(session, name)
        row.secret_hash = hash_secret(key)
        _end_sessions(session, row.id)
        record_audit(session, actor, "coordinator.key_reset", subject_type="coordinator", subject_id=row.id, subject_label=row.name)
        session.commit()
    return key


def remove_coordinator(store: Store, name: str, *, actor: Actor = SYSTEM) -> None:
    require(actor, "coordinators", "remove")
    with store.unit_of_work(write=True) as session:
        row = _by_name(session, name)
        _end_sessions(session, row.id)
        session.flush()
        session.execute(StaffSession.__table__.update().where(StaffSession.coordinator_id == row.id).values(coordinator_id=None))
        record_audit(session, actor, "coordinator.remove", subject_type="coordinator", subject_id=row.id, subject_label=row.name)
        session.delete(row)
        session.commit()


@dataclass(frozen=True)
class AuditEntry:
    at: object
    actor_role: str
    actor_name: str
    action: str
    subject_type: str
    subject_id: int | None
    subject_label: str
    workshop_id: int | None
    detail: dict


def audit_trail(store: Store, coordinator_token: str, *, limit: int = 500, workshop_id: int | None = None) -> list[AuditEntry]:
    """The newest entries of the audit trail, for the coordinator only."""
    limit = clean_int(limit, "limit", minimum=1, maximum=5000, required=True)
    with store.unit_of_work() as session:
        require_coordinator(session, coordinator_token)
        query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
        if workshop_id is not None:
            if not is_row_id(workshop_id):
                raise WorkshopNotFound()
            query = query.where(AuditEvent.workshop_id == workshop_id)
        return [
            AuditEntry(e.at, e.actor_role, e.actor_name, e.action, e.subject_type, e.subject_id, e.subject_label, e.workshop_id, dict(e.detail or {}))
            for e in session.scalars(query)
        ]
