"""Migration 0010 adds the outbox to a database that already holds a process."""

from __future__ import annotations

import os

import pytest
from alembic import command
from alembic.config import Config
from email.message import EmailMessage
from sqlalchemy import text

from tests.conftest import BACKENDS, POSTGRES_URL_VARIABLE, _reset_postgres
from workshop.db import PROJECT_ROOT, create_store, make_engine
from workshop.mail import enqueue, statuses


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrading_from_0008_keeps_the_data_and_starts_with_an_empty_outbox_that_takes_mail(tmp_path, backend):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        url = os.environ[POSTGRES_URL_VARIABLE]
        _reset_postgres(url)
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "workshop" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organisations (id, name, name_key, kind, offers, description, is_demo, created_at) "
            "VALUES (1, 'Ramsbergs IF', 'ramsbergs if', 'association', '[]', '', false, '2026-09-01')"
        ))
        connection.execute(text("INSERT INTO concept_words (id, concept, word, added_by, added_at) VALUES (1, 'transport', 'ekipage', 'Eva', '2026-11-01')"))
    engine.dispose()

    store = create_store(url)  # upgrades to head, as the app does on start
    try:
        with store.unit_of_work(write=True) as session:
            assert session.execute(text("SELECT name FROM organisations")).scalars().all() == ["Ramsbergs IF"]
            assert session.execute(text("SELECT word FROM concept_words")).scalars().all() == ["ekipage"]
            assert statuses(session, "") == {}
            message = EmailMessage()
            message["To"] = "kansliet@ramsbergsif.se"
            message["Subject"] = "Inbjudan"
            message.set_content("Hej!")
            enqueue(session, message, about="invitation:1")
            session.commit()
        with store.unit_of_work() as session:
            assert statuses(session, "invitation:")["invitation:1"].status == "queued"
    finally:
        store.engine.dispose()
