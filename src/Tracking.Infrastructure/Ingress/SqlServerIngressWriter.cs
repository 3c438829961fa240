using System.Data;
using Microsoft.Data.SqlClient;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// SQL Server's path for the ingress log: one dedicated connection, prepared multi-row inserts of as many rows as fit
/// in SQL Server's 2,100 parameters (and its 1,000 rows per <c>VALUES</c>), all in one transaction. Clicks already stored
/// are skipped with <c>WHERE NOT EXISTS</c> under a key-range lock, SQL Server's <c>ON CONFLICT DO NOTHING</c>.
/// </summary>
internal sealed class SqlServerIngressWriter(string connectionString) : IIngressWriter
{
    private const int MaxParameters = 2000;
    private SqlConnection? _connection;
    private readonly Dictionary<(string Table, int Rows), SqlCommand> _commands = [];

    public void Write(IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
    {
        var connection = Open();
        try
        {
            using var tx = connection.BeginTransaction();
            Insert(connection, tx, "hits", hits, IngressColumns.Hits);
            Insert(connection, tx, "clicks", clicks.DistinctBy(c => c.Id).ToList(), IngressColumns.Clicks);
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
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    private void Insert<T>(SqlConnection connection, SqlTransaction tx, string table, IReadOnlyList<T> rows, IReadOnlyList<IngressColumn<T>> columns)
    {
        var perStatement = Math.Min(1000, MaxParameters / columns.Count);
        for (var i = 0; i < rows.Count; i += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - i);
            if (!_commands.TryGetValue((table, count), out var command))
                _commands[(table, count)] = command = Command(connection, tx, table, columns, count);
            command.Transaction = tx;
            for (var r = 0; r < count; r++)
                for (var c = 0; c < columns.Count; c++)
                    command.Parameters[r * columns.Count + c].Value = columns[c].Value(rows[i + r]) ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    private static SqlCommand Command<T>(SqlConnection connection, SqlTransaction tx, string table, IReadOnlyList<IngressColumn<T>> columns, int rows)
    {
        var names = IngressColumns.Names(columns);
        var tuples = string.Join(", ", Enumerable.Range(0, rows)
            .Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"@p{r * columns.Count + c}")) + ")"));
        var command = connection.CreateCommand();
        command.CommandText = table == "hits"
            ? $"INSERT INTO hits ({names}) VALUES {tuples}"
            : $"INSERT INTO {table} ({names}) SELECT {names} FROM (VALUES {tuples}) AS v ({names}) " +
              $"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WITH (UPDLOCK, HOLDLOCK) WHERE t.id = v.id)";
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns.Count; c++)
                command.Parameters.Add(Parameter($"@p{r * columns.Count + c}", columns[c].Type));
        command.Transaction = tx;
        command.Prepare();
        return command;
    }

    private static SqlParameter Parameter(string name, Type type) =>
        type == typeof(string) ? new SqlParameter(name, SqlDbType.NVarChar, 4000)
        : type == typeof(int) ? new SqlParameter(name, SqlDbType.Int)
        : type == typeof(decimal) ? new SqlParameter(name, SqlDbType.Decimal) { Precision = 18, Scale = 4 }
        : type == typeof(DateTime) ? new SqlParameter(name, SqlDbType.DateTime2)
        : throw new NotSupportedException($"No SQL Server type for ingress column type {type}.");

    private SqlConnection Open()
    {
        if (_connection is not null) return _connection;
        var connection = new SqlConnection(connectionString);
        connection.Open();
        return _connection = connection;
    }
}
