# Shared by the bench scripts (sourced): tools, child processes killed on exit, ports, wrk runs and their metrics.
# Expects HERE (bench/), OUT (results folder), THREADS and CONNS to be set by the caller before run_wrk is used.
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# ---------------------------------------------------------------- tools
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
APT_UPDATED=
need() { # need COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return
  log "installing $2"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

# ---------------------------------------------------------------- rate limits
# The load comes from one address (127.0.0.1) at up to tens of thousands of requests per second, over the product's
# per-address and per-advertiser defaults (docs/deployment.md, "Rate limits"). The limiter stays on, so its cost is
# measured, with limits no run reaches; a caller's own Tracking__RateLimits__* values win.
for limit in Clicks Pixels Postbacks Api; do
  var="Tracking__RateLimits__${limit}__Permits"
  export "$var=${!var:-10000000}"
done

# ---------------------------------------------------------------- ingress alone
# Tracking__Worker__Enabled=false measures the API as it runs in the production topology: it publishes to RabbitMQ (started
# on 127.0.0.1 by scripts/services.sh when needed) and no worker consumes there. With the in-memory bus the API refuses to
# start without its worker (nothing would ever decide the hits).
if [ "${Tracking__Worker__Enabled:-true}" = false ] && [ -z "${Tracking__Bus__Transport:-}" ]; then
  eval "$("$(dirname "$HERE")/scripts/services.sh" up 2>/dev/null | grep RABBITMQ)"
  export Tracking__Bus__Transport=RabbitMq ConnectionStrings__RabbitMq=$TRACKING_TEST_RABBITMQ
fi

# ---------------------------------------------------------------- processes (all killed on exit)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port below the kernel's ephemeral range (where wrk's and the product's own outgoing connections take theirs: a
# listener given one of those failed to start), and that no socket of any state holds.
free_port() {
  local port low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 11000 ] 2>/dev/null || low=32768
  for _ in $(seq 200); do
    port=$((10000 + RANDOM % (low - 10000)))
    if command -v ss >/dev/null; then
      ss -Htan "( sport = :$port )" | grep -q . || { echo "$port"; return; }
    elif ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port" >&2; exit 1
}

wait_for() { # wait_for SECONDS FILE PATTERN
  local end=$((SECONDS + $1))
  while [ $SECONDS -lt $end ]; do grep -q "$3" "$2" 2>/dev/null && return 0; sleep 0.2; done
  echo "timed out waiting for '$3' in $2" >&2; tail -20 "$2" >&2; exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
now() { date +%s.%N; }

# run_wrk NAME URL SCRIPT SECONDS SERVER_PID -> writes $OUT/NAME.txt (wrk output + cpu lines)
run_wrk() {
  local name=$1 url=$2 script=$3 secs=$4 pid=$5 t0 t1 c0 c1
  c0=$(cpu_ticks "$pid"); t0=$(now)
  export BENCH_TAG="$name-$RANDOM"
  local TIMEFORMAT="wrk_cpu_s %U %S"
  { time wrk -t"$THREADS" -c"$CONNS" -d"${secs}s" --timeout 10s --latency -s "$HERE/wrk/$script.lua" "$url" >"$OUT/$name.txt" 2>&1; } 2>>"$OUT/$name.txt"
  t1=$(now); c1=$(cpu_ticks "$pid")
  awk -v c="$((c1 - c0))" -v hz="$HZ" -v a="$t0" -v b="$t1" 'BEGIN { printf "server_cpu_cores %.2f\nwall_s %.2f\n", c / hz / (b - a), b - a }' >>"$OUT/$name.txt"
}

# metric FILE KEY: rps | p50 | p99 (ms) | errors | wrk_cores | server_cores | requests
metric() {
  awk -v key="$2" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    /requests in/ { req = $1 }
    /^wrk_cpu_s/ { wcpu = $2 + $3 } /^wall_s/ { wall = $2 } /^server_cpu_cores/ { scores = $2 }
    END {
      if (key == "rps") printf "%.0f", rps; else if (key == "p50") printf "%.2f", p50; else if (key == "p99") printf "%.2f", p99
      else if (key == "errors") printf "%d", err; else if (key == "requests") printf "%d", req
      else if (key == "wrk_cores") printf "%.2f", (wall > 0 ? wcpu / wall : 0); else if (key == "server_cores") printf "%.2f", scores
    }' "$1"
}

hwm() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

sql() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; } # sql STATEMENT, against the embedded product's SQLite file $DB
# Hits the worker has still to decide in $DB: undecided in the table, or staged by the ingress log and not moved yet
# (decision 0023), counted in one statement so a hit moved in between is not missed.
undecided() {
  if [ -f "$DB-inbox" ]; then
    sqlite3 -cmd ".timeout 10000" -cmd "ATTACH '$DB-inbox' AS inbox" "$DB" \
      'select (select count(*) from main.hits where decided_at is null) + (select count(*) from inbox.hits i where i.decided_at is null and not exists (select 1 from main.hits h where h.id = i.id))'
  else
    sql 'select count(*) from hits where decided_at is null'
  fi
}
