"""A pytest plugin that writes every test module's assertion-rewritten bytecode and stops
(``python -m pytest -p tests.rewrite_cache -q``; ``scripts/test.sh`` runs it before the suite).

Each pytest-xdist worker imports every test module to collect the suite, and pytest rewrites a
test module's ``assert`` statements before it compiles it. On a fresh clone nothing is cached,
so every worker rewrote and compiled all ~300 test modules: about half of the ~13 CPU-seconds
each spent before its first test. This plugin does that work once, in one process, without
importing the modules (so none of the libraries they need is loaded), and writes the result
where pytest itself keeps it (``__pycache__/<name>.<tag>-pytest-<version>.pyc``, the same
files pytest writes when bytecode writing is on); the workers then read them. A module that
changed since is rewritten by its worker as before, so a stale cache costs time, never a
wrong test.

It leans on two of pytest's internal functions (``_rewrite_test``, ``_write_pyc``); if a
pytest release moves them, it says so and writes nothing, and the suite runs as before.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest


def test_modules(root: Path, testpaths: list[str], patterns: list[str]) -> list[Path]:
    """The files under ``testpaths`` pytest would rewrite: test modules and conftest files."""
    found = []
    for folder in testpaths:
        for path in sorted((root / folder).rglob("*.py")):
            if path.name == "conftest.py" or any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns):
                found.append(path)
    return found


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> bool:
    config = session.config
    try:
        from _pytest.assertion import assertstate_key
        from _pytest.assertion.rewrite import PYC_TAIL, _rewrite_test, _write_pyc, get_cache_dir, try_makedirs
    except ImportError as error:  # a pytest that moved them: the workers rewrite as before
        _say(config, f"rewrite cache: not written ({error})")
        return True
    if config.getoption("assertmode") != "rewrite":
        return True
    state = config.stash[assertstate_key]
    paths = test_modules(config.rootpath, config.getini("testpaths"), config.getini("python_files"))
    written = 0
    for path in paths:
        cache = get_cache_dir(path)
        if try_makedirs(cache):
            source_hash, code = _rewrite_test(path, config)
            written += _write_pyc(state, code, source_hash, cache / (path.name[:-3] + PYC_TAIL))
    _say(config, f"rewrite cache: {written} of {len(paths)} test modules written")
    return True  # nothing is collected and nothing runs


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:  # by design: this run only writes the cache
        session.exitstatus = pytest.ExitCode.OK


def _say(config: pytest.Config, line: str) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
