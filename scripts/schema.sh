#!/usr/bin/env bash
# Regenerates docs/schema/{sqlite,postgres,sqlserver}.sql: the SQL script of each provider's migrations, for operators
# who migrate separately. PostgreSQL and SQL Server get idempotent scripts (--idempotent: each migration runs only when
# missing from __EFMigrationsHistory); EF cannot make one for SQLite, so sqlite.sql builds an empty database.
# No database is contacted.
# Run it after adding a migration; tests/Tracking.IntegrationTests/Persistence fails while a script is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for pair in Sqlite:sqlite Postgres:postgres SqlServer:sqlserver; do
    project="src/Tracking.Migrations.${pair%%:*}"
    output="docs/schema/${pair##*:}.sql"
    idempotent=--idempotent
    [[ $pair == Sqlite:* ]] && idempotent=
    dotnet ef migrations script $idempotent --project "$project" --startup-project "$project" --output "$output"
    # dotnet ef writes a byte order mark and the platform's line endings; the repository keeps UTF-8 without BOM and LF.
    sed -i -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' "$output"
    echo "wrote $output"
done
