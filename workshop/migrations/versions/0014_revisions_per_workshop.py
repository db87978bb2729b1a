"""Revisions per workshop, and the analysis one server computes for all of them.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

A write to a wall no longer bumps ``process_state`` (every writer of every workshop used to
lock that one row): the process revision is now the sum of the workshops' revisions and
``process_state.revision``, which counts the changes no wall shows
(workshop/services/revisions.py). The sum of the data already there is at least the old
counter, so every number a server has cached stays behind the new ones.

``stored_analyses`` holds the network analysis of a process revision, computed once under
an advisory lock by the first server that needs it and read by the others
(workshop/services/shared_analysis.py). A new table: nothing existing changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_analyses",
        sa.Column("revision", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_stored_analyses")),
    )


def downgrade() -> None:
    op.drop_table("stored_analyses")
