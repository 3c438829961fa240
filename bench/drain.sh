#!/usr/bin/env bash
# The worker alone: how fast the embedded worker decides a backlog when no request competes with it for the two cores.
#
#   bench/drain.sh [postback|pixel]
#
# 1. Fills: the API with its worker off (publishing to a throwaway RabbitMQ virtual host that nothing consumes) takes
#    BENCH_DURATION (20) seconds of wrk load on the endpoint, each hit a new conversion, then stops.
# 2. Drains: the product restarts on the same SQLite file as shipped (worker inside, in-memory bus). Its relay publishes
#    every undecided hit at start, and the worker decides them with no ingress load.
# Prints hits decided per second (from the first decided hit to the last) and the process's CPU per decided hit, which
# is the figure to compare between builds (wall time moves with the machine's noise, CPU per hit much less).
# BENCH_PROFILER=perf records 20 s of the drain's on-CPU stacks (top-*.txt, as bench/profile.sh), from
# BENCH_PROFILE_DELAY (20) seconds after the start, past the JIT's warm-up. BENCH_PRODUCT_DIR: another
# build of the API (default: this tree's Release build; build it first). Output: bench/results/<time>-drain-<ep>/
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
EP=${1:-postback}
DURATION=${BENCH_DURATION:-20}
OUT=$HERE/results/$(date +%Y%m%d-%H%M%S)-drain-$EP${BENCH_LABEL:+-$BENCH_LABEL}
mkdir -p "$OUT"
DB=$OUT/drain.db
THREADS=2 CONNS=${BENCH_CONNECTIONS:-64}
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
need wrk wrk
need sqlite3 sqlite3
PRODUCT_DIR=${BENCH_PRODUCT_DIR:-$ROOT/src/Tracking.Api/bin/Release/net10.0}
[ -f "$PRODUCT_DIR/Tracking.Api.dll" ] || { echo "build the API in Release first (cd src/Tracking.Api && dotnet build -c Release)" >&2; exit 1; }
ADMIN_KEY=bench-admin-key-0123456789abcdef

start_product() { # start_product LOG [VAR=VALUE...]: the API on a fresh port; sets PURL and PPID_
  local logf=$1; shift
  PURL=http://127.0.0.1:$(free_port)
  (cd "$PRODUCT_DIR" && exec env MASSTRANSIT_USAGE_TELEMETRY=false ConnectionStrings__Tracking="Data Source=$DB" Tracking__AdminApiKey=$ADMIN_KEY \
    Tracking__SeedDemo=true "$@" dotnet Tracking.Api.dll --urls "$PURL") >"$logf" 2>&1 &
  PPID_=$!; PIDS+=("$PPID_")
}
stop_product() { kill -TERM "$PPID_"; for _ in $(seq 150); do kill -0 "$PPID_" 2>/dev/null || return 0; sleep 0.2; done; kill -KILL "$PPID_"; }

# ---------------------------------------------------------------- 1. fill
# BENCH_PAGE_SIZE: create the database file with this SQLite page size before the product migrates it (default: SQLite's 4096).
[ -z "${BENCH_PAGE_SIZE:-}" ] || sqlite3 "$DB" "PRAGMA page_size=$BENCH_PAGE_SIZE; CREATE TABLE t (x); DROP TABLE t;"
eval "$("$ROOT/scripts/services.sh" up 2>/dev/null | grep RABBITMQ)"
VHOST=drain-$(date +%s)-$$
"$ROOT/scripts/services.sh" ctl -q add_vhost "$VHOST" >/dev/null
"$ROOT/scripts/services.sh" ctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
trap '"$ROOT/scripts/services.sh" ctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true; cleanup' EXIT
start_product "$OUT/fill.log" Tracking__Worker__Enabled=false Tracking__Bus__Transport=RabbitMq ConnectionStrings__RabbitMq="${TRACKING_TEST_RABBITMQ%/}/$VHOST"
wait_for 120 "$OUT/fill.log" "postback: "
export BENCH_TOKEN=$(grep -o 'token=[0-9a-fA-F]*' "$OUT/fill.log" | head -1 | cut -d= -f2)
export BENCH_OFFER=1 BENCH_AFF=1 BENCH_WRK_DIR=$HERE/wrk BENCH_CLICK_IDS=$OUT/click-ids.txt
for _ in $(seq 2000); do printf 'url = "%s/c/1?aff_id=1&sub1=pool"\noutput = "/dev/null"\n' "$PURL"; done >"$OUT/pool.curl"
timeout 120 curl -s -D - -K "$OUT/pool.curl" | tr -d '\r' | sed -n 's/^[Ll]ocation: .*[?&]click_id=\([^&]*\).*/\1/p' >"$BENCH_CLICK_IDS"
log "filling: ${DURATION}s of $EP with the worker off"
run_wrk fill "$PURL" "$EP" "$DURATION" "$PPID_"
stop_product
HITS=$(undecided)
log "$HITS undecided hits stored"

# ---------------------------------------------------------------- 2. drain
[ "${BENCH_PROFILER:-}" = perf ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
START=$(now)
start_product "$OUT/drain.log"
wait_for 120 "$OUT/drain.log" "is listening on"
C0=$(cpu_ticks "$PPID_"); T0=$(now)
if [ "${BENCH_PROFILER:-}" = perf ]; then
  (sleep "${BENCH_PROFILE_DELAY:-20}"; exec perf record -F 499 -g -p "$PPID_" -o "$OUT/perf.data" -- sleep 20) >"$OUT/perf.log" 2>&1 &
  PERF=$!
fi
LEFT=$HITS
for _ in $(seq 2400); do LEFT=$(undecided); [ "$LEFT" = 0 ] && break; sleep 0.25; done
T1=$(now); C1=$(cpu_ticks "$PPID_")
[ "${BENCH_PROFILER:-}" = perf ] && { wait "$PERF" || true; }
FIRST=$(sql "select min(decided_at) from hits where decided_at is not null")
LAST=$(sql "select max(decided_at) from hits where decided_at is not null")
SPAN=$(sqlite3 "$DB" "select (julianday('$LAST') - julianday('$FIRST')) * 86400.0")
CONV=$(sql "select count(*) from conversions")
HWM=$(hwm "$PPID_")
stop_product
{
  echo "| hits | conversions | undecided left | decided/s (first to last decision) | product CPU during the drain | CPU µs per decided hit | peak RSS MiB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  awk -v h="$HITS" -v c="$CONV" -v l="$LEFT" -v s="$SPAN" -v t="$(awk -v a="$T0" -v b="$T1" 'BEGIN{print b-a}')" \
    -v cpu="$((C1 - C0))" -v hz="$HZ" -v m="$HWM" \
    'BEGIN { printf "| %d | %d | %d | %.0f | %.2f cores over %.1f s | %.0f | %s |\n", h, c, l, (h - l) / s, cpu / hz / t, t, cpu / hz * 1e6 / (h - l), m }'
} | tee "$OUT/summary.md"
echo "(startup to drained: $(awk -v a="$START" -v b="$T1" 'BEGIN{printf "%.1f s", b-a}'); fill: $(metric "$OUT/fill.txt" rps) req/s)" | tee -a "$OUT/summary.md"
if [ "${BENCH_PROFILER:-}" = perf ]; then
  perf report -i "$OUT/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -20 >"$OUT/top-dso.txt" || true
  perf report -i "$OUT/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -80 >"$OUT/top-exclusive.txt" || true
  perf report -i "$OUT/perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep -E '^ +[0-9.]+%' | head -160 >"$OUT/top-inclusive.txt" || true
fi
log "raw output in $OUT"
