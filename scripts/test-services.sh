#!/usr/bin/env bash
# Install (from Debian's packages, when absent) and start what the test suite needs on loopback:
# PostgreSQL 15 with a role and database for article3, and Chromium for the browser tests.
set -euo pipefail

PG_USER=article3
PG_PASSWORD=article3
PG_DB=article3_test
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

"$(dirname "$0")/system-deps.sh" postgresql chromium libicu-dev pkg-config >&2

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  $SUDO pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$version" main start
fi
port=$(pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $3}')

psql_admin() { $SUDO -u postgres psql -p "$port" -h /var/run/postgresql -qtAX "$@"; }
if [ -z "$SUDO" ]; then psql_admin() { su postgres -c "psql -p $port -h /var/run/postgresql -qtAX $(printf '%q ' "$@")"; }; fi

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != "1" ]; then
  psql_admin -c "CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
fi
echo "postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$port/$PG_DB"
