"""The address phones reach the app on, kept with the workshop and as a coordinator's default.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

The hall address a facilitator picks on Projektorvy (``http://192.168.1.20:8501``) was kept
only in that browser tab, so a reload or a new tab put the join link and QR code back on
``localhost``. ``workshops.participant_address`` keeps it with the workshop,
``coordinators.participant_address`` a coordinator's default (for workshops without one and
the companies' survey links). Two nullable columns: existing rows keep working as before.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("participant_address", sa.String(length=200), nullable=True))
    with op.batch_alter_table("coordinators") as batch:
        batch.add_column(sa.Column("participant_address", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coordinators") as batch:
        batch.drop_column("participant_address")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("participant_address")
