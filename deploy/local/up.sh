#!/usr/bin/env bash
# Start the local infrastructure without Docker: Kafka (KRaft, 127.0.0.1:9092) and PostgreSQL
# (127.0.0.1:5432, database "test"). Idempotent; reuses what already answers.
# Env overrides: see kafka.sh and postgres.sh. Used by `make infra-up`, `make up` (no Docker) and .ci/run.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$SCRIPT_DIR/kafka.sh" start
"$SCRIPT_DIR/postgres.sh" start

echo "[infra] up: KAFKA_BROKERS=${KAFKA_HOST:-127.0.0.1}:${KAFKA_PORT:-9092}" \
  "DATABASE_URL=postgres://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}/test"
