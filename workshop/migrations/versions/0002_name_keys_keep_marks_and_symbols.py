"""Recompute the folded names used for duplicate detection.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

The first rule kept only letters and digits, so names made of symbols, or names in
scripts whose vowels are combining marks (मीना and मोना), folded to the same key and
were taken for one another. Now only punctuation, spaces and invisible characters are
dropped, and the key is cut to the column's length (case folding can lengthen a name).
"""
from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NAME_MAX = 120


def _fold(name: str) -> str:
    # A copy of workshop.validation.name_key as of this revision: migrations must not
    # change meaning when the application's function changes later.
    folded = unicodedata.normalize("NFC", name).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZC")[:NAME_MAX]


def _fold_old(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", name).casefold() if ch.isalnum())


def _recompute(table: str, fold) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, name FROM {table}")).all()
    for row_id, name in rows:
        connection.execute(sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id"), {"key": fold(name), "id": row_id})


def upgrade() -> None:
    for table in ("organisations", "people"):
        _recompute(table, _fold)


def downgrade() -> None:
    for table in ("organisations", "people"):
        _recompute(table, _fold_old)
