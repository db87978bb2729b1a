#!/usr/bin/env bash
# Start the machine's PostgreSQL 15 (when installed) and make the role and database the
# tests use: postgresql+psycopg://projektberedskap:projektberedskap@127.0.0.1:5432/projektberedskap_test
# Prints the URL on success; exits 1 when PostgreSQL is not available here.
# Test databases need no durability (a crash loses a test run, which is simply run again):
# the test database never waits for commits to reach the disk, and a cluster that holds
# nothing but test databases (projektberedskap_*, as on a fresh machine or in CI) runs with
# fsync, synchronous_commit and full_page_writes off. A cluster holding any other database
# (a production `projektberedskap`, say) is left as it is. Never do this for production.
set -euo pipefail
# Everything but the URL goes to stderr: pg_ctlcluster prints notes such as
# "Removed stale pid file." that must never end up in the captured URL.
exec 3>&1 1>&2
if ! command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
command -v pg_ctlcluster >/dev/null || { echo "PostgreSQL is not installed" >&2; exit 1; }
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
[ -n "$cluster" ] || { echo "no PostgreSQL cluster" >&2; exit 1; }
if ! pg_lsclusters -h | grep -q ' online'; then
  pg_ctlcluster $cluster start 3>&-  # the server must not hold the URL pipe open
fi
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
pg_isready -q -h 127.0.0.1 || { echo "PostgreSQL did not become ready" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sh -c "$1"; fi; }
as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='projektberedskap'\" | grep -q 1 || psql -qc \"CREATE ROLE projektberedskap LOGIN SUPERUSER PASSWORD 'projektberedskap'\"" >/dev/null
as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='projektberedskap_test'\" | grep -q 1 || createdb -O projektberedskap projektberedskap_test" >/dev/null
as_postgres "psql -qc \"ALTER DATABASE projektberedskap_test SET synchronous_commit = off\"" >/dev/null
others=$(as_postgres "psql -qtAc \"SELECT count(*) FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1') AND datname NOT LIKE 'projektberedskap\\_%'\"")
durable=$(as_postgres "psql -qtAc \"SELECT count(*) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') AND setting = 'on'\"")
if [ "$others" = 0 ] && [ "$durable" != 0 ]; then
  for setting in fsync synchronous_commit full_page_writes; do
    as_postgres "psql -qc \"ALTER SYSTEM SET $setting = off\"" >/dev/null
  done
  as_postgres "psql -qtAc \"SELECT pg_reload_conf()\"" >/dev/null  # all three take effect on reload
fi
echo "postgresql+psycopg://projektberedskap:projektberedskap@127.0.0.1:5432/projektberedskap_test" >&3
