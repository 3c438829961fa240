using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

// The database floor of one postback that makes a new conversion (issue 13): only the statements the product cannot do
// without, prepared once, run by one thread with no HTTP, no EF, no domain code and no report rollups (the rollup
// triggers are told to skip, as the worker tells them). Per chunk of 256 hits:
//   ingress: the hits inserted (on SQLite the mover's copy of staged rows into the main file, one row per statement;
//            on PostgreSQL the ingress log's one `INSERT … SELECT * FROM unnest(…)`), committed;
//   worker:  its reads (the chunk's hits, their clicks, the conversions of their dedup keys), then in one transaction
//            the conversions inserted and the hits updated (on PostgreSQL one array statement each, as the worker does).
// Each variant starts from an empty database made by the product's schema script (docs/schema). The first quarter of
// the hits warms the statements and fills the indexes and is not counted.
// Usage: WriteFloor sqlite|postgres <schema.sql> [hits per variant] [index dropped, one variant each]...; FLOOR_CHUNK: hits per chunk
var provider = args[0];
var schema = File.ReadAllText(args[1]);
var total = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
var chunkSize = int.Parse(Environment.GetEnvironmentVariable("FLOOR_CHUNK") ?? "256", CultureInfo.InvariantCulture);
const int Clicks = 3000;
var random = new Random(1);
var clickIds = Enumerable.Range(0, Clicks).Select(i => $"FF5X3D13GV----3----0qp{random.Next():x8}{i:D5}").ToArray();
var at = new DateTime(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

string[] hitColumns = ["id", "method", "channel", "received_at", "offer_id", "affiliate_id", "goal", "click_id", "click_id_source", "amount", "currency", "order_id", "ip", "user_agent", "is_test"];
string[] conversionColumns =
[
    "id", "offer_id", "affiliate_id", "goal", "click_id", "clicked_at", "sub1", "order_id", "dedup_key", "key_kind", "match", "authority", "status",
    "amount", "currency", "revenue", "payout", "duplicate_count", "discrepancy", "postback_hit_id", "postback_at", "postback_amount", "postback_currency",
    "postback_status", "created_at", "updated_at", "version", "reconcile_due_at", "forward_due_at", "is_test", "postback_payout", "postback_revenue",
];

Console.WriteLine($"{provider}, {total:N0} hits per variant, chunks of {chunkSize}, {Clicks:N0} clicks; µs per hit:");
Console.WriteLine();
Console.WriteLine("| indexes | ingress insert | worker reads | worker writes | worker commit | **total** | hits/s, one writer | database CPU |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
string[] minimal = ["ix_hits_undecided", "ix_conversions_offer_id_goal_dedup_key"];
Run("as shipped", _ => true);
Run("unique keys only (hits: id, undecided; conversions: id, dedup key)", minimal.Contains);
foreach (var index in args.Skip(3)) Run($"as shipped without `{index}`", name => name != index);

void Run(string label, Func<string, bool> keep)
{
    using var db = provider == "sqlite" ? (IFloorDatabase)new SqliteFloor(schema) : new PostgresFloor(schema);
    foreach (var index in db.SecondaryIndexes())
        if (!keep(index)) db.Execute($"DROP INDEX {index}");
    db.Execute(string.Join(";", clickIds.Select(id =>
        $"INSERT INTO clicks (id, offer_id, affiliate_id, clicked_at, sub1, ip, user_agent, is_test) VALUES ('{id}', 1, 1, '2026-12-06 10:00:00', 'demo', '127.0.0.1', 'wrk', {db.False})")));
    db.Prepare(hitColumns, conversionColumns);

    double ingress = 0, reads = 0, writes = 0, commit = 0, cpu = 0;
    var measured = 0;
    for (var done = 0; done < total; done += chunkSize)
    {
        var hits = new Row[chunkSize];
        for (var i = 0; i < chunkSize; i++)
        {
            var n = done + i;
            hits[i] = new Row($"01KB{n:D10}HITABCDEFGHIJ"[..26], $"01KB{n:D10}CONVABCDEFGHI"[..26], clickIds[random.Next(Clicks)], "order-" + n, at.AddTicks(n * 10));
        }
        var cpuBefore = db.ServerCpu();
        var watch = Stopwatch.StartNew();
        db.Ingest(hits);
        var t1 = watch.Elapsed.TotalMicroseconds;
        db.Read(hits);
        var t2 = watch.Elapsed.TotalMicroseconds;
        db.Decide(hits);
        var t3 = watch.Elapsed.TotalMicroseconds;
        db.Commit();
        var t4 = watch.Elapsed.TotalMicroseconds;
        var cpuAfter = db.ServerCpu();
        db.Checkpoint(done / chunkSize);
        if (done < total / 4) continue;
        (ingress, reads, writes, commit) = (ingress + t1, reads + t2 - t1, writes + t3 - t2, commit + t4 - t3);
        cpu += cpuAfter - cpuBefore;
        measured += chunkSize;
    }
    var perHit = (ingress + reads + writes + commit) / measured;
    Console.WriteLine(FormattableString.Invariant(
        $"| {label} | {ingress / measured:F1} | {reads / measured:F1} | {writes / measured:F1} | {commit / measured:F1} | **{perHit:F1}** | {1e6 / perHit:N0} | {(double.IsNaN(cpu) ? "–" : (cpu / measured).ToString("F1", CultureInfo.InvariantCulture))} |"));
}

internal sealed record Row(string Hit, string Conversion, string Click, string Order, DateTime At)
{
    public string Key => "o:" + Order;
}

internal interface IFloorDatabase : IDisposable
{
    string False { get; }
    IEnumerable<string> SecondaryIndexes();
    void Execute(string sql);
    void Prepare(string[] hitColumns, string[] conversionColumns);
    void Ingest(Row[] rows);
    void Read(Row[] rows);
    void Decide(Row[] rows);
    void Commit();
    void Checkpoint(int chunk);
    /// <summary>CPU µs the database server spent so far (NaN where the database runs inside this process).</summary>
    double ServerCpu();
}

/// <summary>SQLite as the embedded product opens its main file: WAL, synchronous NORMAL, 8 MiB of cache, checkpoints
/// by a passive checkpoint every 16 chunks (off the write path in the product: not counted here).</summary>
internal sealed class SqliteFloor : IFloorDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"write-floor-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _connection;
    private SqliteCommand _insertHit = null!, _readHits = null!, _readClicks = null!, _readKeys = null!, _insertConversion = null!, _updateHit = null!;
    private SqliteTransaction? _decide;

    public SqliteFloor(string schema)
    {
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=0;");
        Execute(schema);
    }

    public string False => "0";

    public IEnumerable<string> SecondaryIndexes() =>
        Strings("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('hits', 'conversions') AND sql IS NOT NULL");

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _decide;
        command.ExecuteNonQuery();
    }

    public void Prepare(string[] hitColumns, string[] conversionColumns)
    {
        _insertHit = Command($"INSERT INTO hits ({string.Join(", ", hitColumns)}) VALUES ({string.Join(", ", hitColumns.Select((_, i) => "$p" + i))})", hitColumns.Length);
        _readHits = Command("SELECT * FROM hits WHERE id IN (SELECT value FROM json_each($p0))", 1);
        _readClicks = Command("SELECT * FROM clicks WHERE id IN (SELECT value FROM json_each($p0))", 1);
        _readKeys = Command("SELECT * FROM conversions WHERE offer_id = 1 AND goal = 'purchase' AND dedup_key IN (SELECT value FROM json_each($p0))", 1);
        _insertConversion = Command($"INSERT INTO conversions ({string.Join(", ", conversionColumns)}) VALUES ({string.Join(", ", conversionColumns.Select((_, i) => "$p" + i))})", conversionColumns.Length);
        _updateHit = Command("UPDATE hits SET outcome = 'converted', outcome_detail = NULL, conversion_id = $p0, decided_at = $p1 WHERE id = $p2", 3);
    }

    public void Ingest(Row[] rows)
    {
        using var tx = _connection.BeginTransaction();
        _insertHit.Transaction = tx;
        foreach (var r in rows)
        {
            Bind(_insertHit, r.Hit, "postback", "get", r.At, 1, 1, "purchase", r.Click, "parameter", "10.5", "USD", r.Order, "127.0.0.1", "wrk", 0);
            _insertHit.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public void Read(Row[] rows)
    {
        Drain(_readHits, Json(rows.Select(r => r.Hit)));
        Drain(_readClicks, Json(rows.Select(r => r.Click).Distinct()));
        Drain(_readKeys, Json(rows.Select(r => r.Key)));
    }

    public void Decide(Row[] rows)
    {
        _decide = _connection.BeginTransaction();
        Execute("INSERT INTO settings (key, value) VALUES ('rollups_by_statement', '')");
        _insertConversion.Transaction = _decide;
        _updateHit.Transaction = _decide;
        foreach (var r in rows)
        {
            Bind(_insertConversion, r.Conversion, 1, 1, "purchase", r.Click, "2026-12-06 10:00:00", "demo", r.Order, r.Key, "order_id", "click_id", "postback", "approved",
                "10.5", "USD", "10.5", "5.0", 0, "postback_only", r.Hit, r.At, "10.5", "USD", "approved", r.At, r.At, 1, r.At.AddHours(48), r.At, 0, "5.0", "10.5");
            _insertConversion.ExecuteNonQuery();
            Bind(_updateHit, r.Conversion, r.At, r.Hit);
            _updateHit.ExecuteNonQuery();
        }
        Execute("DELETE FROM settings WHERE key = 'rollups_by_statement'");
    }

    public void Commit()
    {
        _decide!.Commit();
        _decide.Dispose();
        _decide = null;
    }

    public void Checkpoint(int chunk)
    {
        if (chunk % 16 == 15) Execute("PRAGMA wal_checkpoint(PASSIVE)");
    }

    public double ServerCpu() => double.NaN;

    public void Dispose()
    {
        foreach (var c in new[] { _insertHit, _readHits, _readClicks, _readKeys, _insertConversion, _updateHit }) c?.Dispose();
        _connection.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_path) + "*")) File.Delete(file);
    }

    private SqliteCommand Command(string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++) command.Parameters.Add(new SqliteParameter("$p" + i, null));
        return command;
    }

    private static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static void Drain(SqliteCommand command, string ids)
    {
        command.Parameters[0].Value = ids;
        using var reader = command.ExecuteReader();
        while (reader.Read()) _ = reader.GetValue(0);
    }

    private static string Json(IEnumerable<string> values) => "[" + string.Join(",", values.Select(v => "\"" + v + "\"")) + "]";

    private List<string> Strings(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}

/// <summary>
/// PostgreSQL from <c>TRACKING_TEST_POSTGRES</c> (a server on this machine: its backend's CPU is read from /proc), a
/// database of its own per variant. The statements are the product's shapes: arrays bound once per chunk, explicitly
/// prepared.
/// </summary>
internal sealed class PostgresFloor : IFloorDatabase
{
    private readonly string _admin;
    private readonly string _name = "write_floor_" + Guid.NewGuid().ToString("N")[..12];
    private readonly NpgsqlConnection _connection;
    private readonly int _backend;
    private NpgsqlCommand _insertHits = null!, _readHits = null!, _readClicks = null!, _readKeys = null!, _insertConversions = null!, _updateHits = null!;
    private NpgsqlTransaction? _decide;

    public PostgresFloor(string schema)
    {
        _admin = Environment.GetEnvironmentVariable("TRACKING_TEST_POSTGRES")
            ?? throw new InvalidOperationException("TRACKING_TEST_POSTGRES is not set: eval \"$(scripts/services.sh up)\" first.");
        using (var admin = new NpgsqlConnection(_admin))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            create.ExecuteNonQuery();
        }
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Pooling = false }.ConnectionString);
        _connection.Open();
        Execute(schema);
        using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", _connection);
        _backend = (int)pid.ExecuteScalar()!;
    }

    public string False => "false";

    public IEnumerable<string> SecondaryIndexes()
    {
        using var command = new NpgsqlCommand(
            "SELECT indexname FROM pg_indexes WHERE tablename IN ('hits', 'conversions') AND indexname NOT LIKE 'pk_%'", _connection);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    public void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection, _decide);
        command.ExecuteNonQuery();
    }

    public void Prepare(string[] hitColumns, string[] conversionColumns)
    {
        var hitTypes = hitColumns.Select(c => ColumnType("hits", c)).ToArray();
        _insertHits = Command($"INSERT INTO hits ({string.Join(", ", hitColumns)}) SELECT * FROM unnest({string.Join(", ", hitTypes.Select((t, i) => $"@p{i}::{t}[]"))})", hitColumns.Length);
        _readHits = Command("SELECT * FROM hits WHERE id = ANY(@p0)", 1);
        _readClicks = Command("SELECT * FROM clicks WHERE id = ANY(@p0)", 1);
        _readKeys = Command("SELECT * FROM conversions WHERE offer_id = 1 AND goal = 'purchase' AND dedup_key = ANY(@p0)", 1);
        var conversionTypes = conversionColumns.Select(c => ColumnType("conversions", c)).ToArray();
        _insertConversions = Command($"INSERT INTO conversions ({string.Join(", ", conversionColumns)}) SELECT * FROM unnest({string.Join(", ", conversionTypes.Select((t, i) => $"@p{i}::{t}[]"))})", conversionColumns.Length);
        _updateHits = Command("UPDATE hits h SET outcome = 'converted', outcome_detail = NULL, conversion_id = u.c, decided_at = u.d FROM unnest(@p0, @p1, @p2) AS u(c, d, h) WHERE h.id = u.h", 3);
    }

    public void Ingest(Row[] rows)
    {
        using var tx = _connection.BeginTransaction();
        _insertHits.Transaction = tx;
        Bind(_insertHits, rows.Select(r => r.Hit).ToArray(), Fill(rows, "postback"), Fill(rows, "get"), rows.Select(r => r.At).ToArray(), Fill(rows, 1), Fill(rows, 1),
            Fill(rows, "purchase"), rows.Select(r => r.Click).ToArray(), Fill(rows, "parameter"), Fill(rows, 10.5m), Fill(rows, "USD"), rows.Select(r => r.Order).ToArray(),
            Fill(rows, "127.0.0.1"), Fill(rows, "wrk"), Fill(rows, false));
        _insertHits.ExecuteNonQuery();
        tx.Commit();
    }

    public void Read(Row[] rows)
    {
        Drain(_readHits, rows.Select(r => r.Hit).ToArray());
        Drain(_readClicks, rows.Select(r => r.Click).Distinct().ToArray());
        Drain(_readKeys, rows.Select(r => r.Key).ToArray());
    }

    public void Decide(Row[] rows)
    {
        _decide = _connection.BeginTransaction();
        Execute("SELECT set_config('tracking.rollups_by_statement', 'on', true)");
        _insertConversions.Transaction = _decide;
        _updateHits.Transaction = _decide;
        Bind(_insertConversions, rows.Select(r => r.Conversion).ToArray(), Fill(rows, 1), Fill(rows, 1), Fill(rows, "purchase"), rows.Select(r => r.Click).ToArray(),
            Fill(rows, new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc)), Fill(rows, "demo"), rows.Select(r => r.Order).ToArray(), rows.Select(r => r.Key).ToArray(),
            Fill(rows, "order_id"), Fill(rows, "click_id"), Fill(rows, "postback"), Fill(rows, "approved"), Fill(rows, 10.5m), Fill(rows, "USD"), Fill(rows, 10.5m),
            Fill(rows, 5m), Fill(rows, 0), Fill(rows, "postback_only"), rows.Select(r => r.Hit).ToArray(), rows.Select(r => r.At).ToArray(), Fill(rows, 10.5m),
            Fill(rows, "USD"), Fill(rows, "approved"), rows.Select(r => r.At).ToArray(), rows.Select(r => r.At).ToArray(), Fill(rows, 1),
            rows.Select(r => r.At.AddHours(48)).ToArray(), rows.Select(r => r.At).ToArray(), Fill(rows, false), Fill(rows, 5m), Fill(rows, 10.5m));
        _insertConversions.ExecuteNonQuery();
        Bind(_updateHits, rows.Select(r => r.Conversion).ToArray(), rows.Select(r => r.At).ToArray(), rows.Select(r => r.Hit).ToArray());
        _updateHits.ExecuteNonQuery();
    }

    public void Commit()
    {
        _decide!.Commit();
        _decide.Dispose();
        _decide = null;
    }

    /// <summary>Statistics as autovacuum keeps them in production: a plan made while the tables were empty scans them.</summary>
    public void Checkpoint(int chunk)
    {
        if (chunk % 64 == 4) Execute("ANALYZE hits, conversions, clicks");
    }

    public double ServerCpu()
    {
        var fields = File.ReadAllText($"/proc/{_backend}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1e6 / 100; // clock ticks of 10 ms
    }

    public void Dispose()
    {
        foreach (var c in new[] { _insertHits, _readHits, _readClicks, _readKeys, _insertConversions, _updateHits }) c?.Dispose();
        _connection.Dispose();
        using var admin = new NpgsqlConnection(_admin);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE {_name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    private static T[] Fill<T>(Row[] rows, T value) => Enumerable.Repeat(value, rows.Length).ToArray();

    private string ColumnType(string table, string column)
    {
        using var command = new NpgsqlCommand(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = @t::regclass AND attname = @c", _connection);
        command.Parameters.AddWithValue("t", table);
        command.Parameters.AddWithValue("c", column);
        return (string)command.ExecuteScalar()!;
    }

    private NpgsqlCommand Command(string sql, int parameters)
    {
        var command = new NpgsqlCommand(sql, _connection);
        for (var i = 0; i < parameters; i++) command.Parameters.Add(new NpgsqlParameter("p" + i, null));
        return command;
    }

    private static void Bind(NpgsqlCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        if (!command.IsPrepared) command.Prepare();
    }

    private static void Drain(NpgsqlCommand command, string[] ids)
    {
        Bind(command, [ids]);
        using var reader = command.ExecuteReader();
        while (reader.Read()) _ = reader.GetValue(0);
    }
}
