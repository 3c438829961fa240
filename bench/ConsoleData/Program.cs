using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Infrastructure.Persistence;
using Tracking.Migrations.Postgres.Migrations;

// The console benchmark's data set (issue 10; PostgreSQL since issue 13): the product's migrations create the schema, then
// the rows go in large batches: 3 advertisers, 8 affiliates, 20 offers with goals, CONVERSIONS conversions over the last 30
// days and about 3 hits per conversion, every hit decided.
//
//   dotnet run -c Release --project bench/ConsoleData -- PATH.db [conversions=1000000] [hits=3000000]
//   dotnet run -c Release --project bench/ConsoleData -- "postgres:Host=...;Database=NEW" [conversions] [hits]
//
// SQLite: prepared inserts, the rollup triggers count every row as the product's writes would. PostgreSQL: CSV COPY with
// the triggers and the secondary indexes off while loading (a bulk load as an operator would do it), then the indexes
// built again and the report rollups filled by the backfill statements of the migrations that created them.
var target = args.Length > 0 ? args[0] : throw new ArgumentException("usage: ConsoleData PATH.db|postgres:CONNECTION [conversions] [hits]");
var conversionCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var hitTarget = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3_000_000;
var postgres = target.StartsWith("postgres:", StringComparison.Ordinal) ? target["postgres:".Length..] : null;
var watch = Stopwatch.StartNew();
void Log(string text) => Console.Error.WriteLine($"[console-data {watch.Elapsed.TotalSeconds,6:0.0}s] {text}");

// ---------------------------------------------------------------- schema: the product's own migrations
if (postgres is null && File.Exists(target)) throw new InvalidOperationException($"{target} exists; the generator starts from a fresh file.");
var schema = new DbContextOptionsBuilder<TrackingDbContext>();
schema.UseTrackingDatabase(postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, postgres ?? $"Data Source={target}");
using (var db = new TrackingDbContext(schema.Options))
{
    if (postgres is not null && db.Database.CanConnect() && db.Database.GetAppliedMigrations().Any())
        throw new InvalidOperationException("the PostgreSQL database exists; the generator starts from a fresh one.");
    db.Database.Migrate();
}
Log("schema migrated");

string[] bulkTables = ["conversions", "hits", "deliveries", "delivery_attempts"];
using Rows rows = postgres is null ? new SqliteRows(target) : new PostgresRows(postgres, bulkTables, Log);

var random = new Random(10);
var now = DateTime.UtcNow;
var start = now.AddDays(-30);
var codec = new ClickIdCodec(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray());
string[] currencies = ["USD", "EUR", "GBP"];

// ---------------------------------------------------------------- catalog
const int Advertisers = 3, Affiliates = 8, Offers = 20;
{
    for (var a = 1; a <= Advertisers; a++)
        rows.Insert("advertisers", ["id", "name", "postback_token", "created_at"], [a, $"Advertiser {a}", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), start.AddDays(-60)]);
    for (var a = 1; a <= Affiliates; a++)
        rows.Insert("affiliates", ["id", "name", "created_at", "signing_secret"], [a, $"Affiliate {a}", start.AddDays(-60), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())]);
    var goalId = 0;
    for (var o = 1; o <= Offers; o++)
    {
        rows.Insert("offers", ["id", "advertiser_id", "name", "landing_url", "lookback_days", "expected_methods", "reconcile_after_minutes",
            "currency", "authority", "hold_for_approval", "state", "created_at"],
            [o, (o - 1) % Advertisers + 1, $"Offer {o}", $"https://shop{o}.example/landing?click_id={{click_id}}", 30, "both", 60,
             currencies[o % 3], o % 4 == 0 ? "pixel" : "postback", o % 5 == 0 ? 1 : 0, o == Offers ? "paused" : "active", start.AddDays(-45)]);
        foreach (var (code, revenue, payout) in new[] { ("sale", 0m, 0m), ("lead", 4.00m, 2.50m) })
            rows.Insert("goals", ["id", "offer_id", "code", "once_per_click", "revenue", "revenue_kind", "payout", "payout_kind"],
                [++goalId, o, code, code == "lead" ? 1 : 0, code == "sale" ? 100m : revenue, code == "sale" ? "percent" : "fixed",
                 code == "sale" ? 30m : payout, code == "sale" ? "percent" : "fixed"]);
    }
    for (var a = 1; a <= Affiliates; a++)
        rows.Insert("postback_templates", ["id", "affiliate_id", "offer_id", "goal", "trigger", "method", "url", "reversal_url", "sign", "state",
            "paused_reason", "consecutive_failures", "created_at"],
            [a, a, null, null, "approved", "get", $"https://aff{a}.example/pb?click={{click_id}}&amount={{payout}}", null, 0, "active", null, 0, start.AddDays(-40)]);
    rows.Commit();
}
Log("catalog: 3 advertisers, 8 affiliates, 20 offers, 40 goals, 8 forwarding templates");

// ---------------------------------------------------------------- conversions, hits, deliveries
string[] conversionColumns =
[
    "id", "offer_id", "affiliate_id", "goal", "click_id", "clicked_at", "sub1", "sub2", "sub3", "sub4", "sub5", "source", "order_id",
    "event_id", "dedup_key", "key_kind", "match", "authority", "status", "amount", "currency", "revenue", "payout", "duplicate_count",
    "discrepancy", "explanation", "pixel_hit_id", "pixel_at", "pixel_amount", "pixel_currency", "pixel_status", "postback_hit_id",
    "postback_at", "postback_amount", "postback_currency", "postback_status", "created_at", "updated_at", "version", "reconcile_due_at",
    "reconciled_at", "forward_due_at",
];
string[] hitColumns =
[
    "id", "method", "channel", "received_at", "offer_id", "affiliate_id", "goal", "click_id", "click_id_source", "amount", "currency",
    "order_id", "event_id", "status", "adv1", "adv2", "adv3", "adv4", "adv5", "ip", "user_agent", "outcome", "outcome_detail",
    "conversion_id", "decided_at",
];
string[] deliveryColumns =
[
    "id", "conversion_id", "template_id", "affiliate_id", "offer_id", "kind", "method", "url", "host", "body", "sign", "state",
    "attempt_count", "created_at", "retrying_since", "next_attempt_at", "completed_at", "last_error", "locked_until", "locked_by",
];
string[] attemptColumns = ["delivery_id", "at", "status_code", "error", "latency_ms", "response"];
(string Reason, string Detail)[] refusals =
[
    (Reasons.TokenInvalid, "the token does not match the advertiser's"), (Reasons.UnknownClick, "no click with this id"),
    (Reasons.InvalidClickId, "the click id fails its tag"), (Reasons.ClickExpired, "the click is older than the lookback"),
    (Reasons.UnknownGoal, "the offer has no such goal"), (Reasons.InvalidAmount, "amount is not a number"),
    (Reasons.TokenMissing, "no token"), (Reasons.OfferMismatch, "the click belongs to another offer"),
];
const string Agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

// Hits per conversion: both and amount mismatch 2, one method only 1, so ~1.8M; the rest up to the target are
// duplicates of a conversion's hit (~1 in 6 conversions... scaled) and refused hits.
var linkedHits = (long)(conversionCount * (0.75 * 2 + 0.25));
var extra = Math.Max(0, hitTarget - linkedHits);
var duplicateRate = extra * 0.3 / conversionCount;   // duplicates per conversion
var refusedRate = extra * 0.7 / conversionCount;     // refused hits per conversion
var step = TimeSpan.FromTicks((now - start).Ticks / conversionCount);
long hits = 0, deliveries = 0;
const int Batch = 50_000;
double duplicateCarry = 0, refusedCarry = 0;
for (var i = 0; i < conversionCount; i++)
{
    if (i > 0 && i % Batch == 0)
    {
        rows.Commit();
        if (i % 200_000 == 0) Log($"{i} conversions, {hits} hits, {deliveries} deliveries");
    }
    var createdAt = start + step * i + TimeSpan.FromMilliseconds(random.Next(0, (int)Math.Max(1, step.TotalMilliseconds)));
    var offer = 1 + (int)(Math.Pow(random.NextDouble(), 1.6) * Offers);   // a few offers carry most of the traffic
    if (offer > Offers) offer = Offers;
    var affiliate = 1 + random.Next(Affiliates);
    var sale = random.Next(10) < 7;
    var goal = sale ? "sale" : "lead";
    var currency = currencies[offer % 3];
    var clickedAt = createdAt.AddMinutes(-random.Next(1, 60 * 24 * 3));
    var clickId = codec.Create(offer, affiliate, clickedAt);
    var orderId = $"ORD-{i:D8}";
    var amount = sale ? Math.Round((decimal)(random.NextDouble() * 240 + 10), 2) : (decimal?)null;
    var roll = random.Next(100);   // 0-69 both, 70-84 pixel only, 85-94 postback only, 95-99 both with an amount mismatch
    var pixel = roll < 85 || roll >= 95;
    var postback = roll < 70 || roll >= 85;
    var mismatch = roll >= 95 && sale;
    var statusRoll = random.Next(100);
    var status = statusRoll < 80 ? "approved" : statusRoll < 94 ? "pending" : "rejected";
    var awaiting = !(pixel && postback) && createdAt > now.AddHours(-2);   // one method seen, the other still awaited
    var discrepancy = mismatch ? "amount_mismatch" : pixel && postback ? null : awaiting ? null : pixel ? "pixel_only" : "postback_only";
    var id = SortableId.New(createdAt);
    var pixelAt = pixel ? createdAt : (DateTime?)null;
    var postbackAt = postback ? (pixel ? createdAt.AddSeconds(random.Next(1, 600)) : createdAt) : (DateTime?)null;
    var pixelHit = pixel ? SortableId.New(pixelAt!.Value) : null;
    var postbackHit = postback ? SortableId.New(postbackAt!.Value) : null;
    var pixelAmount = amount;
    var postbackAmount = mismatch ? amount - Math.Round(amount!.Value * 0.1m, 2) : amount;
    var revenue = sale ? amount!.Value : 4.00m;
    var payout = sale ? Math.Round(amount!.Value * 0.3m, 2) : 2.50m;
    var updatedAt = postbackAt is { } pa && pa > createdAt ? pa : createdAt;
    var duplicates = 0;
    duplicateCarry += duplicateRate;
    while (duplicateCarry >= 1) { duplicates++; duplicateCarry -= 1; }
    rows.Insert("conversions", conversionColumns, [
        id, offer, affiliate, goal, clickId, clickedAt, $"camp{random.Next(50)}", random.Next(3) == 0 ? $"ad{random.Next(200)}" : null, null, null, null,
        random.Next(4) == 0 ? "newsletter" : null, orderId, null, orderId, "order_id", "exact", offer % 4 == 0 ? "pixel" : "postback", status,
        postback ? postbackAmount : pixelAmount, sale ? currency : null, revenue, payout, duplicates,
        discrepancy, discrepancy is null ? null : discrepancy == "amount_mismatch" ? "the pixel and the postback disagree on the amount" : $"seen by the {(pixel ? "pixel" : "postback")} only",
        pixelHit, pixelAt, pixel ? pixelAmount : null, pixel && sale ? currency : null, pixel ? "approved" : null,
        postbackHit, postbackAt, postback ? postbackAmount : null, postback && sale ? currency : null, postback ? status : null,
        createdAt, updatedAt, 1, awaiting ? createdAt.AddHours(1).AddDays(1) : null, awaiting ? null : (pixel && postback ? null : createdAt.AddHours(1)), null,
    ]);
    string Ip() => $"203.0.{random.Next(256)}.{random.Next(1, 255)}";
    void Hit(string hitId, string method, DateTime at, string? outcome, string? detail, string? conversion, decimal? hitAmount, string? hitStatus,
        int? hitOffer, string? hitClick, string? hitOrder)
    {
        rows.Insert("hits", hitColumns, [
            hitId, method, method == "pixel" ? "image" : "get", at, hitOffer, hitOffer is null ? null : affiliate, hitOffer is null ? null : goal,
            hitClick, hitClick is null ? "none" : method == "pixel" && random.Next(3) == 0 ? "cookie" : "parameter",
            hitAmount, hitAmount is null ? null : currency, hitOrder, null, hitStatus, null, null, null, null, null,
            Ip(), method == "pixel" ? Agent : "curl/8.5", outcome, detail, conversion, at.AddMilliseconds(random.Next(5, 900)),
        ]);
        hits++;
    }
    if (pixel) Hit(pixelHit!, "pixel", pixelAt!.Value, "converted", null, id, pixelAmount, null, offer, clickId, orderId);
    if (postback) Hit(postbackHit!, "postback", postbackAt!.Value, pixel ? "merged" : "converted", null, id, postbackAmount, status, offer, clickId, orderId);
    for (var d = 0; d < duplicates; d++)
    {
        var at = createdAt.AddSeconds(random.Next(1, 3600));
        var method = postback && (!pixel || random.Next(2) == 0) ? "postback" : "pixel";
        Hit(SortableId.New(at), method, at, "duplicate", "same order_id", id, amount, method == "postback" ? status : null, offer, clickId, orderId);
    }
    refusedCarry += refusedRate;
    while (refusedCarry >= 1)
    {
        refusedCarry -= 1;
        var at = createdAt.AddMilliseconds(random.Next(0, 60_000));
        var (reason, detail) = refusals[random.Next(refusals.Length)];
        var method = reason is "token_invalid" or "token_missing" || random.Next(2) == 0 ? "postback" : "pixel";
        var known = reason is not ("unknown_click" or "invalid_click_id");
        Hit(SortableId.New(at), method, at, reason, detail, null, sale ? amount : null, method == "postback" ? "approved" : null,
            reason == "token_missing" ? null : offer, known ? clickId : reason == "invalid_click_id" ? clickId[..30] + "AAAAAA" : codec.Create(offer, affiliate, clickedAt.AddSeconds(1)),
            $"ORD-X{random.Next(10_000_000):D7}");
    }
    if (status == "approved" && i % 10 == 0)   // a forwarded postback for 1 approved conversion in 10
    {
        var deliveryId = SortableId.New(createdAt.AddSeconds(1));
        var at = createdAt.AddSeconds(2);
        var failed = random.Next(50) == 0;
        rows.Insert("deliveries", deliveryColumns, [
            deliveryId, id, affiliate, affiliate, offer, "forward", "get", $"https://aff{affiliate}.example/pb?click={clickId}&amount={payout}",
            $"aff{affiliate}.example", null, 0, failed ? "failed" : "succeeded", 1, createdAt.AddSeconds(1), createdAt.AddSeconds(1), null, at,
            failed ? "HTTP 410" : null, null, null,
        ]);
        rows.Insert("delivery_attempts", attemptColumns, [deliveryId, at, failed ? 410 : 200, failed ? "HTTP 410" : null, random.Next(20, 400), "ok"]);
        deliveries++;
    }
}
rows.Commit();
Log($"{conversionCount} conversions, {hits} hits, {deliveries} deliveries inserted");
rows.Finish();
Log("done");
Console.WriteLine($"conversions={conversionCount} hits={hits} deliveries={deliveries} seconds={watch.Elapsed.TotalSeconds:0.0}");

/// <summary>Where the generated rows go: one provider's bulk path.</summary>
internal abstract class Rows : IDisposable
{
    public abstract void Insert(string table, string[] columns, object?[] values);

    /// <summary>Ends a batch: what was inserted since the last one is committed.</summary>
    public abstract void Commit();

    /// <summary>After the last batch: whatever the provider needs before the product reads the data.</summary>
    public abstract void Finish();

    public abstract void Dispose();
}

/// <summary>Prepared inserts in transactions of one batch; the product's triggers keep the rollups as rows arrive.</summary>
internal sealed class SqliteRows : Rows
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _inserts = [];
    private SqliteTransaction _transaction;

    public SqliteRows(string path)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        _transaction = _connection.BeginTransaction();
    }

    public override void Insert(string table, string[] columns, object?[] values)
    {
        if (!_inserts.TryGetValue(table, out var c))
        {
            c = _connection.CreateCommand();
            c.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++) c.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value));
            _inserts[table] = c;
        }
        c.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++) c.Parameters[i].Value = values[i] ?? DBNull.Value;
        c.ExecuteNonQuery();
    }

    public override void Commit()
    {
        _transaction.Commit();
        _transaction = _connection.BeginTransaction();
    }

    // No ANALYZE: the product never runs it, so its query planner works without sqlite_stat1, as here.
    public override void Finish()
    {
        _transaction.Commit();
        Exec("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public override void Dispose()
    {
        foreach (var c in _inserts.Values) c.Dispose();
        _connection.Dispose();
    }

    private void Exec(string sql)
    {
        using var c = _connection.CreateCommand();
        c.CommandText = sql;
        c.ExecuteNonQuery();
    }
}

/// <summary>
/// CSV <c>COPY</c>, one connection per table (a connection carries one <c>COPY</c> at a time), each with
/// <c>session_replication_role = replica</c> so that neither the rollup triggers nor the foreign-key checks run per row. The
/// bulk tables' secondary indexes are dropped first and built again in <see cref="Finish"/>, which then fills the report
/// rollups from the rows with the <c>ReportRollups</c> and <c>ReportDays</c> migrations' own backfill statements
/// and runs <c>ANALYZE</c> (autovacuum would, some minutes after a load like this).
/// </summary>
internal sealed class PostgresRows : Rows
{
    private readonly string _connectionString;
    private readonly Action<string> _log;
    private readonly Dictionary<string, (NpgsqlConnection Connection, TextWriter? Copy, string Command)> _tables = [];
    private readonly List<(string Name, string Definition)> _indexes = [];

    public PostgresRows(string connectionString, string[] bulkTables, Action<string> log)
    {
        _connectionString = connectionString;
        _log = log;
        using var connection = Open();
        using (var read = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(@tables) " +
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))", connection))
        {
            read.Parameters.AddWithValue("tables", bulkTables);
            using var reader = read.ExecuteReader();
            while (reader.Read()) _indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in _indexes) Exec(connection, $"DROP INDEX \"{name}\"");
        log($"{_indexes.Count} secondary indexes of {string.Join(", ", bulkTables)} dropped for the load");
    }

    public override void Insert(string table, string[] columns, object?[] values)
    {
        if (!_tables.TryGetValue(table, out var t))
        {
            var connection = Open();
            Exec(connection, "SET session_replication_role = replica");
            t = (connection, null, $"COPY {table} ({string.Join(", ", columns.Select(n => $"\"{n}\""))}) FROM STDIN (FORMAT csv)");
        }
        t.Copy ??= t.Connection.BeginTextImport(t.Command);
        _tables[table] = t;
        var w = t.Copy;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) w.Write(',');
            switch (values[i])
            {
                case null: break;
                case string s: w.Write('"'); w.Write(s.Replace("\"", "\"\"", StringComparison.Ordinal)); w.Write('"'); break;
                case DateTime d: w.Write(d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)); w.Write("+00"); break;
                case IFormattable f: w.Write(f.ToString(null, CultureInfo.InvariantCulture)); break;
                case var other: throw new InvalidOperationException($"no CSV form for {other.GetType()}");
            }
        }
        w.Write('\n');
    }

    public override void Commit()
    {
        foreach (var (table, t) in _tables.ToArray())
        {
            t.Copy?.Dispose();   // ends the COPY: its rows are committed
            _tables[table] = t with { Copy = null };
        }
    }

    public override void Finish()
    {
        Commit();
        using var connection = Open();
        Exec(connection, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, definition) in _indexes) Exec(connection, definition);
        _log($"{_indexes.Count} indexes built");
        // The rollups of the ReportRollups migration (quarters and totals from the rows), then the day rows of the
        // ReportDays migration (from the quarter rows): the statements that filled them when each migration ran.
        foreach (var sql in ReportRollups.Backfill.Concat(ReportDays.Backfill)) Exec(connection, sql);
        foreach (var table in new[] { "advertisers", "affiliates", "offers", "goals", "postback_templates" })
            Exec(connection, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))");
        _log("report rollups filled, identity sequences moved past the generated ids");
        Exec(connection, "ANALYZE");
        _log("analyzed");
    }

    public override void Dispose()
    {
        foreach (var t in _tables.Values)
        {
            t.Copy?.Dispose();
            t.Connection.Dispose();
        }
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { CommandTimeout = 0 }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Exec(NpgsqlConnection connection, string sql)
    {
        using var c = new NpgsqlCommand(sql, connection);
        c.ExecuteNonQuery();
    }
}
