"""Invitations to a constellation's uncommitted members, and their answers (issue 26).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

``invitations`` holds one row per (idea, organisation): the hashed answer code, what the
invitation said, when it expires, and the answer. A new table: nothing existing changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("others", sa.JSON(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("meeting_place", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answer_message", sa.Text(), nullable=False),
        sa.Column("answer_offer", sa.Text(), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('waiting', 'yes', 'more', 'no', 'expired')", name=op.f("ck_invitations_known_status")),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_invitations_idea_id_ideas")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name=op.f("fk_invitations_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["contact_person_id"], ["people.id"], name=op.f("fk_invitations_contact_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_invitations_code_hash")),
        sa.UniqueConstraint("idea_id", "organisation_id", name=op.f("uq_invitations_idea_id")),
    )
    op.create_index(op.f("ix_invitations_idea_id"), "invitations", ["idea_id"])
    op.create_index(op.f("ix_invitations_organisation_id"), "invitations", ["organisation_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_invitations_organisation_id"), table_name="invitations")
    op.drop_index(op.f("ix_invitations_idea_id"), table_name="invitations")
    op.drop_table("invitations")
