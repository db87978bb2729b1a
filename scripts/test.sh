#!/usr/bin/env bash
# Install everything and run the whole test suite: service tests on SQLite and on
# PostgreSQL, page tests (AppTest), doctests, and the browser tests in Chromium.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k voting`.
# The tests run in parallel (pytest-xdist): most of their time is spent waiting (on
# PostgreSQL, on Streamlit's script runs, on Chromium), so more workers than cores pay.
# PROJEKTBEREDSKAP_TEST_WORKERS sets how many (0 runs them in this one process); `-n N`
# among the arguments wins over both.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# uv installs the same pinned wheels as pip, many at once: on a clean clone (every CI run) it
# takes a fraction of pip's time. pip does it alone when uv cannot be had.
uv=$(grep -m1 '^uv==' requirements-dev.txt)
if .venv/bin/python -m pip install -q --disable-pip-version-check "$uv"; then
  .venv/bin/python -m uv pip install -q --python .venv/bin/python --compile-bytecode -r requirements-dev.txt
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
fi

parallel=()
if [[ " $* " != *" -n "* && " $* " != *" --numprocesses"* && " $* " != *" -n"[0-9a]* ]]; then
  cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
  workers=${PROJEKTBEREDSKAP_TEST_WORKERS:-$(( 2 * cores < 6 ? 2 * cores : 6 ))}
  [ "$workers" -gt 0 ] && parallel=(-n "$workers" --dist loadgroup)
fi
# Every xdist worker imports every test module to collect, and pytest rewrites each module's
# asserts first: on a fresh clone about half of a worker's collection. One process writes the
# rewritten bytecode once (tests/rewrite_cache.py), and the project's own bytecode (which
# PYTHONDONTWRITEBYTECODE would leave every worker to compile again), while PostgreSQL and
# Chromium are made ready; the workers read them.
warm=""
if [ "${#parallel[@]}" -gt 0 ]; then
  { .venv/bin/python -m compileall -q workshop ui pages benchmarks tests \
      && .venv/bin/python -m pytest -q -p tests.rewrite_cache -p no:randomly; } >/dev/null 2>&1 &
  warm=$!
fi

if url=$(bash scripts/ensure-postgres.sh) && [[ "$url" =~ ^postgresql\+psycopg://[^[:space:]]+$ ]]; then
  export PROJEKTBEREDSKAP_TEST_POSTGRES_URL="$url"
  echo "PostgreSQL: the service tests run on SQLite and on PostgreSQL."
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL could not be started; CI needs it." >&2; exit 1
else
  echo "PostgreSQL is not available here: the service tests run on SQLite only." >&2
fi

if bash scripts/ensure-chromium.sh; then
  export PROJEKTBEREDSKAP_CHROMIUM=/usr/bin/chromium
elif [ "${CI:-}" = "true" ]; then
  echo "Chromium could not be installed; CI needs it for the browser tests." >&2; exit 1
else
  echo "Chromium is not available here: the browser tests are skipped." >&2
fi

[ -z "$warm" ] || wait "$warm" || echo "The rewrite cache was not written; the workers rewrite the tests themselves." >&2
exec .venv/bin/python -m pytest "${parallel[@]}" "$@"
