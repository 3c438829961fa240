#!/usr/bin/env bash
# Micro-benchmark (issue 13): what the report rollups' row triggers cost a conversion insert in SQLite, and how much of it
# is compiling them. SQLite compiles a table's triggers into every statement it prepares; EF Core's SQLite provider
# prepares each row's command anew. Prints µs per inserted conversion for: triggers on or dropped, and the statement
# prepared once (reused, as PreparedSave does) or prepared per row (as SaveChanges does). Needs python3 (its sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
schema=$(mktemp --suffix=.sql)
db=$(mktemp -u --suffix=.db)
trap 'rm -f "$schema" "$db" "$db-wal" "$db-shm"' EXIT
dotnet tool restore >/dev/null
dotnet ef migrations script --project src/Tracking.Migrations.Sqlite --startup-project src/Tracking.Migrations.Sqlite -o "$schema" >/dev/null
python3 - "$schema" "$db" <<'PY'
import os, sqlite3, sys, time
schema, path = sys.argv[1], sys.argv[2]
triggers = ["conversions_rollup_insert", "conversions_rollup_delete", "conversions_rollup_update"]
sql = ("INSERT INTO conversions (id, offer_id, affiliate_id, goal, click_id, dedup_key, key_kind, match, authority, status, revenue,"
       " payout, duplicate_count, postback_hit_id, postback_at, created_at, updated_at, version, forward_due_at, currency, amount)"
       " VALUES (?, ?, ?, '', ?, ?, 'click', 'exact', 'postback', 'approved', '1.5', '0.5', 0, ?, ?, ?, ?, 1, ?, 'USD', '1.5')")
print("| rollup triggers | statement | µs per conversion insert |")
print("|---|---|---:|")
for drop in (False, True):
    for per_row in (False, True):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix): os.remove(path + suffix)
        c = sqlite3.connect(path, isolation_level=None)
        c.executescript(open(schema).read())
        if drop:
            for t in triggers: c.execute(f"DROP TRIGGER {t}")
        c.execute("PRAGMA journal_mode=wal"); c.execute("PRAGMA synchronous=OFF")
        n = 0; start = time.perf_counter()
        for _ in range(500):
            c.execute("BEGIN")
            for _ in range(64):
                n += 1; at = f"2026-12-04 1{n % 10}:{n % 60:02d}:00.000"
                # A comment that differs per row defeats the statement cache: each row is prepared anew.
                c.execute(sql + (f" /* {n} */" if per_row else ""), (f"c{n:08d}", n % 7, n % 5, f"k{n}", f"c:k{n}", f"h{n}", at, at, at, at))
            c.execute("COMMIT")
        c.close()
        us = (time.perf_counter() - start) / n * 1e6
        print(f"| {'dropped' if drop else 'on'} | {'prepared per row' if per_row else 'prepared once'} | {us:.0f} |")
PY
