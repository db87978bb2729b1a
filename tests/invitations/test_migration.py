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


def test_upgrading_from_0014_keeps_an_answer_and_its_contact_person_without_a_key(tmp_path):
    from workshop.privacy.records import person_data
    from tests.factories import coordinator_token

    engine = _database_at(tmp_path, "0014")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, created_at, is_demo) "
            "VALUES (1, 'Ramsberg', 'Hur?', '2026-11-30', 'Ramsberg', 'RMBRG2', 'x', 1, 0, '2026-11-30 18:00:00', 0)"
        ))
        connection.execute(text(
            "INSERT INTO organisations (id, name, name_key, kind, offers, description, is_demo, created_at) "
            "VALUES (1, 'Slöjdarna', 'slöjdarna', 'association', '[]', '', 0, '2026-11-30'), (2, 'Kläder AB', 'kläder ab', 'company', '[]', '', 0, '2026-11-30')"
        ))
        connection.execute(text(
            "INSERT INTO ideas (id, workshop_id, title, description, locality, themes, needs, stage, hidden, innovation, created_at, updated_at) "
            "VALUES (1, 1, 'Lagning av kläder', '', 'Ramsberg', '[]', '[]', 'idea', 0, '', '2026-11-30', '2026-11-30')"
        ))
        connection.execute(text("INSERT INTO people (id, name, name_key, organisation_id, email) VALUES (1, 'Dora Lind', 'dora lind', 1, 'dora@example.se')"))
        for row, organisation, person in ((1, 1, "1"), (2, 2, "NULL")):  # two answers without a key: NULLs do not clash
            connection.execute(text(
                "INSERT INTO invitations (id, idea_id, organisation_id, code_hash, reasons, others, meeting_place, created_by, created_at, expires_at, "
                f"status, answer_message, answer_offer, contact_person_id, answered_at) VALUES ({row}, 1, {organisation}, 'hash{row}', '', '[]', '', 'x', "
                f"'2026-12-01', '2026-12-31', 'yes', 'Gärna!', '', {person}, '2026-12-02')"
            ))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(text("SELECT id, status, contact_person_id, contact_key_hash FROM invitations ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, "yes", 1, None), (2, "yes", None, None)]
        # The contact person keeps every right through a coordinator: the export still names the answer.
        data = person_data(store, coordinator_token(store), 1)
        assert [(i["idea"], i["message"]) for i in data.invitations] == [("Lagning av kläder", "Gärna!")]
    finally:
        store.engine.dispose()
