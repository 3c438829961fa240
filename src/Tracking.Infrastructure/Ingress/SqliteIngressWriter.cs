using Microsoft.Data.Sqlite;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// SQLite's path for the ingress log: one dedicated connection with <c>synchronous=FULL</c> and prepared multi-row
/// inserts of <see cref="RowsPerStatement"/> rows (single-row ones for the rest), all in one transaction.
/// </summary>
internal sealed class SqliteIngressWriter(string connectionString) : IIngressWriter
{
    private const int RowsPerStatement = 32;
    private static readonly string[] HitColumns =
    [
        "id", "method", "channel", "received_at", "offer_id", "affiliate_id", "goal", "click_id", "click_id_source", "amount",
        "currency", "order_id", "event_id", "status", "adv1", "adv2", "adv3", "adv4", "adv5", "ip", "user_agent",
        "outcome", "outcome_detail", "conversion_id", "decided_at",
    ];
    private static readonly string[] ClickColumns =
    [
        "id", "offer_id", "affiliate_id", "clicked_at", "sub1", "sub2", "sub3", "sub4", "sub5", "source", "ip", "user_agent", "referrer",
    ];

    private SqliteConnection? _connection;
    private Statements? _hits;
    private Statements? _clicks;

    /// <summary>The prepared inserts of one table: one row, and <see cref="RowsPerStatement"/> rows.</summary>
    private sealed record Statements(SqliteCommand One, SqliteCommand Many, int Columns) : IDisposable
    {
        public void Dispose()
        {
            One.Dispose();
            Many.Dispose();
        }
    }

    public void Write(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
    {
        var connection = Open();
        using var tx = connection.BeginTransaction();
        try
        {
            Insert(_hits!, tx, hits, HitValues);
            Insert(_clicks!, tx, clicks, ClickValues);
            tx.Commit();
        }
        catch
        {
            // A broken connection is reopened for the next batch.
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_connection is null) return;
        _hits?.Dispose();
        _clicks?.Dispose();
        _connection.Dispose();
        (_connection, _hits, _clicks) = (null, null, null);
    }

    private static void Insert<T>(Statements statements, SqliteTransaction tx, IReadOnlyList<T> rows, Func<T, object?[]> values)
    {
        var i = 0;
        for (; i + RowsPerStatement <= rows.Count; i += RowsPerStatement)
        {
            for (var r = 0; r < RowsPerStatement; r++) Bind(statements.Many, r * statements.Columns, values(rows[i + r]));
            statements.Many.Transaction = tx;
            statements.Many.ExecuteNonQuery();
        }
        for (; i < rows.Count; i++)
        {
            Bind(statements.One, 0, values(rows[i]));
            statements.One.Transaction = tx;
            statements.One.ExecuteNonQuery();
        }
    }

    private static object?[] HitValues(Hit h) =>
    [
        h.Id, Name(h.Method), Name(h.Channel), h.ReceivedAt, h.OfferId, h.AffiliateId, h.Goal, h.ClickId, Name(h.ClickIdSource),
        h.Amount, h.Currency, h.OrderId, h.EventId, h.Status, h.Adv1, h.Adv2, h.Adv3, h.Adv4, h.Adv5, h.Ip, h.UserAgent,
        h.Outcome, h.OutcomeDetail, h.ConversionId, h.DecidedAt,
    ];

    private static object?[] ClickValues(Click c) =>
        [c.Id, c.OfferId, c.AffiliateId, c.ClickedAt, c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5, c.Source, c.Ip, c.UserAgent, c.Referrer];

    private SqliteConnection Open()
    {
        if (_connection is not null) return _connection;
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=30000; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;";
            pragma.ExecuteNonQuery();
        }
        _hits = Prepare(connection, "INSERT INTO hits", HitColumns);
        _clicks = Prepare(connection, "INSERT OR IGNORE INTO clicks", ClickColumns);
        return _connection = connection;
    }

    private static Statements Prepare(SqliteConnection connection, string insert, string[] columns) =>
        new(Command(connection, insert, columns, 1), Command(connection, insert, columns, RowsPerStatement), columns.Length);

    private static SqliteCommand Command(SqliteConnection connection, string insert, string[] columns, int rows)
    {
        var command = connection.CreateCommand();
        var tuples = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"$p{r * columns.Length + c}")) + ")");
        command.CommandText = $"{insert} ({string.Join(", ", columns)}) VALUES {string.Join(", ", tuples)}";
        for (var i = 0; i < rows * columns.Length; i++) command.Parameters.Add(new SqliteParameter("$p" + i, null));
        return command;
    }

    private static void Bind(SqliteCommand command, int offset, object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[offset + i].Value = values[i] ?? DBNull.Value;
    }

    private static string Name(Method v) => SnakeCaseEnumConverter<Method>.Name(v);
    private static string Name(HitChannel v) => SnakeCaseEnumConverter<HitChannel>.Name(v);
    private static string Name(ClickIdSource v) => SnakeCaseEnumConverter<ClickIdSource>.Name(v);
}
