using Npgsql;

namespace Chaos;

/// <summary>What the suite reads from the product's PostgreSQL database: the backlog, and after the run the ledger.</summary>
public sealed class Database(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// Hits received before <paramref name="before"/> still undecided; and deliveries still to send, counting those not even
    /// planned yet: a conversion marked for forwarding before it (its <c>ConversionsChanged</c> may have been lost with the
    /// broker, and the forwarding sweep publishes it again after <c>Forwarding:SweepAfter</c>).
    /// </summary>
    public async Task<(long Hits, long Deliveries)> BacklogAsync(DateTime before)
    {
        var hits = await ScalarAsync("SELECT count(*) FROM hits WHERE decided_at IS NULL AND received_at < @t", before);
        var deliveries = await ScalarAsync("SELECT count(*) FROM deliveries WHERE state IN ('pending', 'paused') AND created_at < @t", before)
            + await ScalarAsync("SELECT count(*) FROM conversions WHERE forward_due_at IS NOT NULL AND forward_due_at < @t", before);
        return (hits, deliveries);
    }

    public Task<long> ScalarAsync(string sql, DateTime? t = null) =>
        WithAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (t is { } at) command.Parameters.AddWithValue("t", DateTime.SpecifyKind(at, DateTimeKind.Utc));
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        });

    public Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters) =>
        WithAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync()) rows.Add(read(reader));
            return rows;
        });

    private async Task<T> WithAsync<T>(Func<NpgsqlConnection, Task<T>> work)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return await work(connection);
    }
}
