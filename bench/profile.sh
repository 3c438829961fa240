#!/usr/bin/env bash
# Where an ingress endpoint's time goes: starts the product (Release, already built by bench/run.sh), loads one endpoint
# with wrk, and meanwhile samples its CPU with dotnet-trace and its runtime counters with dotnet-counters
# (both installed from NuGet as dotnet tools into bench/results/tools).
#
#   bench/profile.sh [postback|pixel|click]
#
# BENCH_PROFILER: dotnet-trace (default: wall-clock stacks of every thread, waits included; its stack walks cost the
#   process a lot of CPU) or perf (on-CPU samples of native and JIT-compiled code through the runtime's perf map, little
#   overhead: the CPU view; perf from Debian's linux-perf);
# BENCH_COUNTERS=0: no dotnet-counters beside the profiler (its session turns on the runtime's and ASP.NET Core's
#   EventSources, whose events then took 9 % of the API's samples and a fifth of its rate in one run, which a CPU
#   profile shows as the product's own; docs/benchmarks.md); BENCH_DURATION (10), BENCH_WARMUP (3), BENCH_CONNECTIONS (64), BENCH_DB_DIR (default: the results folder, on disk; /dev/shm = tmpfs);
# BENCH_PRODUCT_DIR: another build of the API (default: this tree's Release build); BENCH_PACE_MS as in bench/run.sh;
# Tracking__... variables pass through (e.g. Tracking__Worker__Enabled=false). Raw output: bench/results/<time>-profile-<ep>/
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
EP=${1:-postback}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
CONNS=${BENCH_CONNECTIONS:-64}
OUT=$HERE/results/$(date +%Y%m%d-%H%M%S)-profile-$EP
DB_DIR=${BENCH_DB_DIR:-$OUT}
TOOLS=$HERE/results/tools
mkdir -p "$OUT" "$DB_DIR" "$TOOLS"
DB="$DB_DIR/profile-$$.db"
log() { echo "[profile $(date +%H:%M:%S)] $*" >&2; }
command -v wrk >/dev/null || { echo "run bench/run.sh first (it installs wrk and builds)" >&2; exit 1; }
for t in dotnet-trace dotnet-counters; do
  [ -x "$TOOLS/$t" ] || timeout 300 dotnet tool install --tool-path "$TOOLS" "$t" >/dev/null
done

PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; sleep 1; for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

PROFILER=${BENCH_PROFILER:-dotnet-trace}
if [ "$PROFILER" = perf ]; then
  command -v perf >/dev/null || apt-get install -y -qq linux-perf >/dev/null
  export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
fi
PORT=$((20000 + RANDOM % 30000))
URL=http://127.0.0.1:$PORT
# As in lib.sh: limits no run reaches, the limiter still on; ingress alone publishes to RabbitMQ.
for limit in Clicks Pixels Postbacks Api; do var="Tracking__RateLimits__${limit}__Permits"; export "$var=${!var:-10000000}"; done
if [ "${Tracking__Worker__Enabled:-true}" = false ] && [ -z "${Tracking__Bus__Transport:-}" ]; then
  eval "$("$ROOT/scripts/services.sh" up 2>/dev/null | grep RABBITMQ)"
  export Tracking__Bus__Transport=RabbitMq ConnectionStrings__RabbitMq=$TRACKING_TEST_RABBITMQ
fi
(cd "${BENCH_PRODUCT_DIR:-$ROOT/src/Tracking.Api/bin/Release/net10.0}" && MASSTRANSIT_USAGE_TELEMETRY=false ConnectionStrings__Tracking="Data Source=$DB" \
  Tracking__AdminApiKey=bench-admin-key-0123456789abcdef exec dotnet Tracking.Api.dll --urls "$URL") >"$OUT/product.log" 2>&1 &
PID=$!; PIDS+=("$PID")
for _ in $(seq 600); do grep -q "postback: " "$OUT/product.log" 2>/dev/null && break; sleep 0.2; done
grep -q "postback: " "$OUT/product.log" || { tail "$OUT/product.log"; exit 1; }
export BENCH_TOKEN=$(grep -o 'token=[0-9a-fA-F]*' "$OUT/product.log" | head -1 | cut -d= -f2)
export BENCH_OFFER=1 BENCH_AFF=1 BENCH_WRK_DIR=$HERE/wrk BENCH_CLICK_IDS=$OUT/click-ids.txt
for _ in $(seq 2000); do printf 'url = "%s/c/1?aff_id=1&sub1=pool"\noutput = "/dev/null"\n' "$URL"; done >"$OUT/pool.curl"
timeout 120 curl -s -D - -K "$OUT/pool.curl" | tr -d '\r' | sed -n 's/^[Ll]ocation: .*[?&]click_id=\([^&]*\).*/\1/p' >"$BENCH_CLICK_IDS"

log "warm-up"
BENCH_TAG=warm-$RANDOM wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s "$HERE/wrk/$EP.lua" "$URL" >"$OUT/warmup.txt"
log "cpu sampling + counters during ${DURATION}s of $EP"
if [ "$PROFILER" = perf ]; then
  perf record -F 499 -g -p "$PID" -o "$OUT/perf.data" -- sleep $((DURATION - 1)) >"$OUT/trace.log" 2>&1 &
else
timeout $((DURATION + 60)) "$TOOLS/dotnet-trace" collect -p "$PID" --profile dotnet-sampled-thread-time --duration "00:00:00:$((DURATION + 1))" \
  -o "$OUT/trace.nettrace" >"$OUT/trace.log" 2>&1 &
fi
TRACE=$!; PIDS+=("$TRACE")
COUNTERS=
[ "${BENCH_COUNTERS:-1}" = 0 ] || timeout $((DURATION + 60)) "$TOOLS/dotnet-counters" collect -p "$PID" --counters System.Runtime,Microsoft.AspNetCore.Hosting,Tracking \
  --refresh-interval 1 --duration "00:00:00:$((DURATION + 1))" --format csv -o "$OUT/counters.csv" >"$OUT/counters.log" 2>&1 &
[ "${BENCH_COUNTERS:-1}" = 0 ] || { COUNTERS=$!; PIDS+=("$COUNTERS"); }
sleep 1
BENCH_TAG=prof-$RANDOM wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$HERE/wrk/$EP.lua" "$URL" >"$OUT/wrk.txt"
wait "$TRACE" || true; [ -z "$COUNTERS" ] || wait "$COUNTERS" || true
grep -E "Requests/sec|50%|99%" "$OUT/wrk.txt"
if [ "$PROFILER" = perf ]; then
  perf report -i "$OUT/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -20 >"$OUT/top-dso.txt" || true
  perf report -i "$OUT/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -80 >"$OUT/top-exclusive.txt" || true
  perf report -i "$OUT/perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep -E '^ +[0-9.]+%' | head -120 >"$OUT/top-inclusive.txt" || true
  log "raw output in $OUT"; exit 0
fi
timeout 300 "$TOOLS/dotnet-trace" report "$OUT/trace.nettrace" topN -n 40 --inclusive >"$OUT/top-inclusive.txt" 2>&1 || true
timeout 300 "$TOOLS/dotnet-trace" report "$OUT/trace.nettrace" topN -n 40 >"$OUT/top-exclusive.txt" 2>&1 || true
log "raw output in $OUT"
