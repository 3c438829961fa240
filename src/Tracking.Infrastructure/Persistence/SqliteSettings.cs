using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tracking.Infrastructure.Persistence;

/// <summary>
/// Every SQLite setting of the product, in one place. The file lives under ./data/ by default and runs in WAL mode. Every
/// connection waits up to 30 s for the write lock (SQLite's own busy handler); EF's connections use
/// <c>synchronous=NORMAL</c>, which in WAL mode survives a killed process; the ingress log's own connection uses FULL,
/// because its commit is what a 200 promises. Each connection keeps a page cache of at most 8 MiB: pooled connections hold
/// theirs while idle, and 32 MiB for EF's and 64 MiB for the ingress log's cost about 35 MiB of peak memory under load for
/// no throughput (docs/benchmarks.md, "Memory"); the operating system's page cache holds the rest of the file. No
/// connection checkpoints the write-ahead log by itself (<c>wal_autocheckpoint=0</c>): <see cref="SqliteCheckpointer"/>
/// does, off the writers' path.
/// </summary>
internal static class SqliteSettings
{
    public const string DefaultConnectionString = "Data Source=data/tracking.db";
    public const string JournalMode = "PRAGMA journal_mode=WAL;";
    public const string EfPragmas = "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=0;";
    public const string IngressPragmas = "PRAGMA busy_timeout=30000; PRAGMA synchronous=FULL; PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=0;";

    /// <summary>Creates the folder of the SQLite file (the embedded default keeps it under ./data/).</summary>
    public static void EnsureDirectory(string? connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder) && source != ":memory:") Directory.CreateDirectory(folder);
    }

    public static void Apply(DbConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    /// <summary>Gives every EF connection <see cref="EfPragmas"/> as it opens.</summary>
    public sealed class EfConnections : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection, EfPragmas);

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = EfPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
