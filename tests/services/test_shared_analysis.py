"""One analysis per revision for every server: computed once under a lock, read by the others.

The "servers" are stores on their own engines, each with its own SharedAnalysis (and, where
a server's first request matters, its own Refresher), as separate server processes hold them.
"""

from __future__ import annotations

import os
import sys
import threading

import pytest
from sqlalchemy import delete, func, select

from tests.conftest import POSTGRES_URL_VARIABLE
from tests.factories import add_idea, commit
from workshop.db import create_store
from workshop.models import StoredAnalysis
from workshop.services import analysis, warmup, workshops
from workshop.services.refresher import Refresher
from workshop.services.shared_analysis import SharedAnalysis
from workshop.services.warmup import WARM_IMPORTS_VARIABLE, warm_up

postgres_only = [
    pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="sharing the analysis needs PostgreSQL"),
    pytest.mark.parametrize("store", ["postgresql"], indirect=True),
]


def _refresh(snapshot, revision, previous):
    return analysis.refresh(snapshot, previous, revision=revision)


@pytest.fixture
def other_servers(store):
    """Two more servers' stores on the same database."""
    url = store.engine.url.render_as_string(hide_password=False)
    others = [create_store(url, upgrade=False) for _ in range(2)]
    yield others
    for other in others:
        other.engine.dispose()


def _stored_revisions(store) -> list[int]:
    with store.unit_of_work() as session:
        return list(session.scalars(select(StoredAnalysis.revision).order_by(StoredAnalysis.revision)))


@pytest.mark.usefixtures("bo")
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
@pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="sharing the analysis needs PostgreSQL")
def test_a_server_started_after_the_analysis_reads_it_instead_of_computing_it(store, anna, other_servers):
    idea = add_idea(store, anna, "Bygdekök i skolan")
    commit(store, anna, idea)
    first = SharedAnalysis(store, _refresh)
    running = Refresher(first, initial=first.newest, revision_of=lambda result: result.revision)
    revision = workshops.process_revision(store)
    computed = running.latest(revision).result

    started = SharedAnalysis(other_servers[0], _refresh)
    later = Refresher(started, initial=started.newest, revision_of=lambda result: result.revision)
    served = later.latest(workshops.process_revision(other_servers[0]))
    running.stop(), later.stop()

    assert (first.computed, started.computed, started.loaded) == (1, 0, 1)
    assert (served.revision, served.stale) == (revision, False)
    assert served.result.view.snapshot == computed.view.snapshot
    assert served.result.fit.results.keys() == computed.fit.results.keys() == {idea}


@pytest.mark.usefixtures("bo")
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
@pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="sharing the analysis needs PostgreSQL")
def test_a_server_started_after_a_newer_write_shows_the_stored_analysis_marked_until_its_own_is_ready(store, anna, other_servers):
    first = SharedAnalysis(store, _refresh)
    first(workshops.process_revision(store), None)
    stored = _stored_revisions(store)
    add_idea(store, anna, "Cykelkök")  # a write the stored analysis has not seen

    started = SharedAnalysis(other_servers[0], _refresh)
    later = Refresher(started, wait=0, initial=started.newest, revision_of=lambda result: result.revision)
    newest = workshops.process_revision(other_servers[0])
    at_once = later.latest(newest)
    assert (at_once.revision, at_once.stale) == (stored[-1], True), "the previous analysis, marked as being updated"
    later.wait = 60  # now wait (on the refresher's condition, not a sleep) for the thread's own analysis
    assert later.latest(newest).revision == newest
    later.stop()
    assert (started.loaded, started.computed) == (1, 1)


@pytest.mark.usefixtures("bo")
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
@pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="sharing the analysis needs PostgreSQL")
def test_three_servers_in_a_burst_of_writes_compute_each_revision_once(store, anna, other_servers):
    servers = [SharedAnalysis(s, _refresh) for s in (store, *other_servers)]
    previous: list = [None, None, None]
    analysed: set[int] = set()
    for number in range(4):
        add_idea(store, anna, f"Idé nummer {number}")
        revision = workshops.process_revision(store)
        results: list = [None, None, None]

        def ask(i: int) -> None:
            results[i] = servers[i](revision, previous[i])

        threads = [threading.Thread(target=ask, args=(i,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        previous = results
        analysed |= {result.revision for result in results}
        assert {result.revision for result in results} == {revision}, "every server shows the same analysis"

    assert sum(server.computed for server in servers) == len(analysed) == 4
    assert sum(server.loaded for server in servers) == 8
    assert len(_stored_revisions(store)) == 3  # only the newest few are kept


def test_on_sqlite_the_server_computes_in_memory_and_stores_nothing(sqlite_store):
    shared = SharedAnalysis(sqlite_store, _refresh)
    result = shared(workshops.process_revision(sqlite_store), None)
    again = SharedAnalysis(sqlite_store, _refresh)
    assert (result.revision, shared.computed, again.newest()) == (workshops.process_revision(sqlite_store), 1, None)
    with sqlite_store.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(StoredAnalysis)) == 0


@pytest.mark.usefixtures("bo")
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
@pytest.mark.skipif(not os.environ.get(POSTGRES_URL_VARIABLE), reason="sharing the analysis needs PostgreSQL")
def test_a_server_reads_the_stored_analysis_when_it_starts_so_its_first_network_page_need_not(store, anna, other_servers):
    idea = add_idea(store, anna, "Bygdekök i skolan")
    SharedAnalysis(store, _refresh)(workshops.process_revision(store), None)
    revision = _stored_revisions(store)[-1]

    warm_up(other_servers[0]).join(timeout=120)  # the new server's start: its first request of any page
    with store.unit_of_work(write=True) as session:  # gone from the database: only what was read at start remains
        session.execute(delete(StoredAnalysis))
        session.commit()
    started = SharedAnalysis(other_servers[0], _refresh)
    first_page = started.newest()

    assert first_page is not None and (first_page.revision, started.loaded, started.computed) == (revision, 1, 0)
    assert first_page.fit.results.keys() == {idea}
    assert started.newest() is None  # taken once: later asks read the database again


def test_on_sqlite_a_starting_server_reads_nothing(sqlite_store, monkeypatch):
    monkeypatch.setenv(WARM_IMPORTS_VARIABLE, "0")
    assert warm_up(sqlite_store) is None


def test_a_starting_server_imports_the_analysis_libraries_in_its_warm_up_thread(sqlite_store, monkeypatch):
    ran_in = []
    monkeypatch.setattr(warmup, "import_analysis_libraries", lambda: ran_in.append(threading.current_thread()))
    monkeypatch.setattr(warmup, "IMPORT_DELAY_S", 0)
    monkeypatch.setenv(WARM_IMPORTS_VARIABLE, "1")
    thread = warm_up(sqlite_store)
    assert thread is not None
    thread.join(timeout=60)
    assert ran_in == [thread]  # once, and not on the request that made the store


def test_the_warm_up_imports_the_libraries_a_network_page_loads():
    warmup.import_analysis_libraries()
    assert {"networkx", "numpy", "scipy.sparse", "pandas", "pyvis.network", "workshop.services.analysis"} <= sys.modules.keys()
