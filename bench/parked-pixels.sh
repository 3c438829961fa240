#!/usr/bin/env bash
# Micro-benchmark (issue 13): what the worker's prefetch of parked cookieless pixels costs as they accumulate. For a chunk
# of postbacks, EfAttributionStore.FindHitsAsync looks up parked pixels (outcome no_click_id) by the chunk's order ids.
# "before" is the query EF wrote until decision 0022: on SQLite, which runs without sqlite_stat1 here as in the product,
# the planner read them through ix_hits_outcome, i.e. every parked pixel, for each chunk. "now" is the query EF writes
# for HitQueries.ParkedWithOrderIds: its FROM names ix_hits_parked_order_id (INDEXED BY). Prints ms per query and
# SQLite's plan for BENCH_PARKED parked pixels (default "20000 200000"), on the product's schema. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
schema=$(mktemp --suffix=.sql)
db=$(mktemp -u --suffix=.db)
trap 'rm -f "$schema" "$db" "$db-wal" "$db-shm"' EXIT
dotnet tool restore >/dev/null
dotnet ef migrations script --project src/Tracking.Migrations.Sqlite --startup-project src/Tracking.Migrations.Sqlite -o "$schema" >/dev/null
python3 - "$schema" "$db" ${BENCH_PARKED:-20000 200000} <<'PY'
import os, sqlite3, sys, time, uuid
schema, path, counts = sys.argv[1], sys.argv[2], [int(n) for n in sys.argv[3:]]
cols = "id, method, channel, received_at, offer_id, affiliate_id, goal, order_id, click_id_source, is_test, outcome, decided_at"
queries = {
    # Until decision 0022: the chunk's ids excluded, its order ids named (64 of each).
    "before": "SELECT * FROM hits AS h WHERE h.outcome = 'no_click_id' AND h.id NOT IN (" + ",".join("?" * 64) + ")"
              " AND h.order_id IN (" + ",".join("?" * 64) + ")",
    # Now: EF composes the raw FROM as a subquery; the chunk's own ids are left out in memory.
    "now": "SELECT h.* FROM (SELECT * FROM hits INDEXED BY ix_hits_parked_order_id WHERE outcome = 'no_click_id'"
           " AND order_id IS NOT NULL) AS h WHERE h.order_id IN (" + ",".join("?" * 64) + ")",
}
chunk = [f"X{i:025d}" for i in range(64)]
orders = [uuid.uuid4().hex for _ in range(64)]
args = {"before": chunk + orders, "now": orders}
print("| parked pixels | query | ms per chunk's prefetch | SQLite's plan |")
print("|---:|---|---:|---|")
for n in counts:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix): os.remove(path + suffix)
    c = sqlite3.connect(path)
    c.executescript(open(schema).read())
    rows = [(f"{i:026d}", "pixel", "get", "2026-12-01 00:00:00", 1 + i % 20, 1, "purchase", uuid.uuid4().hex, "none", 0,
             "no_click_id", "2026-12-01 00:00:01") for i in range(n)]
    c.executemany(f"INSERT INTO hits ({cols}) VALUES ({','.join('?' * 12)})", rows)
    c.commit()
    for name, sql in queries.items():
        plan = "; ".join(r[3] for r in c.execute("EXPLAIN QUERY PLAN " + sql, args[name]))
        started, runs = time.perf_counter(), 0
        while time.perf_counter() - started < 3:
            c.execute(sql, args[name]).fetchall()
            runs += 1
        print(f"| {n:,} | {name} | {(time.perf_counter() - started) / runs * 1000:.3f} | {plan} |")
    c.close()
PY
