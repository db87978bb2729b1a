#!/usr/bin/env bash
# Start the machine's PostgreSQL 15 (when installed) and make the role and database the
# tests use: postgresql+psycopg://projektberedskap:projektberedskap@127.0.0.1:5432/projektberedskap_test
# Prints the URL on success; exits 1 when PostgreSQL is not available here.
set -euo pipefail
command -v pg_ctlcluster >/dev/null || { echo "PostgreSQL is not installed" >&2; exit 1; }
if ! pg_lsclusters -h 2>/dev/null | grep -q ' online'; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sh -c "$1"; fi; }
as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='projektberedskap'\" | grep -q 1 || psql -qc \"CREATE ROLE projektberedskap LOGIN SUPERUSER PASSWORD 'projektberedskap'\"" >/dev/null
as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='projektberedskap_test'\" | grep -q 1 || createdb -O projektberedskap projektberedskap_test" >/dev/null
echo "postgresql+psycopg://projektberedskap:projektberedskap@127.0.0.1:5432/projektberedskap_test"
