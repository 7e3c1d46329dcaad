#!/usr/bin/env bash
# PostgreSQL for local development and CI, without Docker.
#
#   deploy/local/postgres.sh start    use the server on PGHOST:PGPORT when it answers; start the
#                                     installed cluster when it is stopped; ensure the databases exist
#   deploy/local/postgres.sh stop     stop the cluster only when this script started it
#   deploy/local/postgres.sh status   exit 0 when the server accepts connections, 3 otherwise
#
# Environment overrides (defaults in brackets):
#   PGHOST [127.0.0.1]  PGPORT [5432]  PGUSER [postgres]  PG_DATABASES ["test"]
#   PG_STATE_DIR [<repo>/.infra/postgres]  PG_START_TIMEOUT [60 s]
#
# The server is expected to accept PGUSER without a password from loopback (trust auth),
# as the tests do. See deploy/local/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
PG_DATABASES="${PG_DATABASES:-test}"
PG_STATE_DIR="${PG_STATE_DIR:-$ROOT/.infra/postgres}"
PG_START_TIMEOUT="${PG_START_TIMEOUT:-60}"
STARTED_FILE="$PG_STATE_DIR/started-cluster"

log() { printf '[postgres] %s\n' "$*"; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

install_hint() {
  cat >&2 <<EOF
[postgres] PostgreSQL is needed on $PGHOST:$PGPORT (user '$PGUSER', trust auth from loopback).
[postgres] On Debian/Ubuntu:  apt-get install -y postgresql
[postgres]   then start it:   pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start
[postgres] Or point the tests at another server with DATABASE_URL, or use 'make up' on a machine with Docker.
EOF
}

answers() { pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2 >/dev/null 2>&1; }

# "<version> <cluster>" of the installed cluster configured on PGPORT (first match), or empty.
find_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v port="$PGPORT" '$3 == port { print $1, $2; exit }'
}

ensure_databases() {
  local db exists
  for db in $PG_DATABASES; do
    exists="$(psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>&1)" ||
      die "cannot query $PGHOST:$PGPORT as '$PGUSER': $exists"
    if [[ "$exists" == "1" ]]; then
      continue
    fi
    log "creating database '$db'"
    psql -X -q -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null || die "could not create database '$db'"
  done
}

cmd_start() {
  command -v pg_isready >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 || {
    install_hint
    die "the PostgreSQL client tools (pg_isready, psql) are not installed"
  }
  if answers; then
    log "server on $PGHOST:$PGPORT accepts connections; using it"
  else
    local cluster
    cluster="$(find_cluster)"
    if [[ -z "$cluster" ]]; then
      install_hint
      die "nothing answers on $PGHOST:$PGPORT and no installed PostgreSQL cluster is configured for port $PGPORT"
    fi
    local ver name
    read -r ver name <<<"$cluster"
    log "server on $PGHOST:$PGPORT is down; starting installed cluster $ver/$name"
    if ! pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start; then
      die "pg_ctlcluster could not start $ver/$name (see /var/log/postgresql/postgresql-$ver-$name.log; needs root or the cluster owner)"
    fi
    mkdir -p "$PG_STATE_DIR"
    echo "$ver $name" >"$STARTED_FILE"
    local deadline=$((SECONDS + PG_START_TIMEOUT))
    until answers; do
      ((SECONDS < deadline)) || die "cluster $ver/$name started but $PGHOST:$PGPORT did not accept connections within ${PG_START_TIMEOUT}s"
      sleep 0.5
    done
    log "started $ver/$name on $PGHOST:$PGPORT"
  fi
  ensure_databases
  log "ready: postgres://$PGUSER@$PGHOST:$PGPORT (databases: postgres $PG_DATABASES)"
}

cmd_stop() {
  if [[ ! -f "$STARTED_FILE" ]]; then
    log "not started by this script; leaving the server on $PGHOST:$PGPORT alone"
    return 0
  fi
  local ver name
  read -r ver name <"$STARTED_FILE"
  log "stopping cluster $ver/$name (started by this script)"
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" stop || die "pg_ctlcluster could not stop $ver/$name"
  rm -f "$STARTED_FILE"
  log "stopped"
}

cmd_status() {
  if command -v pg_isready >/dev/null 2>&1 && answers; then
    local by="not started by this script"
    [[ -f "$STARTED_FILE" ]] && by="started by this script"
    log "accepting connections on $PGHOST:$PGPORT ($by)"
    return 0
  fi
  log "not answering on $PGHOST:$PGPORT"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 {start|stop|status}" >&2
    exit 2
    ;;
esac
