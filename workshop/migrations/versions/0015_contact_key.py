"""An answer's contact person gets a key of their own to *Mina uppgifter*.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

A participant reaches their data through their browser's token; a contact person named in an
invitation's answer (issue 26) has none. ``invitations.contact_key_hash`` keeps the SHA-256 of
the key shown once on the answer's confirmation (unique, like the answer code's). Nullable:
answers given before this revision, and answers without a contact person, have no key; their
contact persons keep every right through a coordinator, as before.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("contact_key_hash", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(batch.f("uq_invitations_contact_key_hash"), ["contact_key_hash"])


def downgrade() -> None:
    with op.batch_alter_table("invitations") as batch:
        batch.drop_constraint("uq_invitations_contact_key_hash", type_="unique")
        batch.drop_column("contact_key_hash")
