#!/usr/bin/env bash
# Start time and idle memory of every service as deploy/local/services.sh runs it, per variant,
# side by side. A variant is a runtime (SERVICES_RUNTIME: tsx from sources, or node on the compiled
# dist/main.js) and, for node, the node flags (SERVICES_NODE_OPTIONS; without any, services.sh's
# default flags):
#
#   scripts/measure-services.sh [variant...]
#     default variants: tsx  node  'node --optimize-for-size'
#     ('node --' forces no flag at all, whatever services.sh's default)
#     e.g.            : scripts/measure-services.sh node 'node --max-semi-space-size=2'
#
# For each variant, on the local Kafka and PostgreSQL (make infra-up), with free ports, a temporary
# state directory, a fresh database and its own KAFKA_GROUP_PREFIX (so it never shares partitions
# with a `make up` or a test on the same broker):
#   1. `services.sh start` (build first for node): "first start" = spawn → ready of each service
#      on an empty database (migrations, topic checks, reading the topics from the beginning);
#   2. `services.sh restart <service>` one at a time: "ready" = spawn → ready (the sandbox's admin
#      API, /readyz of the HTTP services, the push workers' "<name> started" log line: what
#      services.sh waits for), "restart" = the whole command (build check, graceful stop, start);
#   3. MEASURE_SETTLE seconds without traffic, then "idle RSS" = VmRSS of the service's process
#      tree (under tsx: the tsx wrapper, its node child and esbuild), median of MEASURE_SAMPLES
#      samples MEASURE_INTERVAL seconds apart (RSS swings with the garbage collector's cycles), and
#      "service process" = the same for the node process that runs the service alone (under tsx:
#      the child; otherwise equal to the tree);
#   4. `services.sh stop`, drop the database, delete the state directory.
#
# Environment: MEASURE_SETTLE [30] MEASURE_SAMPLES [10] MEASURE_INTERVAL [3], and services.sh's
# KAFKA_*/PG* variables.
# The machine's other load shows in the figures: run it on a quiet machine, more than once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPT="$ROOT/deploy/local/services.sh"
SETTLE="${MEASURE_SETTLE:-30}"
SAMPLES="${MEASURE_SAMPLES:-10}"
INTERVAL="${MEASURE_INTERVAL:-3}"
SERVICES=(qbo-sandbox connector mapping customer-sync invoice-push payment-push metrics console)
VARIANTS=("$@")
((${#VARIANTS[@]} > 0)) || VARIANTS=(tsx node 'node --optimize-for-size')
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"

log() { printf '[measure] %s\n' "$*" >&2; }

# Results, keyed "<variant number>:<service>".
declare -A FIRST READY RESTART RSS OWN

# Six distinct free loopback ports (all bound at once, then released).
free_ports() {
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: 8 }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
      process.stdout.write(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });'
}

# "<tree kB> <own kB>": the sum of VmRSS of a process and all its descendants, and the VmRSS of
# the deepest of them whose command line names the service (tsx's child, or the node process).
tree_rss_kb() {
  local root="$1" name="$2" total=0 own=0 pid kb
  local -a queue=("$root")
  while ((${#queue[@]} > 0)); do
    pid="${queue[0]}"
    queue=("${queue[@]:1}")
    kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
    total=$((total + ${kb:-0}))
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "services/$name/" && own="${kb:-0}"
    # shellcheck disable=SC2207
    queue+=($(pgrep -P "$pid" || true))
  done
  echo "$total $own"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# "<name> up in 12.3s" from services.sh's output.
up_time() { sed -n "s/^\[services\] $1 up in \([0-9.]*\)s.*/\1/p" | tail -n 1; }

# measure <key> <variant>: results under "<key>:<service>".
measure() {
  local key="$1" spec="$2" runtime flags="" state db ports out name t0 ms samples pid i
  runtime="${spec%% *}"
  [[ "$spec" == *" "* ]] && flags="${spec#* }"
  state="$(mktemp -d "${TMPDIR:-/tmp}/ledgerbus-measure-$runtime.XXXXXX")"
  db="ledgerbus_measure_$$_$key"
  read -r -a ports <<<"$(free_ports)"
  export SERVICES_RUNTIME="$runtime" SERVICES_STATE_DIR="$state" LEDGERBUS_DB="$db"
  if [[ "$runtime" == node && -n "$flags" ]]; then
    # '--' alone: no flag at all (an empty SERVICES_NODE_OPTIONS, not services.sh's default).
    if [[ "$flags" == "--" ]]; then export SERVICES_NODE_OPTIONS=""; else export SERVICES_NODE_OPTIONS="$flags"; fi
  else
    unset SERVICES_NODE_OPTIONS
  fi
  export QBO_SANDBOX_PORT="${ports[0]}" CONNECTOR_PORT="${ports[1]}" MAPPING_PORT="${ports[2]}"
  export CUSTOMER_SYNC_PORT="${ports[3]}" METRICS_PORT="${ports[4]}" CONSOLE_PORT="${ports[5]}"
  export INVOICE_PUSH_PORT="${ports[6]}" PAYMENT_PUSH_PORT="${ports[7]}"
  export KAFKA_GROUP_PREFIX="measure-$$-$key."
  export LOG_LEVEL="${LOG_LEVEL:-info}"

  log "[$key] $spec: services.sh start (state $state, database $db)"
  if ! out="$("$SCRIPT" start 2>&1)"; then
    printf '%s\n' "$out" >&2
    "$SCRIPT" stop >&2 || true
    return 1
  fi
  for name in "${SERVICES[@]}"; do FIRST[$key:$name]="$(up_time "$name" <<<"$out")"; done

  for name in "${SERVICES[@]}"; do
    t0="$(date +%s%3N)"
    if ! out="$("$SCRIPT" restart "$name" 2>&1)"; then
      printf '%s\n' "$out" >&2
      "$SCRIPT" stop >&2 || true
      return 1
    fi
    ms=$(($(date +%s%3N) - t0))
    READY[$key:$name]="$(up_time "$name" <<<"$out")"
    RESTART[$key:$name]="$((ms / 1000)).$(((ms % 1000) / 100))"
    log "[$key] $name ready in ${READY[$key:$name]}s, restart ${RESTART[$key:$name]}s"
  done

  log "[$key] idle for ${SETTLE}s, then $SAMPLES RSS samples"
  sleep "$SETTLE"
  declare -A seen=() seen_own=()
  local tree own
  for ((i = 0; i < SAMPLES; i++)); do
    ((i == 0)) || sleep "$INTERVAL"
    for name in "${SERVICES[@]}"; do
      pid="$(cat "$state/$name.pid")"
      read -r tree own <<<"$(tree_rss_kb "$pid" "$name")"
      seen[$name]+="$tree "
      seen_own[$name]+="$own "
    done
  done
  for name in "${SERVICES[@]}"; do
    samples="$(tr ' ' '\n' <<<"${seen[$name]}" | grep . | median)"
    RSS[$key:$name]="$((samples / 1024))"
    samples="$(tr ' ' '\n' <<<"${seen_own[$name]}" | grep . | median)"
    OWN[$key:$name]="$((samples / 1024))"
  done

  "$SCRIPT" stop >/dev/null
  psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
  rm -rf "$state"
}

for i in "${!VARIANTS[@]}"; do measure "$i" "${VARIANTS[$i]}"; done

# One column per variant for each figure.
header() { local r; for r in "${!VARIANTS[@]}"; do printf ' %9s' "[$r]"; done; }
row() {
  local -n table="$1"
  local r
  for r in "${!VARIANTS[@]}"; do printf ' %9s' "${table[$r:$2]:-?}"; done
}
title() { printf ' %-*s' $((10 * ${#VARIANTS[@]} - 1)) "$1"; }
printf '\n%-14s |%s |%s |%s |%s |%s\n' service "$(header)" "$(header)" "$(header)" "$(header)" "$(header)"
printf '%-14s |%s |%s |%s |%s |%s\n' '' "$(title 'first start s')" "$(title 'ready s')" "$(title 'restart s')" \
  "$(title 'idle RSS MB')" "$(title 'service process MB')"
for name in "${SERVICES[@]}"; do
  printf '%-14s |%s |%s |%s |%s |%s\n' "$name" "$(row FIRST "$name")" "$(row READY "$name")" "$(row RESTART "$name")" \
    "$(row RSS "$name")" "$(row OWN "$name")"
done
for i in "${!VARIANTS[@]}"; do printf '[%s] %s\n' "$i" "${VARIANTS[$i]}"; done
printf '(settle %ss, median of %s samples %ss apart; %s; %s cores; load average at the end %s)\n' "$SETTLE" "$SAMPLES" "$INTERVAL" "$(node -v)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
