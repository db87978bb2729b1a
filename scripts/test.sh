#!/usr/bin/env bash
# Install everything and run the whole test suite: service tests on SQLite and on
# PostgreSQL, page tests (AppTest), doctests, and the browser tests in Chromium.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k voting`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

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

exec .venv/bin/python -m pytest "$@"
