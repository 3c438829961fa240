#!/usr/bin/env bash
# Console pages benchmark (issue 10; the discrepancy report API over 30 days since issue 13): every /dashboard page against a database of 1M conversions and 3M hits made by
# bench/ConsoleData (not through HTTP), requested sequentially while signed in with the admin key, with a trivial page
# of the same product (GET /dashboard/sign-in: same Razor layout, no database) measured in the same run as reference.
#
#   bench/console.sh                 # build, generate the database once (cached), measure
#   bench/console.sh --regenerate    # make the database again
#   BENCH_PROVIDER=postgres bench/console.sh   # the same on PostgreSQL (eval "$(scripts/services.sh up)" first)
#
# Environment (all optional):
#   BENCH_CONVERSIONS=1000000  BENCH_HITS=3000000   size of the data set (the cache file is per size)
#   BENCH_DATA_DIR=/tmp/console-bench                where the generated database is cached
#   BENCH_WARMUP=5  BENCH_REQUESTS=20                requests per page: warm-up (not counted), then measured
#   BENCH_SLOW="overview"  BENCH_SLOW_WARMUP=1  BENCH_SLOW_REQUESTS=5   pages known to take seconds get fewer requests
#   BENCH_PAGES="overview conversions ..."           a subset of the page names below
#   BENCH_NO_BUILD=1                                 skip the Release builds
#   BENCH_PROVIDER=sqlite                            or postgres: the data set is then the database console_<conversions>_<hits>
#                                                    on the server of BENCH_POSTGRES (default $TRACKING_TEST_POSTGRES), loaded
#                                                    by COPY; the product runs on it in place (no copy: 15 GB at 10M),
#                                                    where its jobs find nothing due for a day (hits are kept 90 days)
# Variables of the product (Tracking__..., Logging__...) are passed through to it; e.g. to see the SQL EF sends:
#   Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information BENCH_REQUESTS=1 bench/console.sh
# Raw results: bench/results/<time>-console/ (gitignored). Traffic goes only to 127.0.0.1. On SQLite the run works on a
# copy of the cached database, so the cache stays as generated.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
CONVERSIONS=${BENCH_CONVERSIONS:-1000000}
HITS=${BENCH_HITS:-3000000}
DATA_DIR=${BENCH_DATA_DIR:-${TMPDIR:-/tmp}/console-bench}
WARMUP=${BENCH_WARMUP:-5}
REQUESTS=${BENCH_REQUESTS:-20}
SLOW=${BENCH_SLOW-}
OUT=$HERE/results/$(date +%Y%m%d-%H%M%S)-console
ADMIN_KEY=bench-admin-key-0123456789abcdef
PROVIDER=${BENCH_PROVIDER:-sqlite}
REGENERATE=
for arg in "$@"; do case $arg in --regenerate) REGENERATE=1;; *) echo "unknown argument $arg" >&2; exit 2;; esac; done
mkdir -p "$OUT" "$DATA_DIR"

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
need sqlite3 sqlite3
need curl curl
need awk gawk
command -v dotnet >/dev/null || { echo "dotnet SDK not found" >&2; exit 1; }

# ---------------------------------------------------------------- build
PRODUCT_DIR=$ROOT/src/Tracking.Api/bin/Release/net10.0
GEN_DIR=$HERE/ConsoleData/bin/Release/net10.0
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  log "building the product and the generator (Release)"
  timeout 900 dotnet build "$ROOT/src/Tracking.Api/Tracking.Api.csproj" -c Release -nologo -v q >"$OUT/build-product.log" 2>&1 \
    || { tail -30 "$OUT/build-product.log"; exit 1; }
  timeout 900 dotnet build "$HERE/ConsoleData/ConsoleData.csproj" -c Release -nologo -v q >"$OUT/build-generator.log" 2>&1 \
    || { tail -30 "$OUT/build-generator.log"; exit 1; }
fi

# ---------------------------------------------------------------- data set (cached)
if [ "$PROVIDER" = postgres ]; then
  need psql postgresql-client
  PG_BASE=${BENCH_POSTGRES:-${TRACKING_TEST_POSTGRES:?BENCH_PROVIDER=postgres needs BENCH_POSTGRES or TRACKING_TEST_POSTGRES (eval "\$(scripts/services.sh up)")}}
  pg_part() { tr ';' '\n' <<<"$PG_BASE" | sed -n "s/^$1=//Ip" | head -1; }
  export PGHOST=$(pg_part Host) PGPORT=$(pg_part Port) PGUSER=$(pg_part Username) PGPASSWORD=$(pg_part Password)
  NAME=console_${CONVERSIONS}_$HITS
  conn() { echo "$PG_BASE" | sed -E "s/(^|;)Database=[^;]*//I"; }
  exists() { [ "$(psql -d postgres -tAc "select count(*) from pg_database where datname = '$1'")" = 1 ]; }
  if [ -n "$REGENERATE" ] || ! exists "$NAME"; then
    psql -d postgres -qc "drop database if exists $NAME" -c "drop database if exists ${NAME}_tmp"
    log "generating $CONVERSIONS conversions and ~$HITS hits into the PostgreSQL database $NAME"
    start=$(now)
    timeout 7200 dotnet "$GEN_DIR/ConsoleData.dll" "postgres:$(conn);Database=${NAME}_tmp" "$CONVERSIONS" "$HITS" 2>&1 | tee "$OUT/generator.log" >&2
    psql -d postgres -qc "alter database ${NAME}_tmp rename to $NAME"
    log "generated in $(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
  fi
  DB=$NAME
  export PGDATABASE=$NAME
  sql() { psql -tAc "$1"; }
  PRODUCT_ENV=(Tracking__Database__Provider=Postgres "ConnectionStrings__Tracking=$(conn);Database=$NAME")
  SIZE=$(sql "select pg_size_pretty(pg_database_size(current_database()))")
else
  CACHE=$DATA_DIR/console-$CONVERSIONS-$HITS.db
  if [ -n "$REGENERATE" ] || [ ! -f "$CACHE" ]; then
    rm -f "$CACHE" "$CACHE".tmp*
    log "generating $CONVERSIONS conversions and ~$HITS hits into $CACHE"
    start=$(now)
    timeout 7200 dotnet "$GEN_DIR/ConsoleData.dll" "$CACHE.tmp" "$CONVERSIONS" "$HITS" 2>&1 | tee "$OUT/generator.log" >&2
    mv "$CACHE.tmp" "$CACHE"
    log "generated in $(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }') s"
  fi
  DB=$OUT/console.db
  cp "$CACHE" "$DB"
  sql() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }
  PRODUCT_ENV=(Tracking__Database__Provider=Sqlite "ConnectionStrings__Tracking=Data Source=$DB")
  SIZE=$(du -h "$DB" | cut -f1)
fi
log "database: $(sql 'select count(*) from conversions') conversions, $(sql 'select count(*) from hits') hits, $SIZE"

# Ids for the detail pages and a deep cursor: from the middle of the data set.
CONV_ID=$(sql "select id from conversions where pixel_hit_id is not null and postback_hit_id is not null order by id limit 1 offset $((CONVERSIONS / 2))")
HIT_ID=$(sql "select pixel_hit_id from conversions where id = '$CONV_ID'")
DEEP_CONV=$(sql "select id from conversions order by id limit 1 offset $((CONVERSIONS / 2))")
DEEP_HIT=$(sql "select id from hits order by id limit 1 offset $((HITS / 2))")
CLICK_ID=$(sql "select click_id from conversions where click_id is not null and id >= '$DEEP_CONV' order by id limit 1")

# ---------------------------------------------------------------- start the product
PORT=$(free_port)
URL=http://127.0.0.1:$PORT
log "product on $URL (database $DB)"
(cd "$PRODUCT_DIR" && exec env MASSTRANSIT_USAGE_TELEMETRY=false "${PRODUCT_ENV[@]}" \
  Tracking__AdminApiKey=$ADMIN_KEY Tracking__SeedDemo=false dotnet Tracking.Api.dll --urls "$URL") >"$OUT/product.log" 2>&1 &
PPID_=$!; PIDS+=("$PPID_")
for _ in $(seq 600); do curl -s -o /dev/null "$URL/health/live" && break; kill -0 "$PPID_" 2>/dev/null || { tail -30 "$OUT/product.log"; exit 1; }; sleep 0.2; done

# ---------------------------------------------------------------- sign in (antiforgery cookie + hidden token, then the key)
JAR=$OUT/cookies.txt
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$URL/dashboard/sign-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p; s/.*type="hidden" name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$TOKEN" ] || { echo "no antiforgery token on /dashboard/sign-in" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "key=$ADMIN_KEY" --data-urlencode "__RequestVerificationToken=$TOKEN" "$URL/dashboard/sign-in")
grep -q trk_console "$JAR" || { echo "sign-in failed (HTTP $code)" >&2; exit 1; }
log "signed in (HTTP $code)"

# ---------------------------------------------------------------- pages
declare -A PAGE=(
  [ref-sign-in]=/dashboard/sign-in
  [ref-health-live]=/health/live
  [overview]=/dashboard
  [overview-offer]="/dashboard?offer_id=7"
  [overview-berlin]="/dashboard?tz=Europe/Berlin"
  [conversions]=/dashboard/conversions
  [conversions-deep]="/dashboard/conversions?cursor=$DEEP_CONV"
  [conversions-offer]="/dashboard/conversions?offer_id=7"
  [conversions-pixel-only]="/dashboard/conversions?discrepancy=pixel_only"
  [conversions-rejected]="/dashboard/conversions?status=rejected"
  [conversions-day]="/dashboard/conversions?from=$(date -u -d '-10 days' +%Y-%m-%d)&to=$(date -u -d '-9 days' +%Y-%m-%d)"
  [conversion]="/dashboard/conversions/$CONV_ID"
  [hits]=/dashboard/hits
  [hits-deep]="/dashboard/hits?cursor=$DEEP_HIT"
  [hits-pixel]="/dashboard/hits?method=pixel"
  [hits-postback]="/dashboard/hits?method=postback"
  [hits-token-invalid]="/dashboard/hits?outcome=token_invalid"
  [hits-offer]="/dashboard/hits?offer_id=7"
  [hits-click]="/api/hits?click_id=$CLICK_ID"
  [hit]="/dashboard/hits/$HIT_ID"
  [offers]=/dashboard/offers
  [offer]=/dashboard/offers/7
  [advertisers]=/dashboard/advertisers
  [affiliates]=/dashboard/affiliates
  [affiliate]=/dashboard/affiliates/3
  [deliveries]=/dashboard/deliveries
  [keys]=/dashboard/keys
  [report-30d]="/api/reports/discrepancies?from=$(date -u -d '-30 days' +%Y-%m-%d)&to=$(date -u +%Y-%m-%d)"
  [report-30d-offer]="/api/reports/discrepancies?group_by=offer&from=$(date -u -d '-30 days' +%Y-%m-%d)&to=$(date -u +%Y-%m-%d)"
  [report-30d-berlin]="/api/reports/discrepancies?tz=Europe/Berlin&from=$(date -u -d '-30 days' +%Y-%m-%d)&to=$(date -u +%Y-%m-%d)"
)
ORDER="ref-sign-in ref-health-live overview overview-offer overview-berlin conversions conversions-deep conversions-offer conversions-pixel-only conversions-rejected conversions-day conversion hits hits-deep hits-pixel hits-postback hits-token-invalid hits-offer hits-click hit offers offer advertisers affiliates affiliate deliveries keys report-30d report-30d-offer report-30d-berlin"
PAGES=${BENCH_PAGES:-$ORDER}
# The reference pages are measured in every run, first and again last (their figures are the two runs pooled).
case " $PAGES " in *" ref-sign-in "*) ;; *) PAGES="ref-sign-in ref-health-live $PAGES";; esac

measure() { # measure NAME -> appends "ms" lines to $OUT/NAME.ms
  local name=$1 path=${PAGE[$1]} i code t warmup=$WARMUP requests=$REQUESTS
  case " $SLOW " in *" $name "*) warmup=${BENCH_SLOW_WARMUP:-1}; requests=${BENCH_SLOW_REQUESTS:-5};; esac
  for i in $(seq $((warmup + requests))); do
    read -r code t < <(curl -s -o "$OUT/$name.html" -w '%{http_code} %{time_total}\n' -b "$JAR" -H "X-Api-Key: $ADMIN_KEY" "$URL$path")
    [ "$code" = 200 ] || { log "WARNING: $name answered $code"; echo "$code" >>"$OUT/$name.errors"; }
    [ "$i" -le "$warmup" ] || awk -v t="$t" 'BEGIN { printf "%.2f\n", t * 1000 }' >>"$OUT/$name.ms"
  done
}
for name in $PAGES; do
  [ -n "${PAGE[$name]:-}" ] || { echo "unknown page $name" >&2; exit 2; }
  log "$name: ${PAGE[$name]}"
  measure "$name"
done
measure ref-sign-in; measure ref-health-live

# ---------------------------------------------------------------- report
stats() { sort -n "$OUT/$1.ms" | awk '{ v[NR] = $1 } END { p50 = v[int((NR + 1) / 2)]; i = int(NR * 0.95 + 0.999); if (i > NR) i = NR; printf "%.1f %.1f %.1f", p50, v[i], v[NR] }'; }
read -r REF50 _ _ <<<"$(stats ref-sign-in)"
{
  echo "Run $(basename "$OUT"): $PROVIDER, $CONVERSIONS conversions, $(sql 'select count(*) from hits') hits, $WARMUP warm-up + $REQUESTS measured requests per page (sequential, curl), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version) SDK"
  echo
  echo "| page | path | measured | p50 ms | p95 ms | max ms | p50 ratio to sign-in | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  for name in $PAGES; do
    read -r p50 p95 max <<<"$(stats "$name")"
    ratio=$(awk -v a="$p50" -v b="$REF50" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
    over=$(awk -v a="$p95" 'BEGIN { print (a > 300 ? " **>300**" : "") }')
    shown=$(echo "${PAGE[$name]}" | sed "s/$CONV_ID/{conversion}/; s/$HIT_ID/{hit}/; s/$DEEP_CONV/{middle conversion}/; s/$DEEP_HIT/{middle hit}/")
    echo "| $name | \`$shown\` | $(wc -l <"$OUT/$name.ms") | $p50 | $p95$over | $max | $ratio | $(cat "$OUT/$name.errors" 2>/dev/null | wc -l) |"
  done
} | tee "$OUT/summary.md"
[ "$PROVIDER" = postgres ] || rm -f "$DB" "$DB"-wal "$DB"-shm   # a 2 GB copy
log "raw results in $OUT"
