using System.Diagnostics;
using Microsoft.Data.Sqlite;

// What one row of the ingress log costs in SQLite through Microsoft.Data.Sqlite, without HTTP, channels or EF:
// the product's hits schema (args[0]: the migration script), batches of 20 rows per transaction as under load,
// with every index and with the secondary indexes dropped, synchronous FULL and NORMAL.
var schema = File.ReadAllText(args[0]);
string[] columns =
[
    "id", "method", "channel", "received_at", "offer_id", "affiliate_id", "goal", "click_id", "click_id_source", "amount",
    "currency", "order_id", "event_id", "status", "adv1", "adv2", "adv3", "adv4", "adv5", "ip", "user_agent",
    "outcome", "outcome_detail", "conversion_id", "decided_at",
];
foreach (var (indexes, synchronous) in new[] { (true, "FULL"), (true, "NORMAL"), (false, "FULL") })
{
    var path = Path.Combine(Path.GetTempPath(), $"sqlite-insert-{Guid.NewGuid():N}.db");
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};");
    Execute(connection, schema);
    if (!indexes)
        foreach (var index in Names(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hits' AND sql IS NOT NULL"))
            Execute(connection, $"DROP INDEX {index}");
    using var insert = connection.CreateCommand();
    insert.CommandText = $"INSERT INTO hits ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
    for (var i = 0; i < columns.Length; i++) insert.Parameters.Add(new SqliteParameter("$p" + i, null));
    var random = new Random(1);
    double last = 0;
    for (var round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        var rows = 0;
        for (var batch = 0; batch < 1000; batch++)
        {
            using var tx = connection.BeginTransaction();
            insert.Transaction = tx;
            for (var r = 0; r < 20; r++, rows++)
            {
                object?[] values =
                [
                    $"{round:D2}{batch:D6}{r:D4}abcdefghijklmn", "postback", "get", DateTime.UtcNow, 1, 1, "purchase",
                    "FF5X3D13GV----3----0qpDCj0j5bo741R-" + random.Next(3000), "parameter", 10.5m, "USD", "order-" + rows,
                    null, null, null, null, null, null, null, "127.0.0.1", "wrk", null, null, null, null,
                ];
                for (var i = 0; i < values.Length; i++) insert.Parameters[i].Value = values[i] ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        last = watch.Elapsed.TotalMicroseconds / rows;
    }
    Console.WriteLine($"| {(indexes ? "all indexes" : "primary key only")} | {synchronous} | {last:F1} |");
    connection.Close();
    foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(file);
}

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static List<string> Names(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    var names = new List<string>();
    while (reader.Read()) names.Add(reader.GetString(0));
    return names;
}
