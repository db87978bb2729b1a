"""The companies' digital journey: the company register and the digital-maturity assessments.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

A company is an organisation of kind ``company`` in the network; ``companies`` holds its
register facts (legal form, SNI codes, size class, turnover, address, nearest development
point, contact person, source and date). ``maturity_assessments`` holds each answering of
the digital-maturity survey, so that repeated measurements can be compared.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("legal_form", sa.String(length=40), nullable=False),
        sa.Column("personal_number", sa.String(length=13), nullable=True),
        sa.Column("sni_codes", sa.JSON(), nullable=False),
        sa.Column("size_class", sa.String(length=10), nullable=True),
        sa.Column("turnover_sek", sa.BigInteger(), nullable=True),
        sa.Column("turnover_class", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("development_point", sa.String(length=120), nullable=True),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["contact_person_id"], ["people.id"], name=op.f("fk_companies_contact_person_id_people")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], name=op.f("fk_companies_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("organisation_id", name=op.f("uq_companies_organisation_id")),
    )
    op.create_table(
        "maturity_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("interviewer", sa.String(length=120), nullable=True),
        sa.Column("occasion", sa.String(length=200), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=True),
        sa.Column("scoring_version", sa.Integer(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("mode IN ('self', 'interview')", name=op.f("ck_maturity_assessments_known_mode")),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_maturity_assessments_company_id_companies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maturity_assessments")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_maturity_assessments_code_hash")),
    )
    op.create_index(op.f("ix_maturity_assessments_company_id"), "maturity_assessments", ["company_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_maturity_assessments_company_id"), table_name="maturity_assessments")
    op.drop_table("maturity_assessments")
    op.drop_table("companies")
