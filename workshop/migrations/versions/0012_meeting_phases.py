"""The meeting's run of show and its results moments.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

``meeting_phases`` holds a workshop's sequence of phases (title, instruction, time box, the
form phones open) with each phase's actual start and end; ``meeting_results`` one row per
results moment (a revealed voting round on the wall). Two new tables: nothing existing
changes. Both go with their workshop (``ON DELETE CASCADE``), so removing the demo or a
workshop leaves nothing behind.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_phases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_meeting_phases_workshop_id_workshops"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_phases")),
    )
    op.create_index(op.f("ix_meeting_phases_workshop_id"), "meeting_phases", ["workshop_id"])
    op.create_table(
        "meeting_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_meeting_results_workshop_id_workshops"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["voting_rounds.id"], name=op.f("fk_meeting_results_round_id_voting_rounds"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_results")),
    )
    op.create_index(op.f("ix_meeting_results_workshop_id"), "meeting_results", ["workshop_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_results_workshop_id"), table_name="meeting_results")
    op.drop_table("meeting_results")
    op.drop_index(op.f("ix_meeting_phases_workshop_id"), table_name="meeting_phases")
    op.drop_table("meeting_phases")
