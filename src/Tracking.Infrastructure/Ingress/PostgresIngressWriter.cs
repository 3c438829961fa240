using Npgsql;
using NpgsqlTypes;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// PostgreSQL's path for the ingress log: per table, one prepared statement that inserts a whole batch from one array
/// parameter per column (<c>INSERT ... SELECT * FROM unnest(...)</c>): one round trip per table and batch whatever its
/// size, and no statement per row count. Clicks already stored are skipped (<c>ON CONFLICT DO NOTHING</c>), as SQLite's
/// <c>INSERT OR IGNORE</c> does.
/// </summary>
internal sealed class PostgresIngressWriter(string connectionString)
    : IngressWriter<NpgsqlConnection, NpgsqlTransaction>(connectionString)
{
    private NpgsqlCommand? _hits;
    private NpgsqlCommand? _clicks;

    protected override NpgsqlConnection Create(string connectionString) => new(connectionString);

    protected override void Prepare(NpgsqlConnection connection)
    {
        _hits = Prepare(connection, "hits", IngressColumns.Hits, "");
        _clicks = Prepare(connection, "clicks", IngressColumns.Clicks, " ON CONFLICT (id) DO NOTHING");
    }

    protected override void Insert(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
    {
        Insert(_hits!, tx, hits, IngressColumns.Hits);
        Insert(_clicks!, tx, clicks, IngressColumns.Clicks);
    }

    protected override void DisposeStatements()
    {
        _hits?.Dispose();
        _clicks?.Dispose();
        (_hits, _clicks) = (null, null);
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
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : throw new NotSupportedException($"No PostgreSQL type for ingress column type {type}.");
}
