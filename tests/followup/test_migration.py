"""Migration 0011: a database holding data from 0008 gets empty next steps and next meetings,
and keeps its ideas; a step can be set on an idea that was there before."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text

from tests.services.test_migrations import _database_at
from workshop.db import create_store
from workshop.followup import steps
from workshop.services.access import SYSTEM


def test_upgrading_from_0008_keeps_ideas_and_lets_an_old_idea_get_a_next_step(tmp_path):
    engine = _database_at(tmp_path, "0008")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO workshops (id, title, challenge, date, locality, join_code, facilitator_key_hash, submissions_open, revision, created_at, is_demo) "
            "VALUES (1, 'Framtidens Ramsberg', 'Hur?', '2026-11-19', 'Ramsberg', 'RAMS42', 'x', 1, 0, '2026-11-19 18:00:00', 0)"
        ))
        connection.execute(text(
            "INSERT INTO ideas (id, workshop_id, title, description, locality, themes, needs, stage, hidden, innovation, created_at, updated_at) "
            "VALUES (1, 1, 'Bygdekök', 'Ett kök', 'Ramsberg', '[]', '[]', 'refined', 0, '', '2026-11-19', '2026-11-19')"
        ))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        assert {"next_steps", "next_meetings"} <= set(inspect(store.engine).get_table_names())
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT title, stage FROM ideas")).one() == ("Bygdekök", "refined")
            assert connection.execute(text("SELECT count(*) FROM next_steps")).scalar_one() == 0
        step = steps.set_next_step(store, 1, SYSTEM, 1, what="Boka köket", due_date=dt.date(2027, 1, 15), today=dt.date(2026, 12, 7))
        assert (step.what, step.due_date, step.set_by) == ("Boka köket", dt.date(2027, 1, 15), SYSTEM.name)
    finally:
        store.engine.dispose()
