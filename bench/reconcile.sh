#!/usr/bin/env bash
# Reconciliation benchmark (issue 11.7): a 1M-line advertiser export POSTed to /api/offers/1/reconciliations against an
# offer that holds 1M conversions, on SQLite. The conversions come from bench/ConsoleData (cached, as bench/console.sh does)
# and are all moved onto offer 1; the export is written from them by sqlite3 with known differences:
#   every 200th conversion left out (missing in the export), 5,000 ids we do not have added (missing here),
#   every 100th amount 5% higher (amount difference), every 100th (another) status declined (status difference).
# Three runs, each on a fresh copy of the database: JSON, CSV (format=csv), and JSON with apply_statuses=true.
#
#   bench/reconcile.sh                      # build, generate (cached), measure
# Environment (all optional): BENCH_CONVERSIONS=1000000, BENCH_DATA_DIR=/tmp/console-bench, BENCH_NO_BUILD=1,
#   BENCH_RUNS="json csv apply" (a subset of the runs)
# Raw results: bench/results/<time>-reconcile/ (gitignored). Traffic goes only to 127.0.0.1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
CONVERSIONS=${BENCH_CONVERSIONS:-1000000}
DATA_DIR=${BENCH_DATA_DIR:-${TMPDIR:-/tmp}/console-bench}
OUT=$HERE/results/$(date +%Y%m%d-%H%M%S)-reconcile
ADMIN_KEY=bench-admin-key-0123456789abcdef
mkdir -p "$OUT" "$DATA_DIR"

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
need sqlite3 sqlite3
need curl curl
command -v dotnet >/dev/null || { echo "dotnet SDK not found" >&2; exit 1; }

PRODUCT_DIR=$ROOT/src/Tracking.Api/bin/Release/net10.0
GEN_DIR=$HERE/ConsoleData/bin/Release/net10.0
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  log "building the product and the generator (Release)"
  timeout 900 dotnet build "$ROOT/src/Tracking.Api/Tracking.Api.csproj" -c Release -nologo -v q >"$OUT/build-product.log" 2>&1 \
    || { tail -30 "$OUT/build-product.log"; exit 1; }
  timeout 900 dotnet build "$HERE/ConsoleData/ConsoleData.csproj" -c Release -nologo -v q >"$OUT/build-generator.log" 2>&1 \
    || { tail -30 "$OUT/build-generator.log"; exit 1; }
fi

# ---------------------------------------------------------------- data set (cached): one offer with every conversion
CACHE=$DATA_DIR/reconcile-$CONVERSIONS.db
if [ ! -f "$CACHE" ]; then
  rm -f "$CACHE".tmp*
  log "generating $CONVERSIONS conversions into $CACHE"
  timeout 1200 dotnet "$GEN_DIR/ConsoleData.dll" "$CACHE.tmp" "$CONVERSIONS" "$CONVERSIONS" 2>&1 | tee "$OUT/generator.log" >&2
  sqlite3 "$CACHE.tmp" "update conversions set offer_id = 1, is_test = 0; vacuum;"
  mv "$CACHE.tmp" "$CACHE"
fi
EXPORT=$DATA_DIR/reconcile-$CONVERSIONS.csv
if [ ! -f "$EXPORT" ]; then
  log "writing the export $EXPORT"
  sqlite3 -header -csv "$CACHE" "
    select order_id,
           case when rowid % 100 = 7 and amount is not null then printf('%.2f', amount * 1.05) else amount end as amount,
           currency,
           case when rowid % 100 = 3 then 'declined' else status end as status,
           substr(created_at, 1, 19) as time
    from conversions where rowid % 200 != 0
    union all
    select * from (with recursive n(i) as (select 1 union all select i + 1 from n where i < $((CONVERSIONS / 200)))
                   select 'EXT-' || i, '10.00', 'USD', 'approved', '' from n);" >"$EXPORT.tmp"
  mv "$EXPORT.tmp" "$EXPORT"
fi
LINES=$(($(wc -l <"$EXPORT") - 1))
FROM=$(sqlite3 "$CACHE" "select substr(min(created_at), 1, 10) from conversions")
TO=$(sqlite3 "$CACHE" "select substr(max(created_at), 1, 10) from conversions")
log "export: $LINES lines, $(du -h "$EXPORT" | cut -f1); period $FROM to $TO"

# ---------------------------------------------------------------- one run: a fresh copy of the database, the product, one upload
run() { # run NAME QUERY -> prints "NAME seconds http_code bytes"
  local name=$1 query=$2 db=$OUT/run.db port url pid code t size
  cp "$CACHE" "$db"
  port=$(free_port); url=http://127.0.0.1:$port
  (cd "$PRODUCT_DIR" && MASSTRANSIT_USAGE_TELEMETRY=false Tracking__Database__Provider=Sqlite ConnectionStrings__Tracking="Data Source=$db" \
    Tracking__AdminApiKey=$ADMIN_KEY Tracking__SeedDemo=false exec dotnet Tracking.Api.dll --urls "$url") >"$OUT/product-$name.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  for _ in $(seq 600); do curl -s -o /dev/null "$url/health/live" && break; kill -0 "$pid" 2>/dev/null || { tail -30 "$OUT/product-$name.log"; exit 1; }; sleep 0.2; done
  read -r code t size < <(curl -s -o "$OUT/$name.out" -w '%{http_code} %{time_total} %{size_download}\n' -H "X-Api-Key: $ADMIN_KEY" \
    -H 'Content-Type: text/csv' --data-binary @"$EXPORT" "$url/api/offers/1/reconciliations?from=$FROM&to=$TO&$query")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$db" "$db"-wal "$db"-shm
  echo "$name $t $code $size"
}

declare -A QUERY=([json]="format=json" [csv]="format=csv" [apply]="format=json&apply_statuses=true")
RUNS=${BENCH_RUNS:-json csv apply}
{
  echo "Run $(basename "$OUT"): $LINES export lines against $CONVERSIONS conversions of one offer, SQLite, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version) SDK"
  echo
  echo "| run | query | HTTP | seconds | answer |"
  echo "|---|---|---:|---:|---:|"
  for name in $RUNS; do
    query=${QUERY[$name]:?unknown run $name}
    log "$name: $query"
    read -r _ t code size <<<"$(run "$name" "$query")"
    echo "| $name | \`$query\` | $code | $t | $(awk -v b="$size" 'BEGIN { printf "%.0f MB", b / 1e6 }') |"
  done
} | tee "$OUT/summary.md"
for name in $RUNS; do grep -h "Export reconciled" "$OUT/product-$name.log" | sed "s/^ */$name: /" >&2 || true; done
[ ! -f "$OUT/json.out" ] || { head -c 600 "$OUT/json.out" | sed 's/"items".*//' >&2; echo >&2; }
log "raw results in $OUT"
