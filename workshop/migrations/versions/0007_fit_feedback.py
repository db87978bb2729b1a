"""Facilitators' verdicts on suggested members, and the word associations they confirm.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

``fit_feedback`` holds one verdict per idea and organisation ("passar" / "passar inte");
``word_associations`` the need and offer words that "passar" verdicts confirmed, with how
many times. Both new tables: nothing existing changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fit_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("fits", sa.Boolean(), nullable=False),
        sa.Column("pairs", sa.JSON(), nullable=False),
        sa.Column("marked_by", sa.String(length=120), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_fit_feedback_idea_id_ideas")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name=op.f("fk_fit_feedback_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_fit_feedback_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fit_feedback")),
        sa.UniqueConstraint("idea_id", "organisation_id", name=op.f("uq_fit_feedback_idea_id")),
    )
    op.create_index(op.f("ix_fit_feedback_idea_id"), "fit_feedback", ["idea_id"], unique=False)
    op.create_index(op.f("ix_fit_feedback_workshop_id"), "fit_feedback", ["workshop_id"], unique=False)
    op.create_table(
        "word_associations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("need_word", sa.String(length=80), nullable=False),
        sa.Column("offer_word", sa.String(length=80), nullable=False),
        sa.Column("confirmations", sa.Integer(), nullable=False),
        sa.CheckConstraint("confirmations > 0", name=op.f("ck_word_associations_confirmed")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_word_associations")),
        sa.UniqueConstraint("need_word", "offer_word", name=op.f("uq_word_associations_need_word")),
    )


def downgrade() -> None:
    op.drop_table("word_associations")
    op.drop_index(op.f("ix_fit_feedback_workshop_id"), table_name="fit_feedback")
    op.drop_index(op.f("ix_fit_feedback_idea_id"), table_name="fit_feedback")
    op.drop_table("fit_feedback")
