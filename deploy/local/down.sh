#!/usr/bin/env bash
# Stop the local infrastructure that deploy/local started: the Kafka broker whose pid file is in
# this checkout's state dir, and PostgreSQL only if postgres.sh started it. A broker or server
# started by someone else is left alone. Idempotent. Used by `make infra-down` and `make down`.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

status=0
"$SCRIPT_DIR/kafka.sh" stop || status=$?
"$SCRIPT_DIR/postgres.sh" stop || status=$?
exit "$status"
