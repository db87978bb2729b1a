"""Organisations get a capacity: how many projects they can take part in at once.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

``organisations.capacity`` is nullable: ``NULL`` means the default of the process plan
(:data:`workshop.network.plan.DEFAULT_CAPACITY`), so existing organisations need no value.
Plain ``add_column`` on SQLite too: a batch table copy would break the foreign keys.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("organisations", sa.Column("capacity", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("capacity")
