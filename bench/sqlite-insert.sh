#!/usr/bin/env bash
# Micro-benchmark: microseconds per row of the hits table in SQLite, the floor of the ingress log's commit loop.
set -euo pipefail
cd "$(dirname "$0")/.."
schema=$(mktemp --suffix=.sql)
trap 'rm -f "$schema"' EXIT
dotnet tool restore >/dev/null
dotnet ef migrations script --project src/Tracking.Migrations.Sqlite --startup-project src/Tracking.Migrations.Sqlite -o "$schema" >/dev/null
echo "| hits indexes | synchronous | µs per row (batches of 20) |"
echo "|---|---|---:|"
dotnet run -c Release --project bench/SqliteInsert -- "$schema"
