#!/usr/bin/env bash
# The chaos suite (issue 12.7): the production topology (1 API + 2 workers, PostgreSQL, RabbitMQ, an affiliate partner)
# under a steady load of postbacks, pixels and duplicates, while faults happen one after another: SIGKILL the API, a
# worker, RabbitMQ and PostgreSQL (each started again); the partner's endpoint down, slow, flaky and answering 410. After
# the run it counts, per fault, from the database and the partner's log: what was acknowledged, lost, doubled, and how
# long recovery took. Writes $OUT/chaos.md; exits non-zero when anything was lost or doubled or did not recover.
#
#   bench/chaos.sh                           every fault (5 to 12 minutes on 2 cores, as busy as they are)
#   CHAOS_FAULTS=api-kill,partner-410 bench/chaos.sh    only those (after a phase without faults)
#
# Environment (all optional):
#   CHAOS_FAULTS             none api-kill worker-kill rabbitmq-kill postgres-kill partner-down partner-slow partner-flaky partner-410
#   CHAOS_DOWN=5             seconds each fault lasts;  CHAOS_STEADY=3 seconds of plain load before it
#   CHAOS_SENDERS=2          concurrent senders, each sending an order's requests then pausing CHAOS_PAUSE=0.1 seconds
#   CHAOS_RECOVERY_BOUND=180 most seconds to wait for recovery after a fault
#   CHAOS_TIMEOUT=900        the whole run's bound, in seconds
#   CHAOS_SERVICES_DIR=/tmp/tracking-chaos, CHAOS_PG_PORT=56432, CHAOS_RABBIT_PORT=56672: the suite's OWN PostgreSQL and
#                            RabbitMQ (scripts/services.sh), made afresh and removed after: the shared ones are never touched
#   CHAOS_KEEP=1             keep the servers' data folder after the run (the database, for a look at what happened)
#   TRACKING_TEST_PUBLISHED  a folder with the published hosts (api/, worker/), as .ci/run makes; otherwise they are published here
# Traffic goes only to 127.0.0.1. Raw logs: bench/results/<time>-chaos/ (or $CHAOS_OUT).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=${CHAOS_OUT:-$HERE/results/$(date +%Y%m%d-%H%M%S)-chaos}
DIR=${CHAOS_SERVICES_DIR:-/tmp/tracking-chaos}
mkdir -p "$OUT"
log() { echo "[chaos $(date +%H:%M:%S)] $*" >&2; }
services() {
  TRACKING_SERVICES_DIR=$DIR TRACKING_PG_PORT=${CHAOS_PG_PORT:-56432} TRACKING_RABBIT_PORT=${CHAOS_RABBIT_PORT:-56672} \
    "$ROOT/scripts/services.sh" "$@"
}
# The hosts the suite started (their ids in $OUT/pids), should the suite itself have been killed; then the servers.
cleanup() {
  local pid
  for pid in $(cat "$OUT/pids" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  services down 2>/dev/null || true
  [ -n "${CHAOS_KEEP:-}" ] || rm -rf "$DIR"
}

log "building the suite and the hosts (Release)"
dotnet build "$HERE/Chaos/Chaos.csproj" -c Release -nologo -v:q >"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; exit 1; }
published=${TRACKING_TEST_PUBLISHED:-}
if [ -z "$published" ] || [ ! -f "$published/api/Tracking.Api.dll" ]; then
  published=$OUT/published
  for host in api:Tracking.Api worker:Tracking.Worker; do
    dotnet publish "$ROOT/src/${host#*:}" -c Release -o "$published/${host%%:*}" -nologo -v:q >>"$OUT/build.log" 2>&1 \
      || { tail -30 "$OUT/build.log"; exit 1; }
  done
fi

log "starting the suite's own PostgreSQL and RabbitMQ in $DIR"
services down 2>/dev/null || true
rm -rf "$DIR"
trap cleanup EXIT
env_lines=$(services up)
pg=$(echo "$env_lines" | sed -n "s/^export TRACKING_TEST_POSTGRES='\(.*\)'$/\1/p")
rabbit=$(echo "$env_lines" | sed -n "s/^export TRACKING_TEST_RABBITMQ='\(.*\)'$/\1/p")

log "running (results in $OUT)"
status=0
CHAOS_POSTGRES="$pg" CHAOS_RABBITMQ="$rabbit" CHAOS_SERVICES_SCRIPT="$ROOT/scripts/services.sh" CHAOS_SERVICES_DIR="$DIR" \
  CHAOS_API_DIR="$published/api" CHAOS_WORKER_DIR="$published/worker" CHAOS_OUT="$OUT" \
  timeout --kill-after=10 "${CHAOS_TIMEOUT:-900}" dotnet "$HERE/Chaos/bin/Release/net10.0/Chaos.dll" || status=$?
[ "$status" = 124 ] && log "the run outlasted ${CHAOS_TIMEOUT:-900} s"
exit "$status"
