using Microsoft.Data.Sqlite;
using Tracking.Domain.Clicks;
using Tracking.Domain.Hits;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Infrastructure.Ingress;

/// <summary>
/// SQLite's path for the ingress log: <see cref="SqliteSettings.IngressPragmas"/> (<c>synchronous=FULL</c>) and prepared
/// multi-row inserts of <see cref="RowsPerStatement"/> rows (single-row ones for the rest).
/// <para>
/// Few rows per statement: Microsoft.Data.Sqlite binds every parameter by name, and SQLite finds a name by a linear scan
/// of the statement's parameters, so binding costs the square of the parameters per statement. At 32 rows of 28
/// columns that scan (strncmp) was 11 % of the API's CPU under a postback load, all of it on the single commit thread
/// and inside the write gate (issue 13, docs/benchmarks.md); at 4 rows it is an eighth of that per row.
/// </para>
/// </summary>
internal sealed class SqliteIngressWriter(string connectionString)
    : IngressWriter<SqliteConnection, SqliteTransaction>(connectionString)
{
    private const int RowsPerStatement = 4;
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

    protected override SqliteConnection Create(string connectionString) => new(connectionString);

    protected override void Prepare(SqliteConnection connection)
    {
        SqliteSettings.Apply(connection, SqliteSettings.IngressPragmas);
        _hits = Prepare(connection, "INSERT INTO hits", IngressColumns.Hits.Select(c => c.Name).ToArray());
        _clicks = Prepare(connection, "INSERT OR IGNORE INTO clicks", IngressColumns.Clicks.Select(c => c.Name).ToArray());
    }

    protected override void Insert(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
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

    private static void Insert<T>(Statements statements, SqliteTransaction tx, IReadOnlyList<T> rows, IReadOnlyList<IngressColumn<T>> columns)
    {
        var i = 0;
        for (; i + RowsPerStatement <= rows.Count; i += RowsPerStatement)
        {
            for (var r = 0; r < RowsPerStatement; r++) Bind(statements.Many, r * statements.Columns, columns, rows[i + r]);
            statements.Many.Transaction = tx;
            statements.Many.ExecuteNonQuery();
        }
        for (; i < rows.Count; i++)
        {
            Bind(statements.One, 0, columns, rows[i]);
            statements.One.Transaction = tx;
            statements.One.ExecuteNonQuery();
        }
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

    private static void Bind<T>(SqliteCommand command, int offset, IReadOnlyList<IngressColumn<T>> columns, T row)
    {
        for (var i = 0; i < columns.Count; i++) command.Parameters[offset + i].Value = columns[i].Value(row) ?? DBNull.Value;
    }
}
