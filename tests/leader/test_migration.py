"""Migration 0005: a database holding data from 0004 gets LEADER cards and the split Fellingsbro."""

from __future__ import annotations

from sqlalchemy import inspect, text

from tests.services.test_migrations import _database_at
from workshop.db import create_store


def test_upgrading_from_0004_keeps_ideas_marks_fellingsbro_as_split_and_adds_empty_cards(tmp_path):
    engine = _database_at(tmp_path, "0004")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, created_at, is_demo) "
            "VALUES (1, 'Fellingsbro', 'Hur?', '2026-11-19', 'Fellingsbro', 'FEBRTK', 'x', 1, 0, '2026-11-19 18:00:00', 0)"
        ))
        connection.execute(text(
            "INSERT INTO ideas (id, workshop_id, title, description, locality, themes, needs, stage, hidden, innovation, budget_sek, cofinancing_hours, created_at, updated_at) "
            "VALUES (1, 1, 'Marknadsdagar', 'Torghandel', 'Fellingsbro', '[]', '[]', 'refined', 0, 'Nytt', 90000, 40, '2026-11-19', '2026-11-19')"
        ))
        # As the first seeding left it: Fellingsbro wholly in Leader Mälardalen.
        connection.execute(text("INSERT INTO localities (id, name, leader_area, is_development_point) VALUES (1, 'Fellingsbro', 'Leader Mälardalen', 1), (2, 'Ramsberg', 'Leader Bergslagen', 1)"))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        with store.engine.connect() as connection:
            places = {name: flag for name, flag in connection.execute(text("SELECT name, crosses_boundary FROM localities")).all()}
            idea = connection.execute(text("SELECT title, budget_sek, cofinancing_hours, leader_area FROM ideas")).one()
            cards = connection.execute(text("SELECT count(*) FROM leader_cards")).scalar_one()
        assert places == {"Fellingsbro": 1, "Ramsberg": 0}
        assert tuple(idea) == ("Marknadsdagar", 90000, 40, None)
        assert cards == 0
        assert {"leader_cards", "leader_volunteer_hours"} <= set(inspect(store.engine).get_table_names())
    finally:
        store.engine.dispose()
