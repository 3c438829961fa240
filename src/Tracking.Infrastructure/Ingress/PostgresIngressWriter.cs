using Npgsql;
using NpgsqlTypes;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// PostgreSQL's path for the ingress log: one dedicated connection and, per table, one prepared statement that inserts a
/// whole batch from one array parameter per column (<c>INSERT ... SELECT * FROM unnest(...)</c>): one round trip per
/// table and batch whatever its size, and no statement per row count. Clicks already stored are skipped
/// (<c>ON CONFLICT DO NOTHING</c>), as SQLite's <c>INSERT OR IGNORE</c> does.
/// </summary>
internal sealed class PostgresIngressWriter(string connectionString) : IIngressWriter
{
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _hits;
    private NpgsqlCommand? _clicks;

    public void Write(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
    {
        var connection = Open();
        try
        {
            using var tx = connection.BeginTransaction();
            Insert(_hits!, tx, hits, IngressColumns.Hits);
            Insert(_clicks!, tx, clicks, IngressColumns.Clicks);
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

    private static void Insert<T>(NpgsqlCommand command, NpgsqlTransaction tx, IReadOnlyList<T> rows, IReadOnlyList<IngressColumn<T>> columns)
    {
        if (rows.Count == 0) return;
        for (var i = 0; i < columns.Count; i++) command.Parameters[i].Value = Column(columns[i], rows);
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    /// <summary>One column of the batch as a typed array (<c>int?[]</c>, <c>string?[]</c>, ...), which Npgsql sends as a PostgreSQL array.</summary>
    private static Array Column<T>(IngressColumn<T> column, IReadOnlyList<T> rows)
    {
        var type = column.Type.IsValueType ? typeof(Nullable<>).MakeGenericType(column.Type) : column.Type;
        var values = Array.CreateInstance(type, rows.Count);
        for (var r = 0; r < rows.Count; r++) values.SetValue(column.Value(rows[r]), r);
        return values;
    }

    private NpgsqlConnection Open()
    {
        if (_connection is not null) return _connection;
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        try
        {
            _hits = Prepare(connection, "hits", IngressColumns.Hits, "");
            _clicks = Prepare(connection, "clicks", IngressColumns.Clicks, " ON CONFLICT (id) DO NOTHING");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return _connection = connection;
    }

    private static NpgsqlCommand Prepare<T>(NpgsqlConnection connection, string table, IReadOnlyList<IngressColumn<T>> columns, string onConflict)
    {
        var arrays = string.Join(", ", columns.Select((_, i) => "@p" + i));
        var command = new NpgsqlCommand(
            $"INSERT INTO {table} ({IngressColumns.Names(columns)}) SELECT * FROM unnest({arrays}){onConflict}", connection);
        for (var i = 0; i < columns.Count; i++) command.Parameters.Add(new NpgsqlParameter("p" + i, NpgsqlDbType.Array | DbType(columns[i].Type)));
        command.Prepare();
        return command;
    }

    private static NpgsqlDbType DbType(Type type) =>
        type == typeof(string) ? NpgsqlDbType.Text
        : type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(decimal) ? NpgsqlDbType.Numeric
        : type == typeof(DateTime) ? NpgsqlDbType.TimestampTz
        : throw new NotSupportedException($"No PostgreSQL type for ingress column type {type}.");
}
