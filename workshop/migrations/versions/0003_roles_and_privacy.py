"""Coordinators, staff sessions that end, an audit trail, and personal data handled by the GDPR.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

- ``coordinators``: the municipality's people who own the process (hashed keys).
- ``staff_sessions`` replaces ``facilitator_sessions``: a coordinator's or facilitator's
  signed-in browser, with last activity and an end (sign-out, re-issued key). Existing
  facilitator sessions are carried over.
- ``audit_events``: who changed, hid, merged or erased what, and when.
- ``people``: e-mail and phone only with a consent time; when a person was anonymised.
- ``workshops``: a retention date (two years after the meeting for existing workshops) and
  whether it is demo data; ``organisations.is_demo`` likewise.
- ``access_attempts.last_failure_at`` is indexed, for pruning old attempts.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RETENTION_DAYS = 730


def upgrade() -> None:
    op.create_table(
        "coordinators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordinators")),
        sa.UniqueConstraint("name_key", name=op.f("uq_coordinators_name_key")),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=True),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("role IN ('coordinator', 'facilitator')", name=op.f("ck_staff_sessions_known_role")),
        sa.ForeignKeyConstraint(["coordinator_id"], ["coordinators.id"], name=op.f("fk_staff_sessions_coordinator_id_coordinators")),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_staff_sessions_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_sessions_token_hash")),
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sessions_coordinator_id"), ["coordinator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_sessions_workshop_id"), ["workshop_id"], unique=False)
    op.execute(
        "INSERT INTO staff_sessions (role, workshop_id, token_hash, created_at, last_seen_at) "
        "SELECT 'facilitator', workshop_id, token_hash, created_at, created_at FROM facilitator_sessions"
    )
    with op.batch_alter_table("facilitator_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facilitator_sessions_workshop_id"))
    op.drop_table("facilitator_sessions")

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("actor_name", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("subject_label", sa.String(length=200), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_workshop_id"), ["workshop_id"], unique=False)

    # Plain ADD COLUMN (not batch mode): on SQLite a batch copy of these tables would drop
    # tables that others reference while foreign keys are enforced.
    op.add_column("people", sa.Column("email", sa.String(length=200), nullable=True))
    op.add_column("people", sa.Column("phone", sa.String(length=40), nullable=True))
    op.add_column("people", sa.Column("contact_consent_at", sa.DateTime(), nullable=True))
    op.add_column("people", sa.Column("anonymised_at", sa.DateTime(), nullable=True))
    op.add_column("workshops", sa.Column("retention_until", sa.Date(), nullable=True))
    op.add_column("workshops", sa.Column("is_demo", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("organisations", sa.Column("is_demo", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index(op.f("ix_access_attempts_last_failure_at"), "access_attempts", ["last_failure_at"], unique=False)

    # Existing workshops keep their people two years after the meeting; the coordinator can change it.
    connection = op.get_bind()
    workshops = sa.table("workshops", sa.column("id", sa.Integer), sa.column("date", sa.Date), sa.column("retention_until", sa.Date))
    for workshop_id, date in connection.execute(sa.select(workshops.c.id, workshops.c.date)).all():
        if isinstance(date, str):  # SQLite hands back text outside the ORM
            date = dt.date.fromisoformat(date)
        connection.execute(
            workshops.update().where(workshops.c.id == workshop_id).values(retention_until=date + dt.timedelta(days=RETENTION_DAYS))
        )


def downgrade() -> None:
    with op.batch_alter_table("access_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_attempts_last_failure_at"))
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("is_demo")
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_column("is_demo")
        batch_op.drop_column("retention_until")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
        batch_op.drop_column("contact_consent_at")
        batch_op.drop_column("phone")
        batch_op.drop_column("email")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))
    op.drop_table("audit_events")
    op.create_table(
        "facilitator_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_facilitator_sessions_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilitator_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_facilitator_sessions_token_hash")),
    )
    with op.batch_alter_table("facilitator_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facilitator_sessions_workshop_id"), ["workshop_id"], unique=False)
    op.execute(
        "INSERT INTO facilitator_sessions (workshop_id, token_hash, created_at) "
        "SELECT workshop_id, token_hash, created_at FROM staff_sessions WHERE role = 'facilitator' AND ended_at IS NULL"
    )
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_sessions_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_staff_sessions_coordinator_id"))
    op.drop_table("staff_sessions")
    op.drop_table("coordinators")
