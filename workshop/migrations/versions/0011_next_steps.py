"""An idea's next steps (with their history) and a workshop's next meeting.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

``next_steps`` keeps every version of an idea's next step (what, due date, who does it, the
owner); the newest row is the step in force. ``next_meetings`` holds one row per workshop: when
and where it meets next, with a stable calendar UID. Two new tables: nothing existing changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "next_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("assignee_participant_id", sa.Integer(), nullable=True),
        sa.Column("assignee_organisation_id", sa.Integer(), nullable=True),
        sa.Column("assignee_text", sa.String(length=120), nullable=False),
        sa.Column("owner_organisation_id", sa.Integer(), nullable=True),
        sa.Column("set_by", sa.String(length=120), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_next_steps_idea_id_ideas")),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_next_steps_workshop_id_workshops")),
        sa.ForeignKeyConstraint(["assignee_participant_id"], ["participants.id"], name=op.f("fk_next_steps_assignee_participant_id_participants")),
        sa.ForeignKeyConstraint(["assignee_organisation_id"], ["organisations.id"], name=op.f("fk_next_steps_assignee_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["owner_organisation_id"], ["organisations.id"], name=op.f("fk_next_steps_owner_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_next_steps")),
    )
    op.create_index(op.f("ix_next_steps_idea_id"), "next_steps", ["idea_id"])
    op.create_index(op.f("ix_next_steps_workshop_id"), "next_steps", ["workshop_id"])
    op.create_index(op.f("ix_next_steps_set_at"), "next_steps", ["set_at"])
    op.create_table(
        "next_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("uid", sa.String(length=80), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_next_meetings_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_next_meetings")),
        sa.UniqueConstraint("workshop_id", name=op.f("uq_next_meetings_workshop_id")),
    )


def downgrade() -> None:
    op.drop_table("next_meetings")
    op.drop_index(op.f("ix_next_steps_set_at"), table_name="next_steps")
    op.drop_index(op.f("ix_next_steps_workshop_id"), table_name="next_steps")
    op.drop_index(op.f("ix_next_steps_idea_id"), table_name="next_steps")
    op.drop_table("next_steps")
