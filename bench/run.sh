#!/usr/bin/env bash
# Ingress benchmark: the product against a no-work reference (bench/Reference) on the same machine, in the same run.
# Every figure that matters is a ratio product / reference, so a noisy shared machine still gives comparable numbers.
#
#   bench/run.sh
#
# Environment (all optional):
#   BENCH_DURATION=15        seconds of each measured wrk run
#   BENCH_CONNECTIONS=64     wrk connections
#   BENCH_PACE_MS=           each connection waits this long before each request (bench/wrk/common.lua): a bounded
#                            rate, about connections * 1000 / (pace + latency), for latency below the maximum rate
#   BENCH_THREADS=2          wrk threads
#   BENCH_WARMUP=20          seconds of warm-up per endpoint and server (the product JITs for 10+ s: tiered compilation)
#   BENCH_CLICK_POOL=3000    real click ids obtained before the pixel and postback runs
#   BENCH_ENDPOINTS="click postback pixel"   (postback before pixel: its end-to-end figure is the one that matters)
#   BENCH_DRAIN_TIMEOUT=60   most seconds to wait, after a pixel or postback load, for the worker to decide every hit;
#                            the end-to-end rate counts the conversions stored from load start until then, and what is
#                            left undecided is reported (the worker is slower than ingress, so it rarely drains)
#   Tracking__Worker__Enabled=false   ingress alone (no worker competing for the CPU and the SQLite write lock)
#   BENCH_DB_DIR=            where the fresh SQLite file goes (default: the results folder, on disk; /dev/shm = tmpfs)
#   BENCH_LABEL=             suffix of the results folder
#   BENCH_NO_BUILD=1         skip the Release builds
#   BENCH_PRODUCT_DIR=       another build of the API to run (default: this tree's Release build), for A/B runs
# Variables of the product (Tracking__..., Logging__...) are passed through to it.
# "KiB written per hit": what the product sent towards the disk (write_bytes of /proc/<pid>/io: SQLite's WAL frames and
# checkpoints) from the start of the product's load until the worker drained, over the hits accepted in that load.
# Raw results: bench/results/<time><label>/ (gitignored). Traffic goes only to 127.0.0.1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DURATION=${BENCH_DURATION:-15}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-20}
CLICK_POOL=${BENCH_CLICK_POOL:-3000}
ENDPOINTS=${BENCH_ENDPOINTS:-"click postback pixel"}
DRAIN_TIMEOUT=${BENCH_DRAIN_TIMEOUT:-60}
WORKER=${Tracking__Worker__Enabled:-true}
LABEL=${BENCH_LABEL:+-$BENCH_LABEL}
OUT=$HERE/results/$(date +%Y%m%d-%H%M%S)$LABEL
DB_DIR=${BENCH_DB_DIR:-$OUT}
ADMIN_KEY=bench-admin-key-0123456789abcdef
mkdir -p "$OUT" "$DB_DIR"
DB=$(mktemp "$DB_DIR/tracking-XXXXXX.db")
rm -f "$DB"

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
need wrk wrk
need sqlite3 sqlite3
need curl curl
need awk gawk
command -v dotnet >/dev/null || { echo "dotnet SDK not found" >&2; exit 1; }

# ---------------------------------------------------------------- build
PRODUCT_DIR=${BENCH_PRODUCT_DIR:-$ROOT/src/Tracking.Api/bin/Release/net10.0}
REF_DIR=$HERE/Reference/bin/Release/net10.0
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  log "building the product and the reference (Release)"
  timeout 900 dotnet build "$ROOT/src/Tracking.Api/Tracking.Api.csproj" -c Release -nologo -v q >"$OUT/build-product.log" 2>&1 \
    || { tail -30 "$OUT/build-product.log"; exit 1; }
  timeout 900 dotnet build "$HERE/Reference/Reference.csproj" -c Release -nologo -v q >"$OUT/build-reference.log" 2>&1 \
    || { tail -30 "$OUT/build-reference.log"; exit 1; }
fi

# ---------------------------------------------------------------- start both servers
PPORT=$(free_port); RPORT=$(free_port)
while [ "$RPORT" = "$PPORT" ]; do RPORT=$(free_port); done
PURL=http://127.0.0.1:$PPORT
RURL=http://127.0.0.1:$RPORT
log "product on $PURL (database $DB), reference on $RURL"
# MassTransit's usage telemetry would call out of 127.0.0.1: off.
(cd "$PRODUCT_DIR" && MASSTRANSIT_USAGE_TELEMETRY=false ConnectionStrings__Tracking="Data Source=$DB" Tracking__AdminApiKey=$ADMIN_KEY Tracking__SeedDemo=true \
  exec dotnet Tracking.Api.dll --urls "$PURL") >"$OUT/product.log" 2>&1 &
PPID_=$!; PIDS+=("$PPID_")
(cd "$REF_DIR" && exec dotnet Bench.Reference.dll --urls "$RURL") >"$OUT/reference.log" 2>&1 &
RPID=$!; PIDS+=("$RPID")
wait_for 120 "$OUT/product.log" "postback: "
for _ in $(seq 100); do curl -s -o /dev/null "$RURL/postback" && break; sleep 0.2; done

LINK=$(grep -o 'tracking link: [^ ]*' "$OUT/product.log" | head -1 | cut -d' ' -f3)
TOKEN=$(grep -o 'token=[0-9a-fA-F]*' "$OUT/product.log" | head -1 | cut -d= -f2)
OFFER=$(echo "$LINK" | sed -n 's|.*/c/\([0-9]*\)?.*|\1|p')
AFF=$(echo "$LINK" | sed -n 's|.*aff_id=\([0-9]*\).*|\1|p')
[ -n "$TOKEN" ] && [ -n "$OFFER" ] && [ -n "$AFF" ] || { echo "could not read the demo from product.log" >&2; exit 1; }
export BENCH_OFFER=$OFFER BENCH_AFF=$AFF BENCH_TOKEN=$TOKEN BENCH_WRK_DIR=$HERE/wrk BENCH_CLICK_IDS=$OUT/click-ids.txt

# ---------------------------------------------------------------- helpers
# Waits (bounded) until the worker decided every hit; prints the time it took.
drain() {
  if [ "${WORKER,,}" = false ]; then echo "n/a (worker disabled)"; return; fi
  local start end c0; start=$(now); end=$((SECONDS + DRAIN_TIMEOUT)); c0=$(cpu_ticks "$PPID_")
  while [ $SECONDS -lt $end ]; do
    [ "$(undecided)" = 0 ] && break
    sleep 0.25
  done
  local left; left=$(undecided)
  [ "$left" = 0 ] || log "WARNING: $left hits still undecided after ${DRAIN_TIMEOUT}s"
  awk -v a="$start" -v b="$(now)" -v c="$(( $(cpu_ticks "$PPID_") - c0 ))" -v hz="$HZ" \
    'BEGIN { printf "%.2f s", b - a; if (b - a > 0.5) printf " (product CPU %.2f cores)", c / hz / (b - a) }'
}

path_of() { case $1 in click) echo "/c/$OFFER?aff_id=$AFF&sub1=demo";; pixel) echo "/p/$OFFER.gif";; postback) echo "/postback";; esac; }

# ---------------------------------------------------------------- click id pool
log "obtaining $CLICK_POOL real click ids"
CFG=$OUT/click-pool.curl
: >"$CFG"
for _ in $(seq "$CLICK_POOL"); do printf 'url = "%s/c/%s?aff_id=%s&sub1=pool"\noutput = "/dev/null"\n' "$PURL" "$OFFER" "$AFF" >>"$CFG"; done
timeout 300 curl -s -D - -K "$CFG" | tr -d '\r' | sed -n 's/^[Ll]ocation: .*[?&]click_id=\([^&]*\).*/\1/p' >"$BENCH_CLICK_IDS"
log "$(wc -l <"$BENCH_CLICK_IDS") click ids"
[ -s "$BENCH_CLICK_IDS" ] || { echo "no click ids" >&2; exit 1; }

# ---------------------------------------------------------------- warm-up
log "warming up (${WARMUP}s per endpoint and server)"
for ep in $ENDPOINTS; do
  run_wrk "warmup-$ep-reference" "$RURL" "$ep" "$WARMUP" "$RPID"
  run_wrk "warmup-$ep-product" "$PURL" "$ep" "$WARMUP" "$PPID_"
done
log "warm-up done, $(undecided) hits left for the worker"

# ---------------------------------------------------------------- measured runs
declare -A E2E DRAIN HITS CONV LEFT WRITTEN
# Bytes the product's writes sent towards the disk (its WAL frames and checkpoints), from /proc/<pid>/io.
written() { awk '/^write_bytes:/ {print $2}' "/proc/$PPID_/io" 2>/dev/null || echo 0; }
for ep in $ENDPOINTS; do
  log "$ep: reference ${DURATION}s"
  run_wrk "$ep-reference" "$RURL" "$ep" "$DURATION" "$RPID"
  conv0=$(sql 'select count(*) from conversions'); hits0=$(sql 'select count(*) from hits'); w0=$(written)
  start=$(now)
  log "$ep: product ${DURATION}s"
  run_wrk "$ep-product" "$PURL" "$ep" "$DURATION" "$PPID_"
  if [ "$ep" != click ]; then
    DRAIN[$ep]=$(drain)
    end=$(now)
    CONV[$ep]=$(( $(sql 'select count(*) from conversions') - conv0 ))
    HITS[$ep]=$(( $(sql 'select count(*) from hits') - hits0 ))
    LEFT[$ep]=$(undecided)
    E2E[$ep]=$(awk -v n="${CONV[$ep]}" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
    WRITTEN[$ep]=$(awk -v w="$(( $(written) - w0 ))" -v h="${HITS[$ep]}" 'BEGIN { printf "%.1f", (h > 0 ? w / h / 1024 : 0) }')
    log "$ep: ${HITS[$ep]} hits, ${CONV[$ep]} conversions, worker waited for ${DRAIN[$ep]} after the load, ${LEFT[$ep]} hits undecided"
  fi
done

PMEM=$(hwm "$PPID_"); RMEM=$(hwm "$RPID")
CLICKS=$(sql 'select count(*) from clicks')

# ---------------------------------------------------------------- report
{
  echo "Run $(basename "$OUT"): worker enabled: $WORKER, wrk -t$THREADS -c$CONNS -d${DURATION}s, $(nproc) cores, $(dotnet --version) SDK, database $(df -T "$DB_DIR" | awk 'NR==2 {print $2}') ($DB_DIR)"
  echo
  echo "| endpoint | product req/s | reference req/s | ratio | product p50 / p99 ms | reference p50 / p99 ms | errors (product) | server CPU cores (product / ref) | wrk CPU cores (product run) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for ep in $ENDPOINTS; do
    p=$OUT/$ep-product.txt; r=$OUT/$ep-reference.txt
    ratio=$(awk -v a="$(metric "$p" rps)" -v b="$(metric "$r" rps)" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    echo "| \`GET $(path_of "$ep")\` | $(metric "$p" rps) | $(metric "$r" rps) | **$ratio** | $(metric "$p" p50) / $(metric "$p" p99) | $(metric "$r" p50) / $(metric "$r" p99) | $(metric "$p" errors) | $(metric "$p" server_cores) / $(metric "$r" server_cores) | $(metric "$p" wrk_cores) |"
  done
  echo
  echo "| end to end (worker) | hits accepted | conversions stored | conversions/s (from load start) | waited after load | hits left undecided | KiB written per hit |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for ep in $ENDPOINTS; do
    [ "$ep" = click ] && continue
    echo "| $ep | ${HITS[$ep]} | ${CONV[$ep]} | **${E2E[$ep]}** | ${DRAIN[$ep]} | ${LEFT[$ep]} | ${WRITTEN[$ep]} |"
  done
  echo
  echo "Peak memory (VmHWM): product $PMEM MiB, reference $RMEM MiB. Clicks stored: $CLICKS."
} | tee "$OUT/summary.md"
log "raw results in $OUT"
