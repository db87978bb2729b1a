"""Who is acting, whether the roles table lets them, and the audit trail.

The rules themselves are data: :data:`workshop.services.roles.RULES`, one row per write of the
app (feature × action → which roles may, in which scope). Every service that writes asks
:func:`authorise` (a token) or :func:`workshop.services.roles.require` (an actor) with its row;
docs/security.md shows the same table to people.

An idea has one home: the meeting it was brought to. Carrying it forward shows it on a later
wall, where it is discussed, noted and voted on; its text, stage, card and budget are one
record shared by every wall that shows it, so they stay with the home meeting's facilitator
and the coordinators (a later meeting's facilitator who moved it to "parked" would park it
on the home wall too). Every partial update changes only the fields it is given.

Sessions are kept server-side (``staff_sessions``, the cookie holds a random token whose
SHA-256 is stored): signing out ends one at once, and one unused for longer than its
idle limit, or older than its absolute limit, is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import NotAllowed, NotSignedIn, WorkshopNotFound
from ..lengths import NAME_MAX, SHORT_MAX
from ..models import AuditEvent, Coordinator, StaffSession, Workshop, utcnow
from ..security import new_token, token_hash
from .rows import is_row_id
from .roles import require, rule_for

__all__ = [
    "Actor",
    "SYSTEM",
    "SESSION_LIMITS",
    "open_staff_session",
    "staff_actor",
    "end_staff_session",
    "authorise",
    "require_coordinator",
    "require_staff",
    "record_audit",
    "AUDIT_ACTIONS",
]


@dataclass(frozen=True)
class Actor:
    """Who is acting: what the audit trail records and what the rules are checked against."""

    role: str  # "coordinator", "facilitator", "participant" or "system"
    name: str
    coordinator_id: int | None = None
    workshop_id: int | None = None  # a facilitator's workshop

    @property
    def is_coordinator(self) -> bool:
        return self.role in ("coordinator", "system")

    def may_lead(self, workshop_id: int) -> bool:
        return self.is_coordinator or (self.role == "facilitator" and self.workshop_id == workshop_id)


# The command line and scheduled jobs (retention) run as the server's operator.
SYSTEM = Actor(role="system", name="Projektberedskap (kommandorad)")


@dataclass(frozen=True)
class SessionLimit:
    idle: dt.timedelta
    absolute: dt.timedelta


# OWASP session guidance: an idle limit and an absolute one, shorter for the stronger role.
# A facilitator's session lasts a meeting day; the projector's refresh keeps it active.
SESSION_LIMITS = {
    "coordinator": SessionLimit(idle=dt.timedelta(hours=1), absolute=dt.timedelta(hours=12)),
    "facilitator": SessionLimit(idle=dt.timedelta(hours=12), absolute=dt.timedelta(days=3)),
}
# Activity is written at most this often, so a wall refreshing every second costs no writes.
_ACTIVITY_RESOLUTION = dt.timedelta(minutes=1)


def open_staff_session(session: Session, role: str, *, coordinator_id: int | None = None, workshop_id: int | None = None) -> str:
    """Add a signed-in session to the caller's unit of work; return the token for the cookie."""
    token = new_token()
    now = utcnow()
    session.add(
        StaffSession(role=role, coordinator_id=coordinator_id, workshop_id=workshop_id, token_hash=token_hash(token), created_at=now, last_seen_at=now)
    )
    return token


def _is_live(row: StaffSession, now: dt.datetime) -> bool:
    limit = SESSION_LIMITS[row.role]
    return row.ended_at is None and now - row.last_seen_at <= limit.idle and now - row.created_at <= limit.absolute


def _actor(session: Session, token: Any, *, now: dt.datetime | None = None) -> tuple[Actor, StaffSession] | None:
    if not isinstance(token, str) or not token:
        return None
    row = session.scalar(select(StaffSession).where(StaffSession.token_hash == token_hash(token)))
    now = now or utcnow()
    if row is None or not _is_live(row, now):
        return None
    if row.role == "coordinator":
        name = session.scalar(select(Coordinator.name).where(Coordinator.id == row.coordinator_id))
        if name is None:  # the coordinator was removed
            return None
        return Actor("coordinator", name, coordinator_id=row.coordinator_id), row
    title = session.scalar(select(Workshop.title).where(Workshop.id == row.workshop_id))
    if title is None:
        return None
    return Actor("facilitator", title, workshop_id=row.workshop_id), row


def staff_actor(store: Store, token: Any, *, now: dt.datetime | None = None) -> Actor | None:
    """The coordinator or facilitator signed in with ``token``, or ``None`` (unknown, ended, expired).

    Notes its activity for the idle limit, at most once a minute.
    """
    now = now or utcnow()
    with store.unit_of_work() as session:
        found = _actor(session, token, now=now)
        if found is None:
            return None
        actor, row = found
        stale = now - row.last_seen_at > _ACTIVITY_RESOLUTION
        row_id = row.id
    if stale:
        with store.unit_of_work(write=True) as session:
            session.execute(update(StaffSession).where(StaffSession.id == row_id).values(last_seen_at=now))
            session.commit()
    return actor


def end_staff_session(store: Store, token: Any) -> None:
    """Sign out: the session ends on the server, so a copied cookie opens nothing afterwards."""
    if not isinstance(token, str) or not token:
        return
    with store.unit_of_work(write=True) as session:
        session.execute(
            update(StaffSession).where(StaffSession.token_hash == token_hash(token), StaffSession.ended_at.is_(None)).values(ended_at=utcnow())
        )
        session.commit()


def end_workshop_sessions(session: Session, workshop_id: int) -> None:
    """End every facilitator session of a workshop (its key was re-issued or revoked)."""
    session.execute(
        update(StaffSession)
        .where(StaffSession.workshop_id == workshop_id, StaffSession.role == "facilitator", StaffSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def require_coordinator(session: Session, token: Any) -> Actor:
    """The coordinator signed in with ``token``; anyone else gets :class:`NotAllowed`.

    Code on the server itself (the command line, scheduled jobs) passes :data:`SYSTEM` in
    place of a token: only a caller in this process holds that object, no request can.
    """
    if token is SYSTEM:
        return SYSTEM
    found = _actor(session, token)
    if found is None:
        raise NotSignedIn()
    if found[0].role != "coordinator":
        raise NotAllowed("errors.coordinator_only")
    return found[0]


def require_staff(session: Session, workshop_id: Any, token: Any) -> Actor:
    """A coordinator, or the facilitator of ``workshop_id``; anyone else gets an error (for reads)."""
    found = (SYSTEM, None) if token is SYSTEM else _actor(session, token)
    if found is None:
        raise NotSignedIn("errors.facilitator_only")
    actor = found[0]
    if not is_row_id(workshop_id):
        raise WorkshopNotFound()
    if not actor.may_lead(workshop_id):
        raise NotAllowed("errors.other_workshop")
    return actor


def authorise(session: Session, token: Any, feature: str, action: str, *, workshop_id: Any = None) -> Actor:
    """The coordinator or facilitator signed in with ``token``, if the roles table lets them.

    Reads the row ``feature`` × ``action`` of :data:`workshop.services.roles.RULES`. For a row
    scoped to an idea's or organisation's own workshop, the service calls
    :func:`workshop.services.roles.require` again with the row's workshop once it has read it.
    Code on the server itself passes :data:`SYSTEM` in place of a token.

    Parameters
    ----------
    session : Session
        The caller's unit of work.
    token : str or SYSTEM
        The browser's staff session token.
    feature, action : str
        The row of the roles table.
    workshop_id : int, optional
        The workshop acted in (required for a row a facilitator may do).

    Returns
    -------
    Actor
        Who is acting, for the audit trail.

    Raises
    ------
    NotSignedIn
        ``token`` is no live staff session.
    WorkshopNotFound
        ``workshop_id`` is no row id, on a row a facilitator may do.
    NotAllowed
        The table refuses this actor (see :func:`workshop.services.roles.require`).
    """
    rule = rule_for(feature, action)
    found = (SYSTEM, None) if token is SYSTEM else _actor(session, token)
    if found is None:
        raise NotSignedIn("errors.facilitator_only") if rule.facilitator else NotSignedIn()
    actor = found[0]
    if rule.facilitator and not is_row_id(workshop_id):
        raise WorkshopNotFound()
    require(actor, feature, action, workshop_id=workshop_id)
    return actor


# Every action the audit trail can hold; each has a catalog text "audit.action.<action>".
AUDIT_ACTIONS = frozenset(
    {
        "workshop.create", "workshop.key_issued", "workshop.key_revoked", "workshop.retention", "workshop.open", "workshop.close",
        "idea.edit", "idea.hide", "idea.unhide", "idea.merge", "idea.leader_details", "idea.leader_card", "idea.stage", "idea.carry",
        "idea.fit_feedback",
        "concept.word_add", "concept.word_remove",
        "note.hide", "note.unhide",
        "organisation.edit", "organisation.merge",
        "place.leader_area",
        "coordinator.add", "coordinator.first", "coordinator.sign_in", "coordinator.key_reset", "coordinator.remove",
        "demo.remove",
        "person.export", "person.erase", "person.self_delete", "person.retention",
        "exchange.import", "exchange.export", "exchange.backup", "exchange.restore",
        "survey.link", "survey.interview",
        "company.add", "company.edit", "company.import", "company.personal_number",
        "office.idea",
        "mail.test", "mail.retry",
        "idea.next_step", "workshop.next_meeting",
        "invitation.create", "invitation.email", "invitation.answer",
    }
)


def record_audit(
    session: Session,
    actor: Actor,
    action: str,
    *,
    subject_type: str,
    subject_id: int | None = None,
    subject_label: str = "",
    workshop_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write one entry of the audit trail in the caller's unit of work (kept or rolled back with it)."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: add it to AUDIT_ACTIONS and the catalogs")
    session.add(
        AuditEvent(
            at=utcnow(),
            actor_role=actor.role,
            actor_name=actor.name[:NAME_MAX],
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_label=(subject_label or "")[:SHORT_MAX],
            workshop_id=workshop_id,
            detail=detail or {},
        )
    )
