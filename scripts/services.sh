#!/usr/bin/env bash
# Local PostgreSQL 15 and RabbitMQ for development, integration tests and benchmarks: no Docker engine is needed.
#
#   scripts/services.sh up      install (Debian packages) when missing, start both on 127.0.0.1, print the settings
#   scripts/services.sh down    stop both
#   scripts/services.sh env     print the settings only (eval "$(scripts/services.sh env)")
#   scripts/services.sh status  say what is running
#
# Data lives under $TRACKING_SERVICES_DIR (default /tmp/tracking-services). Ports: $TRACKING_PG_PORT (55432) and
# $TRACKING_RABBIT_PORT (55672), away from the defaults so a system-wide server is never touched. When a port is held by
# another process (another PostgreSQL, say), `up` takes the next free one and says so; the ports in use are kept in
# $dir/ports, so `env`, `ctl` and `status` print and reach the same servers.
set -euo pipefail

dir=${TRACKING_SERVICES_DIR:-/tmp/tracking-services}
ports_file=$dir/ports
pg_port=${TRACKING_PG_PORT:-55432}
rabbit_port=${TRACKING_RABBIT_PORT:-55672}
# Ports chosen by an earlier `up` (a default that was taken then) unless the caller names its own.
if [ -f "$ports_file" ]; then
  # shellcheck disable=SC1090
  . "$ports_file"
  pg_port=${TRACKING_PG_PORT:-${saved_pg_port:-$pg_port}}
  rabbit_port=${TRACKING_RABBIT_PORT:-${saved_rabbit_port:-$rabbit_port}}
fi
rabbit_dist_port=$((rabbit_port + 100))
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
# Debian's /usr/sbin wrappers switch to the rabbitmq user and drop the environment; call the real scripts.
rabbit_bin=/usr/lib/rabbitmq/bin
rabbitmqctl() { "$rabbit_bin/rabbitmqctl" "$@"; }

say() { echo "services: $*" >&2; }

# True when something accepts connections on 127.0.0.1:$1.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port from $1 on that nothing listens on (nor on $1 + 100, RabbitMQ's distribution port, when $2 is "pair").
free_port() {
  local port=$1
  for _ in $(seq 1 200); do
    if ! listening "$port" && { [ "${2:-}" != pair ] || ! listening $((port + 100)); }; then echo "$port"; return; fi
    port=$((port + 1))
  done
  say "no free port from $1 on"; return 1
}

save_ports() {
  mkdir -p "$dir"
  printf 'saved_pg_port=%s\nsaved_rabbit_port=%s\n' "$pg_port" "$rabbit_port" > "$ports_file"
}

# Runs a command as the postgres user when we are root (initdb refuses root), else as ourselves.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  local missing=()
  [ -n "$pg_bin" ] || missing+=(postgresql)
  [ -x "$rabbit_bin/rabbitmq-server" ] || missing+=(rabbitmq-server)
  [ ${#missing[@]} -eq 0 ] && return
  say "installing ${missing[*]} from Debian packages"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
}

rabbit_env() {
  rabbit_dist_port=$((rabbit_port + 100))
  export RABBITMQ_NODENAME=tracking-$rabbit_port@localhost   # one node per port: two service folders never share a node name
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$rabbit_port
  export RABBITMQ_DIST_PORT=$rabbit_dist_port
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_MNESIA_BASE=$dir/rabbitmq/mnesia
  export RABBITMQ_LOG_BASE=$dir/rabbitmq/log
  export RABBITMQ_PID_FILE=$dir/rabbitmq/pid
  export RABBITMQ_CONFIG_FILE=$dir/rabbitmq/rabbitmq
  export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/rabbitmq/enabled_plugins
  export ERL_CRASH_DUMP=$dir/rabbitmq/erl_crash.dump
  export HOME=$dir/rabbitmq   # the Erlang cookie lives here, so rabbitmqctl below finds the same one
}

pg_up() {
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir" 2>/dev/null || true; chmod 755 "$dir"; fi
  local data=$dir/postgres
  if [ ! -s "$data/PG_VERSION" ]; then
    say "initdb $data"
    as_pg "$pg_bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if as_pg "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    pg_port=$(sed -n 4p "$data/postmaster.pid")
    say "postgres already running on 127.0.0.1:$pg_port"
  else
    if listening "$pg_port"; then
      local taken=$pg_port
      pg_port=$(free_port "$pg_port")
      say "port $taken is taken by another process; postgres takes $pg_port"
    fi
    # max_connections: several API and worker processes and the test suite share it.
    as_pg "$pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir -c max_connections=300 -c shared_buffers=256MB -c fsync=on" start >/dev/null \
      || { say "postgres did not start; see $data/server.log"; tail -5 "$data/server.log" >&2 || true; return 1; }
    say "postgres started on 127.0.0.1:$pg_port"
  fi
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
}

pg_down() {
  [ -n "$pg_bin" ] && [ -d "$dir/postgres" ] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$dir/postgres" -m fast -w stop >/dev/null 2>&1 && say "postgres stopped" || true
}

rabbit_up() {
  rabbit_env
  mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  if rabbitmqctl -q status >/dev/null 2>&1; then
    say "rabbitmq already running on 127.0.0.1:$rabbit_port"
    return
  fi
  if listening "$rabbit_port" || listening "$rabbit_dist_port"; then
    local taken=$rabbit_port
    rabbit_port=$(free_port "$rabbit_port" pair)
    rabbit_env
    say "port $taken (or $((taken + 100))) is taken by another process; rabbitmq takes $rabbit_port"
  fi
  [ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ] || echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  cat > "$RABBITMQ_CONFIG_FILE.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$rabbit_port
loopback_users = none
default_user = guest
default_pass = guest
CONF
  "$rabbit_bin/rabbitmq-server" -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do
    if rabbitmqctl -q --timeout 10 await_startup >/dev/null 2>&1; then say "rabbitmq started on 127.0.0.1:$rabbit_port"; return; fi
    sleep 2
  done
  say "rabbitmq did not start; see $RABBITMQ_LOG_BASE"; return 1
}

rabbit_down() {
  [ -x "$rabbit_bin/rabbitmqctl" ] || return 0
  rabbit_env
  rabbitmqctl -q stop >/dev/null 2>&1 && say "rabbitmq stopped" || true
}

print_env() {
  echo "export TRACKING_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres;Database=postgres'"
  echo "export TRACKING_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:$rabbit_port/'"
  # How a test restarts the broker (the broker-restart test); it runs rabbitmqctl with this node's settings.
  echo "export TRACKING_TEST_RABBITMQ_CTL='env TRACKING_SERVICES_DIR=$dir $(cd "$(dirname "$0")" && pwd)/services.sh ctl'"
}

case "${1:-}" in
  up) install; pg_up; save_ports; rabbit_up; save_ports; print_env ;;
  down) rabbit_down; pg_down ;;
  env) print_env ;;
  ctl) shift; rabbit_env; exec "$rabbit_bin/rabbitmqctl" "$@" ;;
  status)
    { [ -n "$pg_bin" ] && as_pg "$pg_bin/pg_ctl" -D "$dir/postgres" status >/dev/null 2>&1 && say "postgres running"; } || say "postgres not running"
    { rabbit_env; rabbitmqctl -q status >/dev/null 2>&1 && say "rabbitmq running"; } || say "rabbitmq not running" ;;
  *) echo "usage: $0 up|down|env|status|ctl <rabbitmqctl args>" >&2; exit 2 ;;
esac
