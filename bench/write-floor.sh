#!/usr/bin/env bash
# Micro-benchmark: the database floor of one postback that makes a new conversion (issue 13): the hit's insert, the
# worker's reads, its conversion insert and hit update, prepared statements on one thread, no HTTP, no EF, no rollups.
# Usage: bench/write-floor.sh [sqlite|postgres] [hits per variant, default 200000] [index to drop, one variant each]...
# postgres needs TRACKING_TEST_POSTGRES: eval "$(scripts/services.sh up)" first.
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}
dotnet run -c Release --project bench/WriteFloor -- "$provider" "docs/schema/$provider.sql" "${2:-200000}" "${@:3}"
