using System.Data;
using Microsoft.Data.SqlClient;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// SQL Server's path for the ingress log: prepared multi-row inserts of as many rows as fit
/// in SQL Server's 2,100 parameters (and its 1,000 rows per <c>VALUES</c>), all in one transaction. Clicks already stored
/// are skipped with <c>WHERE NOT EXISTS</c> under a key-range lock, SQL Server's <c>ON CONFLICT DO NOTHING</c>.
/// </summary>
internal sealed class SqlServerIngressWriter(string connectionString)
    : IngressWriter<SqlConnection, SqlTransaction>(connectionString)
{
    private const int MaxParameters = 2000;
    /// <summary>Prepared on first use, one per table and row count (a batch's tail has its own).</summary>
    private readonly Dictionary<(string Table, int Rows), SqlCommand> _commands = [];

    protected override SqlConnection Create(string connectionString) => new(connectionString);

    protected override void Prepare(SqlConnection connection)
    {
        // SQL Server prepares within the batch's transaction: see Insert.
    }

    protected override void Insert(SqlConnection connection, SqlTransaction tx, IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
    {
        Insert(connection, tx, "hits", hits, IngressColumns.Hits);
        Insert(connection, tx, "clicks", clicks.DistinctBy(c => c.Id).ToList(), IngressColumns.Clicks);
    }

    protected override void DisposeStatements()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
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
        : type == typeof(bool) ? new SqlParameter(name, SqlDbType.Bit)
        : throw new NotSupportedException($"No SQL Server type for ingress column type {type}.");
}
