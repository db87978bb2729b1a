"""Words coordinators add to the concepts of the domain thesaurus.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

``concept_words`` holds one row per (concept, word) a coordinator added, who and when; the
concepts and their reviewed words stay in ``data/vocabulary/concepts.toml``. A new table:
nothing existing changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "concept_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concept", sa.String(length=40), nullable=False),
        sa.Column("word", sa.String(length=60), nullable=False),
        sa.Column("added_by", sa.String(length=120), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept_words")),
        sa.UniqueConstraint("concept", "word", name=op.f("uq_concept_words_concept")),
    )


def downgrade() -> None:
    op.drop_table("concept_words")
