"""LEADER cards: what an application asks of an idea, volunteer hours per organisation,
and places a Leader area boundary runs through.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

``localities.crosses_boundary`` marks a place split between two Leader areas: Fellingsbro
(Leader Mälardalen covers only its southern part, Leader Bergslagen "Lindesberg utom
Fellingsbro"). An idea there names its own area in ``ideas.leader_area``. Plain
``add_column`` on SQLite too: a batch table copy would break the foreign keys.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("localities", sa.Column("crosses_boundary", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("ideas", sa.Column("leader_area", sa.String(length=120), nullable=True))
    op.create_table(
        "leader_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("support_type", sa.String(length=40), nullable=True),
        sa.Column("benefit", sa.String(length=20), nullable=True),
        sa.Column("budget", sa.JSON(), nullable=False),
        sa.Column("support_sought_sek", sa.Integer(), nullable=True),
        sa.Column("focus_area", sa.String(length=60), nullable=True),
        sa.Column("goal", sa.String(length=200), nullable=True),
        sa.Column("innovation_type", sa.String(length=40), nullable=True),
        sa.Column("horizontal", sa.JSON(), nullable=False),
        sa.Column("long_term", sa.Text(), nullable=False),
        sa.Column("activities", sa.Text(), nullable=False),
        sa.Column("indicators", sa.Text(), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("owner_sole_trader", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_leader_cards_idea_id_ideas")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leader_cards")),
        sa.UniqueConstraint("idea_id", name=op.f("uq_leader_cards_idea_id")),
    )
    op.create_table(
        "leader_volunteer_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.CheckConstraint("hours >= 0", name=op.f("ck_leader_volunteer_hours_hours_not_negative")),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], name=op.f("fk_leader_volunteer_hours_idea_id_ideas")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name=op.f("fk_leader_volunteer_hours_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leader_volunteer_hours")),
        sa.UniqueConstraint("idea_id", "organisation_id", name=op.f("uq_leader_volunteer_hours_idea_id")),
    )
    op.create_index(op.f("ix_leader_volunteer_hours_idea_id"), "leader_volunteer_hours", ["idea_id"], unique=False)
    # The known boundary: Fellingsbro is split between Leader Mälardalen and Leader Bergslagen.
    op.execute(sa.text("UPDATE localities SET crosses_boundary = :yes WHERE name = 'Fellingsbro'").bindparams(yes=True))


def downgrade() -> None:
    op.drop_index(op.f("ix_leader_volunteer_hours_idea_id"), table_name="leader_volunteer_hours")
    op.drop_table("leader_volunteer_hours")
    op.drop_table("leader_cards")
    with op.batch_alter_table("ideas") as batch:
        batch.drop_column("leader_area")
    with op.batch_alter_table("localities") as batch:
        batch.drop_column("crosses_boundary")
