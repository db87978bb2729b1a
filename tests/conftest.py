"""Shared fixtures: a real, migrated database per test.

Every service test runs on a temporary SQLite file; when
``PROJEKTBEREDSKAP_TEST_POSTGRES_URL`` is set (``.ci/run`` sets it) the same tests run
on PostgreSQL too, each on a freshly emptied schema. A migration per test would make
the suite take minutes: SQLite tests get a copy of a database migrated once per run,
PostgreSQL tests one migrated schema emptied with ``TRUNCATE`` between tests.

Under pytest-xdist (``scripts/test.sh`` runs ``-n``) every worker gets a PostgreSQL
database of its own, ``<database>_<worker>`` next to the configured one, and its own
temporary directory (pytest's ``tmp_path`` already is per worker).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
from collections import OrderedDict
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from workshop.db import Store, create_store, make_engine, upgrade_schema
from workshop.models import Base
from workshop.services.reference import ensure_reference_data

from tests.snapshots import Snapshot, restore_snapshot, take_snapshot

POSTGRES_URL_VARIABLE = "PROJEKTBEREDSKAP_TEST_POSTGRES_URL"

WORKER_VARIABLE = "PYTEST_XDIST_WORKER"  # "gw0", "gw1" … in an xdist worker, unset otherwise

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(POSTGRES_URL_VARIABLE) else [])

# A served test app need not import the analysis libraries at start (workshop/services/warmup.py):
# seconds of CPU per server, for tests that mostly never open a network page.
os.environ.setdefault("PROJEKTBEREDSKAP_WARM_IMPORTS", "0")


def _without_durability(connection, database: str) -> None:
    # A test database that loses its last commits in a crash is rebuilt by the next run:
    # commits need not wait for the disk (scripts/ensure-postgres.sh says the same for the cluster).
    connection.execute(text(f'ALTER DATABASE "{database}" SET synchronous_commit = off'))


def worker_postgres_url(url: str, worker: str) -> str:
    """``url`` with the database ``<database>_<worker>``, created (empty) when it is missing."""
    database = f"{make_url(url).database}_{worker}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": database}):
                connection.execute(text(f'CREATE DATABASE "{database}"'))
            _without_durability(connection, database)
    finally:
        admin.dispose()
    return make_url(url).set(database=database).render_as_string(hide_password=False)


ONE_ENGINE = "one_engine"

# The parameters that carry a test's database engine: the ``store`` fixture's, a module's own
# world built per engine (``_world``), or a test parametrised over ``BACKENDS`` itself.
BACKEND_PARAMETERS = ("store", "_world", "backend")


def one_engine_reason(item) -> str | None:
    """Why ``item`` runs on SQLite only (its ``one_engine`` marker's reason), or ``None``: it runs on every engine."""
    marker = item.get_closest_marker(ONE_ENGINE)
    if marker is None:
        return None
    reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
    if not isinstance(reason, str) or not reason.strip():
        raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.one_engine needs the reason the engine cannot change the outcome")
    return reason


def runs_on(item) -> str | None:
    """The engine ``item`` was generated for, or ``None`` for a test without one."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    return next((params[name] for name in BACKEND_PARAMETERS if params.get(name) in ("sqlite", "postgresql")), None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """Drop the PostgreSQL copy of every test marked ``one_engine`` (CONTRIBUTING.md, "Which engines").

    The default stays safe: a test without the marker runs on every configured engine. A
    marker without a reason stops the run, so every decision to leave PostgreSQL out says why.
    """
    kept, dropped = [], 0
    for item in items:
        reason = one_engine_reason(item)
        if reason is not None and runs_on(item) == "postgresql":
            dropped += 1
            continue
        kept.append(item)
    if dropped:
        items[:] = kept
        config.stash[_ONE_ENGINE_DROPPED] = dropped


_ONE_ENGINE_DROPPED = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    dropped = config.stash.get(_ONE_ENGINE_DROPPED, 0)
    if dropped:
        terminalreporter.write_line(f"one_engine: {dropped} tests ran on SQLite only, each marked with the reason the engine cannot matter")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{ONE_ENGINE}(reason): the test cannot differ between database engines (the reason says why); it runs on SQLite only",
    )
    # Each xdist worker drops and truncates a schema between tests: it must be its own.
    # Rewriting the variable reaches every reader of it (this file, the browser tests' harness,
    # the migration tests) without each knowing about workers.
    worker, url = os.environ.get(WORKER_VARIABLE), os.environ.get(POSTGRES_URL_VARIABLE)
    if worker and url and not make_url(url).database.endswith(f"_{worker}"):
        os.environ[POSTGRES_URL_VARIABLE] = worker_postgres_url(url, worker)


# Browser tests that measure time ("within two seconds", a crowd, a throttle's waits, the
# browser bench, a phone following the phase) or cut a server off: they never share the
# machine with each other.
TIMED_BROWSER_TESTS = {
    "test_bench_browser.py",
    "test_crowd.py",
    "test_database_trouble.py",
    "test_guessing.py",
    "test_killed_server.py",
    "test_room.py",
    "test_run_of_show.py",
    "test_the_meeting.py",
}
MODULE_FIXTURE = re.compile(r"""@pytest\.fixture\(scope=["']module["']""")


def work_unit(nodeid: str, root) -> str:
    """Which tests an xdist worker must run together, one after another (``--dist loadgroup``).

    The browser tests run in two lanes, each one test at a time on one worker: the timed
    ones, and the rest (more Chromiums and Streamlit servers at once on two cores turned
    their waits into timeouts; each lane launches Chromium once). A file with a
    module-scoped fixture (an expensive world built once) is one unit, or every worker
    would build it again. Every other test is a unit of its own.
    """
    path = nodeid.split("::", 1)[0]
    if path.startswith("tests/e2e/"):
        return "browser-timed" if path.rsplit("/", 1)[-1] in TIMED_BROWSER_TESTS else "browser"
    if path not in _module_fixture_files:
        source = root / path
        _module_fixture_files[path] = source.suffix == ".py" and bool(MODULE_FIXTURE.search(source.read_text(encoding="utf-8")))
    return path if _module_fixture_files[path] else nodeid


_module_fixture_files: dict[str, bool] = {}


LANES = ("browser-timed", "browser")  # the longest first

# While the timed browser tests measure the app ("within two seconds"), the other three
# workers keep both cores busy: on a fresh-clone CI run that turned the wall's p95 of about
# 1.3 s into 2.01 s and failed it. A worker whose first test is not in the timed lane steps
# aside (niceness 10, inherited by the servers and browsers it starts), so the app being
# timed has the machine a hall's server would have. The CPU the suite uses is unchanged.
YIELDING_NICENESS = 10
_niceness_decided = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _niceness_decided
    if _niceness_decided or not os.environ.get(WORKER_VARIABLE):
        return
    _niceness_decided = True
    if work_unit(item.nodeid, item.config.rootpath) != "browser-timed":
        os.nice(YIELDING_NICENESS)



class LanesFirst(OrderedDict):
    """xdist's queue of work units, with the browser lanes always at its head, longest first.

    The lanes are the longest units of the run: started last, the run waits for them at its
    end. xdist orders the rest by their number of tests, which says little about their time.
    """

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        if key in LANES:
            for lane in reversed(LANES):
                if lane in self:
                    self.move_to_end(lane, last=False)


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    # pytest-xdist 3.8's own loadgroup cannot work under pytest 9.2: it renames each item's
    # nodeid to add its group, and pytest 9.2 no longer reads that attribute. Its scope
    # scheduler with our own units does the same job.
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling  # only where xdist runs the tests

    class WorkUnitScheduling(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.workqueue = LanesFirst()

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid, config.rootpath)

    return WorkUnitScheduling(config, log)


def _reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_test_store(backend: str, tmp_path) -> Store:
    """A new migrated database with the reference data: ``tmp_path/test.sqlite3``, or the PostgreSQL one rebuilt."""
    if backend == "sqlite":
        path = Path(tmp_path) / "test.sqlite3"
        if path.exists():  # a database already there is upgraded, never replaced
            store = create_store(f"sqlite:///{path}")
        else:  # a copy of one migrated in this process: migrating costs ~0.5 s of CPU each time
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_migrated_sqlite(), path)
            store = create_store(f"sqlite:///{path}", upgrade=False)
    else:
        url = os.environ[POSTGRES_URL_VARIABLE]
        _reset_postgres(url)
        store = create_store(url)
    ensure_reference_data(store)
    return store


_MIGRATED_SQLITE: list[Path] = []


def _migrated_sqlite() -> Path:
    """A SQLite file migrated (with the reference data) once in this process, removed at its exit."""
    if not _MIGRATED_SQLITE:
        directory = Path(tempfile.mkdtemp(prefix="projektberedskap-migrated-"))
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        built = create_store(f"sqlite:///{directory / 'test.sqlite3'}")
        ensure_reference_data(built)
        built.engine.dispose()  # checkpoints the WAL into the file
        _MIGRATED_SQLITE.append(directory / "test.sqlite3")
    return _MIGRATED_SQLITE[0]


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory):
    directory = tmp_path_factory.mktemp("template")
    make_test_store("sqlite", directory).engine.dispose()  # disposing checkpoints the WAL into the file
    return directory / "test.sqlite3"


@pytest.fixture(scope="session")
def _sqlite_store(tmp_path_factory, _sqlite_template):
    """The one SQLite test database of this process; each test refills its file (:func:`tests.snapshots.restore_snapshot`)."""
    path = tmp_path_factory.mktemp("store") / "test.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    store = create_store(f"sqlite:///{path}", upgrade=False)
    yield store
    store.engine.dispose()


@pytest.fixture(scope="session")
def _postgres_store():
    store = make_test_store("postgresql", None)
    yield store
    store.engine.dispose()


def _empty_postgres(store) -> None:
    """Empty the PostgreSQL test database (reference data kept), as at the start of a test."""
    global _empty_snapshot
    if _empty_snapshot is None:
        with store.engine.connect() as connection:
            migrated = connection.scalar(text("SELECT to_regclass('public.alembic_version')")) is not None
        if not migrated:  # a fixture of another suite in this run dropped the schema since
            upgrade_schema(store.engine)
        tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
        with store.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            connection.execute(text("INSERT INTO process_state (id, revision) VALUES (1, 0)"))  # as migration 0001 does
        ensure_reference_data(store)
        _empty_snapshot = take_snapshot(store, "empty")
    else:
        restore_snapshot(_empty_snapshot, store)


_empty_snapshot: Snapshot | None = None  # taken the first time a test needs an empty database


def process_store(request, backend: str) -> Store:
    """This process's test database on ``backend`` as the last test left it."""
    return request.getfixturevalue({"sqlite": "_sqlite_store", "postgresql": "_postgres_store"}[backend])


def empty_store(request, backend: str) -> Store:
    """This process's test database on ``backend``, emptied to the migrated schema and the reference data."""
    if backend == "sqlite":
        return restore_snapshot(Snapshot("sqlite", path=request.getfixturevalue("_sqlite_template")), process_store(request, backend))
    assert os.environ.get(POSTGRES_URL_VARIABLE)
    store = process_store(request, backend)
    _empty_postgres(store)
    return store


@pytest.fixture(params=BACKENDS)
def store(request):
    """A migrated database with the reference localities, emptied for each test, on each configured backend."""
    store = empty_store(request, request.param)
    yield store
    if store.dialect == "sqlite":
        store.engine.dispose()  # the test's connections closed, so the next test may replace the file


@pytest.fixture(scope="session")
def _demo_snapshots() -> dict:
    return {}  # backend -> (snapshot, what load_demo returned)


@pytest.fixture
def demo(store, _demo_snapshots, tmp_path_factory):
    """The demo process in ``store``, as :func:`workshop.demo.load_demo` returned it.

    Loaded through the real loader by the first test on each backend, then set aside and
    put back for every later test (loading it costs seconds; putting it back milliseconds).
    """
    from workshop.demo import load_demo  # lazy: only tests that start from the demo need the loader

    if store.dialect not in _demo_snapshots:
        loaded = load_demo(store)
        _demo_snapshots[store.dialect] = (take_snapshot(store, "demo", tmp_path_factory.mktemp("demo")), loaded)
    snapshot, loaded = _demo_snapshots[store.dialect]
    restore_snapshot(snapshot, store)
    return loaded


@pytest.fixture
def sqlite_store(tmp_path, _sqlite_template) -> Store:
    """For tests that are about the app rather than the database (pages, exports).

    A file of its own in ``tmp_path`` (a copy of the migrated template): the app keys its
    caches on the database's address, and no two tests may share one.
    """
    shutil.copyfile(_sqlite_template, tmp_path / "test.sqlite3")
    store = create_store(f"sqlite:///{tmp_path / 'test.sqlite3'}", upgrade=False)
    yield store
    store.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _component_scan_once():
    """Scan the installed packages for Streamlit components once per test session, not per AppTest.

    ``AppTest.run`` builds a ``BidiComponentManager`` for every new AppTest, and that calls
    ``streamlit.components.v2.manifest_scanner.scan_component_manifests``, which reads the
    metadata of every installed distribution (about 0.5 s each time on this machine). The
    installed packages do not change during a run, so the first answer holds for all;
    ``component_manager`` imports the function at call time, so patching the module is enough.
    Only where AppTest is in use (its module is imported by the time tests run).
    """
    if "streamlit.testing.v1" not in sys.modules:
        yield
        return
    from streamlit.components.v2 import manifest_scanner

    found = manifest_scanner.scan_component_manifests()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: list(found))
        yield
