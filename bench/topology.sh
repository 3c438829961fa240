#!/usr/bin/env bash
# Production topology benchmark: API processes (worker off) and standalone workers on PostgreSQL and RabbitMQ, beside
# the embedded default (SQLite, in-memory bus, worker inside) and a bare Kestrel reference answering the same bytes,
# all in the same run on the same machine. Postbacks only: each request is a new conversion (real click ids, unique
# order ids), so "conversions committed" is the end-to-end figure.
#
#   bench/topology.sh
#
# Environment (all optional):
#   BENCH_DURATION=20        seconds of each measured wrk run
#   BENCH_CONNECTIONS=64     wrk connections;  BENCH_THREADS=2 wrk threads
#   BENCH_WARMUP=15          seconds of warm-up per server
#   BENCH_WORKERS=2          standalone worker processes;  BENCH_APIS=1 API processes (wrk spreads over them via a list)
#   BENCH_CLICK_POOL=3000    real click ids obtained per product before the runs
#   BENCH_DRAIN_TIMEOUT=120  most seconds to wait after the load for every hit to be decided
#   BENCH_SKIP_EMBEDDED=1    measure only the topology and the reference
#   BENCH_NO_BUILD=1         skip the Release builds
#   BENCH_PG_OPTIONS=        more Npgsql connection string settings for the APIs and workers (e.g. "Max Auto Prepare=64")
# PostgreSQL and RabbitMQ come from scripts/services.sh (started when not running). Each run uses a fresh database and
# a fresh virtual host. Raw results: bench/results/<time>-topology/. Traffic goes only to 127.0.0.1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DURATION=${BENCH_DURATION:-20}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-15}
WORKERS=${BENCH_WORKERS:-2}
APIS=${BENCH_APIS:-1}
CLICK_POOL=${BENCH_CLICK_POOL:-3000}
DRAIN_TIMEOUT=${BENCH_DRAIN_TIMEOUT:-120}
STAMP=$(date +%Y%m%d-%H%M%S)
OUT=$HERE/results/$STAMP-topology
ADMIN_KEY=bench-admin-key-0123456789abcdef
mkdir -p "$OUT"

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
need wrk wrk
need sqlite3 sqlite3
need curl curl
command -v dotnet >/dev/null || { echo "dotnet SDK not found" >&2; exit 1; }

log "starting PostgreSQL and RabbitMQ (scripts/services.sh up)"
eval "$("$ROOT/scripts/services.sh" up)"
PG_ADMIN=$TRACKING_TEST_POSTGRES
PG_PORT=$(echo "$PG_ADMIN" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
DBNAME=bench_${STAMP//-/_}
VHOST=bench-$STAMP
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAq "$@"; }
export PGPASSWORD=postgres
psql_ -d postgres -c "CREATE DATABASE $DBNAME" >/dev/null
$TRACKING_TEST_RABBITMQ_CTL -q add_vhost "$VHOST" >/dev/null
$TRACKING_TEST_RABBITMQ_CTL -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=$DBNAME;Maximum Pool Size=64${BENCH_PG_OPTIONS:+;$BENCH_PG_OPTIONS}"
RABBIT="${TRACKING_TEST_RABBITMQ%/}/$VHOST"
pg() { psql_ -d "$DBNAME" -c "$1"; }

# ---------------------------------------------------------------- build
API_DIR=$ROOT/src/Tracking.Api/bin/Release/net10.0
WORKER_DIR=$ROOT/src/Tracking.Worker/bin/Release/net10.0
REF_DIR=$HERE/Reference/bin/Release/net10.0
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  log "building the API, the worker and the reference (Release)"
  for p in "$ROOT/src/Tracking.Api/Tracking.Api.csproj" "$ROOT/src/Tracking.Worker/Tracking.Worker.csproj" "$HERE/Reference/Reference.csproj"; do
    timeout 900 dotnet build "$p" -c Release -nologo -v q >>"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; exit 1; }
  done
fi

# ---------------------------------------------------------------- processes
# The topology: API processes with the worker off, standalone workers; all on the same database and virtual host.
topology_env() {
  exec env MASSTRANSIT_USAGE_TELEMETRY=false Tracking__Database__Provider=Postgres ConnectionStrings__Tracking="$PG_CONN" \
    Tracking__Bus__Transport=RabbitMq ConnectionStrings__RabbitMq="$RABBIT" Tracking__AdminApiKey=$ADMIN_KEY "$@"
}
declare -a API_PIDS=() API_URLS=() WORKER_PIDS=()
for i in $(seq "$APIS"); do
  port=$(free_port); url=http://127.0.0.1:$port
  (cd "$API_DIR" && topology_env Tracking__Worker__Enabled=false Tracking__SeedDemo=$([ "$i" = 1 ] && echo true || echo false) \
    dotnet Tracking.Api.dll --urls "$url") >"$OUT/api-$i.log" 2>&1 &
  API_PIDS+=($!); API_URLS+=("$url"); PIDS+=($!)
  [ "$i" = 1 ] && wait_for 120 "$OUT/api-1.log" "postback: "
done
for i in $(seq "$WORKERS"); do
  (cd "$WORKER_DIR" && topology_env dotnet Tracking.Worker.dll --urls "http://127.0.0.1:$(free_port)") >"$OUT/worker-$i.log" 2>&1 &
  WORKER_PIDS+=($!); PIDS+=($!)
done
RPORT=$(free_port); RURL=http://127.0.0.1:$RPORT
(cd "$REF_DIR" && exec dotnet Bench.Reference.dll --urls "$RURL") >"$OUT/reference.log" 2>&1 &
RPID=$!; PIDS+=("$RPID")
if [ -z "${BENCH_SKIP_EMBEDDED:-}" ]; then
  EPORT=$(free_port); EURL=http://127.0.0.1:$EPORT; EDB=$OUT/embedded.db
  (cd "$API_DIR" && MASSTRANSIT_USAGE_TELEMETRY=false ConnectionStrings__Tracking="Data Source=$EDB" Tracking__AdminApiKey=$ADMIN_KEY \
    Tracking__SeedDemo=true exec dotnet Tracking.Api.dll --urls "$EURL") >"$OUT/embedded.log" 2>&1 &
  EPID=$!; PIDS+=("$EPID")
  wait_for 120 "$OUT/embedded.log" "postback: "
fi
for _ in $(seq 100); do curl -s -o /dev/null "$RURL/postback" && break; sleep 0.2; done
sleep 5 # the workers connect and declare their queues

# demo FILE -> "OFFER AFF TOKEN" from the first-run banner
demo() {
  local link token
  link=$(grep -o 'tracking link: [^ ]*' "$1" | head -1 | cut -d' ' -f3)
  token=$(grep -o 'token=[0-9a-fA-F]*' "$1" | head -1 | cut -d= -f2)
  echo "$(echo "$link" | sed -n 's|.*/c/\([0-9]*\)?.*|\1|p') $(echo "$link" | sed -n 's|.*aff_id=\([0-9]*\).*|\1|p') $token"
}
# click_pool URL OFFER AFF FILE
click_pool() {
  local cfg=$OUT/click-pool.curl
  : >"$cfg"
  for _ in $(seq "$CLICK_POOL"); do printf 'url = "%s/c/%s?aff_id=%s&sub1=pool"\noutput = "/dev/null"\n' "$1" "$2" "$3" >>"$cfg"; done
  timeout 300 curl -s -D - -K "$cfg" | tr -d '\r' | sed -n 's/^[Ll]ocation: .*[?&]click_id=\([^&]*\).*/\1/p' >"$4"
  [ -s "$4" ] || { echo "no click ids from $1" >&2; exit 1; }
}
export BENCH_WRK_DIR=$HERE/wrk
read -r T_OFFER T_AFF T_TOKEN <<<"$(demo "$OUT/api-1.log")"
click_pool "${API_URLS[0]}" "$T_OFFER" "$T_AFF" "$OUT/click-ids-topology.txt"
if [ -n "${EPID:-}" ]; then
  read -r E_OFFER E_AFF E_TOKEN <<<"$(demo "$OUT/embedded.log")"
  click_pool "$EURL" "$E_OFFER" "$E_AFF" "$OUT/click-ids-embedded.txt"
fi
use_topology() { export BENCH_OFFER=$T_OFFER BENCH_AFF=$T_AFF BENCH_TOKEN=$T_TOKEN BENCH_CLICK_IDS=$OUT/click-ids-topology.txt; }
use_embedded() { export BENCH_OFFER=$E_OFFER BENCH_AFF=$E_AFF BENCH_TOKEN=$E_TOKEN BENCH_CLICK_IDS=$OUT/click-ids-embedded.txt; }
esql() { sqlite3 -cmd ".timeout 10000" "$EDB" "$1"; }

# Total CPU seconds of a set of pids, and of the whole machine (for PostgreSQL and RabbitMQ, whose processes come and go).
cpu_of() { local t=0 p; for p in "$@"; do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
# The servers' own share: PostgreSQL's processes (pooled backends live as long as the run) and RabbitMQ's Erlang VM.
servers_cpu() { local pg=0 mq=0 p; for p in $(pgrep -u postgres postgres); do pg=$((pg + $(cpu_ticks "$p" 2>/dev/null || echo 0))); done
  for p in $(pgrep beam.smp); do mq=$((mq + $(cpu_ticks "$p"))); done; echo "$pg $mq"; }

# measure NAME URL PID... ; counts come from the function named by COUNT (prints "hits undecided conversions")
measure() {
  local name=$1 url=$2; shift 2
  local before after t0 t1 m0 m1 c0 c1 left end
  read -r -a before <<<"$($COUNT)"
  c0=$(cpu_of "$@"); m0=$(machine_busy); read -r pg0 mq0 <<<"$(servers_cpu)"; t0=$(now)
  run_wrk "$name" "$url" postback "$DURATION" "$1"
  t1=$(now); c1=$(cpu_of "$@"); m1=$(machine_busy); read -r pg1 mq1 <<<"$(servers_cpu)"
  read -r -a after <<<"$($COUNT)"
  echo "load_conversions $((after[2] - before[2]))" >>"$OUT/$name.txt"
  end=$((SECONDS + DRAIN_TIMEOUT))
  while [ $SECONDS -lt $end ]; do read -r -a after <<<"$($COUNT)"; [ "${after[1]}" = 0 ] && break; sleep 0.25; done
  local t2; t2=$(now)
  {
    echo "hits $((after[0] - before[0]))"
    echo "conversions $((after[2] - before[2]))"
    echo "undecided ${after[1]}"
    awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "load_s %.2f\ndrain_s %.2f\n", b - a, c - b }'
    awk -v c="$((c1 - c0))" -v m="$((m1 - m0))" -v hz="$HZ" -v a="$t0" -v b="$t1" \
      'BEGIN { printf "product_cores %.2f\nmachine_cores %.2f\n", c / hz / (b - a), m / hz / (b - a) }'
    awk -v p="$((pg1 - pg0))" -v q="$((mq1 - mq0))" -v hz="$HZ" -v a="$t0" -v b="$t1" \
      'BEGIN { printf "postgres_cores %.2f\nrabbitmq_cores %.2f\n", p / hz / (b - a), q / hz / (b - a) }'
  } >>"$OUT/$name.txt"
}
topology_count() { pg "select (select count(*) from hits), (select count(*) from hits where decided_at is null), (select count(*) from conversions)" | tr '|' ' '; }
# Staged hits (decision 0023) not moved into the table yet count as stored and undecided.
embedded_count() {
  if [ -f "$EDB-inbox" ]; then
    sqlite3 -cmd ".timeout 10000" -cmd "ATTACH '$EDB-inbox' AS inbox" "$EDB" \
      "select (select count(*) from main.hits) + (select count(*) from inbox.hits i where not exists (select 1 from main.hits h where h.id = i.id)),
              (select count(*) from main.hits where decided_at is null) + (select count(*) from inbox.hits i where i.decided_at is null and not exists (select 1 from main.hits h where h.id = i.id)),
              (select count(*) from main.conversions)" | tr '|' ' '
  else
    esql "select (select count(*) from hits), (select count(*) from hits where decided_at is null), (select count(*) from conversions)" | tr '|' ' '
  fi
}
value() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

# ---------------------------------------------------------------- warm-up and measured runs
log "warming up (${WARMUP}s per server)"
run_wrk warmup-reference "$RURL" postback "$WARMUP" "$RPID"
use_topology; run_wrk warmup-topology "${API_URLS[0]}" postback "$WARMUP" "${API_PIDS[0]}"
if [ -n "${EPID:-}" ]; then use_embedded; run_wrk warmup-embedded "$EURL" postback "$WARMUP" "$EPID"; fi
log "waiting for the warm-up backlog to drain"
COUNT=topology_count; end=$((SECONDS + DRAIN_TIMEOUT))
while [ $SECONDS -lt $end ] && [ "$(topology_count | awk '{print $2}')" != 0 ]; do sleep 1; done

log "reference ${DURATION}s"
run_wrk reference "$RURL" postback "$DURATION" "$RPID"
log "topology ${DURATION}s ($APIS API, $WORKERS workers)"
use_topology; COUNT=topology_count; measure topology "${API_URLS[0]}" "${API_PIDS[@]}" "${WORKER_PIDS[@]}"
if [ -n "${EPID:-}" ]; then
  log "embedded ${DURATION}s"
  use_embedded; COUNT=embedded_count; measure embedded "$EURL" "$EPID"
fi

# ---------------------------------------------------------------- report
row() { # row NAME LABEL
  local f=$OUT/$1.txt hits conv load drain
  hits=$(value "$f" hits); conv=$(value "$f" conversions); load=$(value "$f" load_s); drain=$(value "$f" drain_s)
  echo "| $2 | $(metric "$f" rps) | **$(awk -v a="$(metric "$f" rps)" -v b="$(metric "$OUT/reference.txt" rps)" 'BEGIN { printf "%.2f", a / b }')** | $(metric "$f" p50) / $(metric "$f" p99) | $(metric "$f" errors) | $hits | $(awk -v n="$(value "$f" load_conversions)" -v t="$load" 'BEGIN { printf "%.0f", n / t }') | **$(awk -v n="$conv" -v t="$load" -v d="$drain" 'BEGIN { printf "%.0f", n / (t + d) }')** | $drain s | $(value "$f" undecided) | $(value "$f" product_cores) / $(value "$f" postgres_cores) / $(value "$f" rabbitmq_cores) / $(value "$f" machine_cores) |"
}
mem_list() { local p out=""; for p in "$@"; do out+="$(hwm "$p") "; done; echo "${out% }"; }
{
  echo "Run $(basename "$OUT"): $(nproc) cores, $(dotnet --version) SDK, wrk -t$THREADS -c$CONNS -d${DURATION}s on GET /postback (every request a new conversion); topology: $APIS API + $WORKERS workers, PostgreSQL $(psql_ -d postgres -c 'show server_version' | cut -d' ' -f1) and RabbitMQ on loopback"
  echo
  echo "| target | accepted req/s | ratio to reference | p50 / p99 ms | errors | hits stored | conversions/s during load | conversions/s until drained | drain after load | left undecided | CPU cores during load: product / PostgreSQL / RabbitMQ / whole machine |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| bare Kestrel reference | $(metric "$OUT/reference.txt" rps) | 1.00 | $(metric "$OUT/reference.txt" p50) / $(metric "$OUT/reference.txt" p99) | $(metric "$OUT/reference.txt" errors) | | | | | | $(metric "$OUT/reference.txt" server_cores) / |"
  row topology "topology (PostgreSQL + RabbitMQ)"
  [ -n "${EPID:-}" ] && row embedded "embedded default (SQLite)"
  echo
  echo "Peak memory (VmHWM, MiB): API $(mem_list "${API_PIDS[@]}"), workers $(mem_list "${WORKER_PIDS[@]}")${EPID:+, embedded $(hwm "$EPID")}, reference $(hwm "$RPID")."
} | tee "$OUT/summary.md"
log "raw results in $OUT"
