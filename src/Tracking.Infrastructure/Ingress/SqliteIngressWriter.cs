using Microsoft.Data.Sqlite;
using Tracking.Domain.Clicks;
using Tracking.Domain.Common;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// SQLite's path for the ingress log: one dedicated connection with <c>synchronous=FULL</c>, prepared statements
/// re-executed per row inside one transaction (SQLite has no network round trip, so a row costs microseconds).
/// </summary>
internal sealed class SqliteIngressWriter(string connectionString) : IIngressWriter
{
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
    private SqliteCommand? _insertHit;
    private SqliteCommand? _insertClick;

    public async Task WriteAsync(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        try
        {
            _insertHit!.Transaction = tx;
            _insertClick!.Transaction = tx;
            foreach (var h in hits)
            {
                Bind(_insertHit, h.Id, Name(h.Method), Name(h.Channel), h.ReceivedAt, h.OfferId, h.AffiliateId, h.Goal, h.ClickId,
                    Name(h.ClickIdSource), h.Amount, h.Currency, h.OrderId, h.EventId, h.Status, h.Adv1, h.Adv2, h.Adv3, h.Adv4, h.Adv5,
                    h.Ip, h.UserAgent, h.Outcome, h.OutcomeDetail, h.ConversionId, h.DecidedAt);
                await _insertHit.ExecuteNonQueryAsync(ct);
            }
            foreach (var c in clicks)
            {
                Bind(_insertClick, c.Id, c.OfferId, c.AffiliateId, c.ClickedAt, c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5, c.Source,
                    c.Ip, c.UserAgent, c.Referrer);
                await _insertClick.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch
        {
            // A broken connection is reopened for the next batch.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        _insertHit?.Dispose();
        _insertClick?.Dispose();
        await _connection.DisposeAsync();
        (_connection, _insertHit, _insertClick) = (null, null, null);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (_connection is not null) return _connection;
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=30000; PRAGMA synchronous=FULL;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        _insertHit = Prepare(connection, "INSERT INTO hits", HitColumns);
        _insertClick = Prepare(connection, "INSERT OR IGNORE INTO clicks", ClickColumns);
        return _connection = connection;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string insert, string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"{insert} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new SqliteParameter("$p" + i, null));
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static string Name(Method v) => SnakeCaseEnumConverter<Method>.Name(v);
    private static string Name(HitChannel v) => SnakeCaseEnumConverter<HitChannel>.Name(v);
    private static string Name(ClickIdSource v) => SnakeCaseEnumConverter<ClickIdSource>.Name(v);
}
