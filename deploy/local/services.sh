#!/usr/bin/env bash
# The ledgerbus services as separate background processes on the local Kafka and PostgreSQL
# (what `make up` starts after deploy/local/up.sh when no Docker engine answers).
#
#   deploy/local/services.sh start    build (tsc -b, incremental), start what is not running (in
#                                     order), wait until each answers, print the URLs and an admin JWT
#   deploy/local/services.sh stop     SIGTERM in reverse order, wait (SIGKILL after SERVICES_STOP_TIMEOUT)
#   deploy/local/services.sh restart <service>...   build, then stop and start those services
#   deploy/local/services.sh status   pid and health of each; exit 0 when all run, 3 otherwise
#
# Each service is `node services/<name>/dist/main.js` (the compiled JavaScript, as in the Kubernetes
# manifests; `start` and `restart` first run `tsc -b` on the services, which compiles what is
# missing or stale) in its own session, with its pid file and log under .infra/services/.
# SERVICES_RUNTIME=tsx runs `tsx --tsconfig tsconfig.check.json services/<name>/src/main.ts` from
# sources instead (no build; slower to start, more memory). Dev secrets are generated once into
# .infra/services/secrets.env (delete the file to get new ones).
#
# Environment overrides (defaults in brackets):
#   QBO_SANDBOX_PORT [8111]  CONNECTOR_PORT [8081]  MAPPING_PORT [8082]  CUSTOMER_SYNC_PORT [8084]
#   METRICS_PORT [8085]  INVOICE_PUSH_PORT [8086]  PAYMENT_PUSH_PORT [8087] (the workers' probes and
#   /metrics)  INGEST_PORT [8088]  WEBHOOKS_PORT [8089]  CONSOLE_PORT [8080]  KAFKA_HOST/KAFKA_PORT [127.0.0.1/9092]  PGHOST/PGPORT/PGUSER
#   [127.0.0.1/5432/postgres]  LEDGERBUS_DB [ledgerbus]  LEDGERBUS_TENANT [demo] (tenant of the
#   printed admin JWT)  LOG_LEVEL [info]  SERVICES_STATE_DIR [<repo>/.infra/services]
#   SERVICES_START_TIMEOUT [180 s per service]  SERVICES_STOP_TIMEOUT [30 s per service]
#   SERVICES_RUNTIME [node] (or tsx)  SERVICES_NODE_OPTIONS [] (node flags of every compiled service)
#   QBO_SANDBOX_PRINT_SECRETS [off] (on: the sandbox prints its demo tokens and webhook verifier)
# See deploy/local/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
STATE_DIR="${SERVICES_STATE_DIR:-$ROOT/.infra/services}"
SECRETS="$STATE_DIR/secrets.env"
START_TIMEOUT="${SERVICES_START_TIMEOUT:-180}"
STOP_TIMEOUT="${SERVICES_STOP_TIMEOUT:-30}"
TSX="$ROOT/node_modules/.bin/tsx"
TSC="$ROOT/node_modules/typescript/bin/tsc"
RUNTIME="${SERVICES_RUNTIME:-node}"
# Node flags of every compiled service, none by default (as in the Kubernetes manifests); see
# deploy/local/README.md, "Start time and memory", for what --optimize-for-size and
# --max-semi-space-size were measured to save and cost. Word-split on purpose: several flags.
read -r -a NODE_FLAGS <<<"${SERVICES_NODE_OPTIONS:-}"

HOST=127.0.0.1
SANDBOX_PORT="${QBO_SANDBOX_PORT:-8111}"
CONNECTOR_PORT="${CONNECTOR_PORT:-8081}"
MAPPING_PORT="${MAPPING_PORT:-8082}"
CUSTOMER_SYNC_PORT="${CUSTOMER_SYNC_PORT:-8084}"
METRICS_PORT="${METRICS_PORT:-8085}"
INVOICE_PUSH_PORT="${INVOICE_PUSH_PORT:-8086}"
PAYMENT_PUSH_PORT="${PAYMENT_PUSH_PORT:-8087}"
INGEST_PORT="${INGEST_PORT:-8088}"
WEBHOOKS_PORT="${WEBHOOKS_PORT:-8089}"
CONSOLE_PORT="${CONSOLE_PORT:-8080}"
SANDBOX_URL="http://$HOST:$SANDBOX_PORT"
CONNECTOR_URL="http://$HOST:$CONNECTOR_PORT"
CALLBACK_URL="$CONNECTOR_URL/v1/oauth/callback"
KAFKA_BROKERS="${KAFKA_HOST:-127.0.0.1}:${KAFKA_PORT:-9092}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
LEDGERBUS_DB="${LEDGERBUS_DB:-ledgerbus}"
DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$LEDGERBUS_DB"
TENANT="${LEDGERBUS_TENANT:-demo}"

# Start order; stop goes the other way.
SERVICES=(qbo-sandbox connector mapping customer-sync invoice-push payment-push metrics ingest webhooks console)

case "$RUNTIME" in
  node | tsx) ;;
  *) printf '[services] ERROR: SERVICES_RUNTIME must be node or tsx, not %s\n' "$RUNTIME" >&2 && exit 2 ;;
esac

log() { printf '[services] %s\n' "$*"; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }
# Seconds since a now_ms value, with one decimal.
since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $(((ms % 1000) / 100))
}

port_of() {
  case "$1" in
    qbo-sandbox) echo "$SANDBOX_PORT" ;;
    connector) echo "$CONNECTOR_PORT" ;;
    mapping) echo "$MAPPING_PORT" ;;
    customer-sync) echo "$CUSTOMER_SYNC_PORT" ;;
    metrics) echo "$METRICS_PORT" ;;
    invoice-push) echo "$INVOICE_PUSH_PORT" ;;
    payment-push) echo "$PAYMENT_PUSH_PORT" ;;
    ingest) echo "$INGEST_PORT" ;;
    webhooks) echo "$WEBHOOKS_PORT" ;;
    console) echo "$CONSOLE_PORT" ;;
    *) echo "" ;;
  esac
}

# What "answers" means: the sandbox's admin API (its root is a 404), the console's /healthz, and
# /readyz of the services and the push workers (they listen once started; /readyz also pings the
# database and the broker, and on the workers says their consumers are subscribed).
health_url() {
  local port
  port="$(port_of "$1")"
  [[ -z "$port" ]] && return 0
  if [[ "$1" == qbo-sandbox ]]; then echo "http://$HOST:$port/_sandbox/companies"; elif [[ "$1" == console ]]; then echo "http://$HOST:$port/healthz"; else echo "http://$HOST:$port/readyz"; fi
}

# What a service's process runs: its compiled main.js, or its main.ts under tsx.
entry_of() {
  if [[ "$RUNTIME" == tsx ]]; then echo "services/$1/src/main.ts"; else echo "services/$1/dist/main.js"; fi
}

pid_file() { echo "$STATE_DIR/$1.pid"; }
log_file() { echo "$STATE_DIR/$1.log"; }

# The pid recorded for a service (node, or the tsx wrapper), when that process is alive and runs
# that service (either runtime: stop and status also find a service started with the other one).
live_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -Eq "services/$1/(src/main\.ts|dist/main\.js)" || return 1
  echo "$pid"
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

answers() {
  local url
  url="$(health_url "$1")"
  if [[ -n "$url" ]]; then
    http_ok "$url"
  else
    grep -q "\"msg\":\"$1 started\"" "$(log_file "$1")" 2>/dev/null
  fi
}

port_taken() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

random_b64() { node -e "process.stdout.write(require('crypto').randomBytes($1).toString('$2'))"; }

mint_token() { # tenant role sub ttl [--svc]
  local args=(--tenant "$1" --role "$2" --sub "$3" --ttl "$4")
  [[ "${5:-}" == "--svc" ]] && args+=(--svc)
  if [[ "$RUNTIME" == tsx || ! -f "$ROOT/services/mapping/dist/scripts/token.js" ]]; then
    (cd "$ROOT" && JWT_SECRET="$JWT_SECRET" "$TSX" --tsconfig tsconfig.check.json services/mapping/src/scripts/token.ts "${args[@]}")
  else
    (cd "$ROOT" && JWT_SECRET="$JWT_SECRET" node services/mapping/dist/scripts/token.js "${args[@]}")
  fi
}

# Compiles the services and the libraries they use (`tsc -b` of their projects: incremental, so
# only what is missing or older than its sources is compiled; a fresh clone builds everything).
# Type errors do not stop the stack, as with tsx: tsc still emits the JavaScript, which runs; they
# are reported (the whole output in build.log). Missing output (no main.js) is an error.
build_services() {
  [[ "$RUNTIME" == tsx ]] && return 0
  [[ -f "$TSC" ]] || die "node_modules/typescript missing; run 'npm ci' (make install) first"
  local t0 out name projects=() missing=()
  for name in "${SERVICES[@]}"; do projects+=("services/$name"); done
  t0="$(now_ms)"
  mkdir -p "$STATE_DIR"
  if (cd "$ROOT" && node "$TSC" -b "${projects[@]}") >"$STATE_DIR/build.log" 2>&1; then
    log "build (tsc -b) done in $(since "$t0")s"
  else
    out="$(grep -c 'error TS' "$STATE_DIR/build.log" || true)"
    printf '[services] WARNING: tsc -b reported %s type error(s) in %ss (see %s); running the emitted JavaScript anyway:\n' "$out" "$(since "$t0")" "${STATE_DIR#"$ROOT"/}/build.log" >&2
    grep 'error TS' "$STATE_DIR/build.log" | head -n 10 >&2 || true
  fi
  for name in "${SERVICES[@]}"; do
    [[ -f "$ROOT/services/$name/dist/main.js" ]] || missing+=("services/$name/dist/main.js")
  done
  if ((${#missing[@]} > 0)); then
    cat "$STATE_DIR/build.log" >&2
    die "the build did not produce ${missing[*]}"
  fi
}

# Dev secrets, generated once (the connector's token keys must stay the same for the stored
# tokens to decrypt; the JWT secret for the service token to stay valid).
ensure_secrets() {
  mkdir -p "$STATE_DIR"
  if [[ ! -f "$SECRETS" ]]; then
    log "generating dev secrets into ${SECRETS#"$ROOT"/}"
    (
      umask 077
      {
        echo "# ledgerbus dev secrets for deploy/local/services.sh (generated $(date -u +%FT%TZ)); local use only"
        echo "JWT_SECRET=$(random_b64 48 base64url)"
        echo "CONNECTOR_TOKEN_KEYS=k1:$(random_b64 32 base64)"
        echo "CONNECTOR_STATE_SECRET=$(random_b64 32 base64url)"
        echo "WEBHOOK_VERIFIER=$(random_b64 24 base64url)"
        echo "WEBHOOKS_SECRET_KEY=k1:$(random_b64 32 base64)"
      } >"$SECRETS.tmp"
      mv "$SECRETS.tmp" "$SECRETS"
    )
  fi
  # shellcheck disable=SC1090
  source "$SECRETS"
  if [[ -z "${SERVICE_TOKEN:-}" ]]; then
    log "minting the workers' service JWT (svc, tenant *, 365 d)"
    SERVICE_TOKEN="$(mint_token '*' admin svc:local-workers 365d --svc)" || die "could not mint the service JWT"
    echo "SERVICE_TOKEN=$SERVICE_TOKEN" >>"$SECRETS"
  fi
  # Added after the first secrets files were written: appended to an older file once.
  if [[ -z "${WEBHOOKS_SECRET_KEY:-}" ]]; then
    log "generating the webhooks service's dev secret key (encrypts the endpoints' signing secrets)"
    WEBHOOKS_SECRET_KEY="k1:$(random_b64 32 base64)"
    echo "WEBHOOKS_SECRET_KEY=$WEBHOOKS_SECRET_KEY" >>"$SECRETS"
  fi
  for v in JWT_SECRET CONNECTOR_TOKEN_KEYS CONNECTOR_STATE_SECRET WEBHOOK_VERIFIER SERVICE_TOKEN WEBHOOKS_SECRET_KEY; do
    [[ -n "${!v:-}" ]] || die "$v missing in $SECRETS (delete the file to generate new secrets)"
  done
}

check_infra() {
  "$SCRIPT_DIR/kafka.sh" status >/dev/null 2>&1 ||
    die "no Kafka broker answers on $KAFKA_BROKERS; run deploy/local/up.sh (make infra-up) first"
  pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2 >/dev/null 2>&1 ||
    die "PostgreSQL does not answer on $PGHOST:$PGPORT; run deploy/local/up.sh (make infra-up) first"
  local exists
  exists="$(psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$LEDGERBUS_DB'")" ||
    die "cannot query PostgreSQL as '$PGUSER'"
  if [[ "$exists" != "1" ]]; then
    log "creating database '$LEDGERBUS_DB'"
    psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "CREATE DATABASE \"$LEDGERBUS_DB\"" >/dev/null ||
      die "could not create database '$LEDGERBUS_DB'"
  fi
}

# Set by register_oauth_app: the sandbox app the connector uses.
INTUIT_CLIENT_ID=""
INTUIT_CLIENT_SECRET=""

# The sandbox's demo app (its first OAuth client, whose webhooks go to the connector) gets the
# connector's callback as a registered redirect URI. Idempotent; repeated on every start since
# the sandbox may have been restarted.
register_oauth_app() {
  local out
  out="$(SANDBOX_URL="$SANDBOX_URL" CALLBACK_URL="$CALLBACK_URL" node -e '
    (async () => {
      const base = process.env.SANDBOX_URL;
      const res = await fetch(`${base}/_sandbox/oauth/clients`);
      if (!res.ok) throw new Error(`GET /_sandbox/oauth/clients: ${res.status}`);
      const [app] = (await res.json()).clients;
      if (!app) throw new Error("the sandbox has no OAuth app");
      const redirectUris = [...new Set([...app.redirectUris, process.env.CALLBACK_URL])];
      const put = await fetch(`${base}/_sandbox/oauth/clients`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...app, redirectUris }),
      });
      if (put.status !== 201) throw new Error(`POST /_sandbox/oauth/clients: ${put.status} ${await put.text()}`);
      process.stdout.write(`${app.clientId} ${app.clientSecret}\n`);
    })().catch((err) => { console.error(err.message); process.exit(1); });
  ')" || die "could not register $CALLBACK_URL with the sandbox's OAuth app"
  read -r INTUIT_CLIENT_ID INTUIT_CLIENT_SECRET <<<"$out"
}

# Runs in a subshell: exports the service's environment, then execs it.
exec_service() {
  local name="$1"
  export KAFKA_BROKERS DATABASE_URL
  export LOG_LEVEL="${LOG_LEVEL:-info}"
  export NODE_ENV=development
  export JWT_SECRET
  export QBO_BASE_URL="$SANDBOX_URL" CONNECTOR_URL
  case "$name" in
    qbo-sandbox)
      export QBO_SANDBOX_PORT="$SANDBOX_PORT" QBO_SANDBOX_HOST="$HOST"
      export QBO_SANDBOX_WEBHOOK_URL="$CONNECTOR_URL/v1/webhooks/intuit"
      export QBO_SANDBOX_WEBHOOK_VERIFIER="$WEBHOOK_VERIFIER"
      export QBO_SANDBOX_SNAPSHOT_FILE="$STATE_DIR/qbo-sandbox-state.json"
      # Its demo tokens, client secret and webhook verifier stay out of the logs unless asked for.
      export QBO_SANDBOX_PRINT_SECRETS="${QBO_SANDBOX_PRINT_SECRETS:-off}"
      ;;
    connector)
      export CONNECTOR_PORT CONNECTOR_HOST="$HOST"
      export CONNECTOR_TOKEN_KEYS CONNECTOR_STATE_SECRET
      export CONNECTOR_WEBHOOK_VERIFIER_TOKENS="$WEBHOOK_VERIFIER"
      export INTUIT_CLIENT_ID INTUIT_CLIENT_SECRET INTUIT_REDIRECT_URI="$CALLBACK_URL" INTUIT_ENVIRONMENT=sandbox
      export INTUIT_AUTHORIZE_URL="$SANDBOX_URL/connect/oauth2"
      export INTUIT_TOKEN_URL="$SANDBOX_URL/oauth2/v1/tokens/bearer"
      export INTUIT_REVOKE_URL="$SANDBOX_URL/v2/oauth2/tokens/revoke"
      export INTUIT_USERINFO_URL="$SANDBOX_URL/v1/openid_connect/userinfo"
      # After Intuit's consent the browser goes back to the admin console.
      export CONNECTOR_CONNECTED_REDIRECT_URL="http://$HOST:$CONSOLE_PORT/"
      ;;
    mapping) export MAPPING_PORT MAPPING_HOST="$HOST" ;;
    customer-sync)
      export CUSTOMER_SYNC_PORT CUSTOMER_SYNC_HOST="$HOST" CUSTOMER_SYNC_SERVICE_TOKEN="$SERVICE_TOKEN"
      ;;
    invoice-push) export INVOICE_PUSH_PORT INVOICE_PUSH_HOST="$HOST" CONNECTOR_SERVICE_TOKEN="$SERVICE_TOKEN" ;;
    payment-push) export PAYMENT_PUSH_PORT PAYMENT_PUSH_HOST="$HOST" CONNECTOR_SERVICE_TOKEN="$SERVICE_TOKEN" ;;
    metrics) export METRICS_PORT METRICS_HOST="$HOST" CONNECTOR_SERVICE_TOKEN="$SERVICE_TOKEN" ;;
    ingest) export INGEST_PORT INGEST_HOST="$HOST" ;;
    webhooks)
      export WEBHOOKS_PORT WEBHOOKS_HOST="$HOST" WEBHOOKS_SECRET_KEY
      # Development only: a receiver on this machine (loopback) may be an endpoint. Never in production.
      export WEBHOOKS_ALLOW_LOOPBACK=true
      ;;
    console) export CONSOLE_PORT CONSOLE_HOST="$HOST" MAPPING_URL="http://$HOST:$MAPPING_PORT" CUSTOMER_SYNC_URL="http://$HOST:$CUSTOMER_SYNC_PORT" ;;
  esac
  cd "$ROOT"
  # setsid: its own session, so it outlives this shell and a Ctrl-C of `make`.
  if [[ "$RUNTIME" == tsx ]]; then
    exec setsid "$TSX" --tsconfig tsconfig.check.json "$(entry_of "$name")" </dev/null
  fi
  exec setsid node "${NODE_FLAGS[@]}" "$(entry_of "$name")" </dev/null
}

start_one() {
  local name="$1" pid port logf started elapsed
  if pid="$(live_pid "$name")"; then
    log "$name already running (pid $pid)"
    return 0
  fi
  if [[ -f "$(pid_file "$name")" ]]; then
    log "$name: removing stale pid file"
    rm -f "$(pid_file "$name")"
  fi
  port="$(port_of "$name")"
  if [[ -n "$port" ]] && port_taken "$port"; then
    die "$name: something not started by this script already listens on $HOST:$port; stop it or set the port variable (see the header of this script)"
  fi
  logf="$(log_file "$name")"
  [[ -f "$logf" ]] && mv -f "$logf" "$logf.prev"
  started="$(now_ms)"
  (exec_service "$name") >"$logf" 2>&1 &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  while ! answers "$name"; do
    elapsed=$((($(now_ms) - started) / 1000))
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$(pid_file "$name")"
      printf '[services] --- last lines of %s ---\n' "${logf#"$ROOT"/}" >&2
      tail -n 30 "$logf" >&2 || true
      die "$name exited during startup"
    fi
    if ((elapsed >= START_TIMEOUT)); then
      printf '[services] --- last lines of %s ---\n' "${logf#"$ROOT"/}" >&2
      tail -n 30 "$logf" >&2 || true
      die "$name did not answer within ${START_TIMEOUT}s (still running as pid $pid; 'services.sh stop' stops it)"
    fi
    sleep 0.1
  done
  log "$name up in $(since "$started")s (pid $pid, $RUNTIME)"
}

cmd_start() {
  [[ -x "$TSX" ]] || die "node_modules/.bin/tsx missing; run 'npm ci' (make install) first"
  check_infra
  local name needed=0
  for name in "${SERVICES[@]}"; do live_pid "$name" >/dev/null || needed=1; done
  ((needed)) && build_services
  ensure_secrets
  for name in "${SERVICES[@]}"; do
    start_one "$name"
    [[ "$name" == qbo-sandbox ]] && register_oauth_app
  done
  local admin_jwt
  admin_jwt="$(mint_token "$TENANT" admin dev-admin 8h)" || die "could not mint the admin JWT"
  cat <<EOF
[services] all running; logs and pids in ${STATE_DIR#"$ROOT"/}/
  QBO sandbox    $SANDBOX_URL          (demo company, admin API $SANDBOX_URL/_sandbox/companies)
  connector      $CONNECTOR_URL          (OpenAPI $CONNECTOR_URL/docs/json)
  mapping        http://$HOST:$MAPPING_PORT
  customer-sync  http://$HOST:$CUSTOMER_SYNC_PORT
  metrics        http://$HOST:$METRICS_PORT
  ingest         http://$HOST:$INGEST_PORT          (records over HTTP: /v1/tenants/$TENANT/invoices …, OpenAPI /docs/json)
  webhooks       http://$HOST:$WEBHOOKS_PORT          (/v1/tenants/$TENANT/webhook-endpoints, platform-wide /v1/webhook-endpoints; loopback receivers allowed, dev only)
  admin console  http://$HOST:$CONSOLE_PORT/#token=$admin_jwt
  invoice-push   http://$HOST:$INVOICE_PUSH_PORT          (worker: /healthz, /readyz, /metrics only)
  payment-push   http://$HOST:$PAYMENT_PUSH_PORT          (worker: /healthz, /readyz, /metrics only)
  KAFKA_BROKERS=$KAFKA_BROKERS  DATABASE_URL=$DATABASE_URL
Admin JWT (tenant $TENANT, role admin, 8 h):
$admin_jwt
Connect tenant $TENANT to the sandbox's demo company (headless consent):
  TOKEN=<the JWT above>
  JAR=\$(mktemp)   # the connect URL's state cookie goes back to the callback
  URL=\$(curl -fsS -c "\$JAR" -H "authorization: Bearer \$TOKEN" $CONNECTOR_URL/v1/tenants/$TENANT/connection/connect-url | node -pe 'JSON.parse(require("fs").readFileSync(0)).url')
  curl -fsSL -b "\$JAR" "\$URL&sandbox_auto_approve=1"
  curl -fsS -H "authorization: Bearer \$TOKEN" $CONNECTOR_URL/v1/tenants/$TENANT/connection
EOF
}

stop_one() {
  local name="$1" pid children waited=0
  if ! pid="$(live_pid "$name")"; then
    if [[ -f "$(pid_file "$name")" ]]; then
      log "$name not running; removing stale pid file"
      rm -f "$(pid_file "$name")"
    fi
    return 0
  fi
  # SIGTERM the service itself: the node process, or under tsx its child node process (the tsx
  # wrapper exits with it; signalling only the wrapper makes it relay and SIGKILL the child if
  # that takes > 30 ms).
  children="$(pgrep -P "$pid" || true)"
  if [[ -n "$children" ]]; then
    # shellcheck disable=SC2086
    kill -TERM $children 2>/dev/null || true
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      log "$name did not exit within ${STOP_TIMEOUT}s; SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$(pid_file "$name")"
  log "$name stopped (pid $pid, $((waited / 10)).$((waited % 10))s)"
}

cmd_stop() {
  local i
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    stop_one "${SERVICES[$i]}"
  done
}

# Stops and starts the named services, in start order whatever the order of the arguments.
cmd_restart() {
  local name wanted=" $* " known=" ${SERVICES[*]} "
  (($# > 0)) || die "usage: $0 restart <service>... (of: ${SERVICES[*]})"
  for name in "$@"; do
    [[ "$known" == *" $name "* ]] || die "unknown service '$name' (one of: ${SERVICES[*]})"
  done
  [[ -x "$TSX" ]] || die "node_modules/.bin/tsx missing; run 'npm ci' (make install) first"
  check_infra
  build_services
  ensure_secrets
  # The connector is started with the sandbox app's credentials (read from the running sandbox).
  [[ "$wanted" == *" connector "* && "$wanted" != *" qbo-sandbox "* ]] && register_oauth_app
  for name in "${SERVICES[@]}"; do
    [[ "$wanted" == *" $name "* ]] || continue
    stop_one "$name"
    start_one "$name"
    [[ "$name" == qbo-sandbox ]] && register_oauth_app
  done
  return 0
}

cmd_status() {
  local name pid url all=0
  for name in "${SERVICES[@]}"; do
    url="$(health_url "$name")"
    if pid="$(live_pid "$name")"; then
      if answers "$name"; then
        printf '  %-14s running (pid %s)  %s\n' "$name" "$pid" "${url:-worker, started}"
      else
        printf '  %-14s running (pid %s) but not answering  %s\n' "$name" "$pid" "${url:-worker}"
        all=3
      fi
    else
      printf '  %-14s stopped\n' "$name"
      all=3
    fi
  done
  return "$all"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart)
    shift
    cmd_restart "$@"
    ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 {start|stop|restart <service>...|status}" >&2
    exit 2
    ;;
esac
