#!/usr/bin/env bash
# Validates deploy/compose.yaml without starting anything: `docker compose config` (Compose v2) or `docker-compose config`
# (Debian's docker-compose package; neither needs a running engine). Exits 2 when neither tool is installed.
set -euo pipefail
cd "$(dirname "$0")"

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "neither 'docker compose' nor 'docker-compose' is installed (apt-get install docker-compose): compose.yaml not validated" >&2
  exit 2
fi

"${compose[@]}" --env-file .env.example -f compose.yaml config --quiet
echo "deploy/compose.yaml is valid (${compose[*]})"
