"""Migration 0009: a database holding data from 0008 gets an empty invitations table and keeps its data."""

from __future__ import annotations

from sqlalchemy import inspect, text

from tests.services.test_migrations import _database_at
from workshop.db import create_store


def test_upgrading_from_0008_keeps_ideas_and_commitments_and_adds_no_invitation(tmp_path):
    engine = _database_at(tmp_path, "0008")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, created_at, is_demo) "
            "VALUES (1, 'Ramsberg', 'Hur?', '2026-11-30', 'Ramsberg', 'RMBRG2', 'x', 1, 0, '2026-11-30 18:00:00', 0)"
        ))
        connection.execute(text(
            "INSERT INTO organisations (id, name, name_key, kind, offers, description, is_demo, created_at) "
            "VALUES (1, 'Slöjdarna', 'slöjdarna', 'association', '[]', '', 0, '2026-11-30')"
        ))
        connection.execute(text(
            "INSERT INTO ideas (id, workshop_id, title, description, locality, themes, needs, stage, hidden, innovation, created_at, updated_at) "
            "VALUES (1, 1, 'Lagning av kläder', '', 'Ramsberg', '[]', '[]', 'idea', 0, '', '2026-11-30', '2026-11-30')"
        ))
        connection.execute(text(
            "INSERT INTO commitments (id, idea_id, organisation_id, workshop_id, role, contribution, created_at) VALUES (1, 1, 1, 1, 'partner', '', '2026-11-30')"
        ))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        with store.engine.connect() as connection:
            idea = connection.execute(text("SELECT title FROM ideas")).scalar_one()
            commitments = connection.execute(text("SELECT organisation_id FROM commitments")).scalars().all()
            invitations = connection.execute(text("SELECT count(*) FROM invitations")).scalar_one()
        assert (idea, commitments, invitations) == ("Lagning av kläder", [1], 0)
        assert "invitations" in inspect(store.engine).get_table_names()
    finally:
        store.engine.dispose()
