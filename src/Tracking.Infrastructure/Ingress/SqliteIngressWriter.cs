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
/// <para>
/// A database in a file is staged (decision 0023): each batch is committed to <c>inbox.hits</c> and <c>inbox.clicks</c> in
/// a second file beside it (<see cref="InboxPath"/>), with <c>synchronous=FULL</c>, in a deferred transaction, so the
/// commit takes the inbox's write lock alone and never waits for the worker's hold of the main file. <see cref="Move"/>,
/// on a connection of its own, copies what was committed into <c>hits</c> and <c>clicks</c> under the write gate; the
/// next batch then deletes the moved rows from the inbox. Rows are numbered by <c>AUTOINCREMENT</c>, so a number is never
/// used twice, even after the inbox was emptied. An in-memory database is not staged.
/// </para>
/// </summary>
internal sealed class SqliteIngressWriter(string connectionString)
    : IngressWriter<SqliteConnection, SqliteTransaction>(OwnConnections(connectionString))
{
    private const int RowsPerStatement = 4;
    private Statements? _hits;
    private Statements? _clicks;
    private readonly string? _inbox = InboxPath(connectionString);
    // The mover's side (one thread at a time): its connection, and the last row numbers it copied.
    private SqliteConnection? _mover;
    private long _movedHits = -1, _movedClicks = -1;
    /// <summary>The undecided hits an earlier run left staged, until a move returns them.</summary>
    private List<string>? _recovered;
    private DateTime _inboxCheckpointedAt;
    // Written by the mover once its copy is durable, read by the writer: rows up to these numbers may leave the inbox.
    private long _prunableHits, _prunableClicks;
    // The writer's side: rows up to these numbers already left the inbox.
    private long _prunedHits, _prunedClicks;
    private SqliteCommand? _prune;

    /// <summary>How often, at most, the mover checkpoints the inbox's write-ahead log.</summary>
    private static readonly TimeSpan InboxCheckpointInterval = TimeSpan.FromMilliseconds(250);

    public override bool Staged => _inbox is not null;

    /// <summary>The staging file of a database in a file (<c>tracking.db</c> → <c>tracking.db-inbox</c>); null in memory.</summary>
    public static string? InboxPath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:") return null;
        return Path.GetFullPath(source) + "-inbox";
    }

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

    /// <summary>
    /// Staged, the writer's and the mover's connections are not pooled: closed after a failure, a connection would go back
    /// to the pool with the inbox attached, and an EF transaction on it (<c>BEGIN IMMEDIATE</c>) would lock the inbox too.
    /// </summary>
    private static string OwnConnections(string connectionString) => InboxPath(connectionString) is null
        ? connectionString
        : new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    protected override void Prepare(SqliteConnection connection)
    {
        SqliteSettings.Apply(connection, SqliteSettings.IngressPragmas);
        if (_inbox is null)
        {
            _hits = Prepare(connection, "INSERT INTO hits", IngressColumns.Hits.Select(c => c.Name).ToArray());
            _clicks = Prepare(connection, "INSERT OR IGNORE INTO clicks", IngressColumns.Clicks.Select(c => c.Name).ToArray());
            return;
        }
        Attach(connection);
        _hits = Prepare(connection, "INSERT INTO inbox.hits", IngressColumns.Hits.Select(c => c.Name).ToArray());
        _clicks = Prepare(connection, "INSERT INTO inbox.clicks", IngressColumns.Clicks.Select(c => c.Name).ToArray());
        _prune = connection.CreateCommand();
        _prune.CommandText = "DELETE FROM inbox.hits WHERE seq <= $hits; DELETE FROM inbox.clicks WHERE seq <= $clicks;";
        _prune.Parameters.Add(new SqliteParameter("$hits", 0L));
        _prune.Parameters.Add(new SqliteParameter("$clicks", 0L));
    }

    /// <summary>Staged, deferred: the first statement takes the write lock of the inbox alone (an immediate transaction would take every attached file's).</summary>
    protected override SqliteTransaction Begin(SqliteConnection connection) => connection.BeginTransaction(deferred: _inbox is not null);

    protected override void Insert(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Hit> hits, IReadOnlyList<Click> clicks)
    {
        if (_prune is not null) Prune(tx);
        Insert(_hits!, tx, hits, IngressColumns.Hits);
        Insert(_clicks!, tx, clicks, IngressColumns.Clicks);
    }

    protected override void DisposeStatements()
    {
        _hits?.Dispose();
        _clicks?.Dispose();
        _prune?.Dispose();
        (_hits, _clicks, _prune) = (null, null, null);
    }

    public override void Dispose()
    {
        base.Dispose();
        _mover?.Dispose();
        _mover = null;
    }

    /// <summary>Deletes from the inbox what the mover has durably copied, in the batch's own transaction (the inbox has one writer).</summary>
    private void Prune(SqliteTransaction tx)
    {
        var (hits, clicks) = (Volatile.Read(ref _prunableHits), Volatile.Read(ref _prunableClicks));
        if (hits <= _prunedHits && clicks <= _prunedClicks) return;
        _prune!.Transaction = tx;
        _prune.Parameters[0].Value = hits;
        _prune.Parameters[1].Value = clicks;
        _prune.ExecuteNonQuery();
        // Should the batch roll back, these rows are deleted with the next range (every delete starts from the first row).
        (_prunedHits, _prunedClicks) = (hits, clicks);
    }

    public override IReadOnlyList<string> Move()
    {
        if (_inbox is null) return [];
        try
        {
            var connection = _mover ??= OpenMover();
            // Kept until a move succeeds: a failure after the recovery committed must not lose the ids it found.
            if (_movedHits < 0) _recovered = Recover(connection);
            using (var tx = connection.BeginTransaction(deferred: true))
            {
                LockMain(connection, tx);
                var hits = Scalar(connection, tx, "SELECT coalesce(max(seq), 0) FROM inbox.hits");
                var clicks = Scalar(connection, tx, "SELECT coalesce(max(seq), 0) FROM inbox.clicks");
                if (hits > _movedHits || clicks > _movedClicks)
                {
                    Copy(connection, tx, "clicks", IngressColumns.Clicks.Select(c => c.Name), _movedClicks, clicks, "ON CONFLICT DO NOTHING");
                    Copy(connection, tx, "hits", IngressColumns.Hits.Select(c => c.Name), _movedHits, hits, "ON CONFLICT (id) DO NOTHING");
                    tx.Commit();
                }
                (_movedHits, _movedClicks) = (hits, clicks);
            }
            Volatile.Write(ref _prunableHits, _movedHits);
            Volatile.Write(ref _prunableClicks, _movedClicks);
            CheckpointInbox(connection);
            IReadOnlyList<string> leftover = _recovered ?? [];
            _recovered = null;
            return leftover;
        }
        catch
        {
            // Reopened, and everything after the last durable copy copied again, next time.
            _mover?.Dispose();
            _mover = null;
            throw;
        }
    }

    public override long CountUndecided()
    {
        if (_inbox is null) return 0;
        try
        {
            // Counted in the small partial index of undecided hits (ix_hits_undecided).
            return Scalar(_mover ??= OpenMover(), null, "SELECT count(*) FROM main.hits WHERE decided_at IS NULL");
        }
        catch
        {
            _mover?.Dispose();
            _mover = null;
            throw;
        }
    }

    private SqliteConnection OpenMover()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            // synchronous=FULL: the inbox's rows are deleted once their copy is committed, so the copy must be durable.
            SqliteSettings.Apply(connection, SqliteSettings.IngressPragmas);
            Attach(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The first move of a process: whatever an earlier run staged is copied over with the columns it was written with,
    /// and an inbox of another shape (an upgrade added a column) is made anew once empty. Returns the undecided hits staged
    /// then, which may never have been published.
    /// </summary>
    private List<string> Recover(SqliteConnection connection)
    {
        var leftover = new List<string>();
        using var tx = connection.BeginTransaction(deferred: true);
        LockMain(connection, tx);
        using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            var decided = Columns(connection, tx, "inbox", "hits").Contains("decided_at") ? " WHERE decided_at IS NULL" : "";
            read.CommandText = $"SELECT id FROM inbox.hits{decided} ORDER BY seq";
            using var reader = read.ExecuteReader();
            while (reader.Read()) leftover.Add(reader.GetString(0));
        }
        var reshape = false;
        var (hits, clicks) = (Scalar(connection, tx, "SELECT coalesce(max(seq), 0) FROM inbox.hits"),
            Scalar(connection, tx, "SELECT coalesce(max(seq), 0) FROM inbox.clicks"));
        foreach (var (table, columns, conflict) in new[]
                 {
                     ("clicks", IngressColumns.Clicks.Select(c => c.Name).ToList(), "ON CONFLICT DO NOTHING"),
                     ("hits", IngressColumns.Hits.Select(c => c.Name).ToList(), "ON CONFLICT (id) DO NOTHING"),
                 })
        {
            var staged = Columns(connection, tx, "inbox", table).Where(c => c != "seq").ToList();
            Copy(connection, tx, table, staged.Intersect(columns), 0, table == "hits" ? hits : clicks, conflict);
            reshape |= !staged.SequenceEqual(columns);
        }
        // Only at start, before the first batch is written: nothing can have been staged after what was just copied.
        if (reshape) Execute(connection, tx, "DROP TABLE inbox.hits; DROP TABLE inbox.clicks;");
        tx.Commit();
        if (reshape) CreateInbox(connection);
        (_movedHits, _movedClicks) = reshape ? (0, 0) : (hits, clicks);
        return leftover;
    }

    /// <summary>
    /// Takes the main file's write lock before the transaction reads anything there (a deferred transaction, so the
    /// inbox's lock is not taken). A read of the main file first would start a snapshot, and once another connection
    /// committed the first write would fail with <c>SQLITE_BUSY_SNAPSHOT</c>, which Microsoft.Data.Sqlite retries for
    /// its whole command timeout (30 s) before it reports "database is locked".
    /// </summary>
    private static void LockMain(SqliteConnection connection, SqliteTransaction tx) => Execute(connection, tx, "DELETE FROM main.settings WHERE 0");

    private void CheckpointInbox(SqliteConnection connection)
    {
        if (DateTime.UtcNow - _inboxCheckpointedAt < InboxCheckpointInterval) return;
        Execute(connection, null, "PRAGMA inbox.wal_checkpoint(PASSIVE)");
        _inboxCheckpointedAt = DateTime.UtcNow;
    }

    /// <summary>Attaches the inbox (WAL, <c>synchronous=FULL</c>) and creates its tables if they are missing.</summary>
    private void Attach(SqliteConnection connection)
    {
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS inbox";
            attach.Parameters.AddWithValue("$path", _inbox);
            attach.ExecuteNonQuery();
        }
        Execute(connection, null, "PRAGMA inbox.journal_mode=WAL; PRAGMA inbox.synchronous=FULL;");
        CreateInbox(connection);
    }

    /// <summary>The inbox's tables: a row number, then the ingress columns declared as <c>hits</c> and <c>clicks</c> declare them.</summary>
    private static void CreateInbox(SqliteConnection connection)
    {
        foreach (var (table, columns) in new[] { ("hits", IngressColumns.Hits.Select(c => c.Name)), ("clicks", IngressColumns.Clicks.Select(c => c.Name)) })
        {
            var declared = Declarations(connection, table);
            var definition = string.Join(", ", columns.Select(c => $"\"{c}\" {declared[c]}"));
            Execute(connection, null, $"CREATE TABLE IF NOT EXISTS inbox.{table} (seq INTEGER PRIMARY KEY AUTOINCREMENT, {definition})");
        }
    }

    private static Dictionary<string, string> Declarations(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, type, \"notnull\" FROM pragma_table_info('{table}', 'main')";
        using var reader = command.ExecuteReader();
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) declared[reader.GetString(0)] = reader.GetString(1) + (reader.GetInt64(2) == 1 ? " NOT NULL" : "");
        return declared;
    }

    private static List<string> Columns(SqliteConnection connection, SqliteTransaction tx, string schema, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}', '{schema}') ORDER BY cid";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static void Copy(SqliteConnection connection, SqliteTransaction tx, string table, IEnumerable<string> columns, long after, long upTo, string conflict)
    {
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        // The WHERE clause also keeps SQLite from reading ON CONFLICT as a join's ON.
        command.CommandText = $"INSERT INTO main.{table} ({list}) SELECT {list} FROM inbox.{table} WHERE seq > $after AND seq <= $upTo ORDER BY seq {conflict}";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$upTo", upTo);
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
