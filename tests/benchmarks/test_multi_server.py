"""``bench --only multi-server`` says what it needs before it starts anything."""

from __future__ import annotations

import os
import threading
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks import multiserver
from tests.conftest import POSTGRES_URL_VARIABLE
from workshop.cli import EXIT_REFUSED, main


def test_the_multi_server_bench_refuses_clearly_without_nginx(monkeypatch, capsys):
    monkeypatch.setattr(multiserver.shutil, "which", lambda name: None)
    monkeypatch.setattr(multiserver.os, "access", lambda path, mode: False)
    assert main(["bench", "--only", "multi-server", "--postgres", "postgresql+psycopg://u:p@127.0.0.1/none"]) == EXIT_REFUSED
    assert "nginx saknas" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments, message",
    [
        ([], "--postgres"),
        (["--postgres", "sqlite:///x.sqlite3"], "--postgres"),
        (["--postgres", "postgresql+psycopg://u:p@127.0.0.1/none", "--servers", "1,två"], "--servers ska vara heltal"),
        (["--postgres", "postgresql+psycopg://u:p@127.0.0.1/none", "--walls", "0"], "minst 1"),
    ],
)
def test_the_multi_server_bench_refuses_what_it_cannot_measure(arguments, message, capsys):
    assert main(["bench", "--only", "multi-server", *arguments]) == EXIT_REFUSED
    assert message in capsys.readouterr().err


@pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="the lock sampler reads PostgreSQL's pg_stat_activity")
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_the_lock_sampler_tells_a_wait_on_another_process_from_a_wait_within_one(store):
    # The bench's proof of "no hot row" is this sampler's cross-process figure reading zero: it
    # must read more than zero when writers of two processes queue on one row, and only the
    # own-process figure when writers of one process do.
    url = make_url(store.engine.url.render_as_string(hide_password=False))
    first, second = (create_engine(url.update_query_dict({"application_name": f"pb-writer-{n}"})) for n in (0, 1))
    bump = text("UPDATE process_state SET revision = revision + 1 WHERE id = 1")
    try:
        across = _waits_while_one_holds(store, holder=first, waiter=second, statement=bump)
        assert across["waiting"] >= 3 and across["across"] >= 3
        within = _waits_while_one_holds(store, holder=first, waiter=first, statement=bump)
        assert within["waiting"] >= 3 and within["across"] == 0
    finally:
        first.dispose()
        second.dispose()


def _waits_while_one_holds(store, *, holder, waiter, statement) -> dict:
    """The sampler's counts while ``waiter`` waits for the row ``holder`` updated and has not committed."""
    with holder.connect() as holding, multiserver._lock_waits(store, every=0.02) as waits:
        holding.execute(statement)  # holds the row until its rollback
        thread = threading.Thread(target=lambda: _update_in_own_transaction(waiter, statement))
        thread.start()
        deadline = time.monotonic() + 10
        while waits["waiting"] < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        holding.rollback()
        thread.join()
    return waits


def _update_in_own_transaction(engine, statement) -> None:
    with engine.begin() as connection:
        connection.execute(statement)
